// The alert actor under CAF's deterministic test coordinator (virtual time,
// no threads) with a fake transport: alerts are sent without blocking the
// caller, kept for the console, folded in bursts, and resent after a 429's
// retry_after, measured in virtual time.
#include "actors/alert_actor.hpp"

#include "actors/alert_protocol.hpp"
#include "alerts/discord_payload.hpp"
#include "webhook_fixture.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <deque>

using namespace tandem;
using namespace tandem::alerts;
using namespace tandem::actors;
using namespace std::chrono_literals;

namespace {

/// Records bodies; the test answers them in order.
struct fake_transport final : alert_transport {
  std::vector<std::string> bodies;
  std::deque<done_fn> pending;
  bool shut = false;

  void send(std::string body, done_fn done) override {
    bodies.push_back(std::move(body));
    pending.push_back(std::move(done));
  }
  void shutdown() override { shut = true; }

  void answer(send_outcome::kind k, std::chrono::milliseconds wait = 0ms) {
    ASSERT_FALSE(pending.empty());
    auto done = std::move(pending.front());
    pending.pop_front();
    send_outcome o;
    o.what = k;
    o.status = k == send_outcome::kind::rate_limited ? 429 : 204;
    o.wait = wait;
    done(o);
  }
};

std::string content_of(const std::string& body) {
  simdjson::dom::parser p;
  std::string_view c;
  EXPECT_EQ(p.parse(body)["content"].get(c), simdjson::SUCCESS) << body;
  return std::string{c};
}

alert make(std::string key, std::string title) {
  alert a;
  a.severity = severity::error;
  a.kind = alert_kind::one_leg_failure;
  a.title = std::move(title);
  a.dedup_key = std::move(key);
  return a;
}

/// Virtual time and a single-threaded scheduler stepped by the test.
struct testing_config : caf::actor_system_config {
  testing_config() { set("scheduler.policy", caf::atom("testing")); }
};

class alerts_actor : public ::testing::Test {
 protected:
  alerts_actor()
    : sys_(cfg_),
      sched_(dynamic_cast<caf::scheduler::test_coordinator&>(sys_.scheduler())),
      self_(sys_) {}

  ~alerts_actor() override {
    for (auto& a : spawned_)
      self_->send_exit(a, caf::exit_reason::user_shutdown);
    sched_.run();
  }

  caf::actor spawn(std::size_t recent = 100) {
    alert_actor_config cfg;
    cfg.transport = transport_;
    cfg.queue.min_interval = 1000ms;
    cfg.queue.dedup_window = 60s;
    cfg.queue.max_attempts = 3;
    cfg.recent_capacity = recent;
    auto a = spawn_alert_actor(sys_, std::move(cfg));
    spawned_.push_back(a);
    return a;
  }

  void raise(const caf::actor& a, alert x) {
    self_->send(a, std::move(x));
    sched_.run();
  }

  /// Lets virtual time pass and runs whatever it woke.
  void advance(caf::timespan d) {
    sched_.clock().advance_time(d);
    sched_.run();
  }

  template<class T, class Atom>
  T ask(const caf::actor& a, Atom atom) {
    self_->send(a, atom);
    sched_.run();
    T out{};
    bool got = false;
    self_->receive(
      [&](T& v) {
        out = std::move(v);
        got = true;
      },
      caf::after(std::chrono::seconds(1)) >> [] {});
    EXPECT_TRUE(got);
    return out;
  }

  alerts::testing::log_capture log_;
  std::shared_ptr<fake_transport> transport_
    = std::make_shared<fake_transport>();
  testing_config cfg_;
  caf::actor_system sys_;
  caf::scheduler::test_coordinator& sched_;
  caf::scoped_actor self_;
  std::vector<caf::actor> spawned_;
};

} // namespace

TEST_F(alerts_actor, an_alert_is_sent_and_kept_for_the_console) {
  auto a = spawn();
  raise(a, make("k", "Binance leg rejected"));
  ASSERT_EQ(transport_->bodies.size(), 1u);
  EXPECT_EQ(content_of(transport_->bodies[0]), "[ERROR] Binance leg rejected");
  transport_->answer(send_outcome::kind::delivered);
  sched_.run();
  auto recent = ask<std::vector<alert>>(a, recent_alerts_atom::value);
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].title, "Binance leg rejected");
  auto st = ask<queue_stats>(a, alert_stats_atom::value);
  EXPECT_EQ(st.delivered, 1u);
  EXPECT_NE(log_.text().find("event=alert.raised kind=one_leg_failure "
                             "key=\"k\" title=\"Binance leg rejected\""),
            std::string::npos)
    << log_.text();
}

TEST_F(alerts_actor, a_burst_is_one_message_then_one_follow_up_with_the_count) {
  auto a = spawn();
  raise(a, make("margin", "first"));
  for (int i = 0; i < 7; ++i)
    raise(a, make("margin", "again"));
  ASSERT_EQ(transport_->bodies.size(), 1u);
  transport_->answer(send_outcome::kind::delivered);
  sched_.run();
  advance(59s);
  EXPECT_EQ(transport_->bodies.size(), 1u);
  advance(1s); // the dedup window closes
  ASSERT_EQ(transport_->bodies.size(), 2u);
  EXPECT_EQ(content_of(transport_->bodies[1]),
            "[ERROR] again (repeated 7 times)");
  // The console still sees every occurrence.
  EXPECT_EQ(ask<std::vector<alert>>(a, recent_alerts_atom::value).size(), 8u);
}

TEST_F(alerts_actor, rate_limited_message_is_resent_after_retry_after) {
  auto a = spawn();
  raise(a, make("k", "halt"));
  ASSERT_EQ(transport_->bodies.size(), 1u);
  transport_->answer(send_outcome::kind::rate_limited, 2500ms);
  sched_.run();
  advance(2499ms);
  EXPECT_EQ(transport_->bodies.size(), 1u);
  advance(1ms);
  ASSERT_EQ(transport_->bodies.size(), 2u);
  EXPECT_EQ(transport_->bodies[1], transport_->bodies[0]);
  transport_->answer(send_outcome::kind::delivered);
  sched_.run();
  auto st = ask<queue_stats>(a, alert_stats_atom::value);
  EXPECT_EQ(st.rate_limited, 1u);
  EXPECT_EQ(st.delivered, 1u);
}

TEST_F(alerts_actor, distinct_alerts_keep_the_minimum_interval) {
  auto a = spawn();
  raise(a, make("a", "A"));
  raise(a, make("b", "B"));
  transport_->answer(send_outcome::kind::delivered);
  sched_.run();
  EXPECT_EQ(transport_->bodies.size(), 1u);
  advance(999ms);
  EXPECT_EQ(transport_->bodies.size(), 1u);
  advance(1ms);
  ASSERT_EQ(transport_->bodies.size(), 2u);
  EXPECT_EQ(content_of(transport_->bodies[1]), "[ERROR] B");
}

TEST_F(alerts_actor, failures_are_retried_then_dropped_and_reported) {
  auto a = spawn(); // 3 attempts, backoff 1 s then 2 s
  raise(a, make("a", "A"));
  transport_->answer(send_outcome::kind::failed);
  sched_.run();
  advance(1s);
  ASSERT_EQ(transport_->bodies.size(), 2u);
  transport_->answer(send_outcome::kind::failed);
  sched_.run();
  advance(2s);
  ASSERT_EQ(transport_->bodies.size(), 3u);
  transport_->answer(send_outcome::kind::failed);
  sched_.run();
  advance(60s);
  EXPECT_EQ(transport_->bodies.size(), 3u); // given up
  raise(a, make("b", "B"));
  ASSERT_EQ(transport_->bodies.size(), 4u);
  EXPECT_EQ(content_of(transport_->bodies[3]),
            "[ERROR] B [1 earlier alert dropped]");
  EXPECT_EQ(ask<queue_stats>(a, alert_stats_atom::value).dropped_retries, 1u);
}

TEST_F(alerts_actor, recent_alerts_keeps_the_last_n_oldest_first) {
  auto a = spawn(3);
  for (int i = 0; i < 5; ++i)
    raise(a, make("k" + std::to_string(i), "t" + std::to_string(i)));
  auto recent = ask<std::vector<alert>>(a, recent_alerts_atom::value);
  ASSERT_EQ(recent.size(), 3u);
  EXPECT_EQ(recent[0].title, "t2");
  EXPECT_EQ(recent[2].title, "t4");
}

TEST_F(alerts_actor, without_a_transport_alerts_are_logged_and_kept) {
  alert_actor_config cfg; // Discord disabled
  auto a = spawn_alert_actor(sys_, std::move(cfg));
  spawned_.push_back(a);
  raise(a, make("k", "venue down"));
  EXPECT_EQ(ask<std::vector<alert>>(a, recent_alerts_atom::value).size(), 1u);
  EXPECT_NE(log_.text().find("event=alert.raised"), std::string::npos);
}

TEST_F(alerts_actor, exit_shuts_the_transport_down) {
  auto a = spawn();
  self_->send_exit(a, caf::exit_reason::user_shutdown);
  sched_.run();
  EXPECT_TRUE(transport_->shut);
}
