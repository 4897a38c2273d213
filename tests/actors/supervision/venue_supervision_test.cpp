// Venue supervision under CAF's deterministic test coordinator (virtual
// time): the real supervisor restarts a crashed Binance venue actor (fake
// sessions), and the real pair coordinator, its order actors, the real
// emergency stop and the venue-away monitor use the new instance; a venue
// away past the limit halts while a pair is unhedged, only alerts while
// everything is flat, and does nothing when it is back in time. With the
// real risk actor in the loop (venue_away_veto_test), no entry or exit
// starts while a venue is away.
#include "actors/emergency_stop.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/pair_coordinator.hpp"
#include "actors/risk_actor.hpp"
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
caf::behavior filling_upbit(caf::event_based_actor* self, int* cancel_alls,
                            int* places) {
  self->set_default_handler(
    [](caf::scheduled_actor*, caf::message_view&) -> caf::result<caf::message> {
      return caf::make_message(true);
    });
  return {
    [=](actors::place_atom, const order_request& o) -> actors::order_reply {
      ++*places;
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
  /// `with_risk`: the coordinator asks a real risk actor, which the
  /// monitor tells when a venue is away; the test's strategy_box plays the
  /// strategy.
  explicit venue_supervision_test(bool with_risk = false) {
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

    upbit = track(sys.spawn(filling_upbit, &upbit_cancel_alls, &upbit_places));
    actors::emergency_stop_config ec;
    ec.venues = {upbit, binance};
    stop = track(actors::spawn_emergency_stop(sys, ec, actors::halt_state{}));
    if (with_risk)
      spawn_risk();
    actors::coordinator_config cc;
    cc.upbit = upbit;
    cc.binance = binance;
    cc.upbit_btc = arbitrage::test::upbit_krw_btc();
    cc.binance_btc = arbitrage::test::binance_btcusdt();
    cc.cid_prefix = "tdm";
    cc.session = 7;
    cc.emergency_stop = stop;
    cc.risk = risk;
    if (with_risk)
      cc.strategy = caf::actor{strategy_box};
    coord = track(actors::spawn_pair_coordinator(sys, cc));
    actors::venue_away_monitor_config mc;
    mc.venues = {{venue::upbit, upbit}, {venue::binance, binance}};
    mc.coordinator = coord;
    mc.emergency_stop = stop;
    mc.alerts = caf::actor{alerts_box};
    mc.limit = limit;
    mc.recheck = 1s;
    mc.risk = risk;
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

  /// The risk actor with default limits and marks for both legs and the
  /// KRW-USDT rate (0.002 BTC is ~200,000 KRW a leg: every limit passes).
  void spawn_risk() {
    actors::risk_actor_config rc;
    rc.instruments
      = {arbitrage::test::upbit_krw_btc(), arbitrage::test::binance_btcusdt()};
    rc.venue_poll = 0ms;
    rc.emergency_stop = stop;
    risk = track(actors::spawn_risk_actor(sys, rc));
    auto at = from_unix_ms(1'700'000'000'000);
    using arbitrage::test::top;
    for (const auto& t :
         {top(venue::upbit, "KRW-USDT", "1400", "1000", "1401", "1000", at),
          top(venue::upbit, "KRW-BTC", "100000000", "1", "100000000", "1", at),
          top(venue::binance, "BTCUSDT", "70000", "1", "70000", "1", at)})
      self->send(risk, t);
    run();
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
  caf::scoped_actor strategy_box{sys};
  bool refuse = false;
  std::vector<std::shared_ptr<fake_control>> sessions;
  int upbit_cancel_alls = 0;
  int upbit_places = 0;
  caf::actor sup, binance, upbit, stop, risk, coord, monitor;
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

// -- risk's VENUE_AWAY veto ---------------------------------------------------

class venue_away_veto_test : public venue_supervision_test {
 protected:
  venue_away_veto_test() : venue_supervision_test(true) {}

  /// The strategy's signal: an entry buys Upbit and sells Binance, an exit
  /// the other way round, 0.002 BTC a leg.
  void signal(const std::string& id, arbitrage::pair_kind kind) {
    arbitrage::pair_signal s;
    s.id = id;
    s.kind = kind;
    s.qty = qty("0.002");
    s.upbit_limit = px("100000000");
    s.binance_limit = px("70000");
    self->send(coord, s);
    run();
  }

  std::optional<actors::pair_settled> settled() {
    return take<actors::pair_settled>(strategy_box);
  }

  std::optional<actors::pair_view> pair(const std::string& id) {
    self->send(coord, actors::pairs_atom::value);
    run();
    for (auto& p : take<std::vector<actors::pair_view>>().value_or(
           std::vector<actors::pair_view>{}))
      if (p.pair_id == id)
        return p;
    return std::nullopt;
  }

  std::uint64_t vetoes() {
    self->send(risk, caf::get_atom::value);
    run();
    return take<actors::risk_view>().value_or(actors::risk_view{}).vetoes;
  }

  /// The Binance session fills the leg it holds.
  void fill_binance_leg(fake_control& c) {
    ASSERT_FALSE(c.placed.empty());
    const auto& o = c.placed.back();
    venues::order_update u;
    u.venue = venue::binance;
    u.symbol = o.symbol;
    u.id = o.id;
    u.side = o.side;
    u.event = order_event::fill;
    u.order_qty = o.qty;
    u.cum_qty = o.qty;
    u.avg_px = o.limit_price;
    ASSERT_TRUE(fake_control::answer(
      c.order_cbs, venues::venue_result<venues::order_update>{u}));
    run();
  }
};

TEST_F(venue_away_veto_test,
       an_entry_while_away_is_vetoed_and_opens_once_back) {
  report(*sessions[0], "user", venues::link_state::disconnected);
  advance(250ms);
  signal("tdm-7-s1", arbitrage::pair_kind::entry);
  EXPECT_EQ(upbit_places, 0) << "no leg went out";
  EXPECT_TRUE(sessions[0]->placed.empty());
  auto s = settled();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->outcome, "refused");
  auto p = pair("tdm-7-s1");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->state, "abandoned");
  EXPECT_TRUE(p->legs.empty());
  EXPECT_EQ(p->text, "risk: VENUE_AWAY: venue=binance away_ms=250 "
                     "why=\"user disconnected: eof\"");
  EXPECT_EQ(vetoes(), 1u);

  // Back: the next signal opens the pair on both venues.
  report(*sessions[0], "user", venues::link_state::connected);
  signal("tdm-7-s2", arbitrage::pair_kind::entry);
  EXPECT_EQ(upbit_places, 1);
  EXPECT_EQ(sessions[0]->placed.size(), 1u);
  EXPECT_EQ(vetoes(), 1u);
}

TEST_F(venue_away_veto_test, an_exit_while_away_is_vetoed_and_goes_out_later) {
  signal("tdm-7-s1", arbitrage::pair_kind::entry);
  fill_binance_leg(*sessions[0]);
  auto opened = settled();
  ASSERT_TRUE(opened);
  ASSERT_EQ(opened->outcome, "hedged");

  kill_binance();
  signal("tdm-7-s2", arbitrage::pair_kind::exit);
  auto s = settled();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->outcome, "refused");
  EXPECT_EQ(s->hedged_qty, qty("0.002")) << "the strategy stays hedged";
  auto p = pair("tdm-7-s2");
  ASSERT_TRUE(p);
  EXPECT_NE(p->text.find("VENUE_AWAY: venue=binance away_ms=0 "
                         "why=\"actor down:"),
            std::string::npos)
    << p->text;
  EXPECT_EQ(upbit_places, 1) << "only the entry's leg";

  // A new instance whose streams are not connected yet is still away: the
  // same outage, counted from the crash.
  advance(backoff_base);
  ASSERT_EQ(sessions.size(), 2u);
  signal("tdm-7-s3", arbitrage::pair_kind::exit);
  ASSERT_TRUE(settled());
  p = pair("tdm-7-s3");
  ASSERT_TRUE(p);
  EXPECT_NE(p->text.find("away_ms=100 why=\"actor down:"), std::string::npos)
    << p->text;
  EXPECT_TRUE(sessions[1]->placed.empty());

  // Connected: the exit goes out on both venues, through the new instance.
  connect(*sessions[1]);
  signal("tdm-7-s4", arbitrage::pair_kind::exit);
  EXPECT_EQ(upbit_places, 2);
  ASSERT_EQ(sessions[1]->placed.size(), 1u);
  EXPECT_EQ(sessions[1]->placed[0].side, side::buy);
  EXPECT_TRUE(sessions[1]->placed[0].reduce_only);
  EXPECT_EQ(vetoes(), 2u);
}

} // namespace
} // namespace tandem::test
