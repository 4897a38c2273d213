// Command-line options of `tandem-sim`, parsed by hand (no extra
// dependency): `tandem-sim --config FILE [--ports-file FILE.json]
// [--seed N]`.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace tandem::sim_app {

/// What the command line asked for.
struct options {
  /// The cluster config (TOML, see config/sim.toml). Required.
  std::string config;
  /// Where to write the base URLs as JSON; empty: nowhere.
  std::string ports_file;
  /// Overrides [market] seed.
  std::optional<std::uint64_t> seed;
  /// Print usage and exit.
  bool help = false;
};

/// Parses argv[1..]; returns the options or a message naming the bad
/// argument. Accepts `--opt VALUE` and `--opt=VALUE`.
result<options, std::string> parse_options(std::span<const char* const> args);

/// Returns the usage text.
std::string usage();

} // namespace tandem::sim_app
