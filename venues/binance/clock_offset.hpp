// Estimating how far Binance's clock is from ours, from GET /fapi/v1/time
// round trips (reference B10), so signed requests carry a `timestamp` the
// venue accepts (-1021 otherwise). Pure: the caller passes every time in.
//
// For one sample: rtt = received - sent, and the server read its clock
// about half-way, so offset = server_time - (sent + rtt / 2). The error of
// that guess is at most rtt / 2, so among the last N samples the one with
// the smallest round trip wins.
#pragma once

#include "core/clock.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

namespace tandem::venues::binance {

/// Tracks the venue clock offset over the most recent samples.
class clock_offset {
 public:
  /// Keeps the last `window` samples (at least 1).
  explicit clock_offset(std::size_t window = 8);

  /// Adds one round trip: local send and receive times and the venue's
  /// `serverTime`. Returns false, ignoring it, when `received` is before
  /// `sent` (a local clock step): such a sample says nothing.
  bool add(timestamp sent, timestamp received, timestamp server_time);

  /// Returns venue clock minus local clock, from the sample with the
  /// smallest round trip in the window; nullopt before the first sample.
  std::optional<std::chrono::nanoseconds> offset() const noexcept;

  /// Returns that sample's round trip; nullopt before the first sample.
  std::optional<std::chrono::nanoseconds> rtt() const noexcept;

  /// Returns `local` moved onto the venue's clock (local + offset); `local`
  /// itself before the first sample.
  timestamp to_venue(timestamp local) const noexcept;

  /// Returns how many samples the window holds.
  std::size_t size() const noexcept { return samples_.size(); }

 private:
  struct sample {
    std::chrono::nanoseconds rtt;
    std::chrono::nanoseconds offset;
  };

  const sample* best() const noexcept;

  std::size_t window_;
  /// A ring: once full, `next_` is the oldest sample.
  std::vector<sample> samples_;
  std::size_t next_ = 0;
};

} // namespace tandem::venues::binance
