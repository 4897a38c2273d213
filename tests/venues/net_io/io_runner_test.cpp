#include "venues/net/io/io_runner.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

using namespace tandem::net;

namespace {

constexpr std::chrono::seconds guard{10};

std::thread::id run_on(io_runner& r) {
  std::promise<std::thread::id> p;
  auto f = p.get_future();
  r.post([&] { p.set_value(std::this_thread::get_id()); });
  EXPECT_EQ(f.wait_for(guard), std::future_status::ready);
  return f.get();
}

} // namespace

TEST(net_io_io_runner, runs_posted_work_on_its_own_thread) {
  io_runner r;
  r.start();
  EXPECT_TRUE(r.running());
  EXPECT_FALSE(r.in_runner_thread());
  std::promise<bool> inside;
  r.post([&] { inside.set_value(r.in_runner_thread()); });
  auto f = inside.get_future();
  ASSERT_EQ(f.wait_for(guard), std::future_status::ready);
  EXPECT_TRUE(f.get());
  EXPECT_NE(run_on(r), std::this_thread::get_id());
}

TEST(net_io_io_runner, can_be_stopped_and_started_again) {
  io_runner r;
  r.start();
  auto first = run_on(r);
  r.stop();
  EXPECT_FALSE(r.running());
  r.start();
  auto second = run_on(r);
  EXPECT_NE(first, std::this_thread::get_id());
  EXPECT_NE(second, std::this_thread::get_id());
}

TEST(net_io_io_runner, a_throwing_handler_does_not_end_the_thread) {
  io_runner r;
  r.start();
  r.post([] { throw std::runtime_error{"owner bug"}; });
  // Still serving: posted work after the throw runs.
  EXPECT_NE(run_on(r), std::this_thread::get_id());
}

TEST(net_io_io_runner, destructor_joins_a_running_thread) {
  auto r = std::make_unique<io_runner>();
  r->start();
  (void)run_on(*r);
  r.reset(); // must return, not hang or terminate
  SUCCEED();
}
