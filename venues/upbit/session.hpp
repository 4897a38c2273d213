// The Upbit (KRW spot) I/O session: venue_session over Upbit's REST API and
// its public and private WebSockets, on one I/O thread of its own.
//
// start() loads each market's rules (tick from /v1/orderbook/instruments,
// or Upbit's KRW band table when that fails; minimum total from
// /v1/orders/chance), opens the public stream (ticker + orderbook of every
// market, re-subscribed on each reconnect; each orderbook message becomes a
// book_top from level 0 and a book_depth) and the private stream (a fresh
// JWT on every handshake; myOrder -> order_update, fills with last_fill;
// myAsset -> balances). After a private reconnect it re-reads open orders
// and the orders it still thinks live, so the engine misses no fill and
// sees none twice.
//
// REST calls queue per rate-limit group (order 8/s, default 30/s,
// quotation 10/s, 90% used) and go out when the limiter allows; 429 backs
// off and resends, 418 fails what is queued and halts until the block
// ends. Orders carry `identifier` = our client order id; an answer that
// leaves their fate unknown (5xx, connection lost after sending, a
// duplicate identifier) is settled by querying that identifier before
// place() answers. Market orders: see session_plan.hpp.
//
// Units: prices KRW per unit of base, quantities in base units (BTC,
// USDT), balances in each asset's own unit. The secret key is used to sign
// and never logged or put into an error text.
#pragma once

#include "core/result.hpp"
#include "venues/common/venue_session.hpp"
#include "venues/upbit/session_limits.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tandem::venues::upbit {

/// How to reach Upbit and what to trade. Defaults are the live venue.
struct session_options {
  /// REST base URL (no trailing slash); https, or http to loopback only.
  std::string rest_url = "https://api.upbit.com";
  /// Public WebSocket (ticker, orderbook).
  std::string ws_url = "wss://api.upbit.com/websocket/v1";
  /// Private WebSocket (myOrder, myAsset).
  std::string ws_private_url = "wss://api.upbit.com/websocket/v1/private";
  /// PEM file of trusted CAs; the system store when absent.
  std::optional<std::string> ca_file;
  /// The API key pair. Both required; the secret is never logged.
  std::string access_key;
  std::string secret_key;
  /// Markets to trade and quote, quote first: "KRW-BTC", "KRW-USDT".
  std::vector<std::string> markets{"KRW-BTC", "KRW-USDT"};
  /// Orderbook levels per message (1, 5, 15 or 30); Upbit's default (30)
  /// when unset.
  std::optional<unsigned> orderbook_levels;
  rate_budget limits;
  /// REST: connect and TLS each, then the whole request.
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{10000};
  /// WebSocket ping period and the silence after which a stream is
  /// reconnected (Upbit closes idle connections after about 120 s).
  std::chrono::milliseconds ws_ping_interval{30000};
  std::chrono::milliseconds ws_idle_timeout{100000};
  /// Reconnect and reload backoff: uniform(0, min(max, base * 2^n)).
  std::chrono::milliseconds reconnect_base{250};
  std::chrono::milliseconds reconnect_max{30000};
  /// Queries of an order whose placement had an unknown outcome, and the
  /// backoff between them, before place() gives up on learning it.
  int resolve_attempts = 4;
  std::chrono::milliseconds resolve_base{200};
};

/// Counters of one Upbit session (metrics, tests).
struct session_counters {
  std::uint64_t rest_sent = 0;
  /// 429 and 418 answers received.
  std::uint64_t rate_limited = 0;
  std::uint64_t banned = 0;
  std::uint64_t transport_errors = 0;
  /// Frames or answers that could not be decoded (warned and dropped).
  std::uint64_t malformed = 0;
  /// WebSocket error frames ({"error":...}).
  std::uint64_t stream_errors = 0;
  /// Connections of each stream so far (1 = never reconnected).
  std::uint64_t market_connects = 0;
  std::uint64_t user_connects = 0;
  /// Private-stream resyncs run after a reconnect.
  std::uint64_t resyncs = 0;
};

/// Returns a session for `opts`, not started yet (see
/// venue_session::start), or why not: a bad URL, a plain URL to a host
/// that is not loopback, an unreadable CA file, a missing key, a bad
/// market code or level count.
result<std::unique_ptr<venue_session>, std::string>
session(session_options opts);

/// Returns the counters of `s` if it is an Upbit session. Safe from any
/// thread; waits for the session's I/O thread when it runs.
std::optional<session_counters> counters_of(venue_session& s);

} // namespace tandem::venues::upbit
