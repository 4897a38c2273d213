// The venue actor under CAF's deterministic test coordinator with a session
// the test drives: replies carry the session's answers, events reach
// subscribers in order, status counts venue trouble, deadlines answer for a
// silent session, and the session stops when the actor goes.
#include "actors/venue_actor.hpp"

#include "tests/actors/venue_actor/caf_fixture.hpp"
#include "tests/actors/venue_actor/fake_session.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace tandem::test {
namespace {

using namespace std::chrono_literals;
using actors::order_reply;
using venues::venue_error;

class venue_actor_test : public caf_fixture {
 protected:
  venue_actor_test() {
    auto r = actors::spawn_venue_actor(sys, std::make_unique<fake_session>(ctl),
                                       actors::venue_actor_config{deadline});
    EXPECT_TRUE(r.has_value());
    venue = track(r.value());
    run();
  }

  actors::venue_status status() {
    self->send(venue, actors::status_atom::value);
    run();
    auto s = take<actors::venue_status>();
    EXPECT_TRUE(s.has_value());
    return s.value_or(actors::venue_status{});
  }

  void place_and_answer(order_reply answer) {
    self->send(venue, actors::place_atom::value, sample_order());
    run();
    ASSERT_TRUE(fake_control::answer(ctl->order_cbs, std::move(answer)));
    run();
    ASSERT_TRUE(take<order_reply>().has_value());
  }

  static constexpr std::chrono::milliseconds deadline{2000};
  std::shared_ptr<fake_control> ctl = std::make_shared<fake_control>();
  caf::actor venue;
};

TEST_F(venue_actor_test, starts_the_session_when_spawned) {
  EXPECT_TRUE(ctl->started);
  EXPECT_FALSE(ctl->stopped);
  EXPECT_EQ(status().venue, venue::binance);
}

TEST_F(venue_actor_test, place_replies_with_the_sessions_answer) {
  self->send(venue, actors::place_atom::value, sample_order("tdm-t-7"));
  run();
  ASSERT_EQ(ctl->placed.size(), 1u);
  EXPECT_EQ(ctl->placed[0].id.view(), "tdm-t-7");
  EXPECT_EQ(ctl->placed[0].limit_price, price::must_parse("65000.10"));
  EXPECT_FALSE(take<order_reply>().has_value()) << "no answer yet";

  auto u = sample_update("tdm-t-7", order_event::accepted);
  ASSERT_TRUE(fake_control::answer(ctl->order_cbs, order_reply{u}));
  run();
  auto r = take<order_reply>();
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ(r->value().id.view(), "tdm-t-7");
  EXPECT_EQ(r->value().venue_order_id, "8886774");
  EXPECT_EQ(r->value().event, order_event::accepted);
  auto s = status();
  EXPECT_EQ(s.requests, 1u);
  EXPECT_EQ(s.failures, 0u);
}

TEST_F(venue_actor_test, failure_reply_carries_the_venue_failure) {
  self->send(venue, actors::place_atom::value, sample_order());
  run();
  auto f = venues::venue_failure{venue_error::insufficient_funds,
                                 "binance code=-2019 msg=Margin is "
                                 "insufficient.",
                                 std::chrono::milliseconds{1500}};
  ASSERT_TRUE(fake_control::answer(ctl->order_cbs, order_reply{failure{f}}));
  run();
  auto r = take<order_reply>();
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->has_value());
  EXPECT_EQ(r->error().code, venue_error::insufficient_funds);
  EXPECT_EQ(r->error().detail, f.detail);
  EXPECT_EQ(r->error().retry_after, std::chrono::milliseconds{1500});
  // A business refusal is a healthy venue answering: not a failure.
  auto s = status();
  EXPECT_EQ(s.failures, 0u);
  EXPECT_EQ(s.consecutive_failures, 0u);
}

TEST_F(venue_actor_test, every_request_kind_reaches_the_session_and_back) {
  self->send(venue, actors::cancel_atom::value, std::string{"BTCUSDT"},
             cid("tdm-t-2"));
  self->send(venue, actors::query_atom::value, std::string{"BTCUSDT"},
             cid("tdm-t-3"));
  self->send(venue, actors::cancel_all_atom::value, std::string{""});
  self->send(venue, actors::open_orders_atom::value, std::string{"BTCUSDT"});
  self->send(venue, actors::balances_atom::value);
  self->send(venue, actors::positions_atom::value);
  self->send(venue, actors::quotes_atom::value,
             std::vector<std::string>{"BTCUSDT", "ETHUSDT"});
  run();
  ASSERT_EQ(ctl->cancels.size(), 1u);
  EXPECT_EQ(ctl->cancels[0].second.view(), "tdm-t-2");
  ASSERT_EQ(ctl->queries.size(), 1u);
  EXPECT_EQ(ctl->queries[0].second.view(), "tdm-t-3");
  EXPECT_EQ(ctl->cancel_alls, std::vector<std::string>{""});
  EXPECT_EQ(ctl->open_orders, std::vector<std::string>{"BTCUSDT"});
  ASSERT_EQ(ctl->quote_subscriptions.size(), 1u);
  EXPECT_EQ(ctl->quote_subscriptions[0],
            (std::vector<std::string>{"BTCUSDT", "ETHUSDT"}));

  fake_control::answer(ctl->order_cbs, order_reply{sample_update(
                                         "tdm-t-2", order_event::canceled)});
  fake_control::answer(
    ctl->order_cbs,
    order_reply{failure{failure_of(venue_error::unknown_order, "-2013")}});
  fake_control::answer(ctl->count_cbs, actors::count_reply{std::size_t{3}});
  fake_control::answer(ctl->orders_cbs,
                       actors::orders_reply{std::vector<venues::order_update>{
                         sample_update("tdm-t-4"), sample_update("tdm-t-5")}});
  fake_control::answer(
    ctl->balance_cbs,
    actors::balances_reply{std::vector<venues::balance>{
      {"USDT", money::must_parse("1000.5"), money::must_parse("20")}}});
  fake_control::answer(
    ctl->position_cbs,
    actors::positions_reply{std::vector<venues::position_snapshot>{}});
  run();

  auto cancel = take<order_reply>();
  ASSERT_TRUE(cancel && cancel->has_value());
  EXPECT_EQ(cancel->value().event, order_event::canceled);
  auto query = take<order_reply>();
  ASSERT_TRUE(query && !query->has_value());
  EXPECT_EQ(query->error().code, venue_error::unknown_order);
  auto count = take<actors::count_reply>();
  ASSERT_TRUE(count && count->has_value());
  EXPECT_EQ(count->value(), 3u);
  auto orders = take<actors::orders_reply>();
  ASSERT_TRUE(orders && orders->has_value());
  EXPECT_EQ(orders->value().size(), 2u);
  auto bal = take<actors::balances_reply>();
  ASSERT_TRUE(bal && bal->has_value());
  ASSERT_EQ(bal->value().size(), 1u);
  EXPECT_EQ(bal->value()[0].free, money::must_parse("1000.5"));
  auto pos = take<actors::positions_reply>();
  ASSERT_TRUE(pos && pos->has_value());
  EXPECT_TRUE(pos->value().empty());
  EXPECT_EQ(status().requests, 6u);
}

TEST_F(venue_actor_test, events_reach_every_subscriber_in_order) {
  caf::scoped_actor a{sys};
  caf::scoped_actor b{sys};
  self->send(venue, actors::subscribe_atom::value, caf::actor{a});
  self->send(venue, actors::subscribe_atom::value, caf::actor{b});
  self->send(venue, actors::subscribe_atom::value, caf::actor{a}); // twice
  run();

  auto& ev = ctl->events;
  ev.on_status(status_of("market", venues::link_state::connected));
  ev.on_quote(sample_quote(1));
  ev.on_order(sample_update("tdm-t-1", order_event::fill));
  ev.on_quote(sample_quote(2));
  ev.on_depth(venues::book_depth{});
  ev.on_balances({});
  ev.on_position(venues::position_snapshot{});
  run();

  for (auto* who : {&a, &b}) {
    std::vector<std::string> seen;
    for (int i = 0; i < 8; ++i)
      (*who)->receive(
        [&](venues::session_status& s) {
          seen.push_back("status:" + s.stream);
        },
        [&](venues::book_top& q) {
          seen.push_back("quote:" + std::to_string(q.update_id));
        },
        [&](venues::order_update& u) { seen.push_back("order:" + u.id.str()); },
        [&](venues::book_depth&) { seen.push_back("depth"); },
        [&](std::vector<venues::balance>&) { seen.push_back("balances"); },
        [&](venues::position_snapshot&) { seen.push_back("position"); },
        caf::after(std::chrono::seconds(0)) >> [&] { seen.push_back("-"); });
    EXPECT_EQ(seen, (std::vector<std::string>{
                      "status:market", "quote:1", "order:tdm-t-1", "quote:2",
                      "depth", "balances", "position", "-"}));
  }
}

TEST_F(venue_actor_test, dead_subscriber_is_dropped) {
  caf::scoped_actor keeper{sys};
  self->send(venue, actors::subscribe_atom::value, caf::actor{keeper});
  {
    caf::scoped_actor gone{sys};
    self->send(venue, actors::subscribe_atom::value, caf::actor{gone});
    run();
    self->send(venue, actors::subcount_atom::value);
    run();
    EXPECT_EQ(take<std::size_t>(), std::size_t{2});
  }
  run(); // the down message
  self->send(venue, actors::subcount_atom::value);
  run();
  EXPECT_EQ(take<std::size_t>(), std::size_t{1});
  ctl->events.on_quote(sample_quote(9));
  run();
  auto q = take<venues::book_top>(keeper);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->update_id, 9u);
}

TEST_F(venue_actor_test, status_counts_venue_trouble_and_resets_on_success) {
  place_and_answer(order_reply{failure{failure_of(venue_error::server_error)}});
  place_and_answer(
    order_reply{failure{failure_of(venue_error::malformed_response)}});
  place_and_answer(order_reply{failure{failure_of(venue_error::rate_limited)}});
  auto s = status();
  EXPECT_EQ(s.requests, 3u);
  EXPECT_EQ(s.failures, 3u);
  EXPECT_EQ(s.consecutive_failures, 3u);

  place_and_answer(order_reply{sample_update()});
  s = status();
  EXPECT_EQ(s.failures, 3u);
  EXPECT_EQ(s.consecutive_failures, 0u);

  place_and_answer(
    order_reply{failure{failure_of(venue_error::outcome_unknown)}});
  place_and_answer(
    order_reply{failure{failure_of(venue_error::insufficient_funds)}});
  s = status();
  EXPECT_EQ(s.requests, 6u);
  EXPECT_EQ(s.failures, 4u);
  EXPECT_EQ(s.consecutive_failures, 0u) << "a refusal is a healthy answer";
}

TEST_F(venue_actor_test, trouble_classification_follows_retry_advice) {
  using actors::counts_as_venue_trouble;
  for (auto e : {venue_error::server_error, venue_error::outcome_unknown,
                 venue_error::malformed_response, venue_error::rate_limited,
                 venue_error::ip_banned, venue_error::auth_failed,
                 venue_error::timestamp_outside_window})
    EXPECT_TRUE(counts_as_venue_trouble(e)) << venues::to_string(e);
  for (auto e : {venue_error::insufficient_funds, venue_error::below_minimum,
                 venue_error::price_off_tick, venue_error::unknown_order,
                 venue_error::duplicate_client_id, venue_error::would_cross,
                 venue_error::reduce_only_rejected})
    EXPECT_FALSE(counts_as_venue_trouble(e)) << venues::to_string(e);
}

TEST_F(venue_actor_test, connected_needs_market_and_user_streams_up) {
  EXPECT_FALSE(status().connected);
  ctl->events.on_status(status_of("market", venues::link_state::connected));
  run();
  EXPECT_FALSE(status().connected) << "user stream not up yet";
  ctl->events.on_status(status_of("user", venues::link_state::connected));
  run();
  EXPECT_TRUE(status().connected);
  ctl->events.on_status(status_of("rest", venues::link_state::halted));
  run();
  EXPECT_FALSE(status().connected) << "REST banned";
  ctl->events.on_status(status_of("rest", venues::link_state::connected));
  ctl->events.on_status(status_of("user", venues::link_state::disconnected));
  run();
  EXPECT_FALSE(status().connected);
}

TEST_F(venue_actor_test, silent_session_gets_a_deadline_answer) {
  self->send(venue, actors::place_atom::value, sample_order());
  self->send(venue, actors::balances_atom::value);
  run();
  advance(deadline - 1ms);
  EXPECT_FALSE(take<order_reply>().has_value());
  EXPECT_FALSE(take<actors::balances_reply>().has_value());

  advance(1ms);
  auto r = take<order_reply>();
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->has_value());
  EXPECT_EQ(r->error().code, venue_error::outcome_unknown)
    << "a place may have acted: query it";
  auto b = take<actors::balances_reply>();
  ASSERT_TRUE(b.has_value());
  ASSERT_FALSE(b->has_value());
  EXPECT_EQ(b->error().code, venue_error::server_error)
    << "a read did not act: retry is safe";
  auto s = status();
  EXPECT_EQ(s.failures, 2u);
  EXPECT_EQ(s.consecutive_failures, 2u);

  // The session answers late: dropped, never a second reply.
  ASSERT_TRUE(
    fake_control::answer(ctl->order_cbs, order_reply{sample_update()}));
  run();
  EXPECT_FALSE(take<order_reply>().has_value());
  EXPECT_EQ(status().consecutive_failures, 2u);
}

TEST_F(venue_actor_test, answer_in_time_cancels_the_deadline) {
  self->send(venue, actors::place_atom::value, sample_order());
  run();
  fake_control::answer(ctl->order_cbs, order_reply{sample_update()});
  run();
  ASSERT_TRUE(take<order_reply>().has_value());
  advance(deadline * 2);
  EXPECT_FALSE(take<order_reply>().has_value());
  EXPECT_EQ(status().failures, 0u);
}

TEST_F(venue_actor_test, exit_stops_the_session_and_answers_open_requests) {
  caf::scoped_actor sub{sys};
  self->send(venue, actors::subscribe_atom::value, caf::actor{sub});
  self->send(venue, actors::cancel_atom::value, std::string{"BTCUSDT"},
             cid("tdm-t-1"));
  run();
  auto stale = ctl->events; // what a misbehaving session might still call

  self->send_exit(venue, caf::exit_reason::kill);
  run();
  EXPECT_TRUE(ctl->stopped);
  auto r = take<order_reply>();
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->has_value());
  EXPECT_EQ(r->error().code, venue_error::outcome_unknown);

  // Events from after the exit go nowhere and harm nothing.
  stale.on_quote(sample_quote(1));
  run();
  EXPECT_FALSE(take<venues::book_top>(sub).has_value());
}

TEST_F(venue_actor_test, session_does_not_keep_the_actor_alive) {
  // Only the test holds the actor; dropping it must end the actor and stop
  // the session (no reference cycle through the session's callbacks).
  tracked.clear();
  venue = caf::actor{};
  run();
  EXPECT_TRUE(ctl->stopped);
}

TEST(venue_actor_spawn, refuses_a_missing_session_or_factory_failure) {
  caf::actor_system_config cfg;
  caf::actor_system sys{testing_config(cfg)};
  auto none = actors::spawn_venue_actor(sys, std::unique_ptr<fake_session>{});
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().find("session"), std::string::npos);

  actors::session_factory broken = [] {
    return result<std::unique_ptr<venues::venue_session>, std::string>{
      failure{std::string{"binance: api key file unreadable"}}};
  };
  auto r = actors::spawn_venue_actor(sys, broken);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error(), "binance: api key file unreadable");

  auto bad_deadline = actors::spawn_venue_actor(
    sys, std::make_unique<fake_session>(std::make_shared<fake_control>()),
    actors::venue_actor_config{std::chrono::milliseconds{0}});
  EXPECT_FALSE(bad_deadline.has_value());
}

} // namespace
} // namespace tandem::test
