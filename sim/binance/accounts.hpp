// Account state of the simulated venue: the USDT wallet and one-way mode
// positions (signed quantity, average entry, accumulated realized P&L,
// leverage). Fills change it; fees are charged in USDT. Pure arithmetic on
// fixed-point values: no double anywhere.
#pragma once

#include "core/decimal.hpp"
#include "core/order_types.hpp"
#include "sim/binance/config.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace tandem::sim::binance {

/// One symbol's position in one-way mode.
struct position_state {
  /// Signed: > 0 long, < 0 short.
  quantity qty;
  /// Average entry price of the open quantity; zero when flat.
  price entry;
  /// Realized P&L accumulated before fees (ACCOUNT_UPDATE `cr`).
  money realized;
  std::int32_t leverage = 20;
  std::int64_t update_ms = 0;
};

/// What one fill did to the account.
struct fill_effect {
  /// P&L realized by the closing part of the fill, before fees.
  money realized;
  money fee;
};

/// One API account.
struct account_state {
  account_config config;
  /// Wallet balance: deposits + realized P&L - fees.
  money wallet;
  std::map<std::string, position_state> positions;
  /// countdownCancelAll deadlines by symbol, ms.
  std::map<std::string, std::int64_t> countdowns;

  /// Returns the position of `symbol`, created flat on first use.
  position_state& position(const symbol_config& s);

  /// Applies one fill: position, entry, realized P&L, fee, wallet.
  fill_effect apply_fill(const symbol_config& s, tandem::side side, price px,
                         quantity qty, rate fee_rate, std::int64_t now_ms);
};

/// Returns the unrealized P&L of `p` at `mark`.
money unrealized_pnl(const position_state& p, price mark);

/// Returns |qty| x mark / leverage, the initial margin of a position or an
/// order of that size.
money initial_margin(quantity qty, price mark, std::int32_t leverage);

/// Returns the largest position notional allowed at `leverage` (a coarse
/// leverage bracket table, as maxNotionalValue).
money max_notional_for(std::int32_t leverage);

} // namespace tandem::sim::binance
