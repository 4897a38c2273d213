// The requests the admin gateway sends the engine, one struct per command,
// each carrying who asked. admin/api.hpp builds them from HTTP requests;
// actors/control_protocol.hpp declares which reply each gets (reply_of
// below says the same for code that is generic over commands).
#pragma once

#include "admin/params.hpp"
#include "admin/requester.hpp"
#include "admin/views.hpp"

#include <string>
#include <variant>
#include <vector>

namespace tandem::admin {

struct metric_family;

// -- queries (read_only) -----------------------------------------------------

struct status_request {
  requester who;
};
struct premium_request {
  requester who;
};
struct positions_request {
  requester who;
};
struct orders_request {
  requester who;
};
struct pairs_request {
  requester who;
};
struct pnl_request {
  requester who;
};
/// Asks for the engine's metric families (admin/metrics.hpp).
struct metrics_request {
  requester who;
};

// -- commands (operator) -----------------------------------------------------
// The engine journals each with who/when/what before acting, and alerts.

/// Stop opening pairs; open pairs keep being managed.
struct pause_command {
  requester who;
  std::string strategy = "kimchi";
};
struct resume_command {
  requester who;
  std::string strategy = "kimchi";
};
/// Change one parameter (range-checked already; the engine checks values
/// that depend on others and replies with the old and new value).
struct set_param_command {
  requester who;
  param_value param;
};
/// Cancel every open order on every venue.
struct cancel_all_command {
  requester who;
};
/// Close every position on every venue (market orders, reduce-only).
struct flatten_command {
  requester who;
};
/// The emergency stop: block new orders, cancel open ones, persist.
struct halt_command {
  requester who;
  std::string reason;
};
/// Lift a halt; trading resumes (strategies keep their pause state).
struct clear_halt_command {
  requester who;
  std::string reason;
};

/// Any request the API can produce.
using command = std::variant<status_request, premium_request, positions_request,
                             orders_request, pairs_request, pnl_request,
                             metrics_request, pause_command, resume_command,
                             set_param_command, cancel_all_command,
                             flatten_command, halt_command, clear_halt_command>;

/// Returns the requester of any command.
requester& who_of(command& c) noexcept;

/// Returns the command's name as the API spells it ("status", "halt").
std::string_view name_of(const command& c) noexcept;

/// The engine's metrics: every family it exports.
using metrics_snapshot = std::vector<metric_family>;

/// The reply type of each request.
template<class Request>
struct reply_of;
// clang-format off
template<> struct reply_of<status_request>     { using type = status_view; };
template<> struct reply_of<premium_request>    { using type = premium_view; };
template<> struct reply_of<positions_request>  { using type = positions_view; };
template<> struct reply_of<orders_request>     { using type = orders_view; };
template<> struct reply_of<pairs_request>      { using type = pairs_view; };
template<> struct reply_of<pnl_request>        { using type = pnl_view; };
template<> struct reply_of<metrics_request>    { using type = metrics_snapshot; };
template<> struct reply_of<pause_command>      { using type = command_reply; };
template<> struct reply_of<resume_command>     { using type = command_reply; };
template<> struct reply_of<set_param_command>  { using type = set_param_reply; };
template<> struct reply_of<cancel_all_command> { using type = command_reply; };
template<> struct reply_of<flatten_command>    { using type = command_reply; };
template<> struct reply_of<halt_command>       { using type = command_reply; };
template<> struct reply_of<clear_halt_command> { using type = command_reply; };
// clang-format on

template<class Request>
using reply_of_t = typename reply_of<Request>::type;

} // namespace tandem::admin
