// Discord's rate-limit signals, parsed exactly: the 429 body
// {"message", "retry_after" (seconds, a JSON number such as 0.524), "global"}
// and the X-RateLimit-Remaining / X-RateLimit-Reset-After headers of any
// answer. Times become whole milliseconds rounded up (never early), from the
// decimal text itself, with no floating point. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace tandem::alerts {

/// Waits longer than this are clamped to it (a day): the text is the
/// peer's and must not overflow anything.
inline constexpr std::chrono::milliseconds longest_parsed_wait{86'400'000};

/// Returns the seconds in `text` (a non-negative JSON number: "1", "0.524",
/// "64.57", "5e-1") as milliseconds rounded up, clamped to
/// longest_parsed_wait; nullopt when it is not such a number.
std::optional<std::chrono::milliseconds>
parse_seconds_as_ms(std::string_view text) noexcept;

/// What a 429 body says.
struct rate_limit_body {
  /// How long to wait before the next request, ms (rounded up).
  std::chrono::milliseconds retry_after{0};
  /// True when the limit is the global one (every route).
  bool global = false;
};

/// Parses a 429 body; nullopt when it is not JSON or has no numeric
/// `retry_after`.
std::optional<rate_limit_body>
parse_rate_limit_body(std::string_view json) noexcept;

/// Returns how long to hold off before the next request when the bucket
/// is exhausted (`remaining` is "0" and `reset_after` parses), else nullopt.
std::optional<std::chrono::milliseconds>
bucket_exhausted_wait(std::optional<std::string_view> remaining,
                      std::optional<std::string_view> reset_after) noexcept;

} // namespace tandem::alerts
