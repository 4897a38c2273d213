// The venue actor's halt gate (block_atom) under CAF's deterministic test
// coordinator: while it is up, places are refused unsent and the session
// is told to drop what it queued (exempt places stay); cancels, queries and
// reads flow; a query for an order the gate held back is answered blocked
// without asking the venue, also when the session's answer came after the
// actor's deadline.
#include "actors/venue_actor.hpp"

#include "tests/actors/venue_actor/caf_fixture.hpp"
#include "tests/actors/venue_actor/fake_session.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace tandem::test {
namespace {

using namespace std::chrono_literals;
using actors::count_reply;
using actors::order_reply;
using venues::venue_error;

class venue_actor_gate_test : public caf_fixture {
 protected:
  venue_actor_gate_test() {
    auto r = actors::spawn_venue_actor(sys, std::make_unique<fake_session>(ctl),
                                       actors::venue_actor_config{deadline});
    EXPECT_TRUE(r.has_value());
    venue = track(r.value());
    run();
  }

  bool gate(bool on) {
    self->send(venue, actors::block_atom::value, on,
               std::string{on ? "halt manual" : "halt cleared"});
    run();
    auto b = take<bool>();
    EXPECT_TRUE(b.has_value());
    return b.value_or(!on);
  }

  actors::venue_status status() {
    self->send(venue, actors::status_atom::value);
    run();
    return take<actors::venue_status>().value_or(actors::venue_status{});
  }

  /// The reply to the last request, which must be there already.
  order_reply reply() {
    auto r = take<order_reply>();
    EXPECT_TRUE(r.has_value());
    return r.value_or(order_reply{
      failure{failure_of(venue_error::rejected_other, "no reply")}});
  }

  static constexpr std::chrono::milliseconds deadline{2000};
  std::shared_ptr<fake_control> ctl = std::make_shared<fake_control>();
  caf::actor venue;
};

TEST_F(venue_actor_gate_test, places_are_refused_unsent_while_the_gate_is_up) {
  EXPECT_TRUE(gate(true));
  ASSERT_EQ(ctl->drops.size(), 1u);
  EXPECT_TRUE(ctl->drops[0].first.empty());
  EXPECT_NE(ctl->drops[0].second.find("halt manual"), std::string::npos);

  self->send(venue, actors::place_atom::value, sample_order("tdm-g-1"));
  run();
  auto r = reply();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, venue_error::blocked);
  EXPECT_TRUE(ctl->placed.empty()) << "never handed to the session";
  // Not the venue's trouble, and not a request the venue saw.
  auto s = status();
  EXPECT_EQ(s.failures, 0u);
  EXPECT_EQ(s.requests, 0u);

  // Cancels, queries and cancel-all still reach the session.
  self->send(venue, actors::cancel_atom::value, std::string{"BTCUSDT"},
             cid("tdm-other-1"));
  self->send(venue, actors::query_atom::value, std::string{"BTCUSDT"},
             cid("tdm-other-2"));
  self->send(venue, actors::cancel_all_atom::value, std::string{});
  run();
  EXPECT_EQ(ctl->cancels.size(), 1u);
  EXPECT_EQ(ctl->queries.size(), 1u);
  EXPECT_EQ(ctl->cancel_alls.size(), 1u);

  // Raising it again asks no second drop; lowering it lets places through.
  EXPECT_TRUE(gate(true));
  EXPECT_EQ(ctl->drops.size(), 1u);
  EXPECT_FALSE(gate(false));
  self->send(venue, actors::place_atom::value, sample_order("tdm-g-2"));
  run();
  ASSERT_EQ(ctl->placed.size(), 1u);
  EXPECT_EQ(ctl->placed[0].id.view(), "tdm-g-2");
}

TEST_F(venue_actor_gate_test, exempt_places_pass_and_are_kept_in_the_queue) {
  self->send(venue, actors::place_atom::value, sample_order("tdm-leg-1"));
  self->send(venue, actors::place_atom::value, sample_order("tdm-unwind-1"),
             actors::halt_exempt_atom::value);
  run();
  ASSERT_EQ(ctl->placed.size(), 2u);
  EXPECT_TRUE(gate(true));
  ASSERT_EQ(ctl->drops.size(), 1u);
  ASSERT_EQ(ctl->drops[0].first.size(), 1u);
  EXPECT_EQ(ctl->drops[0].first[0].view(), "tdm-unwind-1");

  // A flatten issued during the halt goes out.
  self->send(venue, actors::place_atom::value, sample_order("tdm-flat-1"),
             actors::halt_exempt_atom::value);
  run();
  ASSERT_EQ(ctl->placed.size(), 3u);
  EXPECT_EQ(ctl->placed[2].id.view(), "tdm-flat-1");
}

TEST_F(venue_actor_gate_test, a_place_the_session_held_back_is_known_absent) {
  self->send(venue, actors::place_atom::value, sample_order("tdm-q-1"));
  run();
  EXPECT_TRUE(gate(true));
  // The session drops it from its queue: answered blocked, never written.
  ASSERT_TRUE(fake_control::answer(
    ctl->order_cbs,
    order_reply{failure{failure_of(venue_error::blocked, "held back")}}));
  run();
  auto r = reply();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, venue_error::blocked);
  // The order actor's query is answered here, without the venue.
  self->send(venue, actors::query_atom::value, std::string{"BTCUSDT"},
             cid("tdm-q-1"));
  run();
  auto q = reply();
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().code, venue_error::blocked);
  EXPECT_TRUE(ctl->queries.empty());
  EXPECT_EQ(status().failures, 0u);
}

TEST_F(venue_actor_gate_test, a_blocked_answer_after_the_deadline_is_kept) {
  self->send(venue, actors::place_atom::value, sample_order("tdm-late-1"));
  run();
  advance(deadline);
  auto r = reply();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, venue_error::outcome_unknown);
  EXPECT_TRUE(gate(true));
  ASSERT_TRUE(fake_control::answer(
    ctl->order_cbs,
    order_reply{failure{failure_of(venue_error::blocked, "held back")}}));
  run();
  EXPECT_FALSE(take<order_reply>().has_value()) << "answered already";
  self->send(venue, actors::query_atom::value, std::string{"BTCUSDT"},
             cid("tdm-late-1"));
  run();
  auto q = reply();
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().code, venue_error::blocked);
  EXPECT_TRUE(ctl->queries.empty());
}

} // namespace
} // namespace tandem::test
