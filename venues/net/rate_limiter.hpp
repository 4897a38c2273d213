// Keeps the engine under a venue's documented limits before the venue
// complains. Pure: time is a parameter, nothing blocks. A request asks
// acquire() for its cost in each group it counts against; the answer is
// "go" or "wait this long". The venue's own usage headers correct our count
// (other processes may share the key or IP), a 429 pauses the group for the
// venue's Retry-After, and a 418 ban stops every group until it ends.
//
// Windows are fixed and aligned to the epoch (Binance counts per clock
// minute / 10 seconds, Upbit per second), so our count and the venue's
// restart at the same instant.
#pragma once

#include "core/clock.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tandem::net {

/// One documented limit: at most `limit` units per `window`.
struct rate_limit_rule {
  /// Group name as the venue calls it: "REQUEST_WEIGHT", "ORDERS_10S",
  /// "order", "default".
  std::string group;
  std::int64_t limit = 0;
  std::chrono::milliseconds window{1000};
};

/// The outcome of acquire(): go now, or wait.
struct rate_decision {
  /// Zero means granted (and counted); otherwise nothing was counted.
  std::chrono::nanoseconds wait{0};
  /// The group that refused, for logs and metrics.
  std::string group;
  bool granted() const noexcept { return wait.count() == 0; }
};

/// One group's use of its current window (for metrics).
struct group_usage {
  std::string group;
  /// The documented limit per window (not the headroom one).
  std::int64_t limit = 0;
  /// What this limiter lets through per window (limit x headroom_pct).
  std::int64_t effective_limit = 0;
  /// Units used in the current window: ours, or the venue's own count when
  /// its usage headers said more.
  std::int64_t used = 0;
  std::chrono::milliseconds window{0};
  /// When the current window ends (the limiter's clock).
  timestamp window_end;
};

/// A set of limit groups for one venue.
class rate_limiter {
 public:
  /// `headroom_pct`: use only this percentage of each documented limit
  /// (90 leaves 10% for clock skew and for requests we do not see).
  explicit rate_limiter(std::vector<rate_limit_rule> rules,
                        int headroom_pct = 90);

  /// Asks to spend `cost` units in each named group (all or nothing).
  rate_decision
  acquire(const std::vector<std::pair<std::string, std::int64_t>>& costs,
          timestamp now);

  /// The venue reports `used` units in the current window of `group`
  /// (X-MBX-USED-WEIGHT-1M, Upbit Remaining-Req as limit - remaining).
  /// Raises our count if the venue saw more; never lowers it.
  void observe_used(const std::string& group, std::int64_t used, timestamp now);

  /// A 429 for `group`: nothing goes there until now + retry_after (or the
  /// end of the current window when the venue gave no Retry-After).
  void on_rate_limited(const std::string& group,
                       std::optional<std::chrono::milliseconds> retry_after,
                       timestamp now);

  /// A 418 ban: every group stops until `until`.
  void on_banned(timestamp until);

  /// Units left in the current window of `group` under our headroom
  /// (for metrics); nullopt for an unknown group.
  std::optional<std::int64_t> headroom(const std::string& group,
                                       timestamp now) const;

  /// Every group's use of its window at `now`, in rule order.
  std::vector<group_usage> usage(timestamp now) const;

  /// When the ban ends, if banned at `now`.
  std::optional<timestamp> banned_until(timestamp now) const;

 private:
  struct bucket {
    rate_limit_rule rule;
    std::int64_t effective_limit = 0;
    std::int64_t window_start_ns = 0;
    std::int64_t used = 0;
    timestamp blocked_until{};
  };
  bucket* find(const std::string& group);
  const bucket* find(const std::string& group) const;
  static void roll(bucket& b, timestamp now);
  static std::int64_t window_start(const bucket& b, timestamp now);

  std::vector<bucket> buckets_;
  timestamp banned_until_{};
};

} // namespace tandem::net
