// Settings of the Binance USD-M futures I/O session (session.hpp). Defaults
// live here as member initializers and nowhere else.
#pragma once

#include "core/clock.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/net_error.hpp"
#include "venues/net/rate_limiter.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues::binance {

/// Limiter group names the session counts requests against.
inline constexpr std::string_view weight_group = "REQUEST_WEIGHT";
inline constexpr std::string_view orders_10s_group = "ORDERS_10S";
inline constexpr std::string_view orders_1m_group = "ORDERS_1M";

/// Binance USD-M's documented limits (reference B7): 2400 IP weight per
/// minute, 1200 orders per minute, 300 orders per 10 s (the 10 s figure is
/// UNCONFIRMED; the stricter reading is kept).
inline std::vector<net::rate_limit_rule> default_rate_rules() {
  using namespace std::chrono_literals;
  return {
    {std::string{weight_group}, 2400, 60000ms},
    {std::string{orders_10s_group}, 300, 10000ms},
    {std::string{orders_1m_group}, 1200, 60000ms},
  };
}

/// One REST exchange as the session saw it, for metrics and tests. Carries
/// the path only: never the query (signature) or a header (API key).
struct rest_exchange {
  std::string_view method; ///< "GET", "POST", ...
  std::string_view path;   ///< "/fapi/v1/order".
  /// HTTP status, 0 when the transport failed (then `transport` says why).
  unsigned status = 0;
  std::optional<net::net_error> transport;
  /// From handing the request to the HTTP client to its answer.
  std::chrono::nanoseconds elapsed{0};
  /// The answer's X-MBX-USED-WEIGHT-1M (the venue's count of the IP's
  /// weight this minute), when it carried a readable one.
  std::optional<std::int64_t> used_weight_1m;
};

/// Everything the session needs; see session.hpp for what it does with it.
struct session_options {
  /// REST base URL: "https://fapi.binance.com".
  std::string rest_url;
  /// Market-stream URL the session connects to and sends SUBSCRIBE on:
  /// "wss://fstream.binance.com/ws".
  std::string ws_url;
  /// User-data stream base; "/<listenKey>" is appended:
  /// "wss://fstream.binance.com/ws".
  std::string ws_user_url;
  /// PEM file of trusted CAs; the system store when absent.
  std::optional<std::string> ca_file;

  /// The account's API key and secret. The session copies them into private
  /// members and never logs them or puts them into an error text.
  std::string api_key;
  std::string secret;
  /// recvWindow of signed requests, in ms (1..60000; Binance's default is
  /// 5000).
  std::int64_t recv_window_ms = 5000;

  /// Symbols the session trades ("BTCUSDT"): leverage, dead-man's switch,
  /// open-order resync and book-top subscriptions cover these.
  std::vector<std::string> symbols;
  /// Leverage set on every traded symbol at start (1..125; the engine's
  /// config keeps it at 2 or below); nullopt leaves the venue's setting.
  std::optional<int> leverage;

  /// Dead-man's switch: countdownCancelAll with this countdown on every
  /// traded symbol, refreshed every `countdown_refresh` while the session
  /// lives, so the venue cancels our orders if we vanish. 0 disables it.
  std::chrono::milliseconds countdown{0};
  std::chrono::milliseconds countdown_refresh{30000};

  /// How often the listen key is extended (Binance: valid 60 min after
  /// the last keepalive; 30 min is the safe side).
  std::chrono::milliseconds listen_key_keepalive{30 * 60 * 1000};

  /// Limits kept before the venue complains, and the share of each used.
  std::vector<net::rate_limit_rule> rate_rules = default_rate_rules();
  int rate_headroom_pct = 90;
  /// REST requests in flight at once (also the HTTP connection pool size):
  /// few in flight keeps the limiter's count close to the venue's.
  std::size_t max_in_flight = 4;

  /// After an outcome-unknown answer: how often the order is queried, and
  /// the first delay between queries (doubling, with jitter).
  int outcome_queries = 4;
  std::chrono::milliseconds outcome_query_delay{100};
  /// Resends of a request that failed before it was written (connect
  /// failures) or that the venue answered "server busy".
  int transport_retries = 2;

  /// REST timeouts.
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{10000};
  /// Stream liveness: ping this often and drop a stream silent for
  /// `stream_idle_timeout` (0 disables either).
  std::chrono::milliseconds stream_ping_interval{30000};
  std::chrono::milliseconds stream_idle_timeout{0};
  /// Reconnect backoff of the streams and of failed start-up steps.
  std::chrono::milliseconds reconnect_base{250};
  std::chrono::milliseconds reconnect_max{30000};

  /// The I/O thread to run on; nullptr makes the session own one. A shared
  /// runner must outlive the session.
  net::io_runner* runner = nullptr;
  /// The local clock; nullptr is the system clock. Must outlive the session.
  const clock_source* clock = nullptr;
  /// Called on the I/O thread after every REST exchange (metrics, tests).
  std::function<void(const rest_exchange&)> on_rest_exchange;
};

} // namespace tandem::venues::binance
