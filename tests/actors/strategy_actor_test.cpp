// The strategy actor: quotes in, signals out to the coordinator, blocked
// while paused or halted, moved on by pair_settled.
#include "actors/engine_protocol.hpp"
#include "actors/strategy_actor.hpp"
#include "tests/arbitrage/fixtures.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;
using namespace arbitrage::test;

const timestamp t0 = from_unix_ms(1'700'000'000'000);

struct strategy_actor_test : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::unique_ptr<caf::scoped_actor> coord;
  std::shared_ptr<manual_clock> clock = std::make_shared<manual_clock>(t0);
  caf::actor strat;

  strategy_actor_test() {
    cfg.set("scheduler.policy", caf::atom("testing"));
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
    coord = std::make_unique<caf::scoped_actor>(*sys);
    strategy_actor_config c;
    c.params.cfg.order_qty = qty("0.002");
    c.params.fees = {rt("0.0005"), rt("0.0005")};
    c.params.upbit = upbit_krw_btc();
    c.params.binance = binance_btcusdt();
    c.id_prefix = "tdm";
    c.session = 1297;
    c.coordinator = caf::actor_cast<caf::actor>(*coord);
    c.clock = clock;
    auto a = spawn_strategy_actor(*sys, c);
    EXPECT_TRUE(a.has_value());
    strat = a.value();
  }
  ~strategy_actor_test() override {
    (*coord)->send_exit(strat, caf::exit_reason::user_shutdown);
    sched->run();
  }

  /// Quotes with an entry premium of ~227 bps (upbit ask 143,000,000) or,
  /// with a low Upbit price, an exit premium well under 50 bps.
  void quote(const char* upbit_bid, const char* upbit_ask) {
    auto at = clock->now();
    (*coord)->send(strat, top(venue::upbit, "KRW-USDT", "1439", "100000",
                              "1440", "100000", at));
    (*coord)->send(
      strat, top(venue::binance, "BTCUSDT", "97000", "1", "97000.1", "1", at));
    (*coord)->send(
      strat, top(venue::upbit, "KRW-BTC", upbit_bid, "1", upbit_ask, "1", at));
    sched->run();
  }

  std::vector<arbitrage::pair_signal> signals() {
    std::vector<arbitrage::pair_signal> out;
    for (;;) {
      bool got = false;
      (*coord)->receive(
        [&](arbitrage::pair_signal& s) {
          out.push_back(std::move(s));
          got = true;
        },
        caf::after(0s) >> [] {});
      if (!got)
        return out;
    }
  }

  strategy_status status() {
    strategy_status s;
    auto h = (*coord)->request(strat, 1s, status_atom::value);
    sched->run();
    std::move(h).receive([&](strategy_status& x) { s = x; },
                         [](caf::error& e) { FAIL() << caf::to_string(e); });
    return s;
  }
};

TEST_F(strategy_actor_test, an_open_premium_sends_one_entry_signal) {
  quote("142900000", "143000000");
  auto sigs = signals();
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].kind, arbitrage::pair_kind::entry);
  EXPECT_EQ(sigs[0].qty, qty("0.002"));
  // Busy while the pair is in flight: more quotes, no second signal.
  quote("142900000", "143000000");
  EXPECT_TRUE(signals().empty());
  EXPECT_EQ(status().state, arbitrage::strategy_state::entering);
}

TEST_F(strategy_actor_test, settled_pairs_move_the_strategy_to_exit) {
  quote("142900000", "143000000");
  auto entry = signals();
  ASSERT_EQ(entry.size(), 1u);
  (*coord)->send(strat, pair_settled{entry[0].id, arbitrage::pair_kind::entry,
                                     qty("0.002"), "hedged"});
  sched->run();
  EXPECT_EQ(status().state, arbitrage::strategy_state::hedged);
  clock->advance(1s);
  // Upbit falls: the exit premium drops under exit_bps.
  quote("139700000", "139800000");
  auto exit = signals();
  ASSERT_EQ(exit.size(), 1u);
  EXPECT_EQ(exit[0].kind, arbitrage::pair_kind::exit);
  EXPECT_NE(exit[0].id, entry[0].id);
}

TEST_F(strategy_actor_test, no_signal_while_paused_or_halted) {
  auto h = (*coord)->request(strat, 1s, pause_atom::value);
  sched->run();
  std::move(h).receive([](strategy_status& s) { EXPECT_TRUE(s.paused); },
                       [](caf::error& e) { FAIL() << caf::to_string(e); });
  quote("142900000", "143000000");
  EXPECT_TRUE(signals().empty());

  auto r = (*coord)->request(strat, 1s, resume_atom::value);
  sched->run();
  std::move(r).receive([](strategy_status& s) { EXPECT_FALSE(s.paused); },
                       [](caf::error& e) { FAIL() << caf::to_string(e); });
  halt_state halted;
  halted.halted = true;
  (*coord)->send(strat, halted);
  quote("142900000", "143000000");
  EXPECT_TRUE(signals().empty());
  EXPECT_TRUE(status().halted);

  halted.halted = false;
  (*coord)->send(strat, halted);
  quote("142900000", "143000000");
  EXPECT_EQ(signals().size(), 1u);
}

TEST_F(strategy_actor_test, stale_quotes_never_signal) {
  quote("142900000", "143000000");
  ASSERT_EQ(signals().size(), 1u);
  (*coord)->send(strat, pair_settled{"x", arbitrage::pair_kind::entry,
                                     quantity{}, "rolled_back"});
  sched->run();
  ASSERT_EQ(status().state, arbitrage::strategy_state::flat);
  // Only Upbit KRW-BTC moves; the other two quotes are now 1 s old.
  clock->advance(1s);
  (*coord)->send(strat, top(venue::upbit, "KRW-BTC", "142900000", "1",
                            "143000000", "1", clock->now()));
  sched->run();
  EXPECT_TRUE(signals().empty());
  EXPECT_EQ(status().last_decision, arbitrage::decision::stale_quote);
}

TEST_F(strategy_actor_test, bad_parameters_are_refused_with_a_reason) {
  config::kimchi_config c;
  c.entry_bps = 10;
  c.exit_bps = 50; // entry must exceed exit
  c.order_qty = qty("0.002");
  bool refused = false;
  auto h = (*coord)->request(strat, 1s, params_atom::value, c);
  sched->run();
  std::move(h).receive([](strategy_status&) {},
                       [&](caf::error&) { refused = true; });
  EXPECT_TRUE(refused);
}

} // namespace
} // namespace tandem::actors
