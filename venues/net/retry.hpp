// The one place that decides what to do after an error: retry (and when),
// resolve by querying, give up on this request, or stop the venue.
// Sessions, the rate limiter and order actors all ask classify(); none of
// them keeps its own list of retryable errors.
#pragma once

#include "venues/common/venue_error.hpp"
#include "venues/net/net_error.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace tandem::net {

/// What the caller should do next.
enum class next_step : std::uint8_t {
  /// Send the same request again (same client order id), after `after`.
  retry = 1,
  /// The request may have acted: query its state before anything else.
  query_first = 2,
  /// This request failed for good; other requests may go on.
  give_up = 3,
  /// Stop using the venue until an operator or a timer says otherwise
  /// (bad credentials, IP ban, certificate rejected).
  halt_venue = 4,
};

/// The advice for one error.
struct retry_advice {
  next_step step = next_step::give_up;
  /// Wait at least this long first (Retry-After, ban end), if known.
  std::optional<std::chrono::milliseconds> after;
};

/// Advice for a transport error. `request_sent` tells whether the request
/// bytes were written: a timeout after that leaves the outcome unknown.
retry_advice classify(net_error e, bool request_sent) noexcept;

/// Advice for a venue error, with the venue's Retry-After if it sent one.
retry_advice classify(venues::venue_error e,
                      std::optional<std::chrono::milliseconds> retry_after
                      = {}) noexcept;

} // namespace tandem::net
