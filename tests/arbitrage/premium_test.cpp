#include "arbitrage/premium.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace tandem;
using namespace tandem::arbitrage;

namespace {

price px(const char* s) { return price::must_parse(s); }
quantity qty(const char* s) { return quantity::must_parse(s); }
rate rt(const char* s) { return rate::must_parse(s); }

const fee_rates five_bps{rt("0.0005"), rt("0.0005")};
const fee_rates no_fees{rate::zero(), rate::zero()};

venues::book_top top(const char* bid, const char* ask) {
  venues::book_top t;
  t.bid = px(bid);
  t.ask = px(ask);
  return t;
}

} // namespace

TEST(arbitrage_premium, entry_uses_asks_bid_and_conversion_ask) {
  auto p = select_prices(pair_kind::entry, top("142900000", "143000000"),
                         top("96999.9", "97000.1"), top("1439", "1440"));
  EXPECT_EQ(p.upbit_krw, px("143000000"));
  EXPECT_EQ(p.binance_usdt, px("96999.9"));
  EXPECT_EQ(p.usdt_krw, px("1440"));
}

TEST(arbitrage_premium, exit_uses_the_opposite_sides) {
  auto p = select_prices(pair_kind::exit, top("142900000", "143000000"),
                         top("96999.9", "97000.1"), top("1439", "1440"));
  EXPECT_EQ(p.upbit_krw, px("142900000"));
  EXPECT_EQ(p.binance_usdt, px("97000.1"));
  EXPECT_EQ(p.usdt_krw, px("1439"));
}

TEST(arbitrage_premium, entry_net_of_fees_matches_hand_calculation) {
  // U = 143,000,000 x 0.9995 = 142,928,500 KRW
  // B = 97,000 x 1.0005 x 1,440 = 139,749,840 KRW
  // (U - B) / B = 3,178,660 / 139,749,840 = 227.4535698... bps, floored.
  auto r = premium(pair_kind::entry, {px("143000000"), px("97000"), px("1440")},
                   five_bps);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_string(), "227.453569");
}

TEST(arbitrage_premium, fees_make_the_entry_premium_smaller) {
  premium_prices p{px("143000000"), px("97000"), px("1440")};
  auto gross = premium(pair_kind::entry, p, no_fees);
  auto net = premium(pair_kind::entry, p, five_bps);
  ASSERT_TRUE(gross && net);
  // 143,000,000 / 139,680,000 - 1 = 237.6861397... bps, floored.
  EXPECT_EQ(gross->to_string(), "237.686139");
  EXPECT_LT(*net, *gross);
}

TEST(arbitrage_premium, exit_net_of_fees_rounds_up) {
  // U = 141,000,000 x 1.0005 = 141,070,500 KRW
  // B = 97,100 x 0.9995 x 1,439 = 139,657,036.55 KRW
  // (U - B) / B = 101.2096128... bps, rounded up for an exit.
  auto r = premium(pair_kind::exit, {px("141000000"), px("97100"), px("1439")},
                   five_bps);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_string(), "101.209613");
  auto gross = premium(pair_kind::exit,
                       {px("141000000"), px("97100"), px("1439")}, no_fees);
  ASSERT_TRUE(gross);
  EXPECT_GT(*r, *gross);
}

TEST(arbitrage_premium, negative_premium_is_exact_and_floored) {
  // U = 138,930,500; B = 139,749,840: -58.6290474... bps, floored.
  auto r = premium(pair_kind::entry, {px("139000000"), px("97000"), px("1440")},
                   five_bps);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->is_negative());
  EXPECT_EQ(r->to_string(), "-58.629048");
}

TEST(arbitrage_premium, an_exact_premium_has_no_rounding_error) {
  // 102 / (1 x 100) - 1 = 0.02 = 200 bps exactly, either way.
  premium_prices p{px("102"), px("1"), px("100")};
  EXPECT_EQ(*premium(pair_kind::entry, p, no_fees), whole_bps(200));
  EXPECT_EQ(*premium(pair_kind::exit, p, no_fees), whole_bps(200));
}

TEST(arbitrage_premium, bps_and_rate_convert_exactly) {
  EXPECT_EQ(to_rate(whole_bps(200)), rt("0.02"));
  EXPECT_EQ(to_bps(rt("0.0001")), whole_bps(1));
  EXPECT_EQ(to_bps(rt("-0.00000123")).to_string(), "-0.0123");
}

TEST(arbitrage_premium, refuses_non_positive_prices_and_bad_fees) {
  auto zero
    = premium(pair_kind::entry, {px("0"), px("97000"), px("1440")}, five_bps);
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error(), arbitrage_error::non_positive_price);
  auto neg = premium(pair_kind::exit, {px("1"), px("1"), px("-1")}, five_bps);
  ASSERT_FALSE(neg);
  EXPECT_EQ(neg.error(), arbitrage_error::non_positive_price);
  auto fee = premium(pair_kind::entry, {px("1"), px("1"), px("1")},
                     {rt("1"), rate::zero()});
  ASSERT_FALSE(fee);
  EXPECT_EQ(fee.error(), arbitrage_error::bad_fee);
  auto negfee = premium(pair_kind::entry, {px("1"), px("1"), px("1")},
                        {rate::zero(), rt("-0.0001")});
  ASSERT_FALSE(negfee);
  EXPECT_EQ(negfee.error(), arbitrage_error::bad_fee);
}

TEST(arbitrage_premium, vwap_walks_levels_and_rounds_as_told) {
  std::vector<venues::book_level> asks{
    {px("100"), qty("1")}, {px("100.5"), qty("0")}, {px("101"), qty("2")}};
  EXPECT_EQ(*vwap(asks, qty("0.5"), rounding::up), px("100"));
  EXPECT_EQ(*vwap(asks, qty("2.5"), rounding::up), px("100.6"));
  // 302 / 3 = 100.666...
  EXPECT_EQ(*vwap(asks, qty("3"), rounding::up), px("100.66666667"));
  EXPECT_EQ(*vwap(asks, qty("3"), rounding::down), px("100.66666666"));
}

TEST(arbitrage_premium, vwap_errors) {
  std::vector<venues::book_level> asks{{px("100"), qty("1")}};
  EXPECT_EQ(vwap(asks, qty("1.00000001"), rounding::up).error(),
            arbitrage_error::insufficient_depth);
  EXPECT_EQ(vwap(asks, qty("0"), rounding::up).error(),
            arbitrage_error::non_positive_quantity);
  std::vector<venues::book_level> bad{{px("0"), qty("1")}};
  EXPECT_EQ(vwap(bad, qty("1"), rounding::up).error(),
            arbitrage_error::non_positive_price);
  EXPECT_EQ(vwap({}, qty("1"), rounding::up).error(),
            arbitrage_error::insufficient_depth);
}

TEST(arbitrage_premium, depth_premium_matches_top_inside_the_first_level) {
  venues::book_depth up;
  up.asks = {{px("143000000"), qty("0.01")}, {px("143100000"), qty("1")}};
  up.bids = {{px("142900000"), qty("0.01")}};
  venues::book_depth bn;
  bn.bids = {{px("97000"), qty("0.005")}, {px("96990"), qty("1")}};
  bn.asks = {{px("97000.1"), qty("1")}};
  auto inside = depth_premium(pair_kind::entry, up, bn, px("1440"),
                              qty("0.005"), five_bps);
  ASSERT_TRUE(inside);
  EXPECT_EQ(inside->to_string(), "227.453569");
  // Walking deeper: Upbit VWAP 143,050,000, Binance VWAP 96,992.5. A worse
  // Upbit buy and a worse Binance sell WIDEN the measured premium (the pair
  // is long the dear venue), so depth must not be used to make a signal
  // look better: rules take the premium at the top and use depth to size.
  auto deeper = depth_premium(pair_kind::entry, up, bn, px("1440"), qty("0.02"),
                              five_bps);
  ASSERT_TRUE(deeper);
  EXPECT_EQ(deeper->to_string(), "231.820722");
  // The exit walks Upbit bids, which hold only 0.01 BTC.
  auto thin
    = depth_premium(pair_kind::exit, up, bn, px("1439"), qty("0.02"), five_bps);
  ASSERT_FALSE(thin);
  EXPECT_EQ(thin.error(), arbitrage_error::insufficient_depth);
}
