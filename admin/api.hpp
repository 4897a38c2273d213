// The admin API's routes and how a request becomes a command: route
// lookup (404 / 405), the role each route needs (403) and strict parsing
// of JSON bodies (400 naming the field). Pure: the gateway runs this on
// the server thread before anything reaches the engine.
#pragma once

#include "admin/commands.hpp"
#include "admin/requester.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tandem::admin {

/// A refusal of the API itself, rendered as {"error":..,"field":..}.
struct api_error {
  /// HTTP status: 400, 401, 403, 404, 405, 503, 504.
  unsigned status = 400;
  std::string message;
  /// The request field at fault ("reason", "name", "kimchi.entry_bps",
  /// "body", "path"), or empty.
  std::string field;
  /// For 405: the method the path takes.
  std::string allow;
};

/// Every route. Stable: also the `route` label of the request counter.
enum class route_id : std::uint8_t {
  status,
  premium,
  positions,
  orders,
  pairs,
  pnl,
  pause,
  resume,
  params,
  cancel_all,
  flatten,
  halt,
  clear_halt,
  metrics,
  healthz,
  events,
};

/// One route of the API.
struct route_spec {
  std::string_view method;
  std::string_view path;
  route_id id = route_id::status;
  /// The least role that may call it; anonymous: no token needed.
  role needs = role::read_only;
  /// Name in logs and metrics ("halt").
  std::string_view name;
};

/// Returns every route.
std::span<const route_spec> routes() noexcept;

/// Returns the route of `method` and `path` (no query), or 404 for an
/// unknown path and 405 for a known path with another method.
result<const route_spec*, api_error> find_route(std::string_view method,
                                                std::string_view path);

/// Longest accepted halt/clear reason, bytes.
inline constexpr std::size_t max_reason_length = 500;

/// Returns the command for a command route (everything but healthz and
/// events) built from its JSON body, with a default requester; or 400
/// naming the field: malformed JSON, a body that is not an object, an
/// unknown or repeated member, a missing or mistyped one, an unknown
/// parameter, a value out of range, an empty reason. GET routes ignore
/// the body; POST routes without parameters take none, "" or "{}".
result<command, api_error> parse_command(const route_spec& route,
                                         std::string_view body);

} // namespace tandem::admin
