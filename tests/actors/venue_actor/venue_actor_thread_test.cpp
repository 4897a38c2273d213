// The venue actor with a session that, like the real ones, runs every
// callback on its own I/O thread, under CAF's normal threaded scheduler:
// answers and a burst of events cross threads in order, and the actor's
// exit stops the session (joining its thread) from the actor's context.
#include "actors/venue_actor.hpp"

#include "tests/actors/venue_actor/fake_session.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/after.hpp>
#include <caf/scoped_actor.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace tandem::test {
namespace {

using namespace std::chrono_literals;

// Generous: only a broken actor waits this long.
constexpr auto patience = std::chrono::seconds(20);

struct thread_control {
  std::mutex m;
  std::condition_variable cv;
  bool stopped = false;
  std::thread::id io_thread;
  std::atomic<int> callbacks_on_other_threads{0};

  bool wait_stopped() {
    std::unique_lock lk{m};
    return cv.wait_for(lk, patience, [&] { return stopped; });
  }
};

/// Answers every request on its I/O thread; on start it reports both
/// streams connected; a place first sends `burst` quotes and the order's
/// stream event, then answers.
class threaded_session final : public venues::venue_session {
 public:
  threaded_session(std::shared_ptr<thread_control> c, int burst)
    : c_(std::move(c)), burst_(burst) {}
  ~threaded_session() override { stop(); }

  tandem::venue venue() const noexcept override { return venue::binance; }

  void start(venues::session_events events) override {
    events_ = std::move(events);
    io_ = std::thread([this] { loop(); });
    {
      std::lock_guard lk{c_->m};
      c_->io_thread = io_.get_id();
    }
    post([this] {
      events_.on_status(status_of("market", venues::link_state::connected));
      events_.on_status(status_of("user", venues::link_state::connected));
    });
  }

  void stop() override {
    {
      std::lock_guard lk{m_};
      stopping_ = true;
    }
    cv_.notify_all();
    if (io_.joinable())
      io_.join();
    std::lock_guard lk{c_->m};
    c_->stopped = true;
    c_->cv.notify_all();
  }

  void place(order_request o, callback<venues::order_update> cb) override {
    post([this, o = std::move(o), cb = std::move(cb)] {
      for (int i = 1; i <= burst_; ++i)
        events_.on_quote(sample_quote(static_cast<std::uint64_t>(i)));
      // The private stream usually beats the REST answer.
      auto u = sample_update(o.id.view(), order_event::accepted);
      events_.on_order(u);
      cb(u);
    });
  }
  void cancel(std::string, client_order_id,
              callback<venues::order_update> cb) override {
    post([cb = std::move(cb)] {
      cb(failure{failure_of(venues::venue_error::unknown_order, "-2011")});
    });
  }
  void cancel_all(std::string, callback<std::size_t> cb) override {
    post([cb = std::move(cb)] { cb(std::size_t{0}); });
  }
  void query(std::string, client_order_id,
             callback<venues::order_update> cb) override {
    post([cb = std::move(cb)] { cb(sample_update()); });
  }
  void open_orders(std::string,
                   callback<std::vector<venues::order_update>> cb) override {
    post([cb = std::move(cb)] { cb(std::vector<venues::order_update>{}); });
  }
  void balances(callback<std::vector<venues::balance>> cb) override {
    post([cb = std::move(cb)] { cb(std::vector<venues::balance>{}); });
  }
  void positions(callback<std::vector<venues::position_snapshot>> cb) override {
    post(
      [cb = std::move(cb)] { cb(std::vector<venues::position_snapshot>{}); });
  }
  void subscribe_quotes(std::vector<std::string>) override {}
  std::optional<instrument> instrument_of(std::string_view) const override {
    return std::nullopt;
  }

 private:
  void post(std::function<void()> job) {
    {
      std::lock_guard lk{m_};
      if (stopping_)
        return;
      jobs_.push_back(std::move(job));
    }
    cv_.notify_all();
  }

  void loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lk{m_};
        cv_.wait(lk, [&] { return stopping_ || !jobs_.empty(); });
        if (stopping_)
          return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::shared_ptr<thread_control> c_;
  int burst_;
  venues::session_events events_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread io_;
};

TEST(venue_actor_threads, answers_and_events_cross_from_the_io_thread) {
  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", std::size_t{2});
  caf::actor_system sys{cfg};
  auto ctl = std::make_shared<thread_control>();
  constexpr int burst = 500;

  caf::scoped_actor sub{sys};
  caf::scoped_actor client{sys};
  auto spawned = actors::spawn_venue_actor(
    sys, std::make_unique<threaded_session>(ctl, burst));
  ASSERT_TRUE(spawned.has_value());
  auto venue = spawned.value();
  client->send(venue, actors::subscribe_atom::value, caf::actor{sub});

  // Request round trip through the I/O thread.
  std::optional<actors::order_reply> reply;
  client
    ->request(venue, patience, actors::place_atom::value,
              sample_order("tdm-th-1"))
    .receive([&](actors::order_reply& r) { reply = std::move(r); },
             [&](caf::error& e) { FAIL() << caf::to_string(e); });
  ASSERT_TRUE(reply.has_value());
  ASSERT_TRUE(reply->has_value());
  EXPECT_EQ(reply->value().id.view(), "tdm-th-1");

  std::optional<actors::balances_reply> bal;
  client->request(venue, patience, actors::balances_atom::value)
    .receive([&](actors::balances_reply& r) { bal = std::move(r); },
             [&](caf::error& e) { FAIL() << caf::to_string(e); });
  ASSERT_TRUE(bal && bal->has_value());

  // Events in the order the I/O thread produced them. The subscription
  // went out before the place, so it saw every event the place caused (the
  // start-up statuses may have gone to nobody yet).
  bool timed_out = false;
  std::uint64_t last_quote = 0;
  std::size_t quotes = 0;
  bool saw_order = false;
  while (!timed_out && !saw_order) {
    sub->receive([&](venues::session_status&) {},
                 [&](venues::book_top& q) {
                   EXPECT_EQ(q.update_id, last_quote + 1);
                   last_quote = q.update_id;
                   ++quotes;
                 },
                 [&](venues::order_update& u) {
                   EXPECT_EQ(u.id.view(), "tdm-th-1");
                   saw_order = true;
                 },
                 caf::after(patience) >> [&] { timed_out = true; });
  }
  EXPECT_FALSE(timed_out);
  EXPECT_TRUE(saw_order);
  EXPECT_EQ(quotes, static_cast<std::size_t>(burst))
    << "every quote before the order event, in order";

  // Exit: the actor's state stops the session and joins its thread.
  client->send_exit(venue, caf::exit_reason::user_shutdown);
  EXPECT_TRUE(ctl->wait_stopped());
  {
    std::lock_guard lk{ctl->m};
    EXPECT_NE(ctl->io_thread, std::this_thread::get_id());
  }
  // Requests to the dead actor fail at once instead of hanging.
  bool refused = false;
  client->request(venue, patience, actors::status_atom::value)
    .receive([&](actors::venue_status&) {},
             [&](caf::error&) { refused = true; });
  EXPECT_TRUE(refused);
}

} // namespace
} // namespace tandem::test
