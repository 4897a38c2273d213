// Venue supervision under CAF's deterministic test coordinator (virtual
// time): the real supervisor restarts a crashed Binance venue actor (fake
// sessions), and the real pair coordinator, its order actors, the real
// emergency stop and the venue-away monitor use the new instance; a venue
// away past the limit halts while a pair is unhedged, only alerts while
// everything is flat, and does nothing when it is back in time.
#include "actors/emergency_stop.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/pair_coordinator.hpp"
#include "actors/supervisor.hpp"
#include "actors/venue_away_monitor.hpp"
#include "alerts/alert.hpp"
#include "tests/actors/venue_actor/caf_fixture.hpp"
#include "tests/actors/venue_actor/fake_session.hpp"
#include "tests/arbitrage/fixtures.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

namespace tandem::test {
namespace {

using namespace std::chrono_literals;
using arbitrage::test::px;
using arbitrage::test::qty;

constexpr auto limit = 5000ms;
constexpr auto backoff_base = 100ms;

/// Upbit, scripted: fills every order at its limit, cancels nothing, and
/// says yes to any other request (the emergency stop's halt gate).
caf::behavior filling_upbit(caf::event_based_actor* self, int* cancel_alls) {
  self->set_default_handler(
    [](caf::scheduled_actor*, caf::message_view&) -> caf::result<caf::message> {
      return caf::make_message(true);
    });
  return {
    [=](actors::place_atom, const order_request& o) -> actors::order_reply {
      venues::order_update u;
      u.venue = o.venue;
      u.symbol = o.symbol;
      u.id = o.id;
      u.side = o.side;
      u.event = order_event::fill;
      u.order_qty = o.qty;
      u.cum_qty = o.qty;
      u.avg_px = o.limit_price;
      return actors::order_reply{u};
    },
    [=](actors::cancel_all_atom, const std::string&) -> actors::count_reply {
      ++*cancel_alls;
      return actors::count_reply{std::size_t{0}};
    },
  };
}

class venue_supervision_test : public caf_fixture {
 protected:
  venue_supervision_test() {
    actors::supervisor_config sc;
    sc.restart_base = backoff_base;
    sc.restart_max = backoff_base;
    sc.stable_after = 60s;
    sc.down_alarm_after = 60s;
    sc.seed = 7;
    sup = track(actors::spawn_supervisor(sys, sc).value());
    self->send(sup, actors::supervise_atom::value,
               actors::venue_child(venue::binance, factory()));
    run();
    binance = take<actors::supervise_reply>().value().value();

    upbit = track(sys.spawn(filling_upbit, &upbit_cancel_alls));
    actors::emergency_stop_config ec;
    ec.venues = {upbit, binance};
    stop = track(actors::spawn_emergency_stop(sys, ec, actors::halt_state{}));
    actors::coordinator_config cc;
    cc.upbit = upbit;
    cc.binance = binance;
    cc.upbit_btc = arbitrage::test::upbit_krw_btc();
    cc.binance_btc = arbitrage::test::binance_btcusdt();
    cc.cid_prefix = "tdm";
    cc.session = 7;
    cc.emergency_stop = stop;
    coord = track(actors::spawn_pair_coordinator(sys, cc));
    actors::venue_away_monitor_config mc;
    mc.venues = {{venue::upbit, upbit}, {venue::binance, binance}};
    mc.coordinator = coord;
    mc.emergency_stop = stop;
    mc.alerts = caf::actor{alerts_box};
    mc.limit = limit;
    mc.recheck = 1s;
    monitor = track(actors::spawn_venue_away_monitor(sys, mc));
    // As the engine wires them: every holder watches the supervisor; the
    // monitor and the coordinator hear the venue through it.
    for (const auto& w : {coord, stop, monitor})
      self->send(sup, actors::watch_atom::value, w);
    for (const auto& s : {coord, monitor})
      self->send(sup, actors::subscribe_atom::value, std::string{"binance"}, s);
    run();
    connect(*sessions.back());
  }

  ~venue_supervision_test() override {
    self->send(sup, actors::child_atom::value, std::string{"binance"});
    run();
    if (auto c = take<caf::actor>(); c && *c)
      caf::anon_send_exit(*c, caf::exit_reason::kill);
  }

  actors::session_factory factory() {
    return
      [this]() -> result<std::unique_ptr<venues::venue_session>, std::string> {
        if (refuse)
          return failure{std::string{"binance: exchangeInfo unreachable"}};
        auto c = std::make_shared<fake_control>();
        sessions.push_back(c);
        return std::unique_ptr<venues::venue_session>{
          std::make_unique<fake_session>(c)};
      };
  }

  /// The session reports `stream` in state `s`.
  void report(fake_control& c, const char* stream, venues::link_state s) {
    venues::session_status st;
    st.venue = venue::binance;
    st.stream = stream;
    st.state = s;
    st.reason = s == venues::link_state::connected ? "" : "eof";
    c.events.on_status(st);
    run();
  }

  void connect(fake_control& c) {
    report(c, "market", venues::link_state::connected);
    report(c, "user", venues::link_state::connected);
  }

  /// An entry pair: the Upbit leg fills at once, the Binance leg's place
  /// waits in the fake session (the pair stays opening, unhedged).
  void open_pair(const std::string& id) {
    arbitrage::pair_signal s;
    s.id = id;
    s.kind = arbitrage::pair_kind::entry;
    s.qty = qty("0.002");
    s.upbit_limit = px("100000000");
    s.binance_limit = px("70000");
    self->send(coord, s);
    run();
  }

  void kill_binance() {
    self->send_exit(binance, caf::exit_reason::kill);
    run();
  }

  actors::halt_state halt() {
    self->send(stop, caf::get_atom::value);
    run();
    return take<actors::halt_state>().value_or(actors::halt_state{});
  }

  std::vector<alerts::alert> alerts() {
    std::vector<alerts::alert> out;
    while (auto a = take<alerts::alert>(alerts_box))
      out.push_back(*a);
    return out;
  }

  caf::scoped_actor alerts_box{sys};
  bool refuse = false;
  std::vector<std::shared_ptr<fake_control>> sessions;
  int upbit_cancel_alls = 0;
  caf::actor sup, binance, upbit, stop, coord, monitor;
};

TEST_F(venue_supervision_test, a_restarted_venue_reaches_coordinator_and_stop) {
  open_pair("tdm-7-s1");
  ASSERT_EQ(sessions.size(), 1u);
  ASSERT_EQ(sessions[0]->placed.size(), 1u); // the Binance leg, in flight
  auto leg = sessions[0]->placed[0].id;

  kill_binance();
  advance(backoff_base);
  ASSERT_EQ(sessions.size(), 2u) << "restarted with a fresh session";
  auto& fresh = *sessions[1];
  EXPECT_TRUE(fresh.started);
  // The in-flight leg's order actor asks the new instance by client id;
  // nothing is placed twice.
  advance(1s);
  ASSERT_FALSE(fresh.queries.empty());
  EXPECT_EQ(fresh.queries.front().second, leg);
  EXPECT_TRUE(fresh.placed.empty());

  // New pairs go to the new instance.
  connect(fresh);
  open_pair("tdm-7-s2");
  ASSERT_EQ(fresh.placed.size(), 1u);
  EXPECT_EQ(sessions[0]->placed.size(), 1u);

  // And the emergency stop cancels there.
  self->send(stop, actors::halt_atom::value,
             actors::halt_request{"manual", "test", "console:test"});
  run();
  EXPECT_EQ(fresh.cancel_alls, std::vector<std::string>{""});
  EXPECT_EQ(upbit_cancel_alls, 1);
  EXPECT_EQ(halt().trigger, "manual");
}

TEST_F(venue_supervision_test, away_while_unhedged_halts) {
  open_pair("tdm-7-s1");
  refuse = true; // every restart fails: the venue stays away
  kill_binance();
  advance(limit - 1ms);
  EXPECT_FALSE(halt().halted) << "not before the limit";
  advance(1ms);
  auto h = halt();
  ASSERT_TRUE(h.halted);
  EXPECT_EQ(h.trigger, "venue_away_unhedged");
  EXPECT_EQ(h.who, "supervisor");
  EXPECT_NE(h.detail.find("venue=binance"), std::string::npos) << h.detail;
  EXPECT_NE(h.detail.find("away_ms=5000"), std::string::npos) << h.detail;
  EXPECT_NE(h.detail.find("pair=tdm-7-s1 state=opening"), std::string::npos)
    << h.detail;
  // Every open order cancelled on the venue still reachable.
  EXPECT_EQ(upbit_cancel_alls, 1);
  EXPECT_TRUE(alerts().empty()) << "a halt, not a venue alert";
}

TEST_F(venue_supervision_test, disconnected_streams_while_unhedged_halt) {
  open_pair("tdm-7-s1");
  report(*sessions[0], "user", venues::link_state::disconnected);
  report(*sessions[0], "user", venues::link_state::connecting);
  advance(limit);
  auto h = halt();
  ASSERT_TRUE(h.halted);
  EXPECT_EQ(h.trigger, "venue_away_unhedged");
  EXPECT_NE(h.detail.find("why=\"user disconnected: eof\""), std::string::npos)
    << h.detail;
}

TEST_F(venue_supervision_test, away_while_flat_only_alerts_once) {
  refuse = true;
  kill_binance();
  advance(limit);
  EXPECT_FALSE(halt().halted);
  auto got = alerts();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].kind, alerts::alert_kind::venue);
  EXPECT_NE(got[0].summary.find("venue=binance"), std::string::npos);
  EXPECT_NE(got[0].summary.find("unhedged_pairs=0"), std::string::npos);
  // Still away, still flat: rechecked, not alerted again.
  for (int i = 0; i < 5; ++i)
    advance(1s);
  EXPECT_TRUE(alerts().empty());
  EXPECT_FALSE(halt().halted);
}

TEST_F(venue_supervision_test, a_pair_turning_unhedged_later_still_halts) {
  refuse = true;
  kill_binance();
  advance(limit);
  ASSERT_EQ(alerts().size(), 1u);
  // The coordinator still holds the dead instance for Binance until a
  // restart: the Binance leg cannot go out, the Upbit leg fills.
  open_pair("tdm-7-s9");
  advance(1s);
  auto h = halt();
  ASSERT_TRUE(h.halted);
  EXPECT_NE(h.detail.find("pair=tdm-7-s9"), std::string::npos) << h.detail;
}

TEST_F(venue_supervision_test, back_before_the_limit_does_nothing) {
  open_pair("tdm-7-s1");
  kill_binance();
  advance(backoff_base);
  ASSERT_EQ(sessions.size(), 2u);
  connect(*sessions[1]);
  advance(limit);
  advance(limit);
  EXPECT_FALSE(halt().halted);
  EXPECT_TRUE(alerts().empty());
}

} // namespace
} // namespace tandem::test
