// The small enums every order carries.
#pragma once

#include <cstdint>
#include <string_view>

namespace tandem {

/// Buy or sell. Sell on a perpetual opens or adds to a short.
enum class side : std::uint8_t { buy = 1, sell = 2 };

/// What kind of order.
enum class order_type : std::uint8_t {
  market = 1,        ///< Take liquidity now; no price.
  limit = 2,         ///< Rest at `price` or better.
  stop = 3,          ///< Market order when `stop_price` trades.
  stop_limit = 4,    ///< Limit order at `price` when `stop_price` trades.
  trailing_stop = 5, ///< Stop that trails the market by an amount or a rate.
};

/// How long an order lives.
enum class time_in_force : std::uint8_t {
  gtc = 1, ///< Good till canceled.
  ioc = 2, ///< Immediate or cancel: fill what can be filled, cancel the rest.
  fok = 3, ///< Fill or kill: all now or nothing.
  gtd = 4, ///< Good till date: needs an expiry.
};

/// Returns the opposite side.
constexpr side opposite(side s) noexcept {
  return s == side::buy ? side::sell : side::buy;
}

std::string_view to_string(side s) noexcept;
std::string_view to_string(order_type t) noexcept;
std::string_view to_string(time_in_force t) noexcept;

} // namespace tandem
