#include "arbitrage/sizing.hpp"

#include "config/schema.hpp"
#include "tests/arbitrage/fixtures.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace tandem;
using namespace tandem::arbitrage;
using namespace tandem::arbitrage::test;

namespace {

struct arbitrage_sizing : ::testing::Test {
  instrument up = upbit_krw_btc();
  instrument bn = binance_btcusdt();

  sizing_request request(const char* target, const char* up_depth,
                         const char* bn_depth) {
    sizing_request r;
    r.target = qty(target);
    r.upbit = sized_leg{&up, px("143000000"), qty(up_depth), false};
    r.binance = sized_leg{&bn, px("97000"), qty(bn_depth), false};
    return r;
  }
};

} // namespace

TEST_F(arbitrage_sizing, common_lot_is_the_coarser_shared_grid) {
  EXPECT_EQ(*common_lot(qty("0.001"), qty("0.00000001")), qty("0.001"));
  EXPECT_EQ(*common_lot(qty("0.00000001"), qty("0.001")), qty("0.001"));
  EXPECT_EQ(*common_lot(qty("0.003"), qty("0.002")), qty("0.006"));
  EXPECT_EQ(common_lot(qty("0"), qty("0.001")).error(),
            arbitrage_error::invalid_lot);
  EXPECT_EQ(common_lot(qty("0.001"), qty("-0.001")).error(),
            arbitrage_error::invalid_lot);
}

TEST_F(arbitrage_sizing, depth_within_counts_levels_no_worse_than_the_limit) {
  std::vector<venues::book_level> asks{
    {px("100"), qty("1")}, {px("101"), qty("2")}, {px("102"), qty("4")}};
  EXPECT_EQ(depth_within(asks, side::buy, px("101")), qty("3"));
  EXPECT_EQ(depth_within(asks, side::buy, px("99.9")), qty("0"));
  EXPECT_EQ(depth_within(asks, side::buy, px("1000")), qty("7"));
  std::vector<venues::book_level> bids{
    {px("99"), qty("1")}, {px("98"), qty("0")}, {px("97"), qty("2")}};
  EXPECT_EQ(depth_within(bids, side::sell, px("97")), qty("3"));
  EXPECT_EQ(depth_within(bids, side::sell, px("98.5")), qty("1"));
}

TEST_F(arbitrage_sizing, takes_the_smallest_of_target_depth_and_cap) {
  auto r = request("0.005", "0.0042", "0.01");
  EXPECT_EQ(*size_pair(r), qty("0.004")); // Upbit depth, rounded to 0.001
  r = request("0.005", "1", "0.0061");
  EXPECT_EQ(*size_pair(r), qty("0.005")); // the target
  r.cap = qty("0.00299999");
  EXPECT_EQ(*size_pair(r), qty("0.002")); // the caller's cap
}

TEST_F(arbitrage_sizing, respects_a_venue_max_qty) {
  bn.max_qty = qty("0.003");
  EXPECT_EQ(*size_pair(request("1", "1", "1")), qty("0.003"));
}

TEST_F(arbitrage_sizing, below_the_common_lot_is_zero_quantity) {
  auto s = size_pair(request("0.005", "0.00099999", "1"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().reason, size_refusal_reason::zero_quantity);
  EXPECT_NE(s.error().message().find("upbit_depth=0.00099999"),
            std::string::npos);
}

TEST_F(arbitrage_sizing, config_default_qty_is_below_binance_min_notional) {
  // kimchi.order_qty defaults to 0.001 BTC: 97 USDT at 97,000 USDT/BTC,
  // under BTCUSDT's 100 USDT MIN_NOTIONAL. No trade, and it says why.
  auto r = request("0", "1", "1");
  r.target = config::kimchi_config{}.order_qty;
  auto s = size_pair(r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().reason, size_refusal_reason::below_min_notional);
  EXPECT_EQ(s.error().message(), "BELOW_MIN_NOTIONAL: venue=binance qty=0.001 "
                                 "price=97000 notional=97 min=100 USDT");
  // At 0.002 BTC both minimums pass.
  r.target = qty("0.002");
  EXPECT_EQ(*size_pair(r), qty("0.002"));
}

TEST_F(arbitrage_sizing, reduce_only_binance_legs_skip_min_notional) {
  auto r = request("0.001", "1", "1");
  r.binance.reduce_only = true;
  EXPECT_EQ(*size_pair(r), qty("0.001"));
}

TEST_F(arbitrage_sizing, upbit_min_notional_is_checked_in_krw) {
  bn.lot = qty("0.00001");
  bn.min_qty = qty("0.00001");
  bn.min_notional = money::zero();
  auto r = request("0.00003", "1", "1");
  // 0.00003 x 143,000,000 = 4,290 KRW < 5,000 KRW.
  auto s = size_pair(r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().reason, size_refusal_reason::below_min_notional);
  EXPECT_NE(s.error().detail.find("venue=upbit"), std::string::npos);
  EXPECT_NE(s.error().detail.find("notional=4290 min=5000 KRW"),
            std::string::npos);
  r.target = qty("0.00004"); // 5,720 KRW
  EXPECT_EQ(*size_pair(r), qty("0.00004"));
}

TEST_F(arbitrage_sizing, below_a_venue_min_qty) {
  // 0.0025 rounds down to 0.002 on the common lot, under min 0.003.
  bn.min_qty = qty("0.003");
  auto s = size_pair(request("0.0025", "1", "1"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().reason, size_refusal_reason::below_min_qty);
  EXPECT_EQ(s.error().detail, "venue=binance qty=0.002 min=0.003");
}

TEST_F(arbitrage_sizing, bad_inputs_are_refused_not_crashed) {
  auto r = request("0.005", "1", "1");
  r.upbit.inst = nullptr;
  EXPECT_EQ(size_pair(r).error().reason, size_refusal_reason::bad_input);
  r = request("0.005", "1", "1");
  bn.lot = qty("0");
  EXPECT_EQ(size_pair(r).error().reason, size_refusal_reason::bad_lot);
  bn.lot = qty("0.001");
  r = request("-1", "1", "1");
  EXPECT_EQ(size_pair(r).error().reason, size_refusal_reason::zero_quantity);
}
