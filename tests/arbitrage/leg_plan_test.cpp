#include "arbitrage/leg_plan.hpp"

#include "tests/arbitrage/fixtures.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::arbitrage;
using namespace tandem::arbitrage::test;

namespace {

struct arbitrage_leg_plan : ::testing::Test {
  instrument up = upbit_krw_btc();
  instrument bn = binance_btcusdt();
  client_order_id_generator ids = *client_order_id_generator::make("tdm", 7);

  pair_signal sig(pair_kind k, const char* q = "0.002") {
    pair_signal s;
    s.id = "tdm-7-s1";
    s.kind = k;
    s.qty = qty(q);
    s.upbit_limit = px("143143000");
    s.binance_limit = px("96903");
    return s;
  }
};

} // namespace

TEST_F(arbitrage_leg_plan, entry_buys_upbit_and_sells_binance_ioc) {
  auto p = plan_legs(sig(pair_kind::entry), up, bn, ids);
  ASSERT_TRUE(p) << p.error().message();
  const auto& u = p->upbit;
  EXPECT_EQ(u.venue, venue::upbit);
  EXPECT_EQ(u.symbol, "KRW-BTC");
  EXPECT_EQ(u.side, side::buy);
  EXPECT_EQ(u.type, order_type::limit);
  EXPECT_EQ(u.tif, time_in_force::ioc);
  EXPECT_FALSE(u.reduce_only);
  EXPECT_EQ(u.qty, qty("0.002"));
  EXPECT_EQ(u.limit_price, px("143143000"));
  EXPECT_EQ(u.id.view(), "tdm-7-1");
  const auto& b = p->binance;
  EXPECT_EQ(b.venue, venue::binance);
  EXPECT_EQ(b.symbol, "BTCUSDT");
  EXPECT_EQ(b.side, side::sell);
  EXPECT_EQ(b.tif, time_in_force::ioc);
  EXPECT_FALSE(b.reduce_only);
  EXPECT_EQ(b.qty, qty("0.002"));
  EXPECT_EQ(b.limit_price, px("96903"));
  EXPECT_EQ(b.id.view(), "tdm-7-2");
}

TEST_F(arbitrage_leg_plan, exit_sells_upbit_and_buys_binance_reduce_only) {
  auto s = sig(pair_kind::exit, "0.001"); // 97 USDT: reduce-only passes
  auto p = plan_legs(s, up, bn, ids);
  ASSERT_TRUE(p) << p.error().message();
  EXPECT_EQ(p->upbit.side, side::sell);
  EXPECT_FALSE(p->upbit.reduce_only);
  EXPECT_EQ(p->binance.side, side::buy);
  EXPECT_TRUE(p->binance.reduce_only);
  EXPECT_NE(p->upbit.id, p->binance.id);
}

TEST_F(arbitrage_leg_plan, a_leg_breaking_its_rules_is_refused_with_venue) {
  // Entry of 0.001 BTC: Binance sell of 96.903 USDT < 100 USDT.
  auto p = plan_legs(sig(pair_kind::entry, "0.001"), up, bn, ids);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().venue, venue::binance);
  EXPECT_EQ(p.error().why.code, validation_error::below_min_notional);
  EXPECT_EQ(p.error().message(),
            "binance: below min notional: notional=96.903 min=100 USDT");
  // Off the Upbit tick (1,000 KRW above 1,000,000).
  auto s = sig(pair_kind::entry);
  s.upbit_limit = px("143143500");
  auto q = plan_legs(s, up, bn, ids);
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().venue, venue::upbit);
  EXPECT_EQ(q.error().why.code, validation_error::price_off_tick);
  // Off the Binance lot.
  s = sig(pair_kind::entry, "0.0025");
  auto r = plan_legs(s, up, bn, ids);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().venue, venue::binance);
  EXPECT_EQ(r.error().why.code, validation_error::quantity_off_lot);
  // Zero quantity.
  s = sig(pair_kind::entry, "0");
  EXPECT_EQ(plan_legs(s, up, bn, ids).error().why.code,
            validation_error::non_positive_quantity);
}

TEST_F(arbitrage_leg_plan, ids_are_never_reused_even_after_a_refusal) {
  auto bad = plan_legs(sig(pair_kind::entry, "0.001"), up, bn, ids);
  ASSERT_FALSE(bad);
  auto good = plan_legs(sig(pair_kind::entry), up, bn, ids);
  ASSERT_TRUE(good);
  EXPECT_EQ(good->upbit.id.view(), "tdm-7-3");
  EXPECT_EQ(good->binance.id.view(), "tdm-7-4");
}

TEST_F(arbitrage_leg_plan, plan_order_builds_unwinds_and_top_ups) {
  auto o = plan_order(bn, side::buy, qty("0.001"), px("97100"), true, ids);
  ASSERT_TRUE(o) << o.error().message();
  EXPECT_TRUE(o->reduce_only);
  EXPECT_EQ(o->tif, time_in_force::ioc);
  // The same order without reduce-only is under MIN_NOTIONAL.
  auto n = plan_order(bn, side::buy, qty("0.001"), px("97100"), false, ids);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().why.code, validation_error::below_min_notional);
}
