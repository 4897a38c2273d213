// Parsing Binance USD-M futures WebSocket frames: the market streams
// (bookTicker, raw or inside the combined-stream wrapper) and the user data
// stream (ORDER_TRADE_UPDATE, ACCOUNT_UPDATE, listenKeyExpired). Event
// types the codec does not decode are `ignored`, a value, not an error: the
// venue adds event types over time (TRADE_LITE, ALGO_UPDATE, ...) and a new
// one must not look like a broken stream.
#pragma once

#include "core/clock.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "venues/binance/enums.hpp"
#include "venues/common/events.hpp"
#include "venues/common/venue_error.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace simdjson::dom {
class parser;
} // namespace simdjson::dom

namespace tandem::venues::binance {

/// A frame the codec read and deliberately did not decode.
struct ignored {
  /// The event type (`e`), or "result" for a SUBSCRIBE answer, or "" when
  /// the frame had none.
  std::string event_type;
};

/// What a market-data frame holds.
using market_message = std::variant<book_top, ignored>;

/// Parses one market-stream frame. Combined-stream frames
/// {"stream":..,"data":{..}} are unwrapped. `recv_ts` is when our socket
/// read the frame; `venue_ts` is the event's transaction time `T`.
result<market_message, venue_error>
parse_market_frame(simdjson::dom::parser& parser, std::string_view frame,
                   timestamp recv_ts);

/// A fee as Binance charged it: amount and asset, never converted.
struct commission {
  /// Positive is paid, negative a rebate.
  money amount;
  /// "USDT", "BNB" (BNB fee discount), ...
  std::string asset;
};

/// One ORDER_TRADE_UPDATE.
struct order_trade_update {
  /// The normalized update. For TRADE and CALCULATED it carries
  /// `last_fill` (trade id `t`, qty `l`, price `L`, time `T`, maker `m`).
  /// last_fill.fee is the commission only when it was charged in the
  /// instrument's quote asset; otherwise it is zero and
  /// `fee_needs_conversion` is set: the fee is never mixed into a fill in
  /// another currency.
  order_update update;
  /// The fee as sent (`n` in `N`); nullopt when Binance pushed none.
  std::optional<commission> fee;
  /// True when `fee` is in another asset than the instrument's quote (or
  /// the instrument is unknown), so last_fill.fee still lacks it.
  bool fee_needs_conversion = false;
  /// Raw status and execution type, for logs and finer handling.
  order_status status = order_status::new_;
  execution_type execution = execution_type::new_;
  /// The client id as sent, also when `update.id` could not hold it.
  std::string raw_client_id;
  /// Realized P&L of this fill (`rp`), in the margin asset.
  money realized_pnl;
  /// Event time `E`: order events by it, they can arrive out of order.
  timestamp event_ts;
};

/// One ACCOUNT_UPDATE: wallet balances and the positions that changed.
struct account_update {
  /// Why (`m`): ORDER, FUNDING_FEE, DEPOSIT, ...
  std::string reason;
  /// free = wallet balance `wb`, locked = 0: the event carries no margin
  /// split; GET /fapi/v3/account has it.
  std::vector<balance> balances;
  /// Changed positions (pa, ep, up). The event carries no leverage, so it
  /// stays at 1: take it from positionRisk.
  std::vector<position_snapshot> positions;
  /// Event time `E` and transaction time `T`.
  timestamp event_ts;
  timestamp venue_ts;
};

/// The server expired the listen key; no more events come on this socket.
struct listen_key_expired {
  std::string listen_key;
  timestamp event_ts;
};

/// What a user-data frame holds.
using user_event = std::variant<order_trade_update, account_update,
                                listen_key_expired, ignored>;

/// Parses one user-data frame. `instruments` gives each symbol's quote
/// asset for the fee check; a symbol not among them gets its fee marked
/// fee_needs_conversion.
result<user_event, venue_error>
parse_user_frame(simdjson::dom::parser& parser, std::string_view frame,
                 std::span<const instrument> instruments);

} // namespace tandem::venues::binance
