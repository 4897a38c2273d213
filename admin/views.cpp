#include "admin/views.hpp"
#include "admin/events.hpp"

namespace tandem::admin {

std::string_view to_string(strategy_state s) noexcept {
  switch (s) {
    case strategy_state::running: return "running";
    case strategy_state::paused: return "paused";
    case strategy_state::disabled: return "disabled";
  }
  return "unknown";
}

std::string_view to_string(pair_phase p) noexcept {
  switch (p) {
    case pair_phase::opening: return "opening";
    case pair_phase::open: return "open";
    case pair_phase::closing: return "closing";
    case pair_phase::closed: return "closed";
    case pair_phase::rolled_back: return "rolled_back";
    case pair_phase::escalated: return "escalated";
  }
  return "unknown";
}

std::string_view to_string(refusal_code c) noexcept {
  switch (c) {
    case refusal_code::invalid_value: return "invalid_value";
    case refusal_code::not_found: return "not_found";
    case refusal_code::conflict: return "conflict";
    case refusal_code::unavailable: return "unavailable";
  }
  return "unknown";
}

std::string_view to_string(settlement_outcome o) noexcept {
  switch (o) {
    case settlement_outcome::hedged: return "hedged";
    case settlement_outcome::closed: return "closed";
    case settlement_outcome::rolled_back: return "rolled_back";
    case settlement_outcome::escalated: return "escalated";
  }
  return "unknown";
}

std::string_view to_string(alert_severity s) noexcept {
  switch (s) {
    case alert_severity::info: return "info";
    case alert_severity::warning: return "warning";
    case alert_severity::critical: return "critical";
  }
  return "unknown";
}

std::string_view to_string(status_change c) noexcept {
  switch (c) {
    case status_change::halted: return "halted";
    case status_change::halt_cleared: return "halt_cleared";
    case status_change::strategy_paused: return "strategy_paused";
    case status_change::strategy_resumed: return "strategy_resumed";
    case status_change::param_changed: return "param_changed";
    case status_change::venue_connected: return "venue_connected";
    case status_change::venue_disconnected: return "venue_disconnected";
    case status_change::orders_cancelled: return "orders_cancelled";
    case status_change::positions_flattened: return "positions_flattened";
  }
  return "unknown";
}

} // namespace tandem::admin
