// The Binance USD-M futures I/O session: the engine's venue_session
// (venues/common/venue_session.hpp) over REST, the market stream and the
// user-data stream, all on one I/O thread.
//
// start(): GET /fapi/v1/time (clock offset), exchangeInfo (instruments),
// POST leverage per traded symbol, arms the dead-man's switch
// (countdownCancelAll, refreshed while alive), opens the market stream
// (SUBSCRIBE <symbol>@bookTicker, again after every reconnect) and the
// user-data stream (listenKey, keepalive; a new key and a new socket when
// the key expires or a keepalive is refused). After every user-stream
// reconnect the open orders are read back over REST and pushed through
// on_order, and orders we knew open but the venue no longer lists are
// queried, so no update is lost in the gap.
//
// REST: every request waits for the rate limiter (queued, timers on the
// I/O thread, never a sleep), is built and signed when it leaves the queue
// (fresh timestamp) and corrects the limiter from X-MBX-USED-WEIGHT-1M /
// X-MBX-ORDER-COUNT-*; a 429 pauses the groups for Retry-After and resends;
// a 418 halts REST until the ban ends (session_status "rest" halted). A
// -1021 (timestamp outside recvWindow) resyncs the clock and resends once.
// place() resends only with the same client id; on an outcome-unknown
// answer (503 unknown error, -1007 timeout, transport error after the
// request was written, an unreadable answer) it queries the order by
// origClientOrderId before it answers.
//
// Malformed answers and frames are logged (TLOG_WARN) and counted, never
// fatal. Secrets never reach a log line or an error text.
#pragma once

#include "core/result.hpp"
#include "venues/binance/session_options.hpp"
#include "venues/common/venue_session.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace tandem::venues::binance {

class session_impl;

/// What the session did so far (all counts since make()).
struct session_counters {
  /// REST requests handed to the HTTP client, and those that failed
  /// (transport error or non-2xx answer).
  std::uint64_t rest_requests = 0;
  std::uint64_t rest_failures = 0;
  /// Times a request had to wait for the rate limiter.
  std::uint64_t limiter_waits = 0;
  /// 429 and 418 answers received.
  std::uint64_t rate_limited = 0;
  std::uint64_t banned = 0;
  /// Malformed answers, frames or headers (logged and dropped).
  std::uint64_t malformed = 0;
  /// Market and user stream (re)connections.
  std::uint64_t market_connects = 0;
  std::uint64_t user_connects = 0;
  /// Listen keys created, keepalives answered, countdown refreshes
  /// answered, leverage settings answered.
  std::uint64_t listen_keys = 0;
  std::uint64_t keepalives = 0;
  std::uint64_t countdown_refreshes = 0;
  std::uint64_t leverage_set = 0;
  /// Open-order resyncs after user-stream reconnects.
  std::uint64_t order_resyncs = 0;
  /// Book tops delivered through on_quote.
  std::uint64_t quotes = 0;
};

/// The Binance USD-M futures venue_session.
class session final : public venue_session {
 public:
  /// Returns a session that has not started yet, or why the options are
  /// unusable (bad URL, insecure scheme, unreadable CA file, empty key,
  /// recvWindow or leverage out of range). Never names the secret.
  static result<std::unique_ptr<venue_session>, std::string>
  make(session_options opts);

  /// Stops (see stop()). Must not run on the session's own I/O thread
  /// (inside one of its callbacks) when the session owns that thread.
  ~session() override;

  tandem::venue venue() const noexcept override {
    return tandem::venue::binance;
  }
  void start(session_events events) override;
  void stop() override;
  void place(order_request o, callback<order_update> cb) override;
  void cancel(std::string symbol, client_order_id id,
              callback<order_update> cb) override;
  void cancel_all(std::string symbol, callback<std::size_t> cb) override;
  void query(std::string symbol, client_order_id id,
             callback<order_update> cb) override;
  void open_orders(std::string symbol,
                   callback<std::vector<order_update>> cb) override;
  void balances(callback<std::vector<balance>> cb) override;
  void positions(callback<std::vector<position_snapshot>> cb) override;
  void subscribe_quotes(std::vector<std::string> symbols) override;
  std::optional<instrument>
  instrument_of(std::string_view symbol) const override;

  session_stats stats() const override;
  void drop_queued_places(std::vector<client_order_id> keep,
                          std::string reason) override;

  /// Returns the counters (safe from any thread).
  session_counters counters() const;

 private:
  session(std::unique_ptr<net::io_runner> own_runner,
          std::shared_ptr<session_impl> impl);

  /// Declared first, destroyed last: the runner must outlive the impl's
  /// sockets and timers.
  std::unique_ptr<net::io_runner> own_runner_;
  std::shared_ptr<session_impl> impl_;
};

} // namespace tandem::venues::binance
