// The order actor against a scripted fake venue under CAF's deterministic
// test coordinator: virtual time drives answer timeouts and query delays.
#include "actors/engine_protocol.hpp"
#include "actors/order_actor.hpp"
#include "actors/supervision_protocol.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

#include <deque>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;

template<class T>
T dec(const char* s) {
  return T::parse(s).value();
}

/// What the fake venue answers; nullopt = never answer.
struct script {
  std::optional<order_reply> place;
  std::deque<order_reply> queries;
  int places = 0;
  /// Places sent with halt_exempt_atom (they pass a halt's gate).
  int exempt_places = 0;
  int query_count = 0;
  int cancels = 0;
  std::vector<caf::response_promise> held;
};

caf::behavior fake_venue(caf::event_based_actor* self, script* s) {
  return {
    [=](place_atom, const order_request&) -> caf::result<order_reply> {
      ++s->places;
      if (s->place)
        return *s->place;
      s->held.push_back(self->make_response_promise());
      return caf::delegated<order_reply>{};
    },
    [=](place_atom, const order_request&,
        halt_exempt_atom) -> caf::result<order_reply> {
      ++s->exempt_places;
      if (s->place)
        return *s->place;
      s->held.push_back(self->make_response_promise());
      return caf::delegated<order_reply>{};
    },
    [=](query_atom, const std::string&,
        const client_order_id&) -> caf::result<order_reply> {
      ++s->query_count;
      if (s->queries.empty()) {
        s->held.push_back(self->make_response_promise());
        return caf::delegated<order_reply>{};
      }
      auto r = s->queries.front();
      s->queries.pop_front();
      return r;
    },
    [=](cancel_atom, const std::string&,
        const client_order_id&) -> caf::result<order_reply> {
      ++s->cancels;
      return order_reply{failure{venues::venue_failure{
        venues::venue_error::unknown_order, "gone", std::nullopt}}};
    },
  };
}

order_request leg() {
  order_request r;
  r.id = client_order_id::make("tdm-1-7").value();
  r.venue = venue::binance;
  r.symbol = "BTCUSDT";
  r.side = side::sell;
  r.type = order_type::limit;
  r.tif = time_in_force::ioc;
  r.qty = dec<quantity>("0.010");
  r.limit_price = dec<price>("60000");
  return r;
}

venues::order_update venue_says(order_event e, const char* cum,
                                const char* avg) {
  venues::order_update u;
  u.venue = venue::binance;
  u.symbol = "BTCUSDT";
  u.id = leg().id;
  u.venue_order_id = "42";
  u.event = e;
  u.side = side::sell;
  u.order_qty = dec<quantity>("0.010");
  u.cum_qty = dec<quantity>(cum);
  u.avg_px = dec<price>(avg);
  return u;
}

order_reply refused(venues::venue_error e) {
  return order_reply{failure{venues::venue_failure{e, "test", std::nullopt}}};
}

struct order_actor_test : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::unique_ptr<caf::scoped_actor> parent;
  script s;
  caf::actor venue;

  order_actor_test() {
    cfg.set("scheduler.policy", caf::atom("testing"));
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
    parent = std::make_unique<caf::scoped_actor>(*sys);
    venue = sys->spawn(fake_venue, &s);
  }

  ~order_actor_test() override {
    for (auto& p : s.held)
      p.deliver(caf::make_error(caf::sec::request_receiver_down));
    (*parent)->send_exit(venue, caf::exit_reason::user_shutdown);
    sched->run();
    parent.reset();
    sched->run();
  }

  caf::actor start(tracker_policy p = {}, bool halt_exempt = false) {
    order_actor_config c;
    c.halt_exempt = halt_exempt;
    c.req = leg();
    c.venue = venue;
    c.parent = caf::actor_cast<caf::actor>(*parent);
    c.policy = p;
    c.policy.query_delay = 100ms;
    c.answer_timeout = 1s;
    auto a = spawn_order_actor(*sys, c);
    (*parent)->monitor(a);
    sched->run();
    return a;
  }

  /// The next leg_report in the parent's mailbox, if any.
  std::optional<leg_report> report() {
    std::optional<leg_report> got;
    (*parent)->receive([&](leg_report& r) { got = std::move(r); },
                       caf::after(0s) >> [] {});
    return got;
  }

  bool actor_ended() {
    bool down = false;
    (*parent)->receive([&](caf::down_msg&) { down = true; },
                       caf::after(0s) >> [] {});
    return down;
  }
};

TEST_F(order_actor_test, a_filled_answer_is_reported_and_the_actor_ends) {
  s.place = order_reply{venue_says(order_event::fill, "0.010", "60000")};
  start();
  auto r = report();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, leg_outcome::filled);
  EXPECT_EQ(r->filled, dec<quantity>("0.010"));
  ASSERT_EQ(r->new_fills.size(), 1u);
  EXPECT_TRUE(actor_ended());
  EXPECT_EQ(s.places, 1);
}

TEST_F(order_actor_test, a_missing_answer_is_queried_and_the_order_sent_once) {
  start(); // The fake venue holds the place request: no answer.
  EXPECT_FALSE(report());
  s.queries.push_back(
    order_reply{venue_says(order_event::fill, "0.010", "60005")});
  sched->clock().advance_time(1s); // answer timeout
  sched->run();
  sched->clock().advance_time(100ms); // query delay
  sched->run();
  auto r = report();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, leg_outcome::filled);
  EXPECT_EQ(r->avg_px, dec<price>("60005"));
  EXPECT_EQ(s.places, 1);
  EXPECT_EQ(s.query_count, 1);
}

TEST_F(order_actor_test, an_order_the_venue_never_saw_ends_absent) {
  tracker_policy p;
  p.max_queries = 2;
  s.place = refused(venues::venue_error::outcome_unknown);
  s.queries.push_back(refused(venues::venue_error::unknown_order));
  s.queries.push_back(refused(venues::venue_error::unknown_order));
  start(p);
  ASSERT_TRUE(report()); // the outcome-unknown answer
  sched->clock().advance_time(100ms);
  sched->run();
  sched->clock().advance_time(200ms);
  sched->run();
  std::optional<leg_report> last;
  while (auto r = report())
    last = r;
  ASSERT_TRUE(last);
  EXPECT_EQ(last->outcome, leg_outcome::absent);
  EXPECT_EQ(s.query_count, 2);
  EXPECT_EQ(s.places, 1);
  EXPECT_FALSE(actor_ended()); // stays to catch a late update
}

TEST_F(order_actor_test, stream_updates_routed_to_the_actor_settle_the_order) {
  s.place = order_reply{venue_says(order_event::accepted, "0", "0")};
  auto a = start();
  ASSERT_TRUE(report());
  auto u = venue_says(order_event::partial_fill, "0.004", "60000");
  (*parent)->send(a, u);
  sched->run();
  auto r = report();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->filled, dec<quantity>("0.004"));
  EXPECT_EQ(r->outcome, leg_outcome::working);
  (*parent)->send(a, venue_says(order_event::canceled, "0.004", "60000"));
  sched->run();
  r = report();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, leg_outcome::closed);
  EXPECT_TRUE(actor_ended());
}

TEST_F(order_actor_test, a_refusal_is_reported_with_the_venue_reason) {
  s.place = refused(venues::venue_error::insufficient_funds);
  start();
  auto r = report();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, leg_outcome::rejected);
  ASSERT_TRUE(r->failure);
  EXPECT_EQ(r->failure->code, venues::venue_error::insufficient_funds);
  EXPECT_TRUE(actor_ended());
}

TEST_F(order_actor_test, an_exempt_order_asks_to_pass_the_halt_gate) {
  s.place = order_reply{venue_says(order_event::fill, "0.010", "60000")};
  start({}, true);
  EXPECT_EQ(s.exempt_places, 1);
  EXPECT_EQ(s.places, 0);
  auto r = report();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, leg_outcome::filled);
}

TEST_F(order_actor_test, a_place_held_back_by_the_halt_gate_ends_at_once) {
  s.place = refused(venues::venue_error::blocked);
  start();
  EXPECT_EQ(s.places, 1);
  auto r = report();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, leg_outcome::rejected);
  ASSERT_TRUE(r->failure);
  EXPECT_EQ(r->failure->code, venues::venue_error::blocked);
  EXPECT_EQ(s.query_count, 0);
  EXPECT_TRUE(actor_ended());
}

// The place waited in the session's queue longer than the answer timeout;
// the halt then dropped it, and the venue actor answers the query blocked:
// one query, not a storm of unknown_order ones.
TEST_F(order_actor_test, a_timed_out_place_dropped_by_the_halt_is_one_query) {
  s.queries.push_back(refused(venues::venue_error::blocked));
  start(); // the place is held: never answered
  sched->advance_time(1s);
  sched->run();
  sched->advance_time(100ms); // the first query's delay
  sched->run();
  EXPECT_EQ(s.query_count, 1);
  std::optional<leg_report> last;
  while (auto r = report())
    last = r;
  ASSERT_TRUE(last);
  EXPECT_EQ(last->outcome, leg_outcome::rejected);
  sched->advance_time(10s);
  sched->run();
  EXPECT_EQ(s.query_count, 1);
  EXPECT_EQ(s.places, 1);
}

// The venue actor crashes with the place in flight: it answers
// outcome_unknown as it goes (as the real one does; here just before), the
// order actor's
// queries bounce off the dead instance and wait, however long the outage,
// without using up the query budget; after venue_restarted the order is
// queried by its client id through the new instance, never placed again.
TEST_F(order_actor_test, a_crashed_venue_loses_no_order) {
  tracker_policy p;
  p.max_queries = 2;
  s.place = refused(venues::venue_error::outcome_unknown);
  auto a = start(p);
  (*parent)->send_exit(venue, caf::exit_reason::kill);
  sched->run();
  ASSERT_TRUE(report()); // the outcome-unknown answer
  for (int i = 0; i < 20; ++i) {
    sched->clock().advance_time(1s);
    sched->run();
  }
  while (auto r = report())
    EXPECT_EQ(r->outcome, leg_outcome::working) << "gave up during the outage";
  EXPECT_FALSE(actor_ended());

  script s2;
  s2.queries.push_back(
    order_reply{venue_says(order_event::fill, "0.010", "60010")});
  auto venue2 = sys->spawn(fake_venue, &s2);
  (*parent)->send(
    a, venue_restarted{"binance", venue::binance, venue2, 1, venue.address()});
  sched->run();
  std::optional<leg_report> last;
  while (auto r = report())
    last = r;
  ASSERT_TRUE(last);
  EXPECT_EQ(last->outcome, leg_outcome::filled);
  EXPECT_EQ(last->avg_px, dec<price>("60010"));
  EXPECT_EQ(s2.query_count, 1);
  EXPECT_EQ(s2.places, 0);
  EXPECT_EQ(s.places, 1);
  EXPECT_TRUE(actor_ended());
  (*parent)->send_exit(venue2, caf::exit_reason::user_shutdown);
}

// A restart of another venue's actor changes nothing.
TEST_F(order_actor_test, a_restart_of_another_instance_is_ignored) {
  s.place = order_reply{venue_says(order_event::accepted, "0", "0")};
  auto a = start();
  ASSERT_TRUE(report());
  script s2;
  auto other = sys->spawn(fake_venue, &s2);
  (*parent)->send(
    a, venue_restarted{"upbit", venue::upbit, other, 1, other.address()});
  sched->run();
  EXPECT_EQ(s2.query_count, 0);
  EXPECT_FALSE(report());
  (*parent)->send_exit(other, caf::exit_reason::user_shutdown);
}

} // namespace
} // namespace tandem::actors
