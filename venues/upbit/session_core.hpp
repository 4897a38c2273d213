// The Upbit session's state and logic on its I/O thread: REST pipe,
// streams, instrument rules, order tracking. Internal to session*.cpp;
// session.cpp wraps it in the thread-safe venue_session. Every member
// function runs on the I/O thread except instrument_of().
#pragma once

#include "core/clock.hpp"
#include "venues/common/venue_session.hpp"
#include "venues/net/backoff.hpp"
#include "venues/net/io/http_client.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/io/ws_client.hpp"
#include "venues/upbit/auth.hpp"
#include "venues/upbit/codec_responses.hpp"
#include "venues/upbit/json_context.hpp"
#include "venues/upbit/session.hpp"
#include "venues/upbit/session_replies.hpp"
#include "venues/upbit/session_rest.hpp"
#include "venues/upbit/session_timers.hpp"
#include "venues/upbit/session_tracker.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace tandem::venues::upbit::detail {

/// Everything the session does, on one thread.
class session_core {
 public:
  template<class T>
  using callback = venue_session::callback<T>;

  /// Creates the clients (nothing connects yet); a message on failure.
  static result<std::unique_ptr<session_core>, std::string>
  make(net::io_runner& runner, session_options opts);

  ~session_core();

  // -- lifecycle (session_core.cpp) ------------------------------------------

  void start(session_events events);
  /// Answers every pending callback, then closes everything; no callback
  /// or event runs afterwards.
  void shutdown();
  session_counters counters() const;
  /// Any thread.
  std::optional<instrument> instrument_of(std::string_view symbol) const;
  /// Any thread: the REST pipe's limiter usage and round trips.
  session_stats stats() const { return rest_->stats(); }

  // -- requests (session_trading.cpp) ----------------------------------------

  void place(order_request o, callback<order_update> cb);
  void cancel(std::string symbol, client_order_id id,
              callback<order_update> cb);
  void cancel_all(std::string symbol, callback<std::size_t> cb);
  void query(std::string symbol, client_order_id id, callback<order_update> cb);
  void open_orders(std::string symbol, callback<std::vector<order_update>> cb);
  void balances(callback<std::vector<balance>> cb);
  void positions(callback<std::vector<position_snapshot>> cb);
  /// Answers blocked to every place issued before now and not written yet
  /// (waiting for rules, in the REST queue, or for a resend), except
  /// `keep` (venue_session::drop_queued_places).
  void drop_queued_places(std::vector<client_order_id> keep,
                          std::string reason);

  // -- streams (session_streams.cpp) -----------------------------------------

  void subscribe_quotes(std::vector<std::string> symbols);

 private:
  explicit session_core(net::io_runner& runner, session_options opts);

  credentials creds() const noexcept {
    return credentials{opts_.access_key, opts_.secret_key};
  }

  // -- session_core.cpp ------------------------------------------------------
  void load_instruments();
  void on_instruments_loaded(std::map<std::string, instrument> loaded);
  void on_load_failed(const venue_failure& f);
  /// Runs `fn` once the instruments are loaded (or failed for good).
  void when_ready(std::function<void()> fn);
  void emit_status(const std::string& stream, link_state s, std::string reason);
  void emit_order(const order_update& u);
  void emit_balances(std::vector<balance> b);
  /// Counts and logs an answer or frame that could not be decoded.
  void malformed(std::string_view what, venue_error e);

  // -- session_trading.cpp ---------------------------------------------------
  /// GET /v1/order by identifier, parsed.
  void fetch_order(const client_order_id& id,
                   std::function<void(venue_result<order_snapshot>)> done);
  /// Every page of GET /v1/orders/open for `symbol` ("": the session's
  /// markets).
  void fetch_open(
    std::string symbol,
    std::function<void(venue_result<std::vector<order_snapshot>>)> done);
  void fetch_open_page(
    std::string symbol, std::uint32_t page,
    std::shared_ptr<std::vector<order_snapshot>> acc,
    std::function<void(venue_result<std::vector<order_snapshot>>)> done);
  void
  fetch_balances(std::function<void(venue_result<std::vector<balance>>)> done);
  /// Settles an order whose placement answer left its fate unknown.
  void resolve(client_order_id id, venue_failure original, int attempt,
               callback<order_update> cb);
  void confirm_cancel(client_order_id id, order_update accepted,
                      callback<order_update> cb);
  /// cancel_all's state across batch-cancel rounds (session_trading.cpp).
  struct batch_cancel_run;
  /// One DELETE /v1/orders/open round for the run's current markets.
  void batch_cancel(std::shared_ptr<batch_cancel_run> run);
  /// The fallback for venues without the batch endpoint: DELETE /v1/order
  /// for each open order of `symbol`, by uuid; `already` is added to the
  /// count.
  void cancel_each(std::string symbol, std::size_t already,
                   callback<std::size_t> cb);
  std::chrono::milliseconds resolve_delay(int attempt);

  // -- session_streams.cpp ---------------------------------------------------
  net::ws_client::handlers public_handlers();
  net::ws_client::handlers private_handlers();
  /// One stream's subscription state.
  struct stream_link {
    std::string name;
    /// Bumped on every connect and drop, so stale timers do nothing.
    std::uint64_t generation = 0;
    bool confirmed = false;
  };
  void await_confirmation(net::ws_client* ws, stream_link& link);
  void confirm(stream_link& link);
  void send_public_subscription();
  void on_public_frame(std::string_view data);
  void on_private_frame(std::string_view data);
  /// After a private reconnect: reports what the stream missed.
  void resync();
  void resync_order(const client_order_id& id);

  session_options opts_;
  net::io_runner& runner_;
  system_clock_source clock_;
  timer_queue timers_;
  json_context json_;
  reply_registry replies_;
  order_tracker tracker_;
  session_events events_;
  bool started_ = false;
  bool closed_ = false;

  // Instruments: written on the I/O thread, read from any.
  mutable std::mutex instruments_mtx_;
  std::map<std::string, instrument, std::less<>> instruments_;
  bool ready_ = false;
  std::optional<venue_failure> load_failure_;
  std::vector<std::function<void()>> waiting_ready_;
  net::backoff load_backoff_;

  std::set<std::string> quote_symbols_;
  std::map<std::string, book_depth, std::less<>> books_;
  std::map<std::string, link_state> status_;
  bool public_up_ = false;
  stream_link market_link_{"market", 0, false};
  stream_link user_link_{"user", 0, false};
  std::mt19937_64 rng_;
  session_counters counters_;

  // Declared last: destroyed first, so no handler outlives the state above.
  std::unique_ptr<net::http_client> http_;
  std::unique_ptr<net::ws_client> ws_public_;
  std::unique_ptr<net::ws_client> ws_private_;
  std::unique_ptr<rest_pipe> rest_;
};

} // namespace tandem::venues::upbit::detail
