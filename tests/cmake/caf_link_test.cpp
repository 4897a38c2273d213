// Proves cmake/FindCAF.cmake: CAF 0.17.6 headers and libraries are found and
// an actor answers a request under the deterministic test coordinator
// (the idiom actor tests will use; no sleeps, no threads).
#include <caf/all.hpp>

#include <gtest/gtest.h>

namespace {

using add_atom = caf::atom_constant<caf::atom("add")>;

caf::behavior adder() {
  return {[](add_atom, std::int64_t a, std::int64_t b) {
    return a + b;
  }};
}

} // namespace

TEST(cmake_find_caf, version_is_0_17_6) { EXPECT_EQ(CAF_VERSION, 1706); }

TEST(cmake_find_caf, actor_answers_under_the_test_coordinator) {
  caf::actor_system_config cfg;
  cfg.set("scheduler.policy", caf::atom("testing"));
  caf::actor_system sys{cfg};
  auto& sched
    = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  auto a = sys.spawn(adder);
  caf::scoped_actor self{sys};
  self->send(a, add_atom::value, std::int64_t{40}, std::int64_t{2});
  sched.run();
  std::int64_t got = 0;
  self->receive([&](std::int64_t v) { got = v; });
  EXPECT_EQ(got, 42);
  self->send_exit(a, caf::exit_reason::user_shutdown);
  sched.run();
}
