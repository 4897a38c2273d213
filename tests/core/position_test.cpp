#include "core/position.hpp"

#include <gtest/gtest.h>

using namespace tandem;

namespace {

fill f(venue v, const char* sym, side s, const char* q, const char* p,
       const char* fee = "0") {
  fill x;
  x.venue = v;
  x.symbol = sym;
  x.side = s;
  x.qty = quantity::must_parse(q);
  x.px = price::must_parse(p);
  x.fee = money::must_parse(fee);
  return x;
}

} // namespace

TEST(core_position, long_adds_average_and_partial_close) {
  position pos{venue::upbit, "KRW-BTC"};
  ASSERT_TRUE(pos.apply(
    f(venue::upbit, "KRW-BTC", side::buy, "0.01", "100000000", "500")));
  ASSERT_TRUE(pos.apply(
    f(venue::upbit, "KRW-BTC", side::buy, "0.01", "102000000", "510")));
  EXPECT_EQ(pos.net_qty().to_string(), "0.02");
  EXPECT_EQ(pos.avg_entry()->to_string(), "101000000");
  auto r = pos.apply(
    f(venue::upbit, "KRW-BTC", side::sell, "0.015", "104000000", "780"));
  ASSERT_TRUE(r);
  // (104,000,000 - 101,000,000) x 0.015 = 45,000 KRW before fees.
  EXPECT_EQ(r->to_string(), "45000");
  EXPECT_EQ(pos.net_qty().to_string(), "0.005");
  EXPECT_EQ(pos.avg_entry()->to_string(), "101000000");
  EXPECT_EQ(pos.fees().to_string(), "1790");
  EXPECT_EQ(pos.realized_pnl().to_string(), "43210");
  // Mark 100,000,000: (100M - 101M) x 0.005 = -5,000 KRW.
  EXPECT_EQ(pos.unrealized_pnl(price::must_parse("100000000"))->to_string(),
            "-5000");
}

TEST(core_position, short_and_cover) {
  position pos{venue::binance, "BTCUSDT"};
  ASSERT_TRUE(pos.apply(
    f(venue::binance, "BTCUSDT", side::sell, "0.003", "97000", "0.1455")));
  EXPECT_EQ(pos.net_qty().to_string(), "-0.003");
  EXPECT_EQ(pos.unrealized_pnl(price::must_parse("96500"))->to_string(), "1.5");
  auto r = pos.apply(
    f(venue::binance, "BTCUSDT", side::buy, "0.003", "96000", "0.144"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_string(), "3");
  EXPECT_TRUE(pos.is_flat());
  EXPECT_EQ(pos.avg_entry(), std::nullopt);
  EXPECT_EQ(pos.realized_pnl().to_string(), "2.7105");
  EXPECT_EQ(pos.unrealized_pnl(price::must_parse("1"))->to_string(), "0");
}

TEST(core_position, crossing_zero_closes_then_opens_at_the_fill_price) {
  position pos{venue::binance, "BTCUSDT"};
  ASSERT_TRUE(
    pos.apply(f(venue::binance, "BTCUSDT", side::buy, "0.01", "100")));
  auto r = pos.apply(f(venue::binance, "BTCUSDT", side::sell, "0.03", "110"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_string(), "0.1");
  EXPECT_EQ(pos.net_qty().to_string(), "-0.02");
  EXPECT_EQ(pos.avg_entry()->to_string(), "110");
  EXPECT_EQ(pos.unrealized_pnl(price::must_parse("100"))->to_string(), "0.2");
}

TEST(core_position, contract_multiplier_scales_pnl) {
  position pos{venue::ls, "101W9000", 250000};
  ASSERT_TRUE(pos.apply(f(venue::ls, "101W9000", side::buy, "1", "350")));
  auto r = pos.apply(f(venue::ls, "101W9000", side::sell, "1", "351.05"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_string(), "262500");
}

TEST(core_position, partial_close_keeps_average_exact) {
  // Three buys at prices whose average is not a whole tick.
  position pos{venue::binance, "BTCUSDT"};
  for (auto p : {"100", "100", "101"})
    ASSERT_TRUE(pos.apply(f(venue::binance, "BTCUSDT", side::buy, "1", p)));
  EXPECT_EQ(pos.avg_entry()->to_string(), "100.33333333");
  auto r1 = pos.apply(f(venue::binance, "BTCUSDT", side::sell, "1", "101"));
  auto r2 = pos.apply(f(venue::binance, "BTCUSDT", side::sell, "2", "101"));
  ASSERT_TRUE(r1 && r2);
  // Total realized must be exactly 3 x 101 - 301 = 2, whatever the split.
  EXPECT_EQ((*r1 + *r2).to_string(), "2");
  EXPECT_EQ(pos.realized_pnl().to_string(), "2");
}

TEST(core_position, fees_and_rebates) {
  position pos{venue::binance, "BTCUSDT"};
  ASSERT_TRUE(
    pos.apply(f(venue::binance, "BTCUSDT", side::buy, "1", "100", "0.05")));
  ASSERT_TRUE(
    pos.apply(f(venue::binance, "BTCUSDT", side::sell, "1", "100", "-0.02")));
  EXPECT_EQ(pos.realized_pnl().to_string(), "-0.03");
}

TEST(core_position, wrong_instrument_and_bad_fills_change_nothing) {
  position pos{venue::upbit, "KRW-BTC"};
  auto r = pos.apply(f(venue::binance, "BTCUSDT", side::buy, "1", "100"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), position_error::instrument_mismatch);
  EXPECT_EQ(
    pos.apply(f(venue::upbit, "KRW-BTC", side::buy, "0", "100")).error(),
    position_error::bad_fill);
  EXPECT_TRUE(pos.is_flat());
  EXPECT_TRUE(pos.fees().is_zero());
}

TEST(core_position, overflow_is_reported) {
  position pos{venue::upbit, "KRW-BTC"};
  ASSERT_TRUE(
    pos.apply(f(venue::upbit, "KRW-BTC", side::buy, "90000000000", "1")));
  auto r = pos.apply(f(venue::upbit, "KRW-BTC", side::buy, "90000000000", "1"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), position_error::overflow);
  EXPECT_EQ(pos.net_qty().to_string(), "90000000000");
}
