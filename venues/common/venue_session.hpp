// The one interface every venue's I/O session offers the engine: place,
// cancel, query, open orders, balances, positions and quote subscriptions,
// with answers and stream events in core/ and venues/common types. A
// session owns its connections, signing, rate limiter and reconnect loop;
// it knows nothing of actors. Its callbacks run on its I/O thread, so the
// venue actor (actors/venue_actor.hpp) turns each one into a message.
#pragma once

#include "core/client_order_id.hpp"
#include "core/instrument.hpp"
#include "core/order_request.hpp"
#include "core/result.hpp"
#include "core/venue.hpp"
#include "venues/common/events.hpp"
#include "venues/common/session_stats.hpp"
#include "venues/common/venue_error.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues {

/// Why a request failed, with what the venue said (never a secret).
struct venue_failure {
  venue_error code = venue_error::rejected_other;
  /// The venue's own code and message, or the transport error, e.g.
  /// "binance code=-2019 msg=Margin is insufficient."
  std::string detail;
  /// How long the venue asked us to wait (429 Retry-After, 418 ban).
  std::optional<std::chrono::milliseconds> retry_after;
};

template<class T>
using venue_result = result<T, venue_failure>;

/// Whether the session's streams are up.
enum class link_state : std::uint8_t {
  connecting = 0,
  connected = 1,
  /// Lost; the session is reconnecting with backoff.
  disconnected = 2,
  /// Stopped for good (shutdown, or a 418 ban until `until`).
  halted = 3,
};

/// A change of the session's connectivity.
struct session_status {
  tandem::venue venue = venue::upbit;
  /// Which stream: "market", "user", "rest".
  std::string stream;
  link_state state = link_state::connecting;
  /// Why, when not connected (net_error or venue_error name).
  std::string reason;
  timestamp at;
};

/// Stream events, called on the session's I/O thread.
struct session_events {
  std::function<void(book_top)> on_quote;
  std::function<void(book_depth)> on_depth;
  /// Order updates from the private stream (fills carry last_fill).
  std::function<void(order_update)> on_order;
  std::function<void(std::vector<balance>)> on_balances;
  std::function<void(position_snapshot)> on_position;
  std::function<void(session_status)> on_status;
};

/// A venue's I/O session. All methods are safe from any thread; every
/// callback runs exactly once, on the session's I/O thread.
class venue_session {
 public:
  template<class T>
  using callback = std::function<void(venue_result<T>)>;

  virtual ~venue_session() = default;

  virtual tandem::venue venue() const noexcept = 0;

  /// Loads what trading needs (server time, instrument rules), opens the
  /// streams and keeps them open until stop(). `events` must outlive the
  /// session.
  virtual void start(session_events events) = 0;
  /// Closes everything; no callback runs after it returns.
  virtual void stop() = 0;

  /// Places `o` (already on tick and lot). On an outcome-unknown answer the
  /// session queries the order by its client id before answering, so the
  /// answer is the venue's state or outcome_unknown when even that failed.
  virtual void place(order_request o, callback<order_update> cb) = 0;
  virtual void cancel(std::string symbol, client_order_id id,
                      callback<order_update> cb)
    = 0;
  /// Cancels every open order of `symbol` ("" for every symbol the session
  /// trades) the cheapest way the venue allows; answers how many it
  /// cancelled.
  virtual void cancel_all(std::string symbol, callback<std::size_t> cb) = 0;
  /// The order's state on the venue; unknown_order if it has none.
  virtual void query(std::string symbol, client_order_id id,
                     callback<order_update> cb)
    = 0;
  /// Open orders of `symbol` ("" for every symbol the session trades).
  virtual void open_orders(std::string symbol,
                           callback<std::vector<order_update>> cb)
    = 0;
  virtual void balances(callback<std::vector<balance>> cb) = 0;
  /// Derivatives positions; spot venues answer an empty list.
  virtual void positions(callback<std::vector<position_snapshot>> cb) = 0;
  /// Adds market-data subscriptions (book tops, depth); kept across
  /// reconnects.
  virtual void subscribe_quotes(std::vector<std::string> symbols) = 0;
  /// The instrument rules the session loaded at start (tick, lot, minimum).
  virtual std::optional<instrument>
  instrument_of(std::string_view symbol) const = 0;
  /// Rate-limit headroom per group and REST round trip (safe from any
  /// thread, cheap: a copy under a lock). Sessions that measure nothing
  /// (test fakes) answer an empty snapshot.
  virtual session_stats stats() const { return {}; }
  /// Holds back every placement issued before this call that has not been
  /// written yet (waiting for the rate limiter, for start-up, or for a
  /// resend), except the client ids in `keep`: each is answered
  /// venue_error::blocked with `reason`, never sent. Cancels, queries and
  /// reads are not touched, and places issued after this call go as usual
  /// (the venue actor's halt gate decides what it hands over). Sessions
  /// that queue nothing (test fakes) need not override it.
  virtual void drop_queued_places(std::vector<client_order_id> keep,
                                  std::string reason) {
    (void)keep;
    (void)reason;
  }
};

} // namespace tandem::venues
