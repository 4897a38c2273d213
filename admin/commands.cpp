#include "admin/commands.hpp"

namespace tandem::admin {

requester& who_of(command& c) noexcept {
  return std::visit([](auto& x) -> requester& { return x.who; }, c);
}

std::string_view name_of(const command& c) noexcept {
  struct v {
    std::string_view operator()(const status_request&) { return "status"; }
    std::string_view operator()(const premium_request&) { return "premium"; }
    std::string_view operator()(const positions_request&) {
      return "positions";
    }
    std::string_view operator()(const orders_request&) { return "orders"; }
    std::string_view operator()(const pairs_request&) { return "pairs"; }
    std::string_view operator()(const pnl_request&) { return "pnl"; }
    std::string_view operator()(const metrics_request&) { return "metrics"; }
    std::string_view operator()(const pause_command&) { return "pause"; }
    std::string_view operator()(const resume_command&) { return "resume"; }
    std::string_view operator()(const set_param_command&) { return "set"; }
    std::string_view operator()(const cancel_all_command&) {
      return "cancel-all";
    }
    std::string_view operator()(const flatten_command&) { return "flatten"; }
    std::string_view operator()(const halt_command&) { return "halt"; }
    std::string_view operator()(const clear_halt_command&) { return "clear"; }
  };
  return std::visit(v{}, c);
}

} // namespace tandem::admin
