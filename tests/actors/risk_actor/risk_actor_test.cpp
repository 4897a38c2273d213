// The risk actor: both legs of a pair checked at once, each rule's veto
// with its numbers, state fed by fills, final leg reports, tops and
// position snapshots; halts on daily loss, venue errors and stop-loss,
// each sent once per crossing.
#include "actors/engine_protocol.hpp"
#include "actors/position_actor.hpp"
#include "actors/risk_actor.hpp"
#include "tests/arbitrage/fixtures.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;
using namespace arbitrage::test;

const timestamp t0 = from_unix_ms(1'700'000'000'000);

/// What a fake venue actor answers to status_atom.
struct venue_script {
  tandem::venue venue = venue::upbit;
  std::size_t consecutive_failures = 0;
  int polls = 0;
};

caf::behavior fake_venue(caf::event_based_actor*, venue_script* s) {
  return {
    [=](status_atom) {
      ++s->polls;
      venue_status v;
      v.venue = s->venue;
      v.connected = true;
      v.consecutive_failures = s->consecutive_failures;
      return v;
    },
  };
}

caf::behavior fake_stop(caf::event_based_actor*,
                        std::vector<halt_request>* got) {
  return {
    [=](halt_atom, const halt_request& r) { got->push_back(r); },
  };
}

order_request leg(venue v, side s, const char* q, const char* limit,
                  std::string id) {
  order_request o;
  o.id = client_order_id::make(id).value();
  o.venue = v;
  o.symbol = v == venue::upbit ? "KRW-BTC" : "BTCUSDT";
  o.side = s;
  o.type = order_type::limit;
  o.tif = time_in_force::ioc;
  o.qty = qty(q);
  o.limit_price = px(limit);
  return o;
}

struct risk_actor_test : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::unique_ptr<caf::scoped_actor> self;
  std::shared_ptr<manual_clock> clock = std::make_shared<manual_clock>(t0);
  std::vector<halt_request> halts;
  venue_script upbit_script{venue::upbit, 0, 0};
  venue_script binance_script{venue::binance, 0, 0};
  caf::actor stop;
  std::vector<caf::actor> venues;
  caf::actor risk;
  config::risk_config limits;
  int seq = 0;

  risk_actor_test() {
    cfg.set("scheduler.policy", caf::atom("testing"));
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
    self = std::make_unique<caf::scoped_actor>(*sys);
    stop = sys->spawn(fake_stop, &halts);
    venues.push_back(sys->spawn(fake_venue, &upbit_script));
    venues.push_back(sys->spawn(fake_venue, &binance_script));
    // Capital 10,000,000 KRW; max order 1,000,000 KRW; max position 50 %.
    limits.max_open_orders = 10;
    limits.max_orders_per_s = 5;
  }
  ~risk_actor_test() override {
    for (auto* a : {&risk, &stop, &venues[0], &venues[1]})
      if (*a)
        (*self)->send_exit(*a, caf::exit_reason::user_shutdown);
    sched->run();
  }

  void start(std::optional<std::int32_t> leverage = std::nullopt,
             std::chrono::milliseconds poll = 0ms) {
    risk_actor_config c;
    c.limits = limits;
    c.instruments = {upbit_krw_btc(), binance_btcusdt()};
    c.hedges = {{venue::upbit, "KRW-BTC", venue::binance, "BTCUSDT"}};
    c.venues = venues;
    c.venue_poll = poll;
    c.emergency_stop = stop;
    c.binance_leverage = leverage;
    c.clock = clock;
    risk = spawn_risk_actor(*sys, c);
    sched->run();
  }

  /// KRW-USDT 1400, KRW-BTC 100,000,000 (mid), BTCUSDT 70,000 (mid).
  void quotes(const char* upbit_mid = "100000000",
              const char* binance_mid = "70000") {
    auto at = clock->now();
    send(top(venue::upbit, "KRW-USDT", "1400", "1000", "1401", "1000", at));
    send(top(venue::upbit, "KRW-BTC", upbit_mid, "1", upbit_mid, "1", at));
    send(
      top(venue::binance, "BTCUSDT", binance_mid, "1", binance_mid, "1", at));
  }

  template<class T>
  void send(T x) {
    (*self)->send(risk, std::move(x));
    sched->run();
  }

  /// An entry pair: buy `up_qty` on Upbit at 100,000,000 KRW, sell
  /// `bn_qty` on Binance at 70,000 USDT.
  arbitrage::leg_pair pair(const char* up_qty = "0.005",
                           const char* bn_qty = "0.005") {
    ++seq;
    return {leg(venue::upbit, side::buy, up_qty, "100000000",
                "tdm-1-" + std::to_string(2 * seq)),
            leg(venue::binance, side::sell, bn_qty, "70000",
                "tdm-1-" + std::to_string(2 * seq + 1))};
  }

  pair_verdict check(const arbitrage::leg_pair& p) {
    pair_verdict out;
    bool got = false;
    auto h = (*self)->request(risk, 10s, risk_check_atom::value, p);
    sched->run();
    h.receive(
      [&](pair_verdict& v) {
        out = std::move(v);
        got = true;
      },
      [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
    EXPECT_TRUE(got);
    return out;
  }

  risk_view view() {
    risk_view out;
    auto h = (*self)->request(risk, 10s, get_atom::value);
    sched->run();
    h.receive([&](risk_view& v) { out = v; },
              [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
    return out;
  }

  fill make_fill(venue v, side s, const char* q, const char* p,
                 std::string trade) {
    fill f;
    f.order_id = client_order_id::make("tdm-1-f" + trade).value();
    f.trade_id = trade;
    f.venue = v;
    f.symbol = v == venue::upbit ? "KRW-BTC" : "BTCUSDT";
    f.side = s;
    f.qty = qty(q);
    f.px = px(p);
    f.ts = clock->now();
    return f;
  }

  std::string veto_text(const pair_verdict& v) {
    return v.veto ? v.veto->message() : std::string{"ok"};
  }
};

TEST_F(risk_actor_test, both_legs_within_every_limit_pass_and_are_counted) {
  start();
  quotes();
  auto p = pair();
  auto v = check(p);
  EXPECT_TRUE(v.ok()) << veto_text(v);
  auto s = view();
  EXPECT_EQ(s.open_orders, 2);
  EXPECT_EQ(s.orders_last_1s, 2);
  EXPECT_EQ(s.checks, 1u);
  EXPECT_EQ(s.vetoes, 0u);
  EXPECT_EQ(s.usdt_krw, px("1400"));
  // A final leg report closes its order for the open-order count.
  leg_report r;
  r.id = p.upbit.id;
  r.outcome = leg_outcome::filled;
  send(r);
  EXPECT_EQ(view().open_orders, 1);
  EXPECT_TRUE(halts.empty());
}

TEST_F(risk_actor_test, upbit_notional_over_the_limit_is_vetoed_with_numbers) {
  start();
  quotes();
  auto p = pair("0.02", "0.005");
  auto v = check(p);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->rule, risk::risk_rule::max_order_notional);
  EXPECT_EQ(v.veto->message(),
            "MAX_ORDER_NOTIONAL: notional_krw=2000000 max_krw=1000000");
  EXPECT_EQ(v.order_id, p.upbit.id);
  EXPECT_EQ(v.venue, venue::upbit);
  // A veto reserves nothing and never resizes: the orders are untouched.
  EXPECT_EQ(p.upbit.qty, qty("0.02"));
  auto s = view();
  EXPECT_EQ(s.open_orders, 0);
  EXPECT_EQ(s.vetoes, 1u);
}

TEST_F(risk_actor_test, binance_notional_is_valued_in_krw_at_the_usdt_rate) {
  start();
  quotes();
  // 0.011 x 70,000 USDT = 770 USDT x 1400 = 1,078,000 KRW.
  auto p = pair("0.005", "0.011");
  auto v = check(p);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->message(),
            "MAX_ORDER_NOTIONAL: notional_krw=1078000 max_krw=1000000");
  EXPECT_EQ(v.order_id, p.binance.id);
  EXPECT_EQ(v.venue, venue::binance);
}

TEST_F(risk_actor_test, no_usdt_rate_vetoes_the_binance_leg) {
  start();
  auto v = check(pair());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->rule, risk::risk_rule::no_fx_rate);
  EXPECT_EQ(v.veto->message(), "NO_FX_RATE: quote=USDT usdt_krw=0");
}

TEST_F(risk_actor_test, open_orders_count_the_first_leg_of_the_same_pair) {
  limits.max_open_orders = 3;
  start();
  quotes();
  EXPECT_TRUE(check(pair()).ok());
  // Two open; the Upbit leg makes three, so the Binance leg is the fourth.
  auto p = pair();
  auto v = check(p);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->message(), "MAX_OPEN_ORDERS: open=3 max=3");
  EXPECT_EQ(v.order_id, p.binance.id);
  EXPECT_EQ(view().open_orders, 2); // the vetoed pair reserved nothing
}

TEST_F(risk_actor_test, order_rate_counts_sends_in_the_last_second) {
  limits.max_orders_per_s = 3;
  start();
  quotes();
  EXPECT_TRUE(check(pair()).ok());
  auto v = check(pair());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->message(), "ORDER_RATE: orders_last_1s=3 max=3");
  clock->advance(1s);
  EXPECT_TRUE(check(pair()).ok()) << "the window moved on";
}

TEST_F(risk_actor_test, binance_leverage_above_the_limit_is_vetoed) {
  limits.max_leverage = 2;
  start(std::int32_t{2});
  quotes();
  EXPECT_TRUE(check(pair()).ok());
  // The venue reports a leverage someone raised by hand.
  venues::position_snapshot ps;
  ps.venue = venue::binance;
  ps.symbol = "BTCUSDT";
  ps.leverage = 5;
  send(ps);
  auto v = check(pair());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->message(), "VENUE_LEVERAGE: binance_leverage=5 max=2");
}

TEST_F(risk_actor_test, position_above_its_share_of_capital_is_vetoed) {
  limits.max_position_pct = 5; // 500,000 KRW
  start();
  quotes();
  auto v = check(pair("0.006", "0.006"));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->rule, risk::risk_rule::max_position);
  EXPECT_EQ(v.veto->message(),
            "MAX_POSITION: instrument=upbit:KRW-BTC position_after=0.006 "
            "value_krw=600000 max_krw=500000");
}

TEST_F(risk_actor_test, gross_exposure_from_fills_counts_for_leverage) {
  limits.max_position_pct = 100;
  limits.max_leverage = 1; // 10,000,000 KRW gross
  start();
  quotes();
  // Held from earlier fills: 0.09 BTC long on Upbit (9,000,000 KRW) and
  // 0.09 BTC short on Binance (6,300 USDT = 8,820,000 KRW).
  send(make_fill(venue::upbit, side::buy, "0.09", "100000000", "u1"));
  send(make_fill(venue::binance, side::sell, "0.09", "70000", "b1"));
  // The same fill again (REST and stream) is not counted twice.
  send(make_fill(venue::upbit, side::buy, "0.09", "100000000", "u1"));
  auto p = pair();
  auto v = check(p);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->rule, risk::risk_rule::max_leverage);
  EXPECT_NE(v.veto->detail.find("gross_krw=18320000"), std::string::npos)
    << v.veto->message();
  EXPECT_EQ(v.order_id, p.upbit.id);
}

TEST_F(risk_actor_test, daily_loss_crossing_halts_once_and_vetoes_new_pairs) {
  limits.daily_loss_pct = 3; // -300,000 KRW
  limits.stop_loss_pct = 50; // not the trigger here
  start();
  quotes();
  send(make_fill(venue::upbit, side::buy, "0.01", "100000000", "u1"));
  quotes("80000000"); // -200,000 KRW: not yet
  EXPECT_TRUE(halts.empty());
  quotes("65000000"); // -350,000 KRW
  ASSERT_EQ(halts.size(), 1u);
  EXPECT_EQ(halts[0].trigger, "daily_loss");
  EXPECT_EQ(halts[0].detail, "daily_pnl_krw=-350000 limit_krw=-300000");
  EXPECT_EQ(halts[0].who, "risk");
  quotes("60000000"); // deeper, still the same crossing
  quotes("61000000");
  EXPECT_EQ(halts.size(), 1u);
  auto v = check(pair());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->message(),
            "DAILY_LOSS_LIMIT: daily_pnl_krw=-390000 limit_krw=-300000");
  EXPECT_EQ(view().halts_requested, 1u);
}

TEST_F(risk_actor_test, stop_loss_on_a_position_halts_once) {
  limits.stop_loss_pct = 5;
  limits.daily_loss_pct = 10; // -1,000,000 KRW: not the trigger here
  start();
  quotes();
  send(make_fill(venue::upbit, side::buy, "0.01", "100000000", "u1"));
  quotes("96000000");
  EXPECT_TRUE(halts.empty());
  quotes("95000000"); // -50,000 on 1,000,000 KRW
  ASSERT_EQ(halts.size(), 1u);
  EXPECT_EQ(halts[0].trigger, "stop_loss");
  EXPECT_EQ(halts[0].detail, "upbit:KRW-BTC unhedged_qty=0.01 STOP_LOSS: "
                             "pnl=-50000 notional=1000000 limit=-50000 KRW");
  quotes("94000000");
  EXPECT_EQ(halts.size(), 1u);
}

TEST_F(risk_actor_test, a_hedged_pair_rides_a_btc_move_but_not_a_collapse) {
  limits.stop_loss_pct = 5;
  limits.daily_loss_pct = 10; // -1,000,000 KRW: not the trigger here
  start();
  quotes();
  // Long 0.01 BTC on Upbit (1,000,000 KRW), short 0.01 on Binance (700
  // USDT = 980,000 KRW): the pair's notional is 1,980,000, stop -99,000.
  send(make_fill(venue::upbit, side::buy, "0.01", "100000000", "u1"));
  send(make_fill(venue::binance, side::sell, "0.01", "70000", "b1"));
  // BTC -10% on both, 1% a step (each venue's quote arrives on its own):
  // at -10% Upbit is -100,000 and Binance +98,000 KRW. Either leg alone
  // is far past -5%; the pair is not. Then up to +10%, and back.
  auto btc_at = [&](int pct) {
    auto up = std::to_string(100'000'000 + pct * 1'000'000);
    auto bn = std::to_string(70'000 + pct * 700);
    quotes(up.c_str(), bn.c_str());
  };
  for (int pct = 0; pct >= -10; --pct)
    btc_at(pct);
  for (int pct = -10; pct <= 10; ++pct)
    btc_at(pct);
  for (int pct = 10; pct >= 0; --pct)
    btc_at(pct);
  EXPECT_TRUE(halts.empty());
  // The premium collapses: Upbit -10% while Binance stands still.
  quotes("90000000", "70000");
  ASSERT_EQ(halts.size(), 1u);
  EXPECT_EQ(halts[0].trigger, "stop_loss");
  EXPECT_EQ(halts[0].detail,
            "pair upbit:KRW-BTC+binance:BTCUSDT hedged_qty=0.01 STOP_LOSS: "
            "pnl=-100000 notional=1980000 limit=-99000 KRW");
  quotes("89000000", "70000");
  EXPECT_EQ(halts.size(), 1u) << "one halt per crossing";
}

TEST_F(risk_actor_test, the_unhedged_rest_of_a_pair_is_checked_alone) {
  limits.stop_loss_pct = 5;
  limits.daily_loss_pct = 10;
  start();
  quotes();
  // 0.002 short more than the Upbit long: 0.002 BTC short stands alone.
  send(make_fill(venue::upbit, side::buy, "0.005", "100000000", "u1"));
  send(make_fill(venue::binance, side::sell, "0.007", "70000", "b1"));
  // BTC +5%: the pair is flat-ish, the lone 0.002 short lost 7 USDT (5%).
  quotes("105000000", "73500");
  ASSERT_EQ(halts.size(), 1u);
  EXPECT_EQ(halts[0].detail, "binance:BTCUSDT unhedged_qty=0.002 STOP_LOSS: "
                             "pnl=-7 notional=140 limit=-7 USDT");
}

TEST_F(risk_actor_test, restored_positions_count_for_limits_and_stop_loss) {
  limits.max_position_pct = 10; // 1,000,000 KRW per instrument
  limits.stop_loss_pct = 5;
  limits.daily_loss_pct = 10;
  start();
  quotes();
  // Held before the restart: 0.008 BTC bought at 100,000,000 KRW and 0.008
  // sold at 70,000 USDT (the journal's positions, entry prices included).
  tandem::position up(venue::upbit, "KRW-BTC");
  tandem::position bn(venue::binance, "BTCUSDT");
  ASSERT_TRUE(up.apply(
    make_fill(venue::upbit, side::buy, "0.008", "100000000", "old-u")));
  ASSERT_TRUE(
    bn.apply(make_fill(venue::binance, side::sell, "0.008", "70000", "old-b")));
  (*self)->send(risk, restore_atom::value, up, bn);
  sched->run();
  // 0.008 + 0.005 = 0.013 BTC = 1,300,000 KRW > 1,000,000.
  auto v = check(pair());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->message(),
            "MAX_POSITION: instrument=upbit:KRW-BTC position_after=0.013 "
            "value_krw=1300000 max_krw=1000000");
  // The stop-loss measures from the restored entry prices, as a pair
  // (notional 800,000 + 784,000 = 1,584,000 KRW; stop -79,200).
  quotes("90000000", "70000"); // -80,000 KRW
  ASSERT_EQ(halts.size(), 1u);
  EXPECT_EQ(halts[0].detail,
            "pair upbit:KRW-BTC+binance:BTCUSDT hedged_qty=0.008 STOP_LOSS: "
            "pnl=-80000 notional=1584000 limit=-79200 KRW");
}

TEST_F(risk_actor_test, restored_unrealized_pnl_is_not_the_days_loss) {
  limits.stop_loss_pct = 50;
  start();
  quotes(); // Upbit at 100,000,000: the day opens at 0 unrealized
  // Bought at 110,000,000 before the restart: -80,000 KRW unrealized now.
  tandem::position up(venue::upbit, "KRW-BTC");
  ASSERT_TRUE(up.apply(
    make_fill(venue::upbit, side::buy, "0.008", "110000000", "old-u")));
  (*self)->send(risk, restore_atom::value, up,
                tandem::position{venue::binance, "BTCUSDT"});
  sched->run();
  EXPECT_EQ(view().daily_pnl_krw, money::zero());
  quotes("99000000"); // -8,000 KRW since the restore
  EXPECT_EQ(view().daily_pnl_krw, money::must_parse("-8000"));
}

TEST_F(risk_actor_test, unchecked_corrections_count_as_open_orders) {
  limits.max_open_orders = 2;
  start();
  quotes();
  // An unwind the coordinator sent without a check.
  auto unwind = leg(venue::upbit, side::sell, "0.005", "99500000", "tdm-1-u");
  (*self)->send(risk, risk_sent_atom::value, unwind);
  (*self)->send(risk, risk_sent_atom::value, unwind); // counted once
  sched->run();
  auto s = view();
  EXPECT_EQ(s.open_orders, 1);
  EXPECT_EQ(s.orders_last_1s, 1);
  EXPECT_EQ(s.checks, 0u);
  // With the unwind open, a pair's second leg is one too many.
  auto v = check(pair());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->message(), "MAX_OPEN_ORDERS: open=2 max=2");
  // Its final report closes it like any other order.
  leg_report r;
  r.id = unwind.id;
  r.outcome = leg_outcome::filled;
  send(r);
  EXPECT_EQ(view().open_orders, 0);
  EXPECT_TRUE(check(pair()).ok());
}

TEST_F(risk_actor_test, lowered_limits_apply_from_the_next_check) {
  start();
  quotes();
  EXPECT_TRUE(check(pair()).ok()); // two open of 10
  auto lowered = limits;
  lowered.max_open_orders = 3;
  std::optional<config::risk_config> old;
  auto h = (*self)->request(risk, 10s, params_atom::value, lowered);
  sched->run();
  h.receive([&](config::risk_config& c) { old = c; },
            [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
  ASSERT_TRUE(old);
  EXPECT_EQ(old->max_open_orders, 10) << "answers what was in force";
  auto v = check(pair());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.veto->message(), "MAX_OPEN_ORDERS: open=3 max=3");
  // And back up: the same pair passes.
  auto raised = limits;
  raised.max_open_orders = 10;
  (*self)->send(risk, params_atom::value, raised);
  sched->run();
  EXPECT_TRUE(check(pair()).ok());
}

TEST_F(risk_actor_test, the_day_starts_at_the_configured_offset) {
  // t0 is 2023-11-14 22:13:20 UTC (07:13 KST): UTC midnight comes in
  // 1 h 47 min, KST midnight in almost 17 h.
  for (std::int64_t offset : {0, 540}) {
    limits.day_utc_offset_min = offset;
    limits.stop_loss_pct = 50;
    clock->set(t0);
    start();
    quotes();
    send(make_fill(venue::upbit, side::buy, "0.01", "100000000",
                   "u" + std::to_string(offset)));
    quotes("98000000");
    EXPECT_EQ(view().daily_pnl_krw, money::must_parse("-20000"));
    clock->advance(2h);
    quotes("98000000");
    EXPECT_EQ(view().daily_pnl_krw,
              money::must_parse(offset == 0 ? "0" : "-20000"))
      << "day_utc_offset_min=" << offset;
    (*self)->send_exit(risk, caf::exit_reason::user_shutdown);
    sched->run();
  }
}

TEST_F(risk_actor_test, consecutive_venue_errors_above_the_limit_halt_once) {
  limits.max_consecutive_venue_errors = 10;
  start(std::nullopt, 1000ms);
  EXPECT_EQ(upbit_script.polls, 1);
  EXPECT_EQ(binance_script.polls, 1);
  binance_script.consecutive_failures = 10; // the limit itself: no halt
  sched->clock().advance_time(1000ms);
  sched->run();
  EXPECT_EQ(binance_script.polls, 2);
  EXPECT_TRUE(halts.empty());
  binance_script.consecutive_failures = 11;
  sched->clock().advance_time(1000ms);
  sched->run();
  ASSERT_EQ(halts.size(), 1u);
  EXPECT_EQ(halts[0].trigger, "venue_errors");
  EXPECT_EQ(halts[0].detail, "venue=binance consecutive_errors=11 max=10");
  binance_script.consecutive_failures = 12;
  sched->clock().advance_time(1000ms);
  sched->run();
  EXPECT_EQ(binance_script.polls, 4);
  EXPECT_EQ(halts.size(), 1u) << "the same streak halts once";
}

} // namespace
} // namespace tandem::actors
