#include "venues/net/rest_meter.hpp"

namespace tandem::net {

void rest_meter::record_rtt(std::chrono::nanoseconds d) {
  auto ns = std::max<std::int64_t>(0, d.count());
  std::lock_guard guard{mtx_};
  last_ns_ = ns;
  // SRTT = 7/8 SRTT + 1/8 sample; the first sample starts it.
  ewma_ns_ = ewma_ns_ < 0 ? ns : ewma_ns_ + (ns - ewma_ns_) / 8;
  ++samples_;
}

void rest_meter::publish(const rate_limiter& l, timestamp limiter_now,
                         timestamp local_now) {
  auto u = l.usage(limiter_now);
  std::lock_guard guard{mtx_};
  groups_ = std::move(u);
  skew_ = limiter_now - local_now;
}

venues::session_stats rest_meter::snapshot(timestamp local_now) const {
  venues::session_stats s;
  std::lock_guard guard{mtx_};
  auto now = local_now + skew_;
  for (const auto& g : groups_) {
    venues::limit_usage u;
    u.group = g.group;
    u.limit = g.limit;
    u.used = now < g.window_end ? g.used : 0;
    u.window = g.window;
    s.limits.push_back(std::move(u));
  }
  // Rounded to the nearest microsecond (-1 stays "none measured").
  auto us = [](std::int64_t ns) { return ns < 0 ? ns : (ns + 500) / 1000; };
  s.rest_rtt_us = us(ewma_ns_);
  s.rest_rtt_last_us = us(last_ns_);
  s.rest_rtt_samples = samples_;
  return s;
}

} // namespace tandem::net
