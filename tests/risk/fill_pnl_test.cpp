// What a fill adds to the day's realized P&L: its realized P&L less its
// fee, in KRW; past fills booked at their own time (an earlier day's are
// not counted), USDT ones waiting for a KRW-USDT rate.
#include "risk/fill_pnl.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::risk;
using namespace std::chrono_literals;

namespace {

money krw(const char* s) { return money::must_parse(s); }
price usdt_krw(const char* s) { return price::must_parse(s); }

// 2024-01-01T15:00:00Z = 2024-01-02T00:00:00 KST.
const timestamp kst_midnight = from_unix_ms(1'704'121'200'000);

past_fill_pnl past(timestamp ts, const char* currency, const char* realized,
                   const char* fee) {
  return {ts, currency, money::must_parse(realized), money::must_parse(fee)};
}

} // namespace

TEST(risk_fill_pnl, realized_less_fee_converted_to_krw) {
  EXPECT_EQ(fill_pnl_krw(krw("-1000"), krw("50"), "KRW", price{}),
            krw("-1050"));
  // USDT at the KRW-USDT rate; a rebate (negative fee) adds.
  EXPECT_EQ(fill_pnl_krw(krw("-10"), krw("-0.5"), "USDT", usdt_krw("1400")),
            krw("-13300"));
  EXPECT_FALSE(fill_pnl_krw(krw("-10"), krw("0"), "USDT", price{}));
  EXPECT_FALSE(fill_pnl_krw(krw("-10"), krw("0"), "BTC", usdt_krw("1400")));
}

TEST(risk_fill_pnl, past_fills_count_only_in_their_own_day) {
  daily_pnl day;
  auto r = book_past_fills(
    day,
    {past(kst_midnight - 2h, "KRW", "-500000", "500"), // yesterday (KST)
     past(kst_midnight - 1ms, "KRW", "-100000", "0"),  // yesterday, last ms
     past(kst_midnight, "KRW", "-200000", "100"),      // today, first ns
     past(kst_midnight + 3h, "USDT", "-20", "1"),      // today
     past(kst_midnight + 4h, "KRW", "50000", "50")},   // today
    usdt_krw("1400"));
  EXPECT_EQ(r.booked, 5u);
  EXPECT_TRUE(r.waiting.empty());
  EXPECT_TRUE(r.unconverted.empty());
  // -200,100 - 29,400 + 49,950: today's only.
  EXPECT_EQ(day.mark(kst_midnight + 5h, money::zero()), krw("-179550"));
}

TEST(risk_fill_pnl, a_day_already_running_ignores_yesterdays_fills) {
  daily_pnl day;
  day.mark(kst_midnight + 6h, money::zero()); // quotes came first
  book_past_fills(day,
                  {past(kst_midnight + 1h, "KRW", "-1000", "0"),
                   past(kst_midnight - 1h, "KRW", "-9999", "0")},
                  price{});
  EXPECT_EQ(day.mark(kst_midnight + 6h, money::zero()), krw("-1000"));
}

TEST(risk_fill_pnl, usdt_fills_wait_for_a_rate_the_rest_is_booked) {
  daily_pnl day;
  auto r = book_past_fills(day,
                           {past(kst_midnight + 1h, "USDT", "-10", "0"),
                            past(kst_midnight + 2h, "KRW", "-1000", "0"),
                            past(kst_midnight + 3h, "EUR", "-1", "0")},
                           price{});
  EXPECT_EQ(r.booked, 1u);
  ASSERT_EQ(r.waiting.size(), 1u);
  EXPECT_EQ(r.waiting[0].currency, "USDT");
  ASSERT_EQ(r.unconverted.size(), 1u);
  EXPECT_EQ(r.unconverted[0].currency, "EUR");
  EXPECT_EQ(day.mark(kst_midnight + 4h, money::zero()), krw("-1000"));
  // The first KRW-USDT quote books them, at their own time.
  auto later = book_past_fills(day, std::move(r.waiting), usdt_krw("1400"));
  EXPECT_EQ(later.booked, 1u);
  EXPECT_EQ(day.mark(kst_midnight + 4h, money::zero()), krw("-15000"));
}
