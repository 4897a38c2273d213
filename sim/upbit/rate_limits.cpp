#include "sim/upbit/rate_limits.hpp"

#include <algorithm>

namespace tandem::sim::upbit {

rate_verdict rate_limiter::admit(std::string_view caller,
                                 std::string_view group,
                                 std::int32_t per_second, timestamp now,
                                 std::chrono::milliseconds length) {
  auto& who = callers_[std::string{caller}];
  rate_verdict out;
  if (now < who.blocked_until) {
    out.verdict = rate_verdict::kind::blocked;
    out.block_left
      = std::chrono::ceil<std::chrono::seconds>(who.blocked_until - now);
    return out;
  }
  const auto span = std::max(length, std::chrono::milliseconds{1});
  const std::int64_t second
    = std::chrono::floor<std::chrono::milliseconds>(now.time_since_epoch())
        .count()
      / span.count();
  auto& w = windows_[{std::string{caller}, std::string{group}}];
  if (w.second != second) {
    w.second = second;
    w.used = 0;
  }
  if (w.used >= per_second) {
    // Keeping on after 429s earns a block (reference A7).
    if (++who.violations > cfg_.violations_before_block) {
      who.violations = 0;
      who.blocked_until = now + cfg_.block_duration;
      out.verdict = rate_verdict::kind::blocked;
      out.block_left = cfg_.block_duration;
      return out;
    }
    out.verdict = rate_verdict::kind::limited;
    return out;
  }
  who.violations = 0;
  ++w.used;
  out.remaining = per_second - w.used;
  return out;
}

} // namespace tandem::sim::upbit
