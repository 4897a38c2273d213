// An order as the engine intends it, before any venue has seen it.
#pragma once

#include "core/client_order_id.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/order_types.hpp"
#include "core/venue.hpp"
#include "core/violation.hpp"

#include <optional>
#include <string>

namespace tandem {

/// Everything needed to place one order. Prices are in the instrument's
/// quote currency (KRW on Upbit KRW markets, USDT on Binance USD-M);
/// quantities in base asset units (BTC) or contracts.
struct order_request {
  client_order_id id;
  tandem::venue venue = venue::upbit;
  /// The venue's symbol: "KRW-BTC", "BTCUSDT".
  std::string symbol;
  tandem::side side = side::buy;
  order_type type = order_type::limit;
  time_in_force tif = time_in_force::gtc;
  /// Expiry for GTD orders only.
  std::optional<timestamp> expire_at;
  /// Only reduces an existing position (Binance `reduceOnly`).
  bool reduce_only = false;
  quantity qty;
  /// Limit price: limit and stop-limit orders.
  std::optional<price> limit_price;
  /// Trigger price: stop and stop-limit; optional activation price for
  /// trailing stops.
  std::optional<price> stop_price;
  /// Trailing distance as a price amount (quote currency) ...
  std::optional<price> trailing_amount;
  /// ... or as a rate of the price (0.01 = 1%). Exactly one of the two.
  std::optional<rate> trailing_rate;
};

/// Checks the order's own consistency (type vs. fields, time in force,
/// positive quantity and prices). The instrument's tick, lot and notional
/// rules are checked by check_order() in core/instrument.hpp.
std::optional<violation> check_shape(const order_request& o);

} // namespace tandem
