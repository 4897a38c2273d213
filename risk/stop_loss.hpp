// Stop-loss: a position or pair that has lost stop_loss_pct % (default 5)
// of what it cost is closed. Pure checks; the risk actor turns a hit into
// a halt (the emergency stop closes).
//
// A hedged pair is one position: long BTC on Upbit and short BTCUSDT on
// Binance move together with BTC, so a 10% BTC move that costs one leg 10%
// pays the other about as much. check_pair_stop_loss() therefore judges the
// hedged quantity by the two legs' combined unrealized P&L (KRW, the USDT
// leg at the KRW-USDT rate) against the pair's entry notional, the sum of
// both legs' entry values in KRW: what the pair put at stake, as a single
// position's notional is what it cost. Only what one leg holds beyond the
// other (the unhedged rest) is checked alone, in its own currency.
#pragma once

#include "config/schema.hpp"
#include "core/decimal.hpp"
#include "core/position.hpp"

#include <optional>
#include <string>

namespace tandem::risk {

/// A stop-loss that fired: close the position or pair. Amounts in the
/// currency of the check (KRW for a pair).
struct stop_loss_hit {
  /// The P&L that fired it (negative).
  money pnl;
  /// What the position or pair cost (|qty| x entry).
  money notional;
  /// -(stop_loss_pct % of notional): pnl <= this fires.
  money limit;

  /// Returns "STOP_LOSS: pnl=-50000 notional=1000000 limit=-50000".
  std::string message() const;
};

/// Returns a hit when `pnl` <= -(stop_loss_pct % of `notional`). A pair's
/// P&L and notional in KRW (arbitrage/pnl.hpp), or any one currency.
std::optional<stop_loss_hit> check_stop_loss(money pnl, money notional,
                                             const config::risk_config& cfg);

/// Returns a hit when a single position at `mark` has lost stop_loss_pct
/// % of its entry value (long: mark below entry; short: above). Nothing for
/// a flat position. Amounts in the instrument's quote currency.
std::optional<stop_loss_hit> check_stop_loss(const position& p, price mark,
                                             const config::risk_config& cfg);

/// One leg of a possible pair: its open position at a mark.
struct leg_mark {
  /// Signed: > 0 long, < 0 short (base units or contracts).
  quantity qty;
  /// Average entry price and mark, in the quote currency (both > 0 to be
  /// valued).
  price entry;
  price mark;
  /// The quote currency ("KRW", "USDT").
  std::string quote;
  std::int64_t multiplier = 1;
};

/// What the stop-loss found on two legs.
struct pair_stop_loss {
  /// Quantity hedged: min(|a|, |b|) when one leg is long and the other
  /// short on the same multiplier; zero otherwise (then each leg is alone).
  quantity hedged;
  /// The hedged pair as one position, KRW.
  std::optional<stop_loss_hit> pair;
  /// Each leg's unhedged rest (its whole position when nothing is hedged),
  /// alone, in its quote currency.
  std::optional<stop_loss_hit> a_rest;
  std::optional<stop_loss_hit> b_rest;
  /// Something could not be valued (no mark, no KRW-USDT rate, overflow):
  /// that part was not checked rather than guessed.
  bool unpriced = false;
};

/// Returns the stop-loss verdicts on legs `a` and `b` (usually Upbit KRW-BTC
/// and Binance BTCUSDT); `usdt_krw` is KRW per USDT, zero if unknown.
pair_stop_loss check_pair_stop_loss(const leg_mark& a, const leg_mark& b,
                                    price usdt_krw,
                                    const config::risk_config& cfg);

} // namespace tandem::risk
