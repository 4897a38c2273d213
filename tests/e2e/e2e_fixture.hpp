// The end-to-end fixture: both simulated venues (sim/runtime) started
// in-process on free loopback ports with TLS (certificates minted at test
// time), and the real engine (actors/engine.hpp) pointed at them the way
// paper mode does it (apps/tandem/paper.cpp), with its journal in a fresh
// temp dir. Helpers ask the engine's actors and the simulators' own books,
// and wait on conditions by polling them with a generous deadline.
#pragma once

#include "actors/alert_protocol.hpp"
#include "actors/engine.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/venue_protocol.hpp"
#include "config/load.hpp"
#include "sim/runtime/cluster_toml.hpp"
#include "sim/runtime/sim_cluster.hpp"
#include "test_pki.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tandem::e2e {

using namespace std::chrono_literals;
namespace rt = sim::runtime;

/// The paper accounts of config/sim.toml.
inline constexpr const char* upbit_access = "paper-upbit-access";
inline constexpr const char* binance_key = "paper-binance-key";
inline const money upbit_start_krw = money::must_parse("10000000");
inline const money binance_start_usdt = money::must_parse("10000");
/// BTC per leg (config/paper.toml order_qty) and the coarser lot of the
/// two venues (Binance BTCUSDT, 0.001 BTC).
inline const quantity leg_qty = quantity::must_parse("0.002");
inline const quantity one_lot = quantity::must_parse("0.001");

/// Polls `cond` until it holds or `limit` passes (the sandbox clock runs
/// slow: limits are generous). Returns whether it held.
inline bool eventually(const std::function<bool()>& cond,
                       std::chrono::seconds limit = 90s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (cond())
      return true;
    // A poll interval, not a synchronisation: the condition decides.
    std::this_thread::sleep_for(20ms);
  }
  return cond();
}

inline quantity abs_qty(quantity q) { return q.is_negative() ? -q : q; }

class e2e_test : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Starts both simulators. Without the market timer the books stay where
  /// the first step put them (deterministic prices for hand-made signals;
  /// the strategy then sees stale quotes and never signals).
  void start_cluster(bool market_timer);
  /// Starts an engine on the fixture's data dir (strategy paused or not);
  /// `tweak` may change the inputs (config included) first.
  void start_engine(
    bool paused,
    const std::function<void(actors::engine_inputs&)>& tweak = {});
  /// Waits until quotes beyond the subscription snapshots reached the
  /// engine (the risk actor needs the KRW-USDT rate before any check).
  void wait_for_quotes();
  /// Stops and destroys the engine (the cluster keeps running).
  void stop_engine();

  actors::coordinator_stats stats();
  std::vector<actors::pair_view> pairs();
  actors::halt_state halt();
  std::vector<alerts::alert> recent_alerts();
  std::optional<actors::pair_view> pair(const std::string& id);

  /// The simulators' own books of the paper accounts: Upbit BTC (free +
  /// locked), Upbit KRW, Binance BTCUSDT position, Binance wallet USDT.
  quantity upbit_btc();
  money upbit_krw();
  quantity binance_btc();
  money binance_wallet();
  std::size_t upbit_open_orders();
  std::size_t binance_open_orders();

  /// A marketable entry (or exit) signal from the books now on the venues:
  /// limits a few levels through the top so both legs fill in full.
  arbitrage::pair_signal make_signal(const std::string& id,
                                     arbitrage::pair_kind kind
                                     = arbitrage::pair_kind::entry,
                                     quantity qty = leg_qty);
  /// Sends `sig` to the coordinator as the strategy would.
  void send_signal(const arbitrage::pair_signal& sig);
  /// Waits until pair `id` reached a settled state; returns its view.
  std::optional<actors::pair_view> wait_settled(const std::string& id);

  std::unique_ptr<net::testing::test_pki> pki_;
  std::filesystem::path dir_;
  rt::cluster_config cluster_cfg_;
  std::unique_ptr<rt::sim_cluster> cluster_;
  std::unique_ptr<actors::engine> engine_;
  std::uint64_t sessions_ = 0;
};

} // namespace tandem::e2e
