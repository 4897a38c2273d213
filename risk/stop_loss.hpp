// Stop-loss: a position or pair that has lost stop_loss_pct % (default 5)
// of what it cost is closed. Pure checks; the strategy or the position
// actor turns a hit into a close signal.
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

} // namespace tandem::risk
