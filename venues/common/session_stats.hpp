// What a venue session tells about its REST side, for status and metrics:
// how much of each rate-limit window is left and how long requests take.
// Plain values; venue_session::stats() returns one (safe from any thread).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace tandem::venues {

/// One rate-limit group's current window.
struct limit_usage {
  /// The venue's name of the group: "REQUEST_WEIGHT", "ORDERS_10S",
  /// "order", "default", ...
  std::string group;
  /// The documented limit per window (units: weight or requests).
  std::int64_t limit = 0;
  /// Units used in the current window: what we sent, or the venue's own
  /// count (usage headers, Remaining-Req) when it said more.
  std::int64_t used = 0;
  std::chrono::milliseconds window{0};

  /// Units left in the window under the documented limit.
  std::int64_t remaining() const noexcept {
    return std::max<std::int64_t>(0, limit - used);
  }
};

/// A snapshot of a session's REST side.
struct session_stats {
  /// Every limit group the session knows, in the venue's order.
  std::vector<limit_usage> limits;
  /// REST round trip (request handed to the HTTP client -> answer read,
  /// any HTTP status), microseconds: exponentially weighted mean, each new
  /// sample weighing 1/8 (TCP's SRTT rule). -1 before the first answer.
  std::int64_t rest_rtt_us = -1;
  /// The last round trip, microseconds; -1 before the first answer.
  std::int64_t rest_rtt_last_us = -1;
  /// Answers measured.
  std::uint64_t rest_rtt_samples = 0;
};

} // namespace tandem::venues
