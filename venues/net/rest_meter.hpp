// Measures a session's REST side for venues::session_stats: round trips as
// they are answered and the limiter's window usage as it changes, both
// written on the session's I/O thread and read from any thread (the venue
// actor's status). A mutex guards a few integers; nothing waits on I/O.
#pragma once

#include "core/clock.hpp"
#include "venues/common/session_stats.hpp"
#include "venues/net/rate_limiter.hpp"

#include <chrono>
#include <mutex>
#include <vector>

namespace tandem::net {

class rest_meter {
 public:
  /// Records one round trip (request sent -> answer read).
  void record_rtt(std::chrono::nanoseconds d);

  /// Publishes `l`'s usage at `limiter_now` (the limiter's clock, e.g. the
  /// venue's) observed at local time `local_now`.
  void publish(const rate_limiter& l, timestamp limiter_now,
               timestamp local_now);

  /// The stats at local time `local_now`: a group whose window ended since
  /// the last publish shows nothing used.
  venues::session_stats snapshot(timestamp local_now) const;

 private:
  mutable std::mutex mtx_;
  std::vector<group_usage> groups_;
  /// limiter clock - local clock at the last publish.
  std::chrono::nanoseconds skew_{0};
  std::int64_t ewma_ns_ = -1;
  std::int64_t last_ns_ = -1;
  std::uint64_t samples_ = 0;
};

} // namespace tandem::net
