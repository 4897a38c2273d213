// Identifiers and time text the venue mints: uuids from a seeded generator
// (randomness is a parameter, so runs repeat) and KST ISO-8601 timestamps.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <string>

namespace tandem::sim::upbit {

/// Mints version-4-shaped uuid strings from a seed (splitmix64).
class uuid_source {
 public:
  explicit uuid_source(std::uint64_t seed) noexcept : state_(seed) {}

  /// Returns the next uuid, "cdd92199-2897-4e14-9448-f923320408ad".
  std::string next();

 private:
  std::uint64_t next_word() noexcept;
  std::uint64_t state_;
};

/// Returns `t` as Upbit's REST time text with the KST offset:
/// "2025-07-04T15:00:00+09:00" (seconds, truncated).
std::string kst_iso8601(timestamp t);

/// Returns the UTC date "yyyyMMdd" and time "HHmmss" of `t`, shifted by
/// `offset_hours` (ticker trade_date / trade_time; 9 gives the _kst pair).
std::string date_compact(timestamp t, int offset_hours);
std::string time_compact(timestamp t, int offset_hours);

} // namespace tandem::sim::upbit
