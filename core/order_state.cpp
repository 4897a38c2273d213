#include "core/order_state.hpp"

namespace tandem {

std::string_view to_string(order_status s) noexcept {
  switch (s) {
    case order_status::pending_new: return "pending_new";
    case order_status::accepted: return "accepted";
    case order_status::partially_filled: return "partially_filled";
    case order_status::filled: return "filled";
    case order_status::pending_cancel: return "pending_cancel";
    case order_status::canceled: return "canceled";
    case order_status::pending_replace: return "pending_replace";
    case order_status::replaced: return "replaced";
    case order_status::rejected: return "rejected";
    case order_status::expired: return "expired";
  }
  return "unknown";
}

std::string_view to_string(order_event e) noexcept {
  switch (e) {
    case order_event::accepted: return "accepted";
    case order_event::rejected: return "rejected";
    case order_event::partial_fill: return "partial_fill";
    case order_event::fill: return "fill";
    case order_event::cancel_requested: return "cancel_requested";
    case order_event::cancel_rejected: return "cancel_rejected";
    case order_event::canceled: return "canceled";
    case order_event::replace_requested: return "replace_requested";
    case order_event::replace_rejected: return "replace_rejected";
    case order_event::replaced: return "replaced";
    case order_event::expired: return "expired";
  }
  return "unknown";
}

} // namespace tandem
