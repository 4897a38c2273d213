// The delivery policy of Discord alerts, as pure state driven by explicit
// times: a bounded queue (the oldest is dropped, and counted, when full),
// dedup of the same key within a window (repeats counted and reported),
// a minimum gap between sends, the wait a 429 asks for, exponential backoff
// after 5xx and transport failures, and a bounded number of attempts. One
// message is in flight at a time so alerts arrive in order.
//
// The caller (the alert actor) loops: push() alerts as they come; when
// next_due() has passed, take() a message, send it, and report the outcome
// with on_delivered / on_rate_limited / on_failed / on_rejected.
#pragma once

#include "alerts/alert.hpp"
#include "alerts/discord_payload.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

namespace tandem::alerts {

/// Monotonic time for the policy (never jumps with the wall clock).
using mono_time = std::chrono::steady_clock::time_point;

/// Settings; defaults match config/schema.hpp's discord_config.
struct queue_options {
  /// Messages waiting at most; a push beyond drops the oldest waiting one.
  std::size_t capacity = 64;
  /// Minimum gap between the starts of two sends.
  std::chrono::milliseconds min_interval{1'000};
  /// Alerts with the same key within this window of the last message for
  /// that key are folded into a repeat count.
  std::chrono::milliseconds dedup_window{60'000};
  /// Attempts per message, the first included (429s count too).
  std::uint32_t max_attempts = 5;
  /// Backoff after a 5xx or transport failure: base * 2^(attempt-1),
  /// capped at backoff_max.
  std::chrono::milliseconds backoff_base{1'000};
  std::chrono::milliseconds backoff_max{60'000};
  /// A 429's retry_after above this is clamped (a misread or hostile body
  /// must not silence alerts for hours).
  std::chrono::milliseconds max_retry_after{300'000};
  /// Keys remembered for dedup at most; the oldest window is forgotten
  /// first.
  std::size_t max_dedup_keys = 1'024;
};

/// A message to send now.
struct outgoing {
  /// Identifies it in the outcome calls.
  std::uint64_t id = 0;
  alert a;
  /// Repeat and drop counts to mention in the text.
  payload_extras extras;
  /// 1 for the first attempt.
  std::uint32_t attempt = 1;
};

/// Counters since construction (for the console and logs).
struct queue_stats {
  std::uint64_t pushed = 0;
  std::uint64_t delivered = 0;
  /// Folded into a queued message or a dedup window.
  std::uint64_t deduplicated = 0;
  /// Dropped because the queue was full (oldest first).
  std::uint64_t dropped_full = 0;
  /// Dropped after max_attempts failures.
  std::uint64_t dropped_retries = 0;
  /// Refused by the server (4xx other than 429): never retried.
  std::uint64_t rejected = 0;
  std::uint64_t rate_limited = 0;
  std::uint64_t failed_attempts = 0;
};

/// The pure delivery policy. Not thread-safe: one owner (the actor).
class alert_queue {
 public:
  /// What push() did with an alert.
  enum class push_result : std::uint8_t {
    queued,          ///< A new message waits.
    merged,          ///< Folded into a waiting message of the same key.
    suppressed,      ///< Within the key's window: counted for later.
    queued_dropping, ///< Queued; the oldest waiting message was dropped.
  };

  explicit alert_queue(queue_options opts = {});

  /// Accepts an alert raised at `now`.
  push_result push(alert a, mono_time now);

  /// Returns when take() will next have something (`now` at the earliest),
  /// or nullopt when there is nothing to do (empty and no repeat count
  /// waiting, or a send in flight).
  std::optional<mono_time> next_due(mono_time now);

  /// Returns the message to send now, or nullopt (nothing due, or one
  /// already in flight). Marks it in flight.
  std::optional<outgoing> take(mono_time now);

  /// The in-flight message was accepted (2xx). `hold` is how long the
  /// server asked us to wait before the next request (bucket exhausted).
  void on_delivered(std::uint64_t id, mono_time now,
                    std::optional<std::chrono::milliseconds> hold = {});
  /// The server answered 429 with this retry_after: the message is sent
  /// again, first, no earlier than now + retry_after (clamped).
  void on_rate_limited(std::uint64_t id, std::chrono::milliseconds retry_after,
                       mono_time now);
  /// 5xx or transport failure: retried after backoff, or dropped after
  /// max_attempts.
  void on_failed(std::uint64_t id, mono_time now);
  /// 4xx other than 429: the request itself is wrong; dropped.
  void on_rejected(std::uint64_t id, mono_time now);

  /// Messages waiting (the in-flight one excluded).
  std::size_t waiting() const noexcept { return queue_.size(); }
  bool in_flight() const noexcept { return in_flight_.has_value(); }
  const queue_stats& stats() const noexcept { return stats_; }
  const queue_options& options() const noexcept { return opts_; }

 private:
  struct entry {
    std::uint64_t id = 0;
    std::string key;
    alert a;
    std::uint64_t repeats = 0;
    std::uint32_t attempts = 0;
    /// Not before this time (backoff after a failure).
    mono_time not_before{};
  };
  /// The dedup state of one key.
  struct window {
    /// When the last message for this key was queued.
    mono_time opened{};
    /// Occurrences since then that were not sent.
    std::uint64_t suppressed = 0;
    /// The latest of them (what a follow-up message shows).
    alert latest;
    /// A message for this key waits in the queue.
    bool queued = false;
  };

  void enqueue(entry e, bool front);
  void expire_windows(mono_time now);
  bool requeue_or_drop(entry e, mono_time not_before);
  mono_time earliest_send() const noexcept;

  queue_options opts_;
  std::deque<entry> queue_;
  std::optional<entry> in_flight_;
  std::map<std::string, window> windows_;
  std::uint64_t next_id_ = 1;
  std::uint64_t dropped_unreported_ = 0;
  /// The drop count the in-flight message mentions.
  std::uint64_t reported_dropped_ = 0;
  std::optional<mono_time> last_send_;
  mono_time blocked_until_{};
  queue_stats stats_;
};

} // namespace tandem::alerts
