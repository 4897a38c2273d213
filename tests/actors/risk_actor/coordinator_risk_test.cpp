// The pair coordinator asks the risk actor before anything goes out: a
// vetoed signal sends no order at all (the fake venues see no place); an
// approved one sends both legs, and the legs' final reports release risk's
// open-order count.
#include "actors/engine_protocol.hpp"
#include "actors/pair_coordinator.hpp"
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

/// A venue that counts place requests and rejects every order, or (when
/// *accept) takes it and leaves it resting.
caf::behavior counting_venue(caf::event_based_actor* self, int* places,
                             const bool* accept) {
  self->set_default_handler(caf::drop);
  auto place = [=](const order_request& o) -> order_reply {
    ++*places;
    if (*accept) {
      venues::order_update u;
      u.venue = o.venue;
      u.symbol = o.symbol;
      u.id = o.id;
      u.side = o.side;
      u.event = order_event::accepted;
      u.order_qty = o.qty;
      return order_reply{u};
    }
    return order_reply{failure{venues::venue_failure{
      venues::venue_error::insufficient_funds, "test", std::nullopt}}};
  };
  return {
    [=](place_atom, const order_request& o) { return place(o); },
    // Places tagged with an atom (orders that remove exposure may carry a
    // marker for the venue actor's halt gate): the same to this venue.
    [=](place_atom, const order_request& o, caf::atom_value) {
      return place(o);
    },
  };
}

caf::behavior quiet_stop(caf::event_based_actor* self) {
  self->set_default_handler(caf::drop);
  return {[=](halt_atom, const halt_request&) {
  }};
}

struct coordinator_risk_test : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::unique_ptr<caf::scoped_actor> self;
  std::shared_ptr<manual_clock> clock = std::make_shared<manual_clock>(t0);
  int upbit_places = 0;
  int binance_places = 0;
  bool upbit_accepts = false;
  bool binance_accepts = false;
  caf::actor upbit, binance, stop, risk, coord;

  coordinator_risk_test() {
    cfg.set("scheduler.policy", caf::atom("testing"));
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
    self = std::make_unique<caf::scoped_actor>(*sys);
    upbit = sys->spawn(counting_venue, &upbit_places, &upbit_accepts);
    binance = sys->spawn(counting_venue, &binance_places, &binance_accepts);
    stop = sys->spawn(quiet_stop);
    risk_actor_config rc; // max order 1,000,000 KRW
    rc.instruments = {upbit_krw_btc(), binance_btcusdt()};
    rc.venue_poll = 0ms;
    rc.emergency_stop = stop;
    rc.clock = clock;
    risk = spawn_risk_actor(*sys, rc);
    coordinator_config cc;
    cc.upbit = upbit;
    cc.binance = binance;
    cc.upbit_btc = upbit_krw_btc();
    cc.binance_btc = binance_btcusdt();
    cc.cid_prefix = "tdm";
    cc.session = 7;
    cc.strategy = caf::actor_cast<caf::actor>(*self);
    cc.emergency_stop = stop;
    cc.risk = risk;
    cc.clock = clock;
    coord = spawn_pair_coordinator(*sys, cc);
    auto at = clock->now();
    for (const auto& t :
         {top(venue::upbit, "KRW-USDT", "1400", "1000", "1401", "1000", at),
          top(venue::upbit, "KRW-BTC", "100000000", "1", "100000000", "1", at),
          top(venue::binance, "BTCUSDT", "70000", "1", "70000", "1", at)}) {
      (*self)->send(risk, t);
      (*self)->send(coord, t);
    }
    sched->run();
  }
  ~coordinator_risk_test() override {
    for (auto* a : {&coord, &risk, &stop, &upbit, &binance})
      (*self)->send_exit(*a, caf::exit_reason::user_shutdown);
    sched->run();
  }

  arbitrage::pair_signal signal(std::string id, const char* q) {
    arbitrage::pair_signal s;
    s.id = std::move(id);
    s.kind = arbitrage::pair_kind::entry;
    s.qty = qty(q);
    s.upbit_limit = px("100000000");
    s.binance_limit = px("70000");
    s.created = clock->now();
    return s;
  }

  std::optional<pair_settled> settled() {
    std::optional<pair_settled> got;
    (*self)->receive([&](pair_settled& p) { got = std::move(p); },
                     caf::after(0s) >> [] {});
    return got;
  }

  risk_view risk_state() {
    risk_view out;
    auto h = (*self)->request(risk, 10s, get_atom::value);
    sched->run();
    h.receive([&](risk_view& v) { out = v; },
              [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
    return out;
  }
};

TEST_F(coordinator_risk_test, a_vetoed_signal_sends_no_order_at_all) {
  // 0.02 BTC x 100,000,000 KRW = 2,000,000 KRW > 1,000,000.
  (*self)->send(coord, signal("tdm-7-s1", "0.02"));
  sched->run();
  EXPECT_EQ(upbit_places, 0);
  EXPECT_EQ(binance_places, 0);
  auto s = settled();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->signal_id, "tdm-7-s1");
  EXPECT_EQ(s->outcome, "refused");
  std::vector<pair_view> pairs;
  auto h = (*self)->request(coord, 10s, pairs_atom::value);
  sched->run();
  h.receive([&](std::vector<pair_view>& v) { pairs = std::move(v); },
            [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].state, "abandoned");
  EXPECT_EQ(pairs[0].text, "risk: MAX_ORDER_NOTIONAL: notional_krw=2000000 "
                           "max_krw=1000000");
  EXPECT_EQ(risk_state().vetoes, 1u);
}

TEST_F(coordinator_risk_test, an_approved_signal_sends_both_legs) {
  (*self)->send(coord, signal("tdm-7-s2", "0.005"));
  sched->run();
  EXPECT_EQ(upbit_places, 1);
  EXPECT_EQ(binance_places, 1);
  auto r = risk_state();
  EXPECT_EQ(r.checks, 1u);
  EXPECT_EQ(r.vetoes, 0u);
  // Both legs were rejected by the venues: their final reports reached risk
  // through the coordinator and closed them.
  EXPECT_EQ(r.open_orders, 0);
}

TEST_F(coordinator_risk_test, a_flatten_order_counts_as_open_for_risk) {
  // Held before a restart: 0.005 BTC on Upbit. Flatten sells it without a
  // pre-trade check (it removes exposure), and the order rests.
  upbit_accepts = true;
  tandem::position up(venue::upbit, "KRW-BTC");
  fill f;
  f.order_id = client_order_id::make("tdm-1-old").value();
  f.trade_id = "old";
  f.venue = venue::upbit;
  f.symbol = "KRW-BTC";
  f.side = side::buy;
  f.qty = qty("0.005");
  f.px = px("100000000");
  f.ts = clock->now();
  ASSERT_TRUE(up.apply(f));
  (*self)->send(coord, restore_atom::value, up,
                tandem::position{venue::binance, "BTCUSDT"});
  sched->run();
  auto h = (*self)->request(coord, 10s, flatten_atom::value);
  sched->run();
  h.receive([&](std::size_t n) { EXPECT_EQ(n, 1u); },
            [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
  EXPECT_EQ(upbit_places, 1);
  auto r = risk_state();
  EXPECT_EQ(r.checks, 0u) << "no pre-trade check";
  EXPECT_EQ(r.open_orders, 1);
  EXPECT_EQ(r.orders_last_1s, 1);
}

TEST_F(coordinator_risk_test, an_unwind_counts_as_open_for_risk) {
  // Upbit takes its leg, Binance rejects hers; then the Upbit leg fills,
  // so the coordinator unwinds it on Upbit (a sell it sends unchecked).
  upbit_accepts = true;
  (*self)->send(coord, signal("tdm-7-s3", "0.005"));
  sched->run();
  ASSERT_EQ(upbit_places, 1);
  ASSERT_EQ(binance_places, 1);
  // The Upbit leg fills in full on the venue's stream.
  std::vector<pair_view> pairs;
  auto h = (*self)->request(coord, 10s, pairs_atom::value);
  sched->run();
  h.receive([&](std::vector<pair_view>& v) { pairs = std::move(v); },
            [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
  ASSERT_FALSE(pairs.empty());
  ASSERT_FALSE(pairs[0].legs.empty());
  venues::order_update u;
  u.venue = venue::upbit;
  u.symbol = "KRW-BTC";
  u.id = pairs[0].legs[0].id;
  u.side = side::buy;
  u.event = order_event::fill;
  u.order_qty = qty("0.005");
  u.cum_qty = qty("0.005");
  u.avg_px = px("100000000");
  fill f;
  f.order_id = u.id;
  f.trade_id = "t1";
  f.venue = venue::upbit;
  f.symbol = "KRW-BTC";
  f.side = side::buy;
  f.qty = qty("0.005");
  f.px = px("100000000");
  f.ts = clock->now();
  u.last_fill = f;
  (*self)->send(coord, u);
  sched->run();
  // The unwind (an Upbit sell) went out without a check and is open.
  EXPECT_EQ(upbit_places, 2);
  auto r = risk_state();
  EXPECT_EQ(r.checks, 1u);
  EXPECT_EQ(r.open_orders, 1) << "the unwind; both legs are final";
  EXPECT_EQ(r.orders_last_1s, 3);
}

} // namespace
} // namespace tandem::actors
