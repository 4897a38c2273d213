// A script for the kimchi premium, so a test can open and close it on cue:
// segments played in order from the process start, e.g.
//
//   "hold 0 bps for 5 s, ramp to 250 bps over 2 s, hold 10 s,
//    ramp to 20 bps over 1 s"
//
// Segments (separated by ',' or ';'):
//   hold <N> bps for <D>   jump to N bps and stay there for D
//   hold <D> | hold for <D> stay at the current premium for D
//   ramp to <N> bps over <D> move linearly to N bps within D
// N is a decimal number of basis points (may be negative: "-30", "12.5");
// D is a number with a unit: ms, s or min ("500 ms", "2s", "1.5 s"). After
// the last segment the premium stays where it ended. Pure; no clock.
#pragma once

#include "core/decimal.hpp"
#include "core/result.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::market {

/// One resolved segment: the premium moves from `from` to `to` (fractions:
/// 0.025 = 250 bps) between `start` and `start + length`.
struct premium_segment {
  std::chrono::milliseconds start{0};
  std::chrono::milliseconds length{0};
  rate from;
  rate to;
};

/// A parsed premium script.
class premium_script {
 public:
  /// A script that holds `start_bps` forever.
  explicit premium_script(rate start = rate::zero()) : start_(start) {}

  /// Parses `text`, starting from `start`. The error names the segment
  /// and what is wrong with it.
  static result<premium_script, std::string> parse(std::string_view text,
                                                   rate start = rate::zero());

  /// Returns the premium (fraction; 0.025 = 250 bps) `elapsed` after the
  /// script started.
  rate at(std::chrono::milliseconds elapsed) const;

  /// Returns when the last segment ends.
  std::chrono::milliseconds length() const;

  const std::vector<premium_segment>& segments() const { return segments_; }

 private:
  rate start_;
  std::vector<premium_segment> segments_;
};

/// Returns `bps` basis points as a fraction (250 -> 0.025).
constexpr rate from_bps(std::int64_t bps) {
  return rate::from_raw(bps * (rate::unit / 10'000));
}

/// Returns a fraction in basis points, rounded to nearest (0.025 -> 250).
std::int64_t to_bps(rate r);

} // namespace tandem::sim::market
