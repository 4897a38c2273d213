// What one webhook answer means for delivery, decided from its status,
// body and rate-limit headers. Pure, so the rules are tested without a
// socket: 2xx delivered, 429 wait and retry, 5xx/408 and transport failures
// retry with backoff, any other answer is a request Discord will never
// accept (dropped, logged).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tandem::alerts {

/// The outcome of one send.
struct send_outcome {
  enum class kind : std::uint8_t {
    delivered,    ///< 2xx.
    rate_limited, ///< 429: send again after `wait`.
    failed,       ///< 5xx, 408 or no answer: retry with backoff.
    rejected,     ///< Any other status: never retried.
  };
  kind what = kind::failed;
  /// HTTP status; 0 when no answer came.
  unsigned status = 0;
  /// rate_limited: retry_after. delivered: how long the exhausted bucket
  /// asks us to hold off (0: no hold).
  std::chrono::milliseconds wait{0};
  /// rate_limited: the global limit, not just this webhook's.
  bool global = false;
};

/// Returns "delivered", "rate_limited", "failed" or "rejected".
std::string_view to_string(send_outcome::kind k) noexcept;

/// The parts of an answer the rules read. Header values are as received.
struct webhook_answer {
  unsigned status = 0;
  std::string_view body;
  std::optional<std::string_view> retry_after_header; ///< Retry-After
  std::optional<std::string_view> remaining_header;   ///< X-RateLimit-Remaining
  std::optional<std::string_view>
    reset_after_header;                          ///< X-RateLimit-Reset-After
  std::optional<std::string_view> global_header; ///< X-RateLimit-Global
};

/// When a 429 says nothing usable about how long to wait.
inline constexpr std::chrono::milliseconds default_retry_after{5'000};

/// Classifies an answer. For a 429 the wait is the body's retry_after; if
/// the body has none, Retry-After, then X-RateLimit-Reset-After, then
/// default_retry_after.
send_outcome classify_answer(const webhook_answer& a) noexcept;

} // namespace tandem::alerts
