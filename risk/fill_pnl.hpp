// What a fill adds to the day's realized P&L (daily_pnl.hpp), live and
// after a restart.
//
// One rule for both: what the fill realized on its position (core's
// position::apply, before the fee) less its fee, in the instrument's quote
// currency, converted to KRW by to_krw (KRW as is, USDT at Upbit's KRW-USDT
// bid). Live fills are converted at the rate the risk actor holds when the
// fill arrives. The journal holds no rate, so fills replayed after a
// restart are converted at the first KRW-USDT quote after the restart
// (KRW ones are booked at once), each at its own time so that a fill of an
// earlier day is not counted.
#pragma once

#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "risk/daily_pnl.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::risk {

/// Returns what one fill adds to the day, KRW: `realized` (what it realized
/// on its position, before its fee) less `fee`, both in `currency`, at
/// `usdt_krw` (KRW per USDT); nullopt when that cannot be converted (USDT
/// with no rate yet, another currency, overflow).
std::optional<money> fill_pnl_krw(money realized, money fee,
                                  std::string_view currency,
                                  price usdt_krw) noexcept;

/// A fill from before a restart (the journal's), as it counts for the day.
struct past_fill_pnl {
  /// The fill's own time: decides its day.
  timestamp ts;
  /// The instrument's quote currency ("KRW", "USDT").
  std::string currency;
  /// What the fill realized on its position, before its fee.
  money realized;
  money fee;
};

/// What book_past_fills did with each fill.
struct past_booking {
  std::size_t booked = 0;
  /// Not converted for want of a KRW-USDT rate: book them once one is known.
  std::vector<past_fill_pnl> waiting;
  /// Not convertible at any rate (another currency, overflow): not counted.
  std::vector<past_fill_pnl> unconverted;
};

/// Books `past` into `day` at `usdt_krw`, each at its own time (a fill of a
/// day before the current one is not counted: daily_pnl::book).
past_booking book_past_fills(daily_pnl& day, std::vector<past_fill_pnl> past,
                             price usdt_krw);

} // namespace tandem::risk
