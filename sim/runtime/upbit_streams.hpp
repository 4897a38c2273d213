// The WebSocket surface of the simulated Upbit venue, as pure functions:
// the request format `[{ticket}, {type, codes, is_only_snapshot,
// is_only_realtime}, ..., {format}]`, its error frames, orderbook codes
// with a level count ("KRW-BTC.15") and the routing of private frames to
// subscriptions (protocol reference A5, A6). upbit_service.cpp feeds
// sockets through these; tests call them directly.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::runtime::upbit_ws {

/// An error frame's name and message: WRONG_FORMAT, NO_TICKET, NO_TYPE,
/// NO_CODES, INVALID_PARAM, INVALID_AUTH.
struct ws_error {
  std::string name;
  std::string message;
};

/// One type field of a request.
struct type_request {
  /// "ticker", "orderbook", "trade", "candle.1s", "myOrder", "myAsset".
  std::string type;
  /// Upper-case market codes as sent; orderbook codes may end in ".N".
  std::vector<std::string> codes;
  bool only_snapshot = false;
  bool only_realtime = false;

  /// Returns true when the stream should send a snapshot now.
  bool wants_snapshot() const { return !only_realtime; }
  /// Returns true when the stream should send real-time updates.
  bool wants_realtime() const { return !only_snapshot; }
};

/// A parsed request; a new one replaces a connection's earlier one
/// (UNCONFIRMED whether Upbit merges them; replacing is what its docs'
/// samples assume).
struct subscription {
  std::string ticket;
  std::vector<type_request> types;
};

/// Which endpoint a request arrived on.
enum class endpoint : std::uint8_t {
  /// /websocket/v1: ticker, trade, orderbook, candle.1s.
  public_ = 1,
  /// /websocket/v1/private: myOrder, myAsset.
  private_ = 2,
};

/// Parses one request frame. Errors, as Upbit names them: WRONG_FORMAT
/// (not a JSON array of objects, or a format other than DEFAULT, which the
/// simulator does not write), NO_TICKET, NO_TYPE, NO_CODES (a public type
/// without codes), INVALID_PARAM (a type this endpoint does not serve, a
/// bad orderbook level), INVALID_AUTH (a private type on the public
/// endpoint).
result<subscription, ws_error> parse_request(std::string_view frame,
                                             endpoint ep);

/// Returns {"error":{"name":..,"message":..}}.
std::string error_frame(const ws_error& e);

/// An orderbook code split into market and level count.
struct orderbook_code {
  std::string market;
  /// Levels per message; `default_levels` when the code had none.
  std::size_t levels = 30;
};

/// Splits "KRW-BTC.15"; the count must be 1, 5, 15 or 30 (INVALID_PARAM).
result<orderbook_code, ws_error>
parse_orderbook_code(std::string_view code, std::size_t default_levels);

/// Returns `frame` with "stream_type":"REALTIME" turned into "SNAPSHOT".
std::string as_snapshot(std::string frame);

/// The routing keys of a private frame.
struct frame_head {
  /// "myOrder" or "myAsset".
  std::string type;
  /// The market of a myOrder frame; "" for myAsset.
  std::string code;
};

/// Reads `type` and `code` from a private frame; nullopt if it has none.
std::optional<frame_head> read_head(std::string_view frame);

/// Returns true when a frame with `head` goes to a connection holding
/// `sub`: its type is subscribed and, for myOrder with codes, its market is
/// among them (no codes: every market).
bool wants(const subscription& sub, const frame_head& head);

} // namespace tandem::sim::runtime::upbit_ws
