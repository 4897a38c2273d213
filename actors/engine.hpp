// The engine bootstrap: spawns the actor topology of ARCHITECTURE.md from
// the config (journal replay first, then venues, positions, emergency stop,
// pair coordinator, risk, strategy, alerts, admin gateway) and offers the
// app what it needs: a status line, a run summary, a clean stop. Tests use
// the actor handles to drive it.
#pragma once

#include "config/schema.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace tandem::actors {

/// What the engine is started with besides the config.
struct engine_inputs {
  config::engine_config cfg;
  /// Mints this run's client-order and signal ids (start time in ms).
  std::uint64_t session = 0;
  /// Time source (tests: a manual clock); the system clock when null.
  std::shared_ptr<const clock_source> clock;
  /// Start the strategy paused (tests drive it with resume).
  bool start_paused = false;
  /// Serve the admin console (config [console]).
  bool console = true;
  /// How long each venue request of the start-up reconciliation may take.
  std::chrono::milliseconds reconcile_timeout{10000};
  /// Worker threads of the actor system.
  std::size_t threads = 2;
  /// Seed of the supervisor's restart jitter (tests); unset: the clock.
  std::optional<std::uint64_t> supervisor_seed;
  /// Orders per second the Upbit session allows itself (benchmarks whose
  /// simulator limits are raised); unset: Upbit's documented 8/s.
  std::optional<std::int64_t> upbit_orders_per_second;
};

/// What a run did, for `--summary FILE.json` and scripts.
struct engine_summary {
  std::uint64_t pairs_opened = 0;
  std::uint64_t pairs_closed = 0;
  std::uint64_t rollbacks = 0;
  std::uint64_t halts = 0;
  std::uint64_t signals = 0;
  bool halted = false;
  /// Realized P&L of both venues in KRW (Binance USDT at the last KRW-USDT
  /// bid), net of fees.
  std::string realized_pnl_krw = "0";
  /// Net base-asset position per venue ("upbit" -> "0.002"), decimal text.
  std::map<std::string, std::string> exposure;
  std::uint64_t open_orders = 0;
};

/// Returns the summary as one JSON object.
std::string to_json(const engine_summary& s);

class engine {
 public:
  /// Starts everything; the error names what failed (journal locked or
  /// corrupt, a venue session refused, the admin port in use, ...).
  static result<std::unique_ptr<engine>, std::string> start(engine_inputs in);

  /// Stops (see stop()).
  ~engine();
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  /// One line: premium, state, positions per venue, open orders, P&L.
  std::string status_line();
  engine_summary summary();
  /// Stops trading; with `cancel_open` cancels every open order on every
  /// venue first (Ctrl-C), waits for the journal to commit, then stops all
  /// actors. Idempotent.
  void stop(bool cancel_open);

  caf::actor_system& system();
  /// The venue actor running now (a restart's instance after a crash);
  /// invalid while it is down.
  caf::actor venue(tandem::venue v) const;
  caf::actor strategy() const;
  caf::actor coordinator() const;
  caf::actor emergency_stop() const;
  caf::actor control() const;
  /// The alert actor (recent_alerts_atom: what was alerted; tests).
  caf::actor alerts() const;
  /// The admin console's port, when it serves one.
  std::optional<std::uint16_t> console_port() const;

  struct impl;

 private:
  explicit engine(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::actors
