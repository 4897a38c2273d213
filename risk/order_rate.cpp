#include "risk/order_rate.hpp"

#include <algorithm>

namespace tandem::risk {

std::size_t count_in_window(std::span<const timestamp> sent, timestamp now,
                            std::chrono::nanoseconds window) noexcept {
  std::size_t n = 0;
  for (auto t : sent)
    if (t > now - window)
      ++n;
  return n;
}

void order_rate_log::record(timestamp t) {
  // Kept sorted, so prune() can cut from the front.
  times_.insert(std::upper_bound(times_.begin(), times_.end(), t), t);
}

void order_rate_log::prune(timestamp now, std::chrono::nanoseconds window) {
  auto it = times_.begin();
  while (it != times_.end() && *it <= now - window)
    ++it;
  times_.erase(times_.begin(), it);
}

} // namespace tandem::risk
