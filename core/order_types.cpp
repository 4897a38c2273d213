#include "core/order_types.hpp"

namespace tandem {

std::string_view to_string(side s) noexcept {
  switch (s) {
    case side::buy: return "buy";
    case side::sell: return "sell";
  }
  return "unknown";
}

std::string_view to_string(order_type t) noexcept {
  switch (t) {
    case order_type::market: return "market";
    case order_type::limit: return "limit";
    case order_type::stop: return "stop";
    case order_type::stop_limit: return "stop_limit";
    case order_type::trailing_stop: return "trailing_stop";
  }
  return "unknown";
}

std::string_view to_string(time_in_force t) noexcept {
  switch (t) {
    case time_in_force::gtc: return "gtc";
    case time_in_force::ioc: return "ioc";
    case time_in_force::fok: return "fok";
    case time_in_force::gtd: return "gtd";
  }
  return "unknown";
}

} // namespace tandem
