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

/// Returns the sim config path used when none is given: "sim.toml" in the
/// directory of `engine_config_path`.
std::string default_sim_config(const std::string& engine_config_path);

} // namespace tandem::app
