// The order-rate window: send times of recent orders, so the pre-trade
// check can count how many went out in the last second.
#pragma once

#include "core/clock.hpp"

#include <chrono>
#include <cstddef>
#include <span>
#include <vector>

namespace tandem::risk {

/// The order-rate window: one second.
inline constexpr std::chrono::nanoseconds order_rate_window
  = std::chrono::seconds{1};

/// Returns how many of `sent` fall in (now - window, now]: a send exactly
/// one window ago has left it. Times after `now` count (clock skew).
std::size_t count_in_window(std::span<const timestamp> sent, timestamp now,
                            std::chrono::nanoseconds window
                            = order_rate_window) noexcept;

/// Send times of recent orders, oldest first, pruned as time passes.
class order_rate_log {
 public:
  /// Records an order sent at `t`.
  void record(timestamp t);
  /// Drops times that left the window at `now`.
  void prune(timestamp now,
             std::chrono::nanoseconds window = order_rate_window);
  /// Returns the recorded times (for a risk snapshot).
  std::span<const timestamp> times() const noexcept { return times_; }

 private:
  // A handful of entries (max_orders_per_s): a vector beats a deque here.
  std::vector<timestamp> times_;
};

} // namespace tandem::risk
