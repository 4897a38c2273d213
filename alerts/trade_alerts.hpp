// The alerts the trading path raises, built one way so every message
// carries the same details: pair id, venues, symbols, sides, quantities,
// prices and what the engine did. The pair coordinator and the emergency
// stop call these and send the result to the alert actor.
#pragma once

#include "alerts/alert.hpp"
#include "core/decimal.hpp"
#include "core/order_types.hpp"
#include "core/venue.hpp"

#include <span>
#include <string>
#include <string_view>

namespace tandem::alerts {

/// One leg as it stands when the alert is raised.
struct leg_summary {
  tandem::venue venue = tandem::venue::upbit;
  /// The venue's symbol: "KRW-BTC", "BTCUSDT".
  std::string symbol;
  tandem::side side = tandem::side::buy;
  /// Base-asset quantity asked for and filled so far (BTC).
  quantity ordered;
  quantity filled;
  /// Limit or average fill price in the quote asset (KRW on Upbit, USDT on
  /// Binance); zero when there is none (a market order that never filled).
  tandem::price price;
  /// "filled", "rejected: insufficient margin", "timed out, query: new".
  std::string state;
};

/// One leg failed while the other filled (or partly filled). Dedup key:
/// the failed venue and its state, so a burst of the same fault across
/// many pairs is one message with a repeat count.
alert one_leg_failure_alert(std::string_view pair_id, const leg_summary& failed,
                            const leg_summary& filled, std::string_view action,
                            timestamp at);

/// A filled quantity was unwound (or the unwind failed: then the severity
/// is critical and the key names the pair, so it is never folded).
alert rollback_alert(std::string_view pair_id, const leg_summary& unwind,
                     bool succeeded, std::string_view action, timestamp at);

/// The pair was handed to the emergency stop; `legs` is the exposure left.
alert escalation_alert(std::string_view pair_id, std::string_view reason,
                       std::span<const leg_summary> legs,
                       std::string_view action, timestamp at);

/// Trading halted. `trigger` is short and stable ("daily_loss_limit",
/// "manual", "rollback_failed"); it is the dedup key.
alert halt_alert(std::string_view trigger, std::string_view detail,
                 std::string_view action, timestamp at);

/// An operator cleared the halt.
alert halt_cleared_alert(std::string_view by, timestamp at);

/// Returns "buy 0.01 KRW-BTC @ 95000000 on upbit, filled 0.01 (filled)"
/// style text for one leg.
std::string describe_leg(const leg_summary& leg);

} // namespace tandem::alerts
