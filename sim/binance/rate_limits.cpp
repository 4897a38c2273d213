#include "sim/binance/rate_limits.hpp"

#include <algorithm>

namespace tandem::sim::binance {

namespace {

// Whole seconds from now to `until`, at least 1.
std::int64_t seconds_until(std::int64_t until, std::int64_t now_ms) {
  return std::max<std::int64_t>(1, (until - now_ms + 999) / 1000);
}

} // namespace

// -- window_counter
// ----------------------------------------------------------

std::int64_t window_counter::add(std::int64_t now_ms, std::int64_t n) {
  auto start = now_ms - now_ms % window_ms_;
  if (start != start_) {
    start_ = start;
    count_ = 0;
  }
  count_ += n;
  return count_;
}

std::int64_t window_counter::count(std::int64_t now_ms) const {
  return now_ms - now_ms % window_ms_ == start_ ? count_ : 0;
}

std::int64_t window_counter::window_end(std::int64_t now_ms) const {
  return now_ms - now_ms % window_ms_ + window_ms_;
}

// -- rate_limiter
// ------------------------------------------------------------

rate_refusal rate_limiter::banned(const std::string& ip, const ip_state& s,
                                  std::int64_t now_ms) {
  return {sim_error{418, -1003,
                    "Way too many requests; IP(" + ip + ") banned until "
                      + std::to_string(s.banned_until)
                      + ". Please use the websocket for live updates to "
                        "avoid bans."},
          seconds_until(s.banned_until, now_ms)};
}

rate_refusal rate_limiter::ban(const std::string& ip, ip_state& s,
                               std::int64_t now_ms) {
  auto len = std::min<std::int64_t>(cfg_.first_ban.count()
                                      << std::min<std::int64_t>(s.bans, 20),
                                    cfg_.max_ban.count());
  ++s.bans;
  s.banned_until = now_ms + len * 1000;
  s.backoff_until = 0;
  return banned(ip, s, now_ms);
}

std::optional<rate_refusal> rate_limiter::admit_request(const std::string& ip,
                                                        std::int64_t weight,
                                                        std::int64_t now_ms) {
  auto& s = ips_[ip];
  if (now_ms < s.banned_until)
    return banned(ip, s, now_ms);
  if (now_ms < s.backoff_until)
    return ban(ip, s, now_ms);
  auto used = s.weight.add(now_ms, weight);
  if (used <= cfg_.weight_per_minute)
    return std::nullopt;
  s.backoff_until = s.weight.window_end(now_ms);
  return rate_refusal{
    sim_error{429, -1003,
              "Too many requests; current limit of IP(" + ip + ") is "
                + std::to_string(cfg_.weight_per_minute)
                + " requests per minute. Please use the websocket for live "
                  "updates to avoid polling the API."},
    seconds_until(s.backoff_until, now_ms)};
}

std::optional<rate_refusal>
rate_limiter::admit_order(const std::string& ip, const std::string& account,
                          std::int64_t now_ms) {
  auto& a = accounts_[account];
  auto& s = ips_[ip];
  if (now_ms < a.backoff_until)
    return ban(ip, s, now_ms);
  auto n10 = a.orders_10s.add(now_ms, 1);
  auto n60 = a.orders_1m.add(now_ms, 1);
  std::optional<std::pair<std::int64_t, std::string>> hit;
  if (n10 > cfg_.orders_per_10s) {
    a.backoff_until = a.orders_10s.window_end(now_ms);
    hit.emplace(cfg_.orders_per_10s, "TEN_SECONDS");
  } else if (n60 > cfg_.orders_per_minute) {
    a.backoff_until = a.orders_1m.window_end(now_ms);
    hit.emplace(cfg_.orders_per_minute, "MINUTE");
  }
  if (!hit)
    return std::nullopt;
  return rate_refusal{sim_error{429, -1015,
                                "Too many new orders; current limit is "
                                  + std::to_string(hit->first) + " orders per "
                                  + hit->second + "."},
                      seconds_until(a.backoff_until, now_ms)};
}

std::int64_t rate_limiter::used_weight(const std::string& ip,
                                       std::int64_t now_ms) const {
  auto it = ips_.find(ip);
  return it == ips_.end() ? 0 : it->second.weight.count(now_ms);
}

std::pair<std::int64_t, std::int64_t>
rate_limiter::order_counts(const std::string& account,
                           std::int64_t now_ms) const {
  auto it = accounts_.find(account);
  if (it == accounts_.end())
    return {0, 0};
  return {it->second.orders_10s.count(now_ms),
          it->second.orders_1m.count(now_ms)};
}

} // namespace tandem::sim::binance
