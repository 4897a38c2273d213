// A pre-trade veto: which rule refused the order and the numbers. A veto
// refuses the whole order; risk never shrinks one to make it fit.
//
// Rules are numbered 10xx (arbitrage 9xx); numbers are pinned, a retired
// one is commented out, never reused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::risk {

/// The pre-trade rule that refused an order.
enum class risk_rule : std::uint16_t {
  /// The day's P&L is at or below -daily_loss_pct of capital: no orders.
  daily_loss_limit = 1000,
  /// open orders + 1 > max_open_orders.
  max_open_orders = 1001,
  /// orders sent in the last second + 1 > max_orders_per_s.
  order_rate = 1002,
  /// The order's notional in KRW > max_order_notional_krw.
  max_order_notional = 1003,
  /// The instrument's position after the order > max_position_pct of
  /// capital (KRW), on the side the order grows.
  max_position = 1004,
  /// Gross exposure after the order > max_leverage x capital.
  max_leverage = 1005,
  /// The leverage set on the venue (Binance) > max_leverage.
  venue_leverage = 1006,
  /// The quote currency cannot be converted to KRW (no or bad rate).
  no_fx_rate = 1007,
  /// No price to value the order at (market order without a mark).
  no_reference_price = 1008,
  /// The order's numbers overflow or are not positive.
  bad_order = 1009,
  /// A venue of the pair is away (risk/venue_away.hpp: actor down, a
  /// restarted instance not connected yet, a stream disconnected): a leg
  /// sent there would fail and leave the other one to unwind.
  venue_away = 1010,
};

/// Returns the SCREAMING_CASE name, e.g. "MAX_ORDER_NOTIONAL".
std::string_view to_string(risk_rule r) noexcept;

/// A refusal: the rule and key=value numbers ("notional_krw=1430000
/// max_krw=1000000").
struct veto {
  risk_rule rule = risk_rule::bad_order;
  std::string detail;

  /// Returns "MAX_ORDER_NOTIONAL: notional_krw=1430000 max_krw=1000000".
  std::string message() const;
};

} // namespace tandem::risk
