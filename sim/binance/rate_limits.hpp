// The venue's rate limits (reference B7): IP request weight per minute,
// account order counts per 10 s and per minute, in windows aligned to the
// clock as Binance's are. A limit hit is a 429 with Retry-After; a client
// that sends again before Retry-After has passed is banned (418), for 2
// minutes at first, doubling per ban up to 3 days.
#pragma once

#include "sim/binance/config.hpp"
#include "sim/binance/http.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace tandem::sim::binance {

/// A counter over fixed windows aligned to multiples of `window_ms`.
class window_counter {
 public:
  explicit window_counter(std::int64_t window_ms) : window_ms_(window_ms) {}
  /// Adds `n` at `now_ms` and returns the count in the current window.
  std::int64_t add(std::int64_t now_ms, std::int64_t n);
  /// Returns the count in the window holding `now_ms`.
  std::int64_t count(std::int64_t now_ms) const;
  /// Returns when the window holding `now_ms` ends.
  std::int64_t window_end(std::int64_t now_ms) const;

 private:
  std::int64_t window_ms_;
  std::int64_t start_ = -1;
  std::int64_t count_ = 0;
};

/// A refusal by the rate limiter: a 429 or 418 answer and its wait.
struct rate_refusal {
  sim_error error;
  /// Seconds for the Retry-After header.
  std::int64_t retry_after_s = 0;
};

/// All rate-limit state of the venue.
class rate_limiter {
 public:
  explicit rate_limiter(rate_limit_config cfg) : cfg_(cfg) {}

  /// Counts a request of `weight` from `ip`; refuses it when the IP is
  /// banned, ignored a 429 (-> ban) or is over its weight.
  std::optional<rate_refusal> admit_request(const std::string& ip,
                                            std::int64_t weight,
                                            std::int64_t now_ms);
  /// Counts a new order of `account` from `ip` against the order limits.
  std::optional<rate_refusal> admit_order(const std::string& ip,
                                          const std::string& account,
                                          std::int64_t now_ms);

  /// Returns the IP's used weight this minute.
  std::int64_t used_weight(const std::string& ip, std::int64_t now_ms) const;
  /// Returns the account's order counts (10 s, 1 min).
  std::pair<std::int64_t, std::int64_t> order_counts(const std::string& account,
                                                     std::int64_t now_ms) const;

 private:
  struct ip_state {
    window_counter weight{60'000};
    /// A 429 was sent: requests before this time earn a ban.
    std::int64_t backoff_until = 0;
    std::int64_t banned_until = 0;
    std::int64_t bans = 0;
  };
  struct account_state {
    window_counter orders_10s{10'000};
    window_counter orders_1m{60'000};
    std::int64_t backoff_until = 0;
  };

  rate_refusal ban(const std::string& ip, ip_state& s, std::int64_t now_ms);
  static rate_refusal banned(const std::string& ip, const ip_state& s,
                             std::int64_t now_ms);

  rate_limit_config cfg_;
  std::map<std::string, ip_state> ips_;
  std::map<std::string, account_state> accounts_;
};

} // namespace tandem::sim::binance
