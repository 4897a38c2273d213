// Upbit WebSocket requests: the subscribe frames and the private-stream
// handshake token (protocol reference A5, A6). A request is one JSON array:
// [{ticket}, {type...}, ..., {format}]. Send frames as text; Upbit answers
// with BINARY frames holding UTF-8 JSON (see codec_stream.hpp).
#pragma once

#include "core/result.hpp"
#include "venues/upbit/auth.hpp"
#include "venues/upbit/codec_requests.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues::upbit {

/// Public stream endpoint (ticker, trade, orderbook).
inline constexpr std::string_view ws_public_url
  = "wss://api.upbit.com/websocket/v1";
/// Private stream endpoint (myOrder, myAsset); needs the Authorization
/// header on the handshake.
inline constexpr std::string_view ws_private_url
  = "wss://api.upbit.com/websocket/v1/private";
/// The keepalive text frame; Upbit answers {"status":"UP"}. Idle
/// connections are closed after about 120 s (UNCONFIRMED), so send it
/// well within that.
inline constexpr std::string_view ws_ping = "PING";

/// What to subscribe to on the public stream.
struct public_subscription {
  /// Market codes for `ticker` ("KRW-BTC", "KRW-USDT"); none: no ticker.
  std::vector<std::string> ticker_codes;
  /// Market codes for `orderbook`; none: no orderbook.
  std::vector<std::string> orderbook_codes;
  /// Levels per orderbook message, sent as "KRW-BTC.15": 1, 5, 15 or 30;
  /// unset: Upbit's default (30 since 2025-05-07).
  std::optional<unsigned> orderbook_levels;
  /// Sends is_only_realtime=true on each type (no initial snapshot).
  bool only_realtime = false;
};

/// Returns `[{"ticket":..},{"type":"ticker","codes":[..]},
/// {"type":"orderbook","codes":[..]},{"format":"DEFAULT"}]`. Errors:
/// invalid_parameter for an empty ticket, no codes at all, a bad market
/// code or a level count outside 1/5/15/30.
result<std::string, request_error>
subscribe_public(std::string_view ticket, const public_subscription& sub);

/// Returns `[{"ticket":..},{"type":"myOrder"},{"type":"myAsset"}]`, with
/// "codes" on myOrder when `my_order_codes` is not empty (empty: every
/// market). Errors: invalid_parameter for an empty ticket or a bad code.
result<std::string, request_error>
subscribe_private(std::string_view ticket,
                  std::span<const std::string> my_order_codes = {});

/// Returns the handshake header value for the private stream,
/// "Bearer <jwt>" with claims access_key and nonce only (no query_hash).
result<std::string, request_error>
private_ws_authorization(const credentials& creds, std::string_view nonce);

} // namespace tandem::venues::upbit
