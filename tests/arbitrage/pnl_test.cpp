#include "arbitrage/pnl.hpp"

#include "tests/arbitrage/fixtures.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace tandem;
using namespace tandem::arbitrage;
using namespace tandem::arbitrage::test;

namespace {

fill make_fill(venue v, side s, const char* q, const char* p, const char* fee) {
  fill f;
  f.venue = v;
  f.symbol = v == venue::upbit ? "KRW-BTC" : "BTCUSDT";
  f.side = s;
  f.qty = qty(q);
  f.px = px(p);
  f.fee = money::must_parse(fee);
  return f;
}

} // namespace

TEST(arbitrage_pnl, round_trip_matches_a_hand_calculation) {
  // Entry: buy 0.002 BTC on Upbit at 143,000,000 KRW (fee 0.05% = 143 KRW),
  //        short 0.002 on Binance at 97,000 USDT (fee 0.05% = 0.097 USDT).
  // Exit:  sell on Upbit at 140,000,000 (fee 140 KRW),
  //        buy back on Binance at 96,000 (fee 0.096 USDT).
  // Upbit:   280,000 - 286,000 - 143 - 140          = -6,283 KRW
  // Binance: 194 - 192 - 0.097 - 0.096              = 1.807 USDT
  //          x 1,440 KRW/USDT                       = 2,602.08 KRW
  // Total:                                          = -3,680.92 KRW
  // Fees:    283 + 0.193 x 1,440 = 283 + 277.92     = 560.92 KRW
  std::vector<fill> up{
    make_fill(venue::upbit, side::buy, "0.002", "143000000", "143"),
    make_fill(venue::upbit, side::sell, "0.002", "140000000", "140")};
  std::vector<fill> bn{
    make_fill(venue::binance, side::sell, "0.002", "97000", "0.097"),
    make_fill(venue::binance, side::buy, "0.002", "96000", "0.096")};
  auto p = compute_pair_pnl(up, bn, px("1440"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->upbit_krw.to_string(), "-6283");
  EXPECT_EQ(p->binance_usdt.to_string(), "1.807");
  EXPECT_EQ(p->binance_krw.to_string(), "2602.08");
  EXPECT_EQ(p->total_krw.to_string(), "-3680.92");
  EXPECT_EQ(p->fees_krw.to_string(), "560.92");
  EXPECT_TRUE(p->upbit_open.is_zero());
  EXPECT_TRUE(p->binance_open.is_zero());
}

TEST(arbitrage_pnl, open_legs_are_marked) {
  // Only the entry: marks 142,000,000 KRW and 96,500 USDT.
  // Upbit:   -286,000 - 143 + 284,000 = -2,143 KRW
  // Binance: 194 - 0.097 - 193 = 0.903 USDT x 1,440 = 1,300.32 KRW
  std::vector<fill> up{
    make_fill(venue::upbit, side::buy, "0.002", "143000000", "143")};
  std::vector<fill> bn{
    make_fill(venue::binance, side::sell, "0.002", "97000", "0.097")};
  auto p = compute_pair_pnl(up, bn, px("1440"), {px("142000000"), px("96500")});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->upbit_krw.to_string(), "-2143");
  EXPECT_EQ(p->binance_usdt.to_string(), "0.903");
  EXPECT_EQ(p->total_krw.to_string(), "-842.68");
  EXPECT_EQ(p->upbit_open, qty("0.002"));
  EXPECT_EQ(p->binance_open, qty("-0.002"));
  // Without marks an open pair has no P&L figure.
  EXPECT_EQ(compute_pair_pnl(up, bn, px("1440")).error(),
            arbitrage_error::missing_quote);
}

TEST(arbitrage_pnl, partial_fills_add_up_exactly) {
  // Three Upbit fills of one buy, one sell; prices with 8 decimals.
  std::vector<fill> up{
    make_fill(venue::upbit, side::buy, "0.00033333", "143000001", "0"),
    make_fill(venue::upbit, side::buy, "0.00066667", "143000003", "0"),
    make_fill(venue::upbit, side::sell, "0.001", "143000002", "0")};
  auto p = compute_pair_pnl(up, {}, px("1440"));
  ASSERT_TRUE(p);
  // 143,000.002 - (47,666.19033333 + 95,333.81200001) = -0.00033334 KRW:
  // exact, no rounding on the way.
  EXPECT_EQ(p->upbit_krw.to_string(), "-0.00033334");
}

TEST(arbitrage_pnl, rebates_and_empty_pairs) {
  std::vector<fill> bn{
    make_fill(venue::binance, side::sell, "0.001", "100", "-0.01"),
    make_fill(venue::binance, side::buy, "0.001", "100", "-0.01")};
  auto p = compute_pair_pnl({}, bn, px("1000"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->binance_usdt.to_string(), "0.02"); // maker rebates
  EXPECT_EQ(p->fees_krw.to_string(), "-20");
  auto e = compute_pair_pnl({}, {}, px("1000"));
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->total_krw.is_zero());
}

TEST(arbitrage_pnl, bad_inputs_are_errors) {
  std::vector<fill> wrong{
    make_fill(venue::binance, side::buy, "0.001", "100", "0")};
  EXPECT_EQ(compute_pair_pnl(wrong, {}, px("1")).error(),
            arbitrage_error::bad_event);
  EXPECT_EQ(compute_pair_pnl({}, {}, px("0")).error(),
            arbitrage_error::non_positive_price);
  std::vector<fill> zero{make_fill(venue::upbit, side::buy, "0", "100", "0")};
  EXPECT_EQ(compute_pair_pnl(zero, {}, px("1")).error(),
            arbitrage_error::bad_event);
}
