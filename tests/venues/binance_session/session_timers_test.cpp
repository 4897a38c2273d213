// The session's one-shot timers on an io_runner: they fire on the runner
// thread in due order, and a cancelled timer never runs its function.
#include "venues/binance/session_timers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <vector>

using namespace tandem;
using namespace std::chrono_literals;
using venues::binance::session_timers;

namespace {

constexpr auto guard = std::chrono::seconds{30};

/// Runs `fn` on the runner thread and waits for it.
template<class F>
void on_runner(net::io_runner& r, F&& fn) {
  std::promise<void> done;
  auto fut = done.get_future();
  r.post([&] {
    fn();
    done.set_value();
  });
  ASSERT_EQ(fut.wait_for(guard), std::future_status::ready);
}

TEST(session_timers, fire_in_due_order_on_the_runner_thread) {
  net::io_runner runner;
  runner.start();
  auto timers = std::make_unique<session_timers>(runner);
  std::vector<int> order;
  std::promise<void> last;
  bool on_thread = true;
  on_runner(runner, [&] {
    timers->after(30ms, [&] {
      on_thread = on_thread && runner.in_runner_thread();
      order.push_back(3);
      last.set_value();
    });
    timers->after(10ms, [&] { order.push_back(2); });
    timers->after(0ms, [&] { order.push_back(1); });
  });
  ASSERT_EQ(last.get_future().wait_for(guard), std::future_status::ready);
  on_runner(runner, [&] {
    EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
    EXPECT_TRUE(on_thread);
    EXPECT_EQ(timers->pending(), 0u);
    timers.reset();
  });
  runner.stop();
}

TEST(session_timers, cancelled_timers_do_not_run) {
  net::io_runner runner;
  runner.start();
  auto timers = std::make_unique<session_timers>(runner);
  bool cancelled_ran = false;
  std::promise<void> witness;
  on_runner(runner, [&] {
    auto id = timers->after(5ms, [&] { cancelled_ran = true; });
    timers->cancel(id);
    timers->cancel(9999); // unknown ids are fine
    // Due later than the cancelled one: once it ran, the other is past due.
    timers->after(40ms, [&] { witness.set_value(); });
  });
  ASSERT_EQ(witness.get_future().wait_for(guard), std::future_status::ready);
  on_runner(runner, [&] {
    EXPECT_FALSE(cancelled_ran);
    timers.reset();
  });
  runner.stop();
}

TEST(session_timers, cancel_all_stops_everything_and_refuses_new_timers) {
  net::io_runner runner;
  runner.start();
  auto timers = std::make_unique<session_timers>(runner);
  int ran = 0;
  on_runner(runner, [&] {
    timers->after(1ms, [&] { ++ran; });
    timers->after(2ms, [&] { ++ran; });
    timers->cancel_all();
    EXPECT_EQ(timers->pending(), 0u);
    EXPECT_EQ(timers->after(0ms, [&] { ++ran; }), 0u);
  });
  // A second timer set proves time moved on past the cancelled ones.
  session_timers other{runner};
  std::promise<void> witness;
  on_runner(runner, [&] { other.after(20ms, [&] { witness.set_value(); }); });
  ASSERT_EQ(witness.get_future().wait_for(guard), std::future_status::ready);
  on_runner(runner, [&] {
    EXPECT_EQ(ran, 0);
    timers.reset();
    other.cancel_all();
  });
  runner.stop();
}

} // namespace
