// The day's P&L for the daily loss limit, in KRW.
//
// Day boundary: local midnight at a fixed UTC offset, by default KST
// (UTC+9, no daylight saving), the operator's and Upbit's day. A trading
// day runs [00:00, 24:00) KST = [15:00 UTC the day before, 15:00 UTC).
//
// today = realized P&L booked today
//       + (unrealized now - unrealized when the day began).
// The day's opening unrealized is the last mark() seen before the boundary
// (marks arrive with every quote, so that is within a tick of midnight).
// P&L booked with a time before the current day is yesterday's and is not
// counted again.
#pragma once

#include "core/clock.hpp"
#include "core/decimal.hpp"

#include <chrono>
#include <cstdint>

namespace tandem::risk {

/// Where days start: local midnight at `utc_offset`.
struct day_boundary {
  std::chrono::minutes utc_offset{9 * 60}; // KST
};

/// Returns the local day number of `t` (days since 1970-01-01 local).
std::int64_t day_of(timestamp t, day_boundary b = {}) noexcept;

/// Realized and unrealized P&L of the current day, KRW.
class daily_pnl {
 public:
  explicit daily_pnl(day_boundary b = {}) noexcept : boundary_(b) {}

  /// Books realized P&L (KRW, after fees) that happened at `t`.
  void book(money realized_krw, timestamp t);

  /// Returns today's P&L at `now` given the unrealized P&L now (KRW), and
  /// remembers that mark; rolls to a new day at the boundary.
  money mark(timestamp now, money unrealized_krw);

  /// Moves the day's opening unrealized P&L by `delta` (KRW): positions
  /// that appear without trading (restored after a restart) change the
  /// unrealized P&L without being today's result. Before the first mark
  /// there is nothing to move (that mark opens the day).
  void restate(money delta) noexcept;

  /// The current day's number and realized P&L so far.
  std::int64_t day() const noexcept { return day_; }
  money realized() const noexcept { return realized_; }

 private:
  void roll(std::int64_t day) noexcept;

  day_boundary boundary_;
  bool started_ = false;
  bool have_mark_ = false;
  std::int64_t day_ = 0;
  money realized_;
  money opening_unrealized_;
  money last_unrealized_;
};

} // namespace tandem::risk
