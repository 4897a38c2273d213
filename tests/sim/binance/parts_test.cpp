// The simulated Binance venue's small parts: decimal formatting, parameter
// parsing, aligned rate windows and position arithmetic.
#include "sim/binance/accounts.hpp"
#include "sim/binance/json_out.hpp"
#include "sim/binance/params.hpp"
#include "sim/binance/rate_limits.hpp"

#include <gtest/gtest.h>

namespace tandem::sim::binance {
namespace {

TEST(sim_binance_parts, fixed_places_pads_and_rounds_half_even) {
  EXPECT_EQ(fmt(price::must_parse("43000.1"), 1), "43000.1");
  EXPECT_EQ(fmt(quantity::must_parse("0.01"), 3), "0.010");
  EXPECT_EQ(fmt(price::zero(), 5), "0.00000");
  EXPECT_EQ(fmt(price::must_parse("1.000025"), 5), "1.00002");
  EXPECT_EQ(fmt(money::must_parse("-0.5"), 2), "-0.50");
  EXPECT_EQ(fmt(quantity::must_parse("12"), 0), "12");
  EXPECT_EQ(places_of(price::must_parse("0.1")), 1);
  EXPECT_EQ(places_of(quantity::must_parse("1")), 0);
}

TEST(sim_binance_parts, params_query_wins_and_duplicates_are_refused) {
  auto p = params::parse("symbol=BTCUSDT&side=BUY", "side=SELL&quantity=1");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(*p->get("side"), "BUY");
  EXPECT_EQ(*p->get("quantity"), "1");
  auto dup = params::parse("a=1&a=2", "");
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, -1101);
  auto bad = params::parse("a=%G1", "");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, -1100);
  auto enc = params::parse("id=a%2Fb", "");
  EXPECT_EQ(*enc->get("id"), "a/b");
  EXPECT_EQ(enc->required("missing").error().code, -1102);
  EXPECT_EQ(params::parse("n=12x", "")->integer("n").error().code, -1100);
  EXPECT_EQ(params::parse("q=-1", "")->decimal<quantity>("q").error().code,
            -1100);
}

TEST(sim_binance_parts, window_counter_is_aligned_to_the_clock) {
  window_counter w{10'000};
  EXPECT_EQ(w.add(19'999, 1), 1);
  EXPECT_EQ(w.add(19'999, 1), 2);
  EXPECT_EQ(w.window_end(19'999), 20'000);
  EXPECT_EQ(w.count(20'000), 0);
  EXPECT_EQ(w.add(20'000, 1), 1);
}

TEST(sim_binance_parts, fill_that_flips_a_position_realizes_then_reopens) {
  symbol_config s;
  account_state a;
  a.wallet = money::must_parse("1000");
  auto r = rate::zero();
  a.apply_fill(s, side::buy, price::must_parse("100"),
               quantity::must_parse("1"), r, 0);
  a.apply_fill(s, side::buy, price::must_parse("110"),
               quantity::must_parse("1"), r, 0);
  EXPECT_EQ(a.position(s).entry, price::must_parse("105"));
  auto e = a.apply_fill(s, side::sell, price::must_parse("120"),
                        quantity::must_parse("3"), r, 0);
  EXPECT_EQ(e.realized, money::must_parse("30"));
  EXPECT_EQ(a.position(s).qty, quantity::must_parse("-1"));
  EXPECT_EQ(a.position(s).entry, price::must_parse("120"));
  EXPECT_EQ(a.wallet, money::must_parse("1030"));
  EXPECT_EQ(unrealized_pnl(a.position(s), price::must_parse("110")),
            money::must_parse("10"));
  EXPECT_EQ(
    initial_margin(quantity::must_parse("-1"), price::must_parse("110"), 20),
    money::must_parse("5.5"));
}

} // namespace
} // namespace tandem::sim::binance
