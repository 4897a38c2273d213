// The simulated venue's building blocks: parameters, rate limiter, ids and
// time text, and order shapes the end-to-end tests do not cover.
#include "sim/upbit/ids.hpp"
#include "sim/upbit/params.hpp"
#include "sim/upbit/rate_limits.hpp"
#include "tests/sim/upbit/venue_fixture.hpp"

namespace tandem::sim::upbit::test {

TEST(sim_upbit_params, query_is_percent_decoded_in_order) {
  auto p
    = params::from_query("market=KRW-BTC&states%5B%5D=wait&states[]=watch");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->get("market"), "KRW-BTC");
  auto states = p->all("states[]");
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[0], "wait");
  EXPECT_EQ(states[1], "watch");
  EXPECT_FALSE(params::from_query("a=%zz"));
}

TEST(sim_upbit_params, body_scalars_and_arrays) {
  auto p = params::from_body(
    R"({"market":"KRW-BTC","n":5,"b":true,"uuids":["x","y"]})");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->get("n"), "5");
  EXPECT_EQ(p->get("b"), "true");
  EXPECT_EQ(p->all("uuids[]").size(), 2u);
  EXPECT_TRUE(params::from_body("")->entries().empty());
  EXPECT_FALSE(params::from_body(R"({"volume":0.01})")); // floats refused
  EXPECT_FALSE(params::from_body(R"({"a":{"b":"c"}})"));
  EXPECT_FALSE(params::from_body("[1]"));
  EXPECT_FALSE(params::from_body("{"));
}

TEST(sim_upbit_rate_limiter, window_resets_each_second_and_blocks) {
  rate_limit_config cfg;
  cfg.violations_before_block = 2;
  cfg.block_duration = std::chrono::seconds{10};
  rate_limiter lim{cfg};
  const auto t0 = from_unix_ms(1'000'000);
  EXPECT_EQ(lim.admit("a", "g", 2, t0).remaining, 1);
  EXPECT_EQ(lim.admit("a", "g", 2, t0).remaining, 0);
  EXPECT_EQ(lim.admit("a", "g", 2, t0).verdict, rate_verdict::kind::limited);
  EXPECT_EQ(lim.admit("b", "g", 2, t0).verdict, rate_verdict::kind::allowed);
  const auto t1 = t0 + std::chrono::seconds{1};
  EXPECT_EQ(lim.admit("a", "g", 2, t1).remaining, 1);
  (void)lim.admit("a", "g", 2, t1);
  EXPECT_EQ(lim.admit("a", "g", 2, t1).verdict, rate_verdict::kind::limited);
  EXPECT_EQ(lim.admit("a", "g", 2, t1).verdict, rate_verdict::kind::limited);
  auto blocked = lim.admit("a", "g", 2, t1);
  EXPECT_EQ(blocked.verdict, rate_verdict::kind::blocked);
  EXPECT_EQ(blocked.block_left, std::chrono::seconds{10});
  EXPECT_EQ(lim.admit("a", "other", 5, t1 + std::chrono::seconds{9}).verdict,
            rate_verdict::kind::blocked);
  EXPECT_EQ(lim.admit("a", "g", 2, t1 + std::chrono::seconds{10}).verdict,
            rate_verdict::kind::allowed);
}

TEST(sim_upbit_ids, uuids_are_v4_shaped_and_repeat_per_seed) {
  uuid_source a{42};
  uuid_source b{42};
  auto u = a.next();
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '4');
  EXPECT_EQ(u, b.next());
  EXPECT_NE(u, a.next());
}

TEST(sim_upbit_ids, kst_time_text) {
  // 2025-07-04T06:00:00Z is 15:00 in Seoul.
  EXPECT_EQ(kst_iso8601(from_unix_ms(1'751'608'800'123)),
            "2025-07-04T15:00:00+09:00");
  EXPECT_EQ(date_compact(from_unix_ms(1'751'608'800'000), 0), "20250704");
  EXPECT_EQ(time_compact(from_unix_ms(1'751'608'800'000), 9), "150000");
}

class sim_upbit_shapes : public venue_test {};

TEST_F(sim_upbit_shapes, krw_usdt_takes_half_won_ticks) {
  auto inst = loose_krw_btc();
  inst.symbol = "KRW-USDT";
  inst.base = "USDT";
  auto o = order("tdm-u-1", side::buy, order_type::limit, "10", px("1399.5"));
  o.symbol = "KRW-USDT";
  EXPECT_EQ(place(o, alice, {}, inst).status, 201);
  auto off = order("tdm-u-2", side::buy, order_type::limit, "10", px("1399.3"));
  off.symbol = "KRW-USDT";
  EXPECT_EQ(error(place(off, alice, {}, inst)).name, "invalid_price_bid");
}

TEST_F(sim_upbit_shapes, post_only_that_would_take_is_canceled) {
  quote_btc();
  auto o
    = order("tdm-p-1", side::buy, order_type::limit, "0.01", px("100000000"));
  vu::place_options opt;
  opt.post_only = true;
  ASSERT_EQ(place(o, alice, opt).status, 201);
  auto q = parse(query("tdm-p-1", alice));
  EXPECT_EQ(q.state, vu::order_state::cancel);
  EXPECT_EQ(q.tif, vu::wire_tif::post_only);
  EXPECT_TRUE(q.update.cum_qty.is_zero());
  EXPECT_EQ(held(alice_key, "KRW").free, krw("10000000"));
}

TEST_F(sim_upbit_shapes, best_fok_bid_larger_than_the_best_level_is_killed) {
  quote_btc();
  auto o = order("tdm-p-1", side::buy, order_type::market, "0.01", std::nullopt,
                 time_in_force::fok);
  vu::place_options opt;
  opt.best_price = true;
  opt.quote_amount = krw("1000000"); // 0.01 BTC; 0.5 rest at the best ask
  ASSERT_EQ(place(o, alice, opt).status, 201);
  auto q = parse(query("tdm-p-1", alice));
  EXPECT_EQ(q.type, vu::ord_type::best);
  EXPECT_EQ(q.state, vu::order_state::done);
  EXPECT_EQ(q.update.cum_qty, qty("0.01"));

  venue_.set_book("KRW-BTC", {}, {{px("100000000"), qty("0.01")}}, now_);
  auto big = order("tdm-p-2", side::buy, order_type::market, "0.01",
                   std::nullopt, time_in_force::fok);
  opt.quote_amount = krw("2000000"); // 0.02 BTC, only 0.01 offered
  ASSERT_EQ(place(big, alice, opt).status, 201);
  auto k = parse(query("tdm-p-2", alice));
  EXPECT_EQ(k.state, vu::order_state::cancel);
  EXPECT_TRUE(k.update.cum_qty.is_zero());
  EXPECT_EQ(held(alice_key, "KRW").locked, krw("0"));
}

TEST_F(sim_upbit_shapes, accounts_report_the_average_buy_price) {
  quote_btc();
  auto o
    = order("tdm-p-1", side::buy, order_type::limit, "0.01", px("100000000"));
  ASSERT_EQ(place(o, alice).status, 201);
  auto r = send(*vu::accounts(alice, nonce()));
  auto accts = vu::parse_accounts(ctx_, r.body);
  ASSERT_TRUE(accts) << r.body;
  ASSERT_EQ((*accts)[0].bal.asset, "BTC");
  // No avg price at the start (configured balance), so the buy sets it.
  EXPECT_EQ((*accts)[0].avg_buy_price, px("100000000"));
}

} // namespace tandem::sim::upbit::test
