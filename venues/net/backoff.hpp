// Exponential backoff with full jitter for reconnects and retries. Pure:
// the caller passes the random draw, so tests are deterministic.
#pragma once

#include <chrono>
#include <cstdint>

namespace tandem::net {

/// delay(n) = uniform(0, min(max, base * 2^n)), n = attempts so far.
class backoff {
 public:
  backoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
    : base_(base), max_(max) {}

  /// Returns the delay before the next attempt and counts the attempt.
  /// `random` is a uniform 64-bit draw (e.g. std::mt19937_64()).
  std::chrono::milliseconds next(std::uint64_t random) noexcept;

  /// The cap for the next attempt, before jitter.
  std::chrono::milliseconds ceiling() const noexcept;

  /// Call after a success: the next failure starts from `base` again.
  void reset() noexcept { attempt_ = 0; }
  std::uint32_t attempts() const noexcept { return attempt_; }

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds max_;
  std::uint32_t attempt_ = 0;
};

} // namespace tandem::net
