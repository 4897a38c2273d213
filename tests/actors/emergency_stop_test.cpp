#include "actors/emergency_stop.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/position_actor.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;

struct venue_log {
  /// What reached the venue, in order: "block", "unblock", "cancel_all".
  std::vector<std::string> seen;
  bool blocked = false;
  std::string block_reason;
  int cancel_alls = 0;
  /// Fail this many cancel-alls before succeeding.
  int fail_first = 0;
};

caf::behavior fake_venue(caf::event_based_actor*, venue_log* log) {
  return {
    [=](cancel_all_atom, const std::string& symbol) -> count_reply {
      EXPECT_EQ(symbol, ""); // every symbol
      ++log->cancel_alls;
      log->seen.emplace_back("cancel_all");
      if (log->fail_first > 0) {
        --log->fail_first;
        return count_reply{failure{venues::venue_failure{
          venues::venue_error::server_error, "503", std::nullopt}}};
      }
      return count_reply{std::size_t{7}};
    },
    [=](block_atom, bool on, const std::string& reason) {
      log->seen.emplace_back(on ? "block" : "unblock");
      log->blocked = on;
      log->block_reason = reason;
      return on;
    },
  };
}

struct emergency_stop_test : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::unique_ptr<caf::scoped_actor> self;
  venue_log upbit, binance;
  std::vector<caf::actor> venues;
  std::shared_ptr<manual_clock> clock
    = std::make_shared<manual_clock>(timestamp{std::chrono::seconds{1000}});

  emergency_stop_test() {
    cfg.set("scheduler.policy", caf::atom("testing"));
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
    self = std::make_unique<caf::scoped_actor>(*sys);
    venues.push_back(sys->spawn(fake_venue, &upbit));
    venues.push_back(sys->spawn(fake_venue, &binance));
  }
  ~emergency_stop_test() override {
    for (auto& v : venues)
      (*self)->send_exit(v, caf::exit_reason::user_shutdown);
    sched->run();
  }

  caf::actor start(halt_state initial = {}, bool flatten = false) {
    emergency_stop_config c;
    c.venues = venues;
    c.clock = clock;
    c.flatten_on_halt = flatten;
    c.flattener = caf::actor_cast<caf::actor>(*self);
    auto a = spawn_emergency_stop(*sys, c, initial);
    (*self)->send(a, subscribe_atom::value, caf::actor_cast<caf::actor>(*self));
    sched->run();
    auto first = next_state(); // the current state on subscribe
    EXPECT_TRUE(first);
    return a;
  }

  std::optional<halt_state> next_state() {
    std::optional<halt_state> got;
    (*self)->receive([&](halt_state& s) { got = std::move(s); },
                     caf::after(0s) >> [] {});
    return got;
  }

  halt_request manual() { return {"manual", "operator test", "console:op"}; }
};

TEST_F(emergency_stop_test, a_halt_blocks_first_then_cancels_on_every_venue) {
  auto stop = start();
  (*self)->send(stop, halt_atom::value, manual());
  // Step only the emergency stop: subscribers are told before any venue
  // has even received its cancel-all.
  sched->run_once();
  auto s = next_state();
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->halted);
  EXPECT_EQ(s->trigger, "manual");
  EXPECT_EQ(s->since, clock->now());
  EXPECT_EQ(upbit.cancel_alls + binance.cancel_alls, 0);
  sched->run();
  EXPECT_EQ(upbit.cancel_alls, 1);
  EXPECT_EQ(binance.cancel_alls, 1);
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

TEST_F(emergency_stop_test, a_failed_cancel_all_is_retried) {
  binance.fail_first = 2;
  auto stop = start();
  (*self)->send(stop, halt_atom::value, manual());
  sched->run();
  EXPECT_EQ(binance.cancel_alls, 3);
  EXPECT_EQ(upbit.cancel_alls, 1);
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

TEST_F(emergency_stop_test, a_second_halt_keeps_the_first_reason) {
  auto stop = start();
  (*self)->send(stop, halt_atom::value,
                halt_request{"daily_loss", "pnl=-3.1%", "risk"});
  (*self)->send(stop, halt_atom::value, manual());
  sched->run();
  halt_state got;
  auto h = (*self)->request(stop, 1s, get_atom::value);
  sched->run();
  std::move(h).receive([&](halt_state& s) { got = s; },
                       [&](caf::error& e) { FAIL() << caf::to_string(e); });
  EXPECT_TRUE(got.halted);
  EXPECT_EQ(got.trigger, "daily_loss");
  EXPECT_EQ(upbit.cancel_alls, 1);
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

TEST_F(emergency_stop_test, clearing_needs_a_halt_and_a_reason) {
  auto stop = start();
  auto clear = [&](std::string reason) {
    std::optional<halt_state> ok;
    bool refused = false;
    auto h = (*self)->request(stop, 1s, clear_atom::value, std::string{"op"},
                              std::move(reason));
    sched->run();
    std::move(h).receive([&](halt_state& s) { ok = s; },
                         [&](caf::error&) { refused = true; });
    return refused ? std::optional<halt_state>{} : ok;
  };
  EXPECT_FALSE(clear("why not")) << "clearing when not halted is refused";

  // (A plain send's reply would come back as a message: request instead.)
  auto h = (*self)->request(stop, 1s, halt_atom::value, manual());
  sched->run();
  std::move(h).receive([](halt_state& s) { EXPECT_TRUE(s.halted); },
                       [](caf::error& e) { FAIL() << caf::to_string(e); });
  ASSERT_TRUE(next_state()->halted);

  EXPECT_FALSE(clear("")) << "an empty reason is refused";

  clock->advance(std::chrono::seconds{5});
  auto cleared = clear("limits reviewed");
  ASSERT_TRUE(cleared);
  EXPECT_FALSE(cleared->halted);
  auto pushed = next_state();
  ASSERT_TRUE(pushed);
  EXPECT_FALSE(pushed->halted);
  EXPECT_EQ(pushed->cleared_by, "op");
  EXPECT_EQ(pushed->clear_reason, "limits reviewed");
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

TEST_F(emergency_stop_test, a_replayed_halt_starts_the_engine_halted) {
  halt_state replayed;
  replayed.halted = true;
  replayed.trigger = "position_mismatch";
  replayed.detail = "binance ours=-0.010 venue=-0.020";
  emergency_stop_config c;
  c.venues = venues;
  c.clock = clock;
  auto stop = spawn_emergency_stop(*sys, c, replayed);
  halt_state got;
  auto h = (*self)->request(stop, 1s, get_atom::value);
  sched->run();
  std::move(h).receive([&](halt_state& s) { got = s; },
                       [&](caf::error& e) { FAIL() << caf::to_string(e); });
  EXPECT_TRUE(got.halted);
  EXPECT_EQ(got.trigger, "position_mismatch");
  // Restoring a halt sends no cancels by itself (reconciliation does).
  EXPECT_EQ(upbit.cancel_alls, 0);
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

TEST_F(emergency_stop_test, flatten_is_requested_when_configured) {
  auto stop = start({}, true);
  (*self)->send(stop, halt_atom::value, manual());
  sched->run();
  bool flatten = false;
  for (int i = 0; i < 3; ++i)
    (*self)->receive([&](flatten_atom) { flatten = true; }, [&](halt_state&) {},
                     caf::after(0s) >> [] {});
  EXPECT_TRUE(flatten);
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

TEST_F(emergency_stop_test, the_gate_goes_up_before_the_cancel_all) {
  auto stop = start();
  (*self)->send(stop, halt_atom::value, manual());
  sched->run();
  for (auto* v : {&upbit, &binance}) {
    EXPECT_EQ(v->seen, (std::vector<std::string>{"block", "cancel_all"}));
    EXPECT_TRUE(v->blocked);
    EXPECT_EQ(v->block_reason, "halt manual");
  }
  // A second halt raises nothing new.
  (*self)->send(stop, halt_atom::value, manual());
  sched->run();
  EXPECT_EQ(upbit.seen.size(), 2u);
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

TEST_F(emergency_stop_test, clearing_the_halt_lowers_the_gate) {
  auto stop = start();
  (*self)->send(stop, halt_atom::value, manual());
  sched->run();
  auto h = (*self)->request(stop, 1s, clear_atom::value, std::string{"op"},
                            std::string{"checked"});
  sched->run();
  std::move(h).receive([](halt_state& s) { EXPECT_FALSE(s.halted); },
                       [](caf::error& e) { FAIL() << caf::to_string(e); });
  for (auto* v : {&upbit, &binance}) {
    EXPECT_EQ(v->seen,
              (std::vector<std::string>{"block", "cancel_all", "unblock"}));
    EXPECT_FALSE(v->blocked);
  }
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

TEST_F(emergency_stop_test, a_halt_restored_at_start_raises_the_gate) {
  halt_state restored;
  restored.halted = true;
  restored.trigger = "daily_loss";
  auto stop = start(restored);
  for (auto* v : {&upbit, &binance}) {
    EXPECT_EQ(v->seen, (std::vector<std::string>{"block"}));
    EXPECT_EQ(v->block_reason, "halt daily_loss");
  }
  (*self)->send_exit(stop, caf::exit_reason::user_shutdown);
  sched->run();
}

} // namespace
} // namespace tandem::actors
