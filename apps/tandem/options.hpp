// Command-line options of `tandem`, parsed by hand (no extra dependency).
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace tandem::app {

/// What the command line asked for.
struct options {
  /// The config file to load.
  std::string config = "config/paper.toml";
  /// Stop after this many seconds (> 0); absent: run until stopped.
  std::optional<std::int64_t> duration_s;
  /// Seed for the simulators' randomness; absent: from the clock.
  std::optional<std::uint64_t> seed;
  /// Paper mode: the simulators' config; empty: sim.toml beside `config`.
  std::string sim_config;
  /// Paper mode against simulators already running (tandem-sim, a test's
  /// cluster): the config's URLs are used as they are, no simulator is
  /// started and the journal is kept (those simulators keep their state).
  /// The paper keys still come from the simulator config.
  bool external_sims = false;
  /// Where to write the JSON run summary; empty: nowhere.
  std::string summary;
  /// Validate the config and exit (0 valid, 2 refused).
  bool check_config = false;
  /// Print usage and exit.
  bool help = false;
};

/// Parses argv[1..]; returns the options or a message naming the bad
/// argument. Accepts `--opt VALUE` and `--opt=VALUE`.
result<options, std::string> parse_options(std::span<const char* const> args);

/// Returns the usage text.
std::string usage();

} // namespace tandem::app
