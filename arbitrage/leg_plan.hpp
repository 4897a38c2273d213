// A signal becomes two orders: the Upbit KRW-BTC leg and the Binance
// BTCUSDT leg, each a marketable limit IOC at the signal's limit price and
// quantity, each checked against its instrument before it can leave.
//
// | kind  | Upbit KRW-BTC      | Binance BTCUSDT                |
// |-------|--------------------|--------------------------------|
// | entry | buy, limit IOC     | sell, limit IOC                |
// | exit  | sell, limit IOC    | buy, limit IOC, reduce-only    |
//
// IOC because a leg that rests is exposure nobody asked for: whatever does
// not fill at once is cancelled, and the settlement (pair_settlement.hpp)
// evens out the legs from what did fill.
#pragma once

#include "arbitrage/signal.hpp"
#include "core/client_order_id.hpp"
#include "core/instrument.hpp"
#include "core/order_request.hpp"
#include "core/result.hpp"
#include "core/violation.hpp"

#include <string>

namespace tandem::arbitrage {

/// The two leg orders of one signal.
struct leg_pair {
  order_request upbit;
  order_request binance;
};

/// A leg that breaks its instrument's rules, and which venue it was for.
struct leg_plan_error {
  tandem::venue venue = venue::upbit;
  violation why;

  /// Returns "binance: below min notional: notional=97 min=100 USDT".
  std::string message() const;
};

/// Returns one limit IOC order with a fresh client id from `ids`, checked
/// with check_order() against `inst` (shape, tick, lot, minimums). The
/// building block for legs and for settlement's unwind/top-up orders.
result<order_request, leg_plan_error>
plan_order(const instrument& inst, side s, quantity qty, price limit,
           bool reduce_only, client_order_id_generator& ids);

/// Returns both legs of `sig` (table above), or the first leg that fails
/// its instrument's checks. Ids are taken from `ids`, Upbit's first; a
/// refused plan may leave gaps in the sequence, never a reused id.
result<leg_pair, leg_plan_error> plan_legs(const pair_signal& sig,
                                           const instrument& upbit,
                                           const instrument& binance,
                                           client_order_id_generator& ids);

} // namespace tandem::arbitrage
