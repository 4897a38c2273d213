// JSON for the admin API: the engine's views, command outcomes, errors,
// health and events. One function per shape, so the wire format of each
// reply is written in one place (admin/README.md lists them).
#pragma once

#include "admin/api.hpp"
#include "admin/events.hpp"
#include "admin/views.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::admin {

/// The Content-Type of every JSON reply.
inline constexpr std::string_view json_content_type = "application/json";

/// A rendered answer: status and body (JSON unless said otherwise).
struct api_reply {
  unsigned status = 200;
  std::string body;
  std::string content_type = std::string(json_content_type);
  /// Extra response headers (Allow on a 405, WWW-Authenticate on a 401).
  std::vector<std::pair<std::string, std::string>> headers;
};

std::string to_json(const status_view& v);
std::string to_json(const premium_view& v);
std::string to_json(const positions_view& v);
std::string to_json(const orders_view& v);
std::string to_json(const pairs_view& v);
std::string to_json(const pnl_view& v);

/// Returns {"error":..,"field":..} (field null when empty).
std::string to_json(const api_error& e);

/// Returns the error reply of `e`: its status, its JSON, and the headers
/// its status calls for (WWW-Authenticate: Bearer on 401, Allow on 405).
api_reply error_reply(const api_error& e);

/// Returns the HTTP status of an engine refusal (400, 404, 409, 503).
unsigned http_status(refusal_code c) noexcept;

/// Returns {"ok":true,"command":..,"summary":..,"affected":..}, or the
/// refusal as an error reply.
api_reply command_result(std::string_view name, const command_reply& r);

/// Returns {"ok":true,"command":"set","name":..,"old":..,"new":..}, or the
/// refusal as an error reply.
api_reply command_result(const set_param_reply& r);

/// Whether a supervisor should consider the engine healthy.
struct health {
  bool healthy = false;
  /// What is wrong ("halted", "venue binance disconnected"); empty when
  /// healthy.
  std::vector<std::string> problems;
};

/// Healthy: not halted, at least one venue, and every venue connected.
health assess(const status_view& v);

/// Returns 200 {"healthy":true,"problems":[]} or 503 with the problems.
api_reply health_reply(const health& h);

/// Returns the event as one JSON object with a "type" member ("fill",
/// "pair_settlement", "alert", "status_change").
std::string to_json(const fill_event& e);
std::string to_json(const pair_settlement_event& e);
std::string to_json(const alert_event& e);
std::string to_json(const status_change_event& e);

/// Returns a rate (a fraction) as basis points, exactly: 0.0215 -> "215".
std::string rate_to_bps(rate r);

} // namespace tandem::admin
