// Both simulated venues and the market that moves them, started as one:
// what `tandem-sim` runs standalone, what the engine's paper mode and the
// end-to-end tests start in-process. Configured by cluster_config (built in
// code, or loaded from TOML by cluster_toml.hpp).
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "sim/binance/config.hpp"
#include "sim/market/price_process.hpp"
#include "sim/runtime/binance_service.hpp"
#include "sim/runtime/market_driver.hpp"
#include "sim/runtime/upbit_service.hpp"
#include "sim/upbit/config.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace tandem::sim::runtime {

/// Ports of one venue on 127.0.0.1; 0 picks a free port.
struct venue_ports {
  std::uint16_t rest = 0;
  std::uint16_t ws = 0;
};

/// Everything the cluster is built from. Defaults live here.
struct cluster_config {
  venue_ports binance_ports;
  venue_ports upbit_ports;
  /// TLS (https/wss) on every server when set; plain http/ws otherwise
  /// (loopback only either way).
  std::optional<tls_files> tls;
  /// Binance: symbols, accounts (API key, secret, USDT), fees, limits.
  sim::binance::venue_config binance;
  /// Upbit: markets (KRW-BTC, KRW-USDT), accounts (access key, secret,
  /// balances), fees, limits.
  sim::upbit::venue_config upbit = sim::upbit::default_config();
  /// The market: seed, walks, premium script. Its KRW-USDT tick table is
  /// the Upbit KRW-USDT market's.
  sim::market::process_config market = default_market();
  /// Whether the market driver moves the books on a timer (false: the
  /// books stay where the first step put them until a test steps them).
  bool market_timer = true;
  /// How often the driver steps.
  std::chrono::milliseconds market_interval{50};
  /// How often the venues' timers run (countdownCancelAll, listen keys).
  std::chrono::milliseconds pump_interval{100};
  /// Wire taps on every server of both venues (benchmarks); null: none.
  std::shared_ptr<const server_observer> observer;

  /// Returns the market defaults with Upbit's KRW-USDT tick table.
  static sim::market::process_config default_market();
};

/// The base URLs of both venues.
struct cluster_urls {
  binance_urls binance;
  upbit_urls upbit;
};

/// Returns the URLs as one JSON object:
/// {"binance":{"rest":..,"ws":..,"ws_user":..},
///  "upbit":{"rest":..,"rest_origin":..,"ws_public":..,"ws_private":..}}.
std::string to_json(const cluster_urls& u);

/// A running cluster. Destroying it stops the market, then both venues.
class sim_cluster {
 public:
  /// Starts both venues and the market driver (first books applied before
  /// this returns). `clock` (nullptr: the system clock) must outlive the
  /// cluster. Errors name the venue and what failed.
  static result<std::unique_ptr<sim_cluster>, std::string>
  start(cluster_config cfg, const clock_source* clock = nullptr);

  ~sim_cluster();
  sim_cluster(const sim_cluster&) = delete;
  sim_cluster& operator=(const sim_cluster&) = delete;

  const cluster_urls& urls() const noexcept { return urls_; }
  binance_service& binance() noexcept { return *binance_; }
  upbit_service& upbit() noexcept { return *upbit_; }
  market_driver& market() noexcept { return *market_; }

 private:
  sim_cluster() = default;

  cluster_urls urls_;
  std::unique_ptr<binance_service> binance_;
  std::unique_ptr<upbit_service> upbit_;
  std::unique_ptr<market_driver> market_;
};

} // namespace tandem::sim::runtime
