// Parsing Binance USD-M futures REST answers (2xx bodies) into core and
// venues/common types. Error answers go through errors.hpp.
//
// Every function takes a simdjson DOM parser the caller keeps (one per
// actor or thread): it reuses its buffers between calls, so the hot path
// does not allocate for parsing. Nothing throws; malformed or truncated
// JSON, a missing field or a decimal with more places than the core type
// holds is malformed_response; an enum value the codec does not know is
// unknown_enum_value.
#pragma once

#include "core/clock.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "venues/common/events.hpp"
#include "venues/common/venue_error.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace simdjson::dom {
class parser;
} // namespace simdjson::dom

namespace tandem::venues::binance {

/// Parses one order object (new order with RESULT, cancel, query; ACK has
/// the same shape). The event follows from `status` alone (enums.hpp
/// event_for). REST carries no trade id, so `last_fill` stays empty: fills
/// come from the user stream; `cum_qty` tells how much filled so far. A
/// client id our format cannot hold (a foreign order: '.', ':', '/', or over
/// 32 chars) leaves `id` empty. `reason` is rejected_other for REJECTED.
result<order_update, venue_error> parse_order(simdjson::dom::parser& parser,
                                              std::string_view body);

/// Parses GET /fapi/v1/openOrders: an array of order objects.
result<std::vector<order_update>, venue_error>
parse_open_orders(simdjson::dom::parser& parser, std::string_view body);

/// Parses GET /fapi/v1/time into the venue's clock reading.
result<timestamp, venue_error> parse_server_time(simdjson::dom::parser& parser,
                                                 std::string_view body);

/// A symbol exchangeInfo listed that did not become an instrument, and why.
struct skipped_symbol {
  std::string symbol;
  /// key=value detail for the log line, e.g. "reason=status status=SETTLING".
  std::string detail;
};

/// Instruments from GET /fapi/v1/exchangeInfo.
struct exchange_info_result {
  std::vector<instrument> instruments;
  /// Symbols not TRADING, or whose filters core cannot represent exactly
  /// (more than 8 decimals, a min price off its own tick grid, ...). One
  /// odd symbol must not keep the engine from loading the others.
  std::vector<skipped_symbol> skipped;
};

/// Parses exchangeInfo: PRICE_FILTER (tick, min/max price; "0" disables a
/// bound), LOT_SIZE (lot, min/max qty), MIN_NOTIONAL `notional` (absent
/// means none), reduce_only_skips_min_notional = true, kind perpetual for
/// contractType PERPETUAL and future otherwise. A broken top level (no
/// `symbols` array, a symbol without `symbol`) is malformed_response.
result<exchange_info_result, venue_error>
parse_exchange_info(simdjson::dom::parser& parser, std::string_view body);

/// Parses GET /fapi/v2/positionRisk. In hedge mode a symbol has a LONG and
/// a SHORT row; both come back, each signed as Binance signs positionAmt.
result<std::vector<position_snapshot>, venue_error>
parse_position_risk(simdjson::dom::parser& parser, std::string_view body);

/// Parses GET /fapi/v3/balance: free = availableBalance, locked = wallet
/// `balance` minus availableBalance (margin in use net of unrealized P&L;
/// negative when unrealized profit exceeds the margin in use).
result<std::vector<balance>, venue_error>
parse_balances(simdjson::dom::parser& parser, std::string_view body);

/// GET /fapi/v3/account, the parts the engine uses.
struct account_snapshot {
  /// free = availableBalance, locked = initialMargin (margin in use).
  std::vector<balance> balances;
  /// Open positions; this endpoint carries no leverage (left at 1: take
  /// it from positionRisk) and no entry price (left at 0).
  std::vector<position_snapshot> positions;
};

/// Parses GET /fapi/v3/account.
result<account_snapshot, venue_error>
parse_account(simdjson::dom::parser& parser, std::string_view body);

/// Parses GET /fapi/v1/ticker/bookTicker (one symbol). `recv_ts` is when
/// our socket read the answer.
result<book_top, venue_error> parse_book_ticker(simdjson::dom::parser& parser,
                                                std::string_view body,
                                                timestamp recv_ts);

/// A REST depth snapshot and the id that anchors the diff stream to it.
struct depth_snapshot {
  book_depth depth;
  /// `lastUpdateId`: drop stream events with u < this (reference B5).
  std::uint64_t last_update_id = 0;
};

/// Parses GET /fapi/v1/depth. The body does not name the symbol, so the
/// caller passes the one it asked for.
result<depth_snapshot, venue_error> parse_depth(simdjson::dom::parser& parser,
                                                std::string_view body,
                                                std::string_view symbol);

/// The answer to POST /fapi/v1/leverage.
struct leverage_setting {
  std::string symbol;
  std::int32_t leverage = 1;
  /// The largest position notional allowed at this leverage (quote ccy).
  money max_notional;
};

/// Parses POST /fapi/v1/leverage.
result<leverage_setting, venue_error>
parse_leverage(simdjson::dom::parser& parser, std::string_view body);

/// The answer to POST /fapi/v1/countdownCancelAll.
struct countdown_ack {
  std::string symbol;
  std::chrono::milliseconds countdown{0};
};

/// Parses countdownCancelAll ({"countdownTime":"100000"}, quoted).
result<countdown_ack, venue_error>
parse_countdown(simdjson::dom::parser& parser, std::string_view body);

/// Parses POST/PUT /fapi/v1/listenKey into the key.
result<std::string, venue_error> parse_listen_key(simdjson::dom::parser& parser,
                                                  std::string_view body);

} // namespace tandem::venues::binance
