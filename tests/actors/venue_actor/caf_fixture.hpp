// GoogleTest fixture for actor tests under CAF's deterministic test
// coordinator: one thread, virtual time, a scoped_actor as the test's
// mailbox. Actors registered with track() are killed at the end so that the
// actor system can shut down (pending timers hold references to them).
#pragma once

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/after.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <vector>

namespace tandem::test {

inline caf::actor_system_config& testing_config(caf::actor_system_config& c) {
  c.set("scheduler.policy", caf::atom("testing"));
  return c;
}

class caf_fixture : public ::testing::Test {
 protected:
  caf_fixture()
    : sys{testing_config(cfg)},
      sched{dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler())},
      self{sys} {}

  ~caf_fixture() override {
    for (auto& a : tracked)
      caf::anon_send_exit(a, caf::exit_reason::kill);
    sched.run();
  }

  caf::actor track(caf::actor a) {
    tracked.push_back(a);
    return a;
  }

  /// Runs every queued job (no virtual time passes).
  void run() { sched.run(); }

  /// Moves virtual time forward, then runs what the timers queued.
  void advance(std::chrono::milliseconds d) {
    sched.advance_time(d);
    sched.run();
  }

  /// Takes the next message of type T already in `who`'s mailbox (never
  /// waits: everything ran before); nullopt if there is none.
  template<class T>
  std::optional<T> take(caf::scoped_actor& who) {
    std::optional<T> out;
    who->receive([&](T& x) { out = std::move(x); },
                 caf::after(std::chrono::seconds(0)) >> [] {});
    return out;
  }
  template<class T>
  std::optional<T> take() {
    return take<T>(self);
  }

  caf::actor_system_config cfg;
  caf::actor_system sys;
  caf::scheduler::test_coordinator& sched;
  caf::scoped_actor self;
  std::vector<caf::actor> tracked;
};

} // namespace tandem::test
