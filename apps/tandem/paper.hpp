// Paper mode: the simulated venues started in-process (sim/runtime), from
// the simulator config next to the engine's (config/sim.toml beside
// config/paper.toml), and the engine's venue URLs and keys pointed at them.
// Paper keys are the simulator's own accounts, never exchange keys.
#pragma once

#include "config/schema.hpp"
#include "core/result.hpp"
#include "sim/runtime/sim_cluster.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace tandem::app {

/// Starts the simulators of `sim_config` (seed overridden when given) and
/// rewrites `cfg`'s Upbit and Binance URLs and credentials to reach them.
result<std::unique_ptr<sim::runtime::sim_cluster>, std::string>
start_paper_venues(config::engine_config& cfg, const std::string& sim_config,
                   std::optional<std::uint64_t> seed);

/// Paper mode against simulators already running (`--external-sims`):
/// loads `sim_config` and sets `cfg`'s Upbit and Binance keys, where empty,
/// to its first account of each venue. URLs are left as configured.
/// Returns a message naming the file when it is refused.
result<bool, std::string> use_paper_keys(config::engine_config& cfg,
                                         const std::string& sim_config);

/// The embedded simulators start from their configured balances on every
/// run, so a journal left by an earlier run describes venues that no longer
/// exist: reconciliation would (rightly) halt on it. Moves it aside to
/// `journal-<unix ms>.db` (with its WAL files) and returns the new name, or
/// nullopt when there was none. A standalone tandem-sim keeps its state, so
/// this is for the embedded simulators only.
std::optional<std::string>
archive_paper_journal(const config::engine_config& cfg);

/// Returns the sim config path used when none is given: "sim.toml" in the
/// directory of `engine_config_path`.
std::string default_sim_config(const std::string& engine_config_path);

} // namespace tandem::app
