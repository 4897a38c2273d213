#include "venues/net/rate_limiter.hpp"

#include <algorithm>

namespace tandem::net {

namespace {

std::int64_t ns_of(timestamp t) { return t.time_since_epoch().count(); }

} // namespace

rate_limiter::rate_limiter(std::vector<rate_limit_rule> rules,
                           int headroom_pct) {
  headroom_pct = std::clamp(headroom_pct, 1, 100);
  for (auto& r : rules) {
    bucket b;
    // Round down, but never to zero: a limit of 1 stays 1.
    b.effective_limit = std::max<std::int64_t>(1, r.limit * headroom_pct / 100);
    b.rule = std::move(r);
    buckets_.push_back(std::move(b));
  }
}

rate_limiter::bucket* rate_limiter::find(const std::string& group) {
  for (auto& b : buckets_)
    if (b.rule.group == group)
      return &b;
  return nullptr;
}

const rate_limiter::bucket* rate_limiter::find(const std::string& group) const {
  for (const auto& b : buckets_)
    if (b.rule.group == group)
      return &b;
  return nullptr;
}

std::int64_t rate_limiter::window_start(const bucket& b, timestamp now) {
  auto w = std::chrono::duration_cast<std::chrono::nanoseconds>(b.rule.window)
             .count();
  auto n = ns_of(now);
  return n - (n % w);
}

void rate_limiter::roll(bucket& b, timestamp now) {
  auto start = window_start(b, now);
  if (start != b.window_start_ns) {
    b.window_start_ns = start;
    b.used = 0;
  }
}

rate_decision rate_limiter::acquire(
  const std::vector<std::pair<std::string, std::int64_t>>& costs,
  timestamp now) {
  if (now < banned_until_)
    return {banned_until_ - now, "BANNED"};
  // First check every group, then count in all of them (all or nothing).
  for (const auto& [group, cost] : costs) {
    auto* b = find(group);
    if (b == nullptr)
      continue; // an unknown group has no limit we know of
    roll(*b, now);
    if (now < b->blocked_until)
      return {b->blocked_until - now, group};
    if (b->used + cost > b->effective_limit) {
      auto w
        = std::chrono::duration_cast<std::chrono::nanoseconds>(b->rule.window);
      auto next = b->window_start_ns + w.count();
      return {std::chrono::nanoseconds{next - ns_of(now)}, group};
    }
  }
  for (const auto& [group, cost] : costs)
    if (auto* b = find(group))
      b->used += cost;
  return {};
}

void rate_limiter::observe_used(const std::string& group, std::int64_t used,
                                timestamp now) {
  auto* b = find(group);
  if (b == nullptr)
    return;
  roll(*b, now);
  b->used = std::max(b->used, used);
}

void rate_limiter::on_rate_limited(
  const std::string& group,
  std::optional<std::chrono::milliseconds> retry_after, timestamp now) {
  auto* b = find(group);
  if (b == nullptr)
    return;
  roll(*b, now);
  if (retry_after) {
    b->blocked_until = std::max(b->blocked_until, now + *retry_after);
  } else {
    auto w
      = std::chrono::duration_cast<std::chrono::nanoseconds>(b->rule.window);
    b->blocked_until = std::max(
      b->blocked_until,
      timestamp{std::chrono::nanoseconds{b->window_start_ns + w.count()}});
  }
  b->used = b->effective_limit; // the venue says we are at the limit
}

void rate_limiter::on_banned(timestamp until) {
  banned_until_ = std::max(banned_until_, until);
}

std::optional<std::int64_t> rate_limiter::headroom(const std::string& group,
                                                   timestamp now) const {
  const auto* b = find(group);
  if (b == nullptr)
    return std::nullopt;
  if (window_start(*b, now) != b->window_start_ns)
    return b->effective_limit;
  return std::max<std::int64_t>(0, b->effective_limit - b->used);
}

std::vector<group_usage> rate_limiter::usage(timestamp now) const {
  std::vector<group_usage> out;
  out.reserve(buckets_.size());
  for (const auto& b : buckets_) {
    group_usage u;
    u.group = b.rule.group;
    u.limit = b.rule.limit;
    u.effective_limit = b.effective_limit;
    u.window = b.rule.window;
    auto start = window_start(b, now);
    // A window that rolled since the last request has nothing used yet.
    u.used = start == b.window_start_ns ? b.used : 0;
    u.window_end = timestamp{std::chrono::nanoseconds{
      start
      + std::chrono::duration_cast<std::chrono::nanoseconds>(b.rule.window)
          .count()}};
    out.push_back(std::move(u));
  }
  return out;
}

std::optional<timestamp> rate_limiter::banned_until(timestamp now) const {
  if (now < banned_until_)
    return banned_until_;
  return std::nullopt;
}

} // namespace tandem::net
