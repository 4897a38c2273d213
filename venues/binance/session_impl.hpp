// The inside of the Binance session (session.hpp), shared by its .cpp
// files, one job each: session.cpp (public wrapper, lifecycle),
// session_start.cpp (start-up chain, leverage, dead-man's switch),
// session_rest.cpp (the rate-limited REST queue), session_orders.cpp
// (place/cancel/query and account reads), session_market.cpp (book tops)
// and session_user_stream.cpp (listen key, user frames, resync).
//
// Threading: public members may be called from any thread and post their
// work to the runner; everything else runs on the runner thread only, so
// the state below needs no lock (except the instruments, which
// instrument_of() reads from any thread, and the atomic counters).
#pragma once

#include "core/clock.hpp"
#include "core/instrument.hpp"
#include "venues/binance/clock_offset.hpp"
#include "venues/binance/codec_requests.hpp"
#include "venues/binance/errors.hpp"
#include "venues/binance/session.hpp"
#include "venues/binance/session_options.hpp"
#include "venues/binance/session_timers.hpp"
#include "venues/common/venue_session.hpp"
#include "venues/net/backoff.hpp"
#include "venues/net/io/http_client.hpp"
#include "venues/net/io/ws_client.hpp"
#include "venues/net/rate_limiter.hpp"
#include "venues/net/rest_meter.hpp"
#include "venues/net/retry.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace simdjson::dom {
class parser;
} // namespace simdjson::dom

namespace tandem::venues::binance {

/// Units a request costs in each limiter group.
using rate_costs = std::vector<std::pair<std::string, std::int64_t>>;

/// Costs `w` IP weight (REQUEST_WEIGHT).
inline rate_costs weight_cost(std::int64_t w) {
  return {{std::string{weight_group}, w}};
}

/// A new order: no IP weight, one order in each order-count window.
inline rate_costs order_cost() {
  return {{std::string{weight_group}, 0},
          {std::string{orders_10s_group}, 1},
          {std::string{orders_1m_group}, 1}};
}

/// The failure every request gets once the session stopped.
inline venue_failure session_stopped() {
  return {venue_error::server_error, "binance: session stopped", std::nullopt};
}

/// Why a REST request failed, and what retry.hpp advises.
struct rest_error {
  venue_failure failure;
  net::retry_advice advice;
  /// The answer's HTTP status; 0 when no answer came (transport, local).
  int http_status = 0;
};

/// A 2xx body, or the failure.
using rest_result = result<std::string, rest_error>;

/// One REST request waiting in, or travelling through, the session queue.
struct rest_call {
  /// For logs and failure texts: "new_order", "query_order".
  std::string_view name;
  /// Builds the request when it leaves the queue, so a signed request's
  /// timestamp is fresh however long it waited for the limiter.
  std::function<result<http_request, venue_error>(const signing_input&)> build;
  rate_costs costs;
  /// SIGNED: a -1021 answer resyncs the clock and resends once.
  bool is_signed = true;
  int resyncs_left = 1;
  /// 429 answers absorbed by waiting and resending.
  int rate_retries_left = 3;
  /// Resends after failures that left before a byte was written.
  int transport_retries_left = 0;
  std::function<void(rest_result)> done;
  /// A placement: its client id and the place fence it was issued under
  /// (session_impl::drop_queued_places); empty id for every other call.
  std::string place_id;
  std::uint64_t place_fence = 0;
};

class session_impl : public std::enable_shared_from_this<session_impl> {
 public:
  template<class T>
  using callback = venue_session::callback<T>;

  session_impl(session_options opts, net::io_runner& runner,
               std::unique_ptr<net::http_client> http);
  ~session_impl();

  session_impl(const session_impl&) = delete;
  session_impl& operator=(const session_impl&) = delete;

  // -- any thread (session.cpp, session_orders.cpp) --------------------------

  void start(session_events events);
  void stop();
  void place(order_request o, callback<order_update> cb);
  void cancel(std::string symbol, client_order_id id,
              callback<order_update> cb);
  void cancel_all(std::string symbol, callback<std::size_t> cb);
  void query(std::string symbol, client_order_id id, callback<order_update> cb);
  void open_orders(std::string symbol, callback<std::vector<order_update>> cb);
  void balances(callback<std::vector<balance>> cb);
  void positions(callback<std::vector<position_snapshot>> cb);
  /// Raises the place fence: places issued before it and not written yet
  /// are answered venue_error::blocked, except `keep`.
  void drop_queued_places(std::vector<client_order_id> keep,
                          std::string reason);
  void subscribe_quotes(std::vector<std::string> symbols);
  std::optional<instrument> instrument_of(std::string_view symbol) const;
  session_counters counters() const;
  /// Limiter usage and REST round trip (any thread).
  session_stats stats() const;

 private:
  /// A request that arrived before the instruments were loaded.
  struct deferred_op {
    std::function<void()> run;
    std::function<void(venue_failure)> fail;
  };
  /// A request handed to the HTTP client.
  struct in_flight {
    rest_call call;
    std::string method;
    std::string path;
    std::chrono::steady_clock::time_point sent;
    /// When it left, on the venue's clock (limiter windows).
    timestamp sent_venue;
  };
  /// Counters as atomics; counters() copies them out.
  struct atomic_counters {
    std::atomic<std::uint64_t> rest_requests{0}, rest_failures{0},
      limiter_waits{0}, rate_limited{0}, banned{0}, malformed{0},
      market_connects{0}, user_connects{0}, listen_keys{0}, keepalives{0},
      countdown_refreshes{0}, leverage_set{0}, order_resyncs{0}, quotes{0};
  };
  static void bump(std::atomic<std::uint64_t>& c) {
    c.fetch_add(1, std::memory_order_relaxed);
  }

  // -- lifecycle and helpers (session.cpp) -----------------------------------

  /// Runs `fn` on the runner thread with the session kept alive.
  void post(std::function<void()> fn);
  /// Runs `op` once the session is ready to trade; fails it with `fail`
  /// when the session is stopped or was never started.
  void when_ready(std::function<void()> op,
                  std::function<void(venue_failure)> fail);
  void do_stop();
  /// Reports a stream's state when it changed.
  void set_status(std::string_view stream, link_state s, std::string reason);
  /// Local time, and the venue's (local + measured offset).
  timestamp local_now() const;
  timestamp venue_now() const;
  signing_input signing() const;
  credentials creds() const { return {api_key_, secret_}; }
  /// Counts and logs an answer or frame that did not parse.
  void note_malformed(std::string_view what, venue_error e,
                      std::string_view bytes);
  /// A jittered delay for retry `attempt` (0-based) from `base`.
  std::chrono::milliseconds retry_delay(std::chrono::milliseconds base,
                                        int attempt);
  /// The symbols the session trades.
  std::vector<std::string> traded_symbols() const;
  /// Runs `run` after `d` on the runner thread; if the session stops
  /// first, runs `on_stop` instead (so a waiting callback still answers).
  void later(std::chrono::nanoseconds d, std::function<void()> run,
             std::function<void()> on_stop = {});

  // -- REST queue (session_rest.cpp) -----------------------------------------

  /// Queues `c` (at the front for resends) and sends what the limiter
  /// allows. Fails `c` at once when the session is stopped or banned.
  void enqueue(rest_call c, bool front = false);
  void pump();
  void send(rest_call c);
  void
  on_answer(std::uint64_t id,
            result<net::http_client::response, net::http_client::error_info> r);
  void on_banned(std::optional<std::chrono::milliseconds> retry_after);
  /// Corrects the limiter from the usage headers; returns Retry-After.
  std::optional<std::chrono::milliseconds>
  observe_headers(const net::http_client::response& r, timestamp sent_venue);
  /// Fails every queued call (and, for stop, every in-flight one).
  void fail_queued(const venue_failure& f, bool in_flight_too);
  /// GET /fapi/v1/time as a rest_call that feeds the clock offset.
  rest_call time_call(std::function<void(rest_result)> then);
  /// A rest_call whose 2xx body `parse` turns into the callback's value.
  template<class T, class Parse>
  rest_call make_call(
    std::string_view name,
    std::function<result<http_request, venue_error>(const signing_input&)>
      build,
    rate_costs costs, bool is_signed, Parse parse, callback<T> cb);

  // -- start-up (session_start.cpp) ------------------------------------------

  void bootstrap();
  void sync_clock(std::function<void()> then);
  void load_instruments(std::function<void()> then);
  void set_leverage(std::function<void()> then);
  void become_ready();
  void refresh_countdown();
  /// Retries a failed start-up step after the startup backoff.
  void retry_startup(std::string_view step, const venue_failure& f,
                     std::function<void()> again);

  // -- orders (session_orders.cpp) -------------------------------------------

  void do_place(order_request o, callback<order_update> cb, int resends_left,
                std::uint64_t fence);
  /// True for a placement an older place fence holds back.
  bool held_back(const rest_call& c) const;
  /// Answers a held-back placement venue_error::blocked.
  void answer_blocked(rest_call& c);
  /// Answers `cb` with the order's state on the venue after an
  /// outcome-unknown answer (`why`), querying it up to `attempts` times.
  void resolve_by_query(std::string symbol, client_order_id id,
                        venue_failure why, int attempt,
                        callback<order_update> cb);
  void do_query(std::string symbol, client_order_id id,
                callback<order_update> cb);
  void do_cancel(std::string symbol, client_order_id id,
                 callback<order_update> cb);
  void do_open_orders(std::vector<std::string> symbols,
                      callback<std::vector<order_update>> cb);
  void do_cancel_all(std::vector<std::string> symbols,
                     callback<std::size_t> cb);
  void cancel_all_one(std::string symbol, callback<std::size_t> cb);
  /// Records whether an order is open after `u` (for the resync).
  void track(const order_update& u);

  // -- market stream (session_market.cpp) ------------------------------------

  void open_market();
  void send_subscribe(const std::vector<std::string>& symbols);
  void on_market_frame(std::string_view frame);

  // -- user stream (session_user_stream.cpp) ---------------------------------

  /// POST listenKey, then (re)opens the user socket on the key.
  void open_user_stream();
  void open_user_ws(const std::string& key);
  void on_user_connected(std::uint64_t generation);
  void on_user_frame(std::string_view frame);
  void keepalive();
  void schedule_keepalive();
  /// Reads open orders back after a user-stream gap and pushes them
  /// through on_order; queries orders we knew open the venue no longer
  /// lists.
  void resync_orders();

  // -- state ---------------------------------------------------------------

  session_options opts_;
  /// Held privately; only the codec sees them, never a log line.
  std::string api_key_;
  std::string secret_;
  net::io_runner& runner_;
  system_clock_source system_clock_;
  const clock_source* clock_;
  std::unique_ptr<net::http_client> http_;
  session_timers timers_;
  std::unique_ptr<simdjson::dom::parser> parser_;
  std::mt19937_64 rng_{std::random_device{}()};
  atomic_counters counters_;

  session_events events_;
  bool started_ = false;
  bool ready_ = false;
  bool stopped_ = false;
  std::vector<deferred_op> deferred_;
  /// What later() runs on stop, by its id.
  std::map<std::uint64_t, std::function<void()>> stop_handlers_;
  std::uint64_t next_later_id_ = 1;
  std::map<std::string, link_state, std::less<>> status_;
  net::backoff startup_backoff_;

  // REST
  clock_offset offset_;
  net::rate_limiter limiter_;
  /// What stats() reports; written here, read from any thread.
  net::rest_meter meter_;
  std::deque<rest_call> queue_;
  std::map<std::uint64_t, in_flight> in_flight_;
  std::uint64_t next_call_id_ = 1;
  bool pumping_ = false;
  session_timers::timer_id pump_timer_ = 0;
  std::chrono::steady_clock::time_point pump_due_{};
  std::optional<timestamp> banned_until_;
  /// Place fence (drop_queued_places) and what its last raise let through.
  std::uint64_t place_fence_ = 0;
  std::set<std::string, std::less<>> fence_keep_;
  std::string fence_reason_;

  // instruments (written on the runner, read anywhere)
  mutable std::mutex instruments_mtx_;
  std::vector<instrument> instruments_;

  // market stream
  std::unique_ptr<net::ws_client> market_ws_;
  std::set<std::string> quote_symbols_;
  bool market_up_ = false;
  /// A SUBSCRIBE went out on this connection and is not answered yet.
  bool market_awaiting_ack_ = false;
  std::int64_t next_subscribe_id_ = 1;

  // user stream
  std::unique_ptr<net::ws_client> user_ws_;
  std::uint64_t user_generation_ = 0;
  bool user_connected_once_ = false;
  bool renewing_key_ = false;
  bool keepalive_scheduled_ = false;
  net::backoff user_backoff_;
  /// Orders we believe open: client id -> symbol.
  std::map<std::string, std::string, std::less<>> open_orders_;
};

} // namespace tandem::venues::binance

// -- template members
// ----------------------------------------------------------

namespace tandem::venues::binance {

template<class T, class Parse>
rest_call session_impl::make_call(
  std::string_view name,
  std::function<result<http_request, venue_error>(const signing_input&)> build,
  rate_costs costs, bool is_signed, Parse parse, callback<T> cb) {
  rest_call c;
  c.name = name;
  c.build = std::move(build);
  c.costs = std::move(costs);
  c.is_signed = is_signed;
  c.transport_retries_left = opts_.transport_retries;
  c.done = [this, name, parse = std::move(parse),
            cb = std::move(cb)](rest_result r) {
    if (!r) {
      cb(failure{r.error().failure});
      return;
    }
    auto v = parse(*parser_, r.value());
    if (!v) {
      note_malformed(name, v.error(), r.value());
      cb(failure{venue_failure{
        v.error(), "binance: unreadable answer to " + std::string{name},
        std::nullopt}});
      return;
    }
    cb(std::move(v).value());
  };
  return c;
}

} // namespace tandem::venues::binance
