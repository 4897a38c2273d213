// Venue supervision end to end: the real engine against both simulators.
// A killed Binance venue actor is restarted by the supervisor and trading
// goes on through the new instance; a Binance venue actor that stays down
// while a pair is open halts the engine (venue_away_unhedged) and every
// open order on Upbit, still reachable, is cancelled.
#include "e2e_fixture.hpp"

#include "core/client_order_id.hpp"
#include "venues/net/backoff.hpp"

#include <random>

namespace tandem::e2e {
namespace {

actors::venue_status venue_status_of(actors::engine& eng, venue v) {
  actors::venue_status out;
  auto a = eng.venue(v);
  if (!a)
    return out;
  caf::scoped_actor self{eng.system()};
  self->request(a, 10s, actors::status_atom::value)
    .receive([&](actors::venue_status& s) { out = s; }, [](caf::error&) {});
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// A seed whose first restart delay is longer than `at_least` with this
/// backoff: the supervisor draws the same numbers, so the venue stays
/// down for the whole test.
std::uint64_t
seed_for_a_long_first_restart(std::chrono::milliseconds base,
                              std::chrono::milliseconds at_least) {
  for (std::uint64_t seed = 1;; ++seed) {
    std::mt19937_64 rng{seed};
    net::backoff b{base, base};
    if (b.next(rng()) > at_least)
      return seed;
  }
}

} // namespace

// The Binance venue actor is killed: the supervisor starts a new one with
// a fresh session, the coordinator trades through it (a pair hedges on
// both simulators) and a halt cancels through it.
TEST_F(e2e_test, killed_venue_actor_is_restarted_and_trading_continues) {
  start_cluster(false);
  start_engine(true);
  auto first = engine_->venue(venue::binance);
  ASSERT_TRUE(first);
  caf::anon_send_exit(first, caf::exit_reason::kill);
  ASSERT_TRUE(eventually([&] {
    auto now = engine_->venue(venue::binance);
    return now && now != first;
  }))
    << "no new Binance venue actor";
  ASSERT_TRUE(eventually(
    [&] { return venue_status_of(*engine_, venue::binance).connected; }))
    << "the new session never connected";

  auto sig = make_signal("e2e-restart-1");
  send_signal(sig);
  auto p = wait_settled(sig.id);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->state, "hedged") << p->text;
  EXPECT_EQ(upbit_btc(), leg_qty);
  EXPECT_EQ(binance_btc(), -leg_qty);
  EXPECT_FALSE(halt().halted);

  // An order resting on Binance through the new instance, then a manual
  // halt: the emergency stop cancels it there.
  auto books = cluster_->market().last();
  ASSERT_TRUE(books.has_value());
  auto ids = client_order_id_generator::make("tdmp", 4343).value();
  order_request bn;
  bn.id = ids.next();
  bn.venue = venue::binance;
  bn.symbol = "BTCUSDT";
  bn.side = side::sell;
  bn.qty = leg_qty;
  bn.limit_price = books->binance_btc.asks.back().px;
  caf::scoped_actor self{engine_->system()};
  bool placed = false;
  self
    ->request(engine_->venue(venue::binance), 10s, actors::place_atom::value,
              bn)
    .receive([&](actors::order_reply& r) { placed = r.has_value(); },
             [](caf::error&) {});
  ASSERT_TRUE(placed);
  ASSERT_TRUE(eventually([&] { return binance_open_orders() == 1; }));
  self
    ->request(engine_->emergency_stop(), 10s, actors::halt_atom::value,
              actors::halt_request{"manual", "e2e test", "console:test"})
    .receive([](actors::halt_state&) {}, [](caf::error&) {});
  EXPECT_TRUE(eventually([&] { return binance_open_orders() == 0; }))
    << "binance " << binance_open_orders();
}

// A pair is open (Upbit leg filled, Binance leg in flight) when the
// Binance venue actor dies and stays down (its restart is minutes away):
// past [supervision] away_unhedged_limit_ms the engine halts naming the
// venue, the time away and the pair, and the resting Upbit order is
// cancelled.
TEST_F(e2e_test, venue_away_while_a_pair_is_open_halts_and_cancels) {
  constexpr std::chrono::milliseconds restart_base{600'000};
  auto seed = seed_for_a_long_first_restart(restart_base, 300s);
  start_cluster(false);
  start_engine(true, [&](actors::engine_inputs& in) {
    in.cfg.supervision.restart_base_ms = restart_base.count();
    in.cfg.supervision.restart_max_ms = restart_base.count();
    in.cfg.supervision.away_unhedged_limit_ms = 500;
    in.supervisor_seed = seed;
  });
  auto books = cluster_->market().last();
  ASSERT_TRUE(books.has_value());

  // An order resting on Upbit, far from the top.
  auto ids = client_order_id_generator::make("tdmp", 4444).value();
  order_request up;
  up.id = ids.next();
  up.venue = venue::upbit;
  up.symbol = "KRW-BTC";
  up.side = side::buy;
  up.qty = leg_qty;
  up.limit_price = books->upbit_btc.bids.back().px;
  caf::scoped_actor self{engine_->system()};
  bool placed = false;
  self
    ->request(engine_->venue(venue::upbit), 10s, actors::place_atom::value, up)
    .receive([&](actors::order_reply& r) { placed = r.has_value(); },
             [](caf::error&) {});
  ASSERT_TRUE(placed);
  ASSERT_TRUE(eventually([&] { return upbit_open_orders() == 1; }));

  // Binance holds back its REST answers and stream frames: the Binance
  // leg stays in flight while the Upbit leg fills.
  cluster_->binance().set_streams_stalled(true);
  cluster_->binance().set_latency(120s);
  auto sig = make_signal("e2e-away-1");
  send_signal(sig);
  ASSERT_TRUE(eventually([&] {
    auto p = pair(sig.id);
    if (!p || p->state != "opening")
      return false;
    for (const auto& l : p->legs)
      if (l.venue == venue::upbit && l.filled == leg_qty)
        return true;
    return false;
  }))
    << "the pair never had its Upbit leg filled while opening";
  EXPECT_FALSE(halt().halted);

  auto binance = engine_->venue(venue::binance);
  ASSERT_TRUE(binance);
  caf::anon_send_exit(binance, caf::exit_reason::kill);
  ASSERT_TRUE(eventually([&] { return halt().halted; }))
    << engine_->status_line();
  auto h = halt();
  EXPECT_EQ(h.trigger, "venue_away_unhedged");
  EXPECT_EQ(h.who, "supervisor");
  EXPECT_TRUE(contains(h.detail, "venue=binance")) << h.detail;
  EXPECT_TRUE(contains(h.detail, "away_ms=")) << h.detail;
  EXPECT_TRUE(contains(h.detail, "pair=e2e-away-1")) << h.detail;
  EXPECT_TRUE(eventually([&] { return upbit_open_orders() == 0; }))
    << "upbit " << upbit_open_orders();
  EXPECT_FALSE(engine_->venue(venue::binance)) << "restarted after all";

  cluster_->binance().set_latency(0ms);
  cluster_->binance().set_streams_stalled(false);
}

} // namespace tandem::e2e
