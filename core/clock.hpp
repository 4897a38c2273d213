// Time as the engine sees it: nanoseconds since the Unix epoch (UTC), read
// through an interface so that tests and replays control it.
#pragma once

#include <chrono>
#include <cstdint>

namespace tandem {

/// A point in time, ns since the Unix epoch, UTC.
using timestamp = std::chrono::time_point<std::chrono::system_clock,
                                          std::chrono::nanoseconds>;

/// Returns the timestamp for `ms` milliseconds since the epoch (venue wire
/// unit for Binance and Upbit).
constexpr timestamp from_unix_ms(std::int64_t ms) noexcept {
  return timestamp{std::chrono::milliseconds{ms}};
}

/// Returns milliseconds since the epoch, truncated.
constexpr std::int64_t to_unix_ms(timestamp t) noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           t.time_since_epoch())
    .count();
}

/// A source of the current time.
class clock_source {
 public:
  virtual ~clock_source() = default;
  /// Returns the current time.
  virtual timestamp now() const noexcept = 0;
};

/// The real wall clock.
class system_clock_source final : public clock_source {
 public:
  timestamp now() const noexcept override {
    return std::chrono::time_point_cast<std::chrono::nanoseconds>(
      std::chrono::system_clock::now());
  }
};

/// A clock that only moves when told to (tests, replay).
class manual_clock final : public clock_source {
 public:
  explicit manual_clock(timestamp start = {}) noexcept : now_(start) {}
  timestamp now() const noexcept override { return now_; }
  void set(timestamp t) noexcept { now_ = t; }
  void advance(std::chrono::nanoseconds d) noexcept { now_ += d; }

 private:
  timestamp now_;
};

} // namespace tandem
