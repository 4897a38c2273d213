#include "risk/daily_pnl.hpp"

namespace tandem::risk {

std::int64_t day_of(timestamp t, day_boundary b) noexcept {
  auto local = t.time_since_epoch() + b.utc_offset;
  auto days = std::chrono::floor<std::chrono::days>(local);
  return days.count();
}

void daily_pnl::roll(std::int64_t day) noexcept {
  day_ = day;
  started_ = true;
  realized_ = money::zero();
  opening_unrealized_ = last_unrealized_;
}

void daily_pnl::book(money realized_krw, timestamp t) {
  auto d = day_of(t, boundary_);
  if (!started_ || d > day_)
    roll(d);
  else if (d < day_)
    return; // yesterday's, already past
  realized_ += realized_krw;
}

void daily_pnl::restate(money delta) noexcept {
  if (!have_mark_)
    return;
  opening_unrealized_ += delta;
  last_unrealized_ += delta;
}

money daily_pnl::mark(timestamp now, money unrealized_krw) {
  auto d = day_of(now, boundary_);
  if (!started_ || d > day_)
    roll(d);
  if (!have_mark_) {
    // The first mark ever opens the day: what was unrealized when the
    // engine started is not today's result.
    opening_unrealized_ = unrealized_krw;
    have_mark_ = true;
  }
  last_unrealized_ = unrealized_krw;
  return realized_ + (unrealized_krw - opening_unrealized_);
}

} // namespace tandem::risk
