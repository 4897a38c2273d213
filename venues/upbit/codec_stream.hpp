// Upbit WebSocket frames -> engine events. Upbit sends BINARY frames that
// hold UTF-8 JSON (the docs' sample decodes the bytes first); the decoder
// takes the frame's bytes as they came, binary or text alike.
//
// | frame                         | event            |
// |-------------------------------|------------------|
// | type=orderbook                | orderbook        |
// | type=ticker                   | ticker           |
// | type=myOrder                  | my_order_frame   |
// | type=myAsset                  | my_asset_frame   |
// | {"status":"UP"} (after PING)  | status_frame     |
// | {"error":{name,message}}      | ws_error_frame   |
// | any other type (trade, ...)   | ignored_frame    |
//
// A frame that is not JSON, is truncated, lacks a required field or has a
// wrong wire type is malformed_response; an unknown enum value inside a
// known frame is unknown_enum_value. Nothing throws.
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "venues/common/events.hpp"
#include "venues/upbit/codec_quotes.hpp"
#include "venues/upbit/enums.hpp"
#include "venues/upbit/json_context.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tandem::venues::upbit {

/// A myOrder message (one order event or one fill).
struct my_order_frame {
  /// event per enums.hpp to_event(); for state=trade, last_fill holds the
  /// fill (trade_uuid as its trade id, `price`/`volume` as fill price and
  /// quantity, `trade_fee` as its fee, `is_maker` as its liquidity).
  /// order_qty: `volume`, or executed + remaining on a trade message (whose
  /// `volume` is the fill's); 0 for a market buy sized in KRW.
  order_update update;
  order_state state = order_state::wait;
  ord_type type = ord_type::limit;
  std::optional<wire_tif> tif;
  /// `identifier` as sent ("" when absent).
  std::string identifier;
  std::optional<quantity> remaining_qty;
  std::optional<money> executed_funds;
  std::optional<money> paid_fee;
};

/// A myAsset message: only the currencies that changed.
struct my_asset_frame {
  std::vector<balance> balances;
  /// `asset_timestamp` when sent, else `timestamp`.
  timestamp venue_ts;
};

/// The answer to a "PING" text frame: {"status":"UP"}.
struct status_frame {
  std::string status;
};

/// A WebSocket error answer (bad subscribe request, failed auth).
struct ws_error_frame {
  /// auth_failed for INVALID_AUTH, invalid_parameter otherwise.
  venue_error code = venue_error::invalid_parameter;
  std::string name;
  std::string message;
};

/// A well-formed frame of a type the engine does not use (trade,
/// candle.1s, ...). Typed so the caller can count or log it.
struct ignored_frame {
  std::string type;
};

/// What one frame decodes to.
using stream_event
  = std::variant<orderbook, ticker, my_order_frame, my_asset_frame,
                 status_frame, ws_error_frame, ignored_frame>;

/// Decodes one frame. `recv_ts` is when our socket read it (copied into
/// book_top::recv_ts).
result<stream_event, venue_error>
decode_frame(json_context& ctx, std::string_view bytes, timestamp recv_ts);

/// Same, for a binary frame's bytes.
result<stream_event, venue_error>
decode_frame(json_context& ctx, std::span<const std::uint8_t> bytes,
             timestamp recv_ts);

} // namespace tandem::venues::upbit
