// Pre-trade limits as one plain function: an order, its instrument, a
// snapshot of the engine's risk state and the [risk] config in; nothing
// (pass) or a veto naming the rule and the numbers out. The first failing
// rule wins, in this order:
//
// 1. DAILY_LOSS_LIMIT   day P&L <= -(daily_loss_pct % of capital_krw):
//                       every order is refused, closing ones too (the
//                       emergency stop's flatten does not pass through
//                       pre-trade checks).
// 2. MAX_OPEN_ORDERS    open_orders + 1 > max_open_orders.
// 3. ORDER_RATE         orders sent in (now - 1 s, now] + 1 >
//                       max_orders_per_s.
// 4. VENUE_LEVERAGE     a Binance order that is not reduce-only while the
//                       leverage set on Binance > max_leverage.
// 5. MAX_ORDER_NOTIONAL price x qty x multiplier, in KRW (USDT at the
//                       snapshot's KRW-per-USDT rate) > max_order_notional.
// 6. MAX_POSITION       the instrument's position after the order, valued
//                       in KRW at its mark (else the order's price), >
//                       max_position_pct % of capital, when the order grows
//                       the position on its side (long or short). Orders
//                       that shrink a position always pass this rule.
// 7. MAX_LEVERAGE       gross exposure (sum of |position| x mark over all
//                       instruments, KRW) after an order that grows its
//                       position > max_leverage x capital.
//
// The order is valued at its limit price, or at its instrument's mark in
// the snapshot for orders without one (NO_REFERENCE_PRICE if neither).
#pragma once

#include "config/schema.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/order_request.hpp"
#include "core/venue.hpp"
#include "risk/veto.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tandem::risk {

/// One position as risk sees it.
struct position_exposure {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  /// Signed: > 0 long, < 0 short (base units or contracts).
  quantity qty;
  /// Mark price in the instrument's quote currency (KRW, USDT); zero if
  /// unknown.
  price mark;
  /// The instrument's quote currency ("KRW", "USDT").
  std::string quote;
  /// Units of base per contract.
  std::int64_t multiplier = 1;
};

/// The engine's risk state when the order is checked.
struct risk_snapshot {
  timestamp now;
  std::vector<position_exposure> positions;
  /// KRW per USDT (Upbit KRW-USDT); zero if unknown.
  price usdt_krw;
  /// Orders open on all venues.
  std::int64_t open_orders = 0;
  /// Send times of recent orders on all venues (order_rate_log::times()).
  std::vector<timestamp> recent_orders;
  /// The day's P&L, KRW (daily_pnl.hpp).
  money daily_pnl_krw;
  /// Leverage set on Binance for the symbol, if known.
  std::optional<std::int32_t> binance_leverage;
};

/// Returns `pct` % of `amount`, rounded down (exact in 128 bits).
money percent_of(money amount, std::int64_t pct) noexcept;

/// Returns `amount` in `currency` as KRW: KRW as is, USDT at `usdt_krw`;
/// nullopt for another currency, a non-positive rate or overflow.
std::optional<money> to_krw(money amount, std::string_view currency,
                            price usdt_krw) noexcept;

/// Returns nothing if `o` passes every rule, else the first veto.
std::optional<veto> check(const order_request& o, const instrument& inst,
                          const risk_snapshot& s,
                          const config::risk_config& cfg);

} // namespace tandem::risk
