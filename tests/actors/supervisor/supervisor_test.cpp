// The supervisor under CAF's deterministic test coordinator (virtual time):
// a killed venue actor comes back after the seeded backoff delay with its
// subscribers and quote symbols, watchers learn the new handle, failed
// restarts back off further, a long outage raises the alarm, and a
// deliberate stop is left alone.
#include "actors/supervisor.hpp"

#include "tests/actors/venue_actor/caf_fixture.hpp"
#include "tests/actors/venue_actor/fake_session.hpp"
#include "venues/net/backoff.hpp"

#include <caf/event_based_actor.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace tandem::test {
namespace {

using namespace std::chrono_literals;
using actors::venue_down_alarm;
using actors::venue_restarted;

constexpr std::uint64_t seed = 42;
constexpr std::chrono::milliseconds base{100};
constexpr std::chrono::milliseconds cap{10000};
constexpr std::chrono::milliseconds stable{60000};
constexpr std::chrono::milliseconds alarm_after{5000};

/// The delays the supervisor will draw, computed the same way.
class expected_delays {
 public:
  std::chrono::milliseconds next() { return b_.next(rng_()); }
  void reset() { b_.reset(); }

 private:
  std::mt19937_64 rng_{seed};
  net::backoff b_{base, cap};
};

class supervisor_test : public caf_fixture {
 protected:
  supervisor_test() {
    actors::supervisor_config c;
    c.restart_base = base;
    c.restart_max = cap;
    c.stable_after = stable;
    c.down_alarm_after = alarm_after;
    c.seed = seed;
    c.on_down_alarm = [this](const venue_down_alarm& a) {
      alarms.push_back(a);
    };
    auto s = actors::spawn_supervisor(sys, std::move(c));
    EXPECT_TRUE(s.has_value());
    sup = track(s.value());
  }

  ~supervisor_test() override {
    // Kill the current children too; they are not linked to the supervisor.
    if (auto c = current())
      caf::anon_send_exit(c, caf::exit_reason::kill);
  }

  /// Sessions come from here; each one's control block is kept.
  actors::session_factory factory() {
    return
      [this]() -> result<std::unique_ptr<venues::venue_session>, std::string> {
        ++factory_calls;
        if (refuse)
          return failure{std::string{"binance: exchangeInfo unreachable"}};
        auto c = std::make_shared<fake_control>();
        sessions.push_back(c);
        return std::unique_ptr<venues::venue_session>{
          std::make_unique<fake_session>(c)};
      };
  }

  caf::actor supervise_binance() {
    self->send(sup, actors::supervise_atom::value,
               actors::venue_child(venue::binance, factory()));
    run();
    auto r = take<actors::supervise_reply>();
    EXPECT_TRUE(r && r->has_value());
    return r && r->has_value() ? r->value() : caf::actor{};
  }

  caf::actor current(const std::string& name = "binance") {
    self->send(sup, actors::child_atom::value, name);
    run();
    return take<caf::actor>().value_or(caf::actor{});
  }

  caf::actor sup;
  int factory_calls = 0;
  bool refuse = false;
  std::vector<std::shared_ptr<fake_control>> sessions;
  std::vector<venue_down_alarm> alarms;
  expected_delays delays;
};

TEST_F(supervisor_test, restarts_a_killed_venue_actor_after_the_backoff) {
  caf::scoped_actor watcher{sys};
  caf::scoped_actor sub{sys};
  self->send(sup, actors::watch_atom::value, caf::actor{watcher});
  auto first = supervise_binance();
  ASSERT_TRUE(first);
  self->send(sup, actors::subscribe_atom::value, std::string{"binance"},
             caf::actor{sub});
  self->send(sup, actors::quotes_atom::value, std::string{"binance"},
             std::vector<std::string>{"BTCUSDT"});
  run();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0]->quote_subscriptions,
            std::vector<std::vector<std::string>>{{"BTCUSDT"}});

  self->send_exit(first, caf::exit_reason::kill);
  run();
  EXPECT_TRUE(sessions[0]->stopped) << "the dead instance's session stopped";
  EXPECT_FALSE(current()) << "down until the backoff passes";

  auto d = delays.next();
  advance(d - 1ms);
  EXPECT_EQ(factory_calls, 1) << "not before the backoff delay";
  advance(1ms);
  ASSERT_EQ(factory_calls, 2);
  auto second = current();
  ASSERT_TRUE(second);
  EXPECT_NE(second, first);

  auto note = take<venue_restarted>(watcher);
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(note->name, "binance");
  EXPECT_EQ(note->venue, venue::binance);
  EXPECT_EQ(note->actor, second);
  EXPECT_EQ(note->restarts, 1u);
  // Holders swap the instance that went down for the new one.
  EXPECT_EQ(note->previous, first.address());
  auto held = first;
  EXPECT_TRUE(actors::replace_restarted(held, *note));
  EXPECT_EQ(held, second);
  auto unrelated = caf::actor{watcher};
  EXPECT_FALSE(actors::replace_restarted(unrelated, *note));

  // The new instance has the old one's symbols and subscribers ...
  ASSERT_EQ(sessions.size(), 2u);
  auto& fresh = *sessions[1];
  EXPECT_TRUE(fresh.started);
  EXPECT_EQ(fresh.quote_subscriptions,
            std::vector<std::vector<std::string>>{{"BTCUSDT"}});
  fresh.events.on_quote(sample_quote(77));
  run();
  auto q = take<venues::book_top>(sub);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->update_id, 77u);

  // ... and serves requests.
  self->send(second, actors::place_atom::value, sample_order("tdm-s-1"));
  run();
  ASSERT_TRUE(fake_control::answer(
    fresh.order_cbs, actors::order_reply{sample_update("tdm-s-1")}));
  run();
  auto r = take<actors::order_reply>();
  ASSERT_TRUE(r && r->has_value());
  EXPECT_EQ(r->value().id.view(), "tdm-s-1");
  EXPECT_TRUE(alarms.empty()) << "back well before the alarm limit";
}

TEST_F(supervisor_test, failed_restarts_back_off_and_a_long_outage_alarms) {
  caf::scoped_actor watcher{sys};
  self->send(sup, actors::watch_atom::value, caf::actor{watcher});
  auto first = supervise_binance();
  ASSERT_TRUE(first);
  refuse = true;
  self->send_exit(first, caf::exit_reason::kill);
  run();

  // Each failed attempt draws the next, wider delay.
  std::chrono::milliseconds elapsed{0};
  int attempts = 0;
  while (elapsed < alarm_after) {
    auto d = delays.next();
    if (elapsed + d >= alarm_after)
      break;
    advance(d - 1ms);
    EXPECT_EQ(factory_calls, 1 + attempts);
    advance(1ms);
    ++attempts;
    EXPECT_EQ(factory_calls, 1 + attempts);
    elapsed += d;
  }
  EXPECT_GE(attempts, 2) << "several attempts fit in the alarm window";
  EXPECT_TRUE(alarms.empty());

  advance(alarm_after - elapsed);
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].name, "binance");
  EXPECT_EQ(alarms[0].venue, venue::binance);
  EXPECT_EQ(alarms[0].down_for, alarm_after);
  EXPECT_NE(alarms[0].reason.find("kill"), std::string::npos)
    << alarms[0].reason;
  EXPECT_NE(alarms[0].reason.find("exchangeInfo unreachable"),
            std::string::npos)
    << alarms[0].reason;
  auto told = take<venue_down_alarm>(watcher);
  ASSERT_TRUE(told.has_value());
  EXPECT_EQ(told->down_for, alarm_after);

  // The venue comes back on the next attempt; the alarm is not repeated.
  refuse = false;
  advance(cap);
  EXPECT_TRUE(current());
  auto note = take<venue_restarted>(watcher);
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(note->restarts, 1u);
  advance(alarm_after * 2);
  EXPECT_EQ(alarms.size(), 1u);
}

TEST_F(supervisor_test, backoff_starts_over_after_a_stable_run) {
  auto first = supervise_binance();
  self->send_exit(first, caf::exit_reason::kill);
  run();
  advance(delays.next());
  auto second = current();
  ASSERT_TRUE(second);

  advance(stable); // up long enough: the next crash starts from `base`
  delays.reset();
  self->send_exit(second, caf::exit_reason::kill);
  run();
  auto d = delays.next();
  EXPECT_LE(d, base);
  advance(d - 1ms);
  EXPECT_EQ(factory_calls, 2);
  advance(1ms);
  EXPECT_EQ(factory_calls, 3);
  EXPECT_TRUE(current());
}

TEST_F(supervisor_test, a_deliberate_stop_is_not_restarted) {
  auto first = supervise_binance();
  self->send_exit(first, caf::exit_reason::user_shutdown);
  run();
  advance(cap + alarm_after);
  EXPECT_EQ(factory_calls, 1);
  EXPECT_FALSE(current());
  EXPECT_TRUE(alarms.empty());
}

TEST_F(supervisor_test, a_first_start_that_fails_is_retried) {
  refuse = true;
  self->send(sup, actors::supervise_atom::value,
             actors::venue_child(venue::binance, factory()));
  run();
  auto r = take<actors::supervise_reply>();
  ASSERT_TRUE(r && r->has_value());
  EXPECT_FALSE(r->value()) << "registered, not running yet";
  refuse = false;
  advance(delays.next());
  EXPECT_EQ(factory_calls, 2);
  EXPECT_TRUE(current());
}

TEST_F(supervisor_test, watches_any_actor_and_alarms_when_it_dies) {
  auto plain = track(sys.spawn([]() -> caf::behavior {
    return {[](int x) {
      return x;
    }};
  }));
  actors::child_spec spec{"journal", std::nullopt, {}, plain};
  self->send(sup, actors::supervise_atom::value, spec);
  run();
  auto r = take<actors::supervise_reply>();
  ASSERT_TRUE(r && r->has_value());
  EXPECT_EQ(r->value(), plain);

  self->send_exit(plain, caf::exit_reason::kill);
  run();
  advance(alarm_after);
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].name, "journal");
  EXPECT_FALSE(alarms[0].venue.has_value());
  EXPECT_FALSE(current("journal")) << "no spawner: watched, not restarted";
}

TEST_F(supervisor_test, refuses_bad_specs) {
  supervise_binance();
  self->send(sup, actors::supervise_atom::value,
             actors::venue_child(venue::binance, factory()));
  self->send(sup, actors::supervise_atom::value,
             actors::child_spec{"", std::nullopt, {}, {}});
  self->send(sup, actors::supervise_atom::value,
             actors::child_spec{"empty", std::nullopt, {}, {}});
  run();
  for (auto what : {"already supervised", "needs a name", "neither"}) {
    auto r = take<actors::supervise_reply>();
    ASSERT_TRUE(r.has_value());
    ASSERT_FALSE(r->has_value());
    EXPECT_NE(r->error().find(what), std::string::npos) << r->error();
  }
  EXPECT_EQ(factory_calls, 1);
}

TEST(supervisor_spawn, refuses_a_bad_config) {
  caf::actor_system_config cfg;
  caf::actor_system sys{testing_config(cfg)};
  actors::supervisor_config c;
  c.restart_max = std::chrono::milliseconds{1};
  c.restart_base = std::chrono::milliseconds{10};
  EXPECT_FALSE(actors::spawn_supervisor(sys, c).has_value());
}

} // namespace
} // namespace tandem::test
