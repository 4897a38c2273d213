// The WebSocket surface of the simulated Binance USD-M venue, as pure
// functions: which stream an upgrade path asks for, the live control
// messages (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY,
// GET_PROPERTY) and the combined-stream wrapper (protocol reference B1, B5,
// B6). binance_service.cpp feeds sockets through these; tests call them
// directly.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::runtime::binance_ws {

/// The market-stream subscriptions of one connection.
struct market_subscriptions {
  /// Stream names in subscription order, each once ("btcusdt@bookTicker").
  std::vector<std::string> streams;
  /// Frames go out as {"stream":..,"data":..}: true on /stream, false on
  /// /ws, switched by SET_PROPERTY ["combined", bool].
  bool combined = false;

  /// Adds `name` unless present.
  void add(std::string_view name);
  /// Removes `name` if present.
  void remove(std::string_view name);
};

/// What an upgrade asks for.
struct upgrade_target {
  enum class kind : std::uint8_t {
    /// Market streams: /ws, /ws/<stream>, /stream?streams=a/b.
    market = 1,
    /// A user-data stream: /ws/<listenKey>.
    user = 2,
  };
  kind what = kind::market;
  /// kind::market: the streams named in the path and whether combined.
  market_subscriptions subscriptions;
  /// kind::user: the listen key.
  std::string listen_key;
};

/// Why an upgrade is refused: HTTP status and a Binance-style body.
struct upgrade_refusal {
  unsigned status = 400;
  std::string body;
};

/// Returns true for a market-stream name ("<symbol>@<type>", "!bookTicker",
/// "!markPrice@arr"); anything else after /ws/ is taken for a listen key.
bool is_stream_name(std::string_view name);

/// Returns what `target` (path plus query of the upgrade) asks for, or 404
/// for an unknown path and 400 for an empty stream list ("/ws/", as
/// Binance answers it).
result<upgrade_target, upgrade_refusal> parse_upgrade(std::string_view target);

/// Applies one client text frame to `subs` and returns the reply frame:
/// `{"result":null,"id":N}` for SUBSCRIBE / UNSUBSCRIBE / SET_PROPERTY,
/// `{"result":[..],"id":N}` for LIST_SUBSCRIPTIONS, `{"result":true,..}`
/// for GET_PROPERTY ["combined"]; otherwise Binance's error object
/// `{"code":C,"msg":"..","id":N}` (0 unknown property, 1 bad value type,
/// 2 invalid request, 3 invalid JSON). `subs` is unchanged on an error.
std::string handle_control(std::string_view frame, market_subscriptions& subs);

/// Returns the symbol a `<symbol>@bookTicker` stream is about, upper case
/// ("BTCUSDT"), or "" for any other stream. "!bookTicker" gives "!".
std::string book_ticker_symbol(std::string_view stream);

/// Returns `frame` as sent on a connection: as is, or wrapped as
/// {"stream":<stream>,"data":<frame>} when `combined`.
std::string wrap(std::string_view stream, std::string_view frame,
                 bool combined);

} // namespace tandem::sim::runtime::binance_ws
