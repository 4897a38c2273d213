// The session's REST pipe: every Upbit call waits its turn in a queue per
// rate-limit group, goes out when the limiter and the arrival pacer allow
// (timers on the I/O thread, no sleeping), and comes back as the answer's
// body or a venue_failure. It signs each attempt with a fresh nonce,
// corrects the limiter from Remaining-Req, backs off on 429, stops every
// group until a 418 block ends, and retries what is safe to retry (a call
// that never left, a read that failed). A place or cancel whose fate is
// unknown is answered outcome_unknown: resolving it is the caller's job.
// Runs on the I/O thread only.
#pragma once

#include "core/clock.hpp"
#include "venues/common/venue_session.hpp"
#include "venues/net/io/http_client.hpp"
#include "venues/net/rate_limiter.hpp"
#include "venues/net/rest_meter.hpp"
#include "venues/upbit/codec_requests.hpp"
#include "venues/upbit/errors.hpp"
#include "venues/upbit/session_limits.hpp"
#include "venues/upbit/session_timers.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>

namespace tandem::venues::upbit {

/// A 2xx answer.
struct rest_reply {
  unsigned status = 200;
  std::string body;
};

/// What the pipe counted (for metrics and tests).
struct rest_counters {
  std::uint64_t sent = 0;
  std::uint64_t rate_limited = 0; ///< 429 answers.
  std::uint64_t banned = 0;       ///< 418 answers.
  std::uint64_t retries = 0;
  std::uint64_t transport_errors = 0;
};

/// Settings of the pipe.
struct rest_settings {
  rate_budget budget;
  /// Attempts per call for what is safe to repeat (not sent, reads, 429).
  int max_attempts = 4;
  std::chrono::milliseconds retry_base{100};
  std::chrono::milliseconds retry_max{2000};
};

/// Rate-limited, retrying Upbit REST calls.
class rest_pipe {
 public:
  /// Builds the request for one attempt, signed with `nonce`.
  using builder
    = std::function<result<http_request, request_error>(std::string_view)>;
  using done_fn = std::function<void(venue_result<rest_reply>)>;
  /// Called when the REST link changes state (connected, disconnected,
  /// halted by a 418), with a reason.
  using status_fn = std::function<void(link_state, std::string)>;

  rest_pipe(net::http_client& http, timer_queue& timers,
            const clock_source& clock, rest_settings settings,
            status_fn on_status);

  /// A placement's client id and the place fence it was issued under.
  struct place_tag {
    std::string id;
    std::uint64_t fence = 0;
  };

  /// Queues one call. `build` runs now (a refusal is answered at once,
  /// nothing counted) and again for every retry; `done` runs exactly once.
  /// `place` marks an order placement (see hold_back_places).
  void submit(request_kind kind, builder build, done_fn done,
              std::optional<place_tag> place = std::nullopt);

  /// The current place fence: tag a placement with it when it is issued.
  std::uint64_t place_fence() const noexcept { return fence_; }
  /// Raises the place fence: every placement tagged with an older fence
  /// and not in `keep` is answered venue_error::blocked with `reason`,
  /// now if it is queued, or when it would otherwise be sent (a retry).
  void hold_back_places(std::vector<std::string> keep, std::string reason);

  /// Drops every queued call without answering (the session answers its
  /// callers itself on stop).
  void shutdown();

  const rest_counters& counters() const noexcept { return counters_; }

  /// Limiter usage and round trips (safe from any thread).
  session_stats stats() const { return meter_.snapshot(clock_.now()); }

 private:
  struct call {
    request_kind kind = request_kind::query;
    std::string group;
    builder build;
    done_fn done;
    http_request request;
    int attempts = 0;
    /// When the current attempt was handed to the HTTP client.
    std::chrono::steady_clock::time_point sent{};
    std::optional<place_tag> place;
  };

  /// True for a placement an older fence holds back.
  bool held_back(const call& c) const;
  /// Answers `c` venue_error::blocked.
  void answer_blocked(call& c);

  void pump(const std::string& group);
  void send(call c);
  void
  on_answer(call c,
            result<net::http_client::response, net::http_client::error_info> r);
  void on_transport_error(call c, net::http_client::error_info e);
  void on_banned(call c, const net::http_client::response& resp,
                 const upbit_error& e);
  void on_ban_timer();
  void retry_later(call c, std::chrono::nanoseconds delay);
  void fail_queued(const venue_failure& f);
  void observe_remaining(const net::http_client::response& resp);
  void set_status(link_state s, std::string reason);
  std::chrono::milliseconds retry_delay(int attempt);

  net::http_client& http_;
  timer_queue& timers_;
  const clock_source& clock_;
  rest_settings settings_;
  status_fn on_status_;
  net::rate_limiter limiter_;
  /// What stats() reports; written here, read from any thread.
  net::rest_meter meter_;
  send_pacer pacer_;
  std::map<std::string, std::deque<call>> queues_;
  /// Groups with a wake-up timer armed.
  std::map<std::string, bool> waiting_;
  std::mt19937_64 rng_; ///< Backoff jitter.
  rest_counters counters_;
  link_state state_ = link_state::connecting;
  bool ban_timer_armed_ = false;
  bool shut_down_ = false;
  /// Place fence (hold_back_places) and what the last raise let through.
  std::uint64_t fence_ = 0;
  std::set<std::string, std::less<>> fence_keep_;
  std::string fence_reason_;
};

/// Returns a fresh random UUID: a JWT nonce or a WebSocket ticket.
std::string fresh_nonce();

/// Returns "upbit http=<status> name=<name> message=<message>".
std::string describe(const upbit_error& e);

} // namespace tandem::venues::upbit
