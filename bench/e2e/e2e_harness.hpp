// Shared pieces of the end-to-end latency harnesses (tick_to_trade,
// halt_latency): a wire tap on the simulators' sockets, the harness's own
// simulator and engine configs (built in code, never config/*.toml), the
// loopback TCP round trip of the same run, and percentiles. Times are
// std::chrono::steady_clock nanoseconds since its epoch.
#pragma once

#include "actors/engine.hpp"
#include "sim/runtime/sim_cluster.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tandem::bench_e2e {

/// Nanoseconds on the steady clock.
std::int64_t now_ns() noexcept;

/// What the simulators wrote and read since the tap was last armed. Filled
/// on the simulators' I/O threads; read by the harness under `mu`.
struct wire_tap {
  std::mutex mu;
  std::condition_variable changed;
  /// First Upbit KRW-BTC orderbook frame written since arm() (the frame
  /// that moves the premium: only that book changes per step).
  std::optional<std::int64_t> trigger_frame_ns;
  /// First leg order request read since arm(), per venue.
  std::optional<std::int64_t> upbit_order_ns;   ///< POST /v1/orders
  std::optional<std::int64_t> binance_order_ns; ///< POST /fapi/v1/order
  /// Cancel requests read since arm() (any DELETE on either venue's REST)
  /// and when the last one was read.
  std::uint64_t cancels = 0;
  std::uint64_t upbit_cancels = 0;
  std::uint64_t binance_cancels = 0;
  std::int64_t last_cancel_ns = 0;
  std::int64_t first_cancel_ns = 0;
  std::int64_t last_upbit_cancel_ns = 0;
  std::int64_t last_binance_cancel_ns = 0;
  std::int64_t first_upbit_cancel_ns = 0;
  std::int64_t first_binance_cancel_ns = 0;
  /// Every request read since arm(), "METHOD path" (halt harness report).
  std::vector<std::string> paths;
  /// When each order request since arm() was read, per venue.
  std::vector<std::int64_t> upbit_order_reads;
  std::vector<std::int64_t> binance_order_reads;

  /// Clears everything above.
  void arm();
  /// The observer to hand the cluster (keeps a pointer to this tap).
  std::shared_ptr<const sim::server_observer> observer();
};

/// The harness's simulator config: one paper account per venue with deep
/// balances, BTCUSDT fixed (each premium step moves Upbit's KRW-BTC book;
/// KRW-USDT walks one tick at most, under 4 bps, so its quotes stay fresh
/// but never open the premium), no market timer, and every rate limit raised
/// far beyond what the run sends (the run is a benchmark, not a limits test).
sim::runtime::cluster_config sim_config(wire_tap& tap);

/// The harness's engine config, pointed at `cluster`, journal in
/// `data_dir`, log file in `data_dir`. Kimchi entry 100 bps / exit 50 bps,
/// 0.002 BTC per leg; risk limits raised so 10,000 signals never veto.
result<config::engine_config, std::string>
engine_config(const sim::runtime::sim_cluster& cluster,
              const std::string& data_dir);

/// A fresh temporary directory ("/tmp/tandem-e2e-XXXXXX").
std::string make_temp_dir();

/// One harness run, members in start order (so the engine stops first).
struct e2e_run {
  /// Journal and tandem.log live here.
  std::string dir;
  std::unique_ptr<sim::runtime::sim_cluster> sims;
  std::unique_ptr<actors::engine> engine;
};

/// Starts a run: a temp dir (printed on stderr), the engine logging at
/// info to `dir`/tandem.log only (the log stays on the path as in
/// production, minus the terminal), both simulators observed by `tap`, and
/// the engine against them without a console; `adjust` changes the
/// engine's inputs before it starts. Errors name what failed.
result<e2e_run, std::string>
start_run(wire_tap& tap,
          const std::function<void(actors::engine_inputs&)>& adjust = {});

/// A loopback TCP echo (127.0.0.1, TCP_NODELAY both ends, 64-byte message
/// echoed back by a thread of its own), kept open so round trips can be
/// sampled during a run, under the same idle gaps as the signals.
class loopback_echo {
 public:
  loopback_echo();
  ~loopback_echo();
  loopback_echo(const loopback_echo&) = delete;
  loopback_echo& operator=(const loopback_echo&) = delete;
  /// One round trip, in nanoseconds.
  std::int64_t round_trip();

 private:
  int listen_fd_ = -1;
  int fd_ = -1;
  std::thread echo_;
};

/// Loopback TCP round trips back to back (after 100 warm-up ones), one per
/// sample, in nanoseconds.
std::vector<std::int64_t> loopback_rtts(std::size_t samples);

/// The q-quantile (0..1) of `v` (sorted in place), in microseconds.
double quantile_us(std::vector<std::int64_t>& v, double q);

} // namespace tandem::bench_e2e
