#include "risk/daily_pnl.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::risk;
using namespace std::chrono_literals;

namespace {

money krw(const char* s) { return money::must_parse(s); }

// 2024-01-01T15:00:00Z = 2024-01-02T00:00:00 KST.
const timestamp kst_midnight = from_unix_ms(1'704'121'200'000);

} // namespace

TEST(risk_daily_pnl, kst_day_starts_at_15_utc) {
  EXPECT_EQ(day_of(kst_midnight) - day_of(kst_midnight - 1ms), 1);
  EXPECT_EQ(day_of(kst_midnight), day_of(kst_midnight + 23h + 59min));
  EXPECT_EQ(day_of(kst_midnight + 24h) - day_of(kst_midnight), 1);
  // UTC days start 9 hours later.
  day_boundary utc{std::chrono::minutes{0}};
  EXPECT_EQ(day_of(kst_midnight, utc), day_of(kst_midnight - 1ms, utc));
  EXPECT_EQ(day_of(kst_midnight + 9h, utc) - day_of(kst_midnight, utc), 1);
}

TEST(risk_daily_pnl, realized_and_unrealized_reset_at_the_boundary) {
  daily_pnl d;
  // Engine start at 23:00 KST with 1,000 KRW unrealized: not today's.
  EXPECT_EQ(d.mark(kst_midnight - 1h, krw("1000")), krw("0"));
  d.book(krw("-200"), kst_midnight - 30min);
  EXPECT_EQ(d.mark(kst_midnight - 10min, krw("700")), krw("-500"));
  // Midnight KST: the day opens at the last mark's unrealized (700).
  EXPECT_EQ(d.mark(kst_midnight + 1min, krw("650")), krw("-50"));
  EXPECT_EQ(d.realized(), krw("0"));
  d.book(krw("-300"), kst_midnight + 2min);
  EXPECT_EQ(d.mark(kst_midnight + 3min, krw("650")), krw("-350"));
  // Late news from yesterday does not count today.
  d.book(krw("-999"), kst_midnight - 5min);
  EXPECT_EQ(d.realized(), krw("-300"));
}

TEST(risk_daily_pnl, booking_can_open_the_next_day) {
  daily_pnl d;
  d.book(krw("-100"), kst_midnight - 1h);
  d.book(krw("-50"), kst_midnight + 1h);
  EXPECT_EQ(d.realized(), krw("-50"));
  EXPECT_EQ(d.day(), day_of(kst_midnight));
  EXPECT_EQ(d.mark(kst_midnight + 2h, krw("0")), krw("-50"));
}

TEST(risk_daily_pnl, restated_positions_are_not_the_days_result) {
  daily_pnl d;
  EXPECT_EQ(d.mark(kst_midnight + 1h, krw("0")), krw("0"));
  EXPECT_EQ(d.mark(kst_midnight + 2h, krw("-100")), krw("-100"));
  // Positions held before a restart come back with 5,000 KRW unrealized.
  d.restate(krw("5000"));
  EXPECT_EQ(d.mark(kst_midnight + 3h, krw("4900")), krw("-100"));
  EXPECT_EQ(d.mark(kst_midnight + 4h, krw("4800")), krw("-200"));
  // Next day: opens at the last mark, restated positions included.
  EXPECT_EQ(d.mark(kst_midnight + 25h, krw("4700")), krw("-100"));
  // Before any mark, the first mark opens the day anyway.
  daily_pnl fresh;
  fresh.restate(krw("5000"));
  EXPECT_EQ(fresh.mark(kst_midnight, krw("5000")), krw("0"));
}
