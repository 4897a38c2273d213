// Binance USD-M futures wire enums and their mapping to core/ types.
//
// Every mapping is an explicit switch without `default:` (STYLE.md habit 4),
// so a new enumerator fails the -Werror build until it is mapped; an unknown
// wire string is venue_error::unknown_enum_value, never a guess.
// Wire spellings: protocol reference venues/upbit-binance.md B3/B4/B6.
#pragma once

#include "core/order_state.hpp"
#include "core/order_types.hpp"
#include "core/result.hpp"
#include "venues/common/venue_error.hpp"

#include <cstdint>
#include <string_view>

namespace tandem::venues::binance {

/// Order status, `status` on REST and `X` on the user stream.
enum class order_status : std::uint8_t {
  new_ = 1,             ///< NEW (`new` is a keyword).
  partially_filled = 2, ///< PARTIALLY_FILLED
  filled = 3,           ///< FILLED
  canceled = 4,         ///< CANCELED
  rejected = 5,         ///< REJECTED (rare: rejects come as HTTP errors)
  expired = 6,          ///< EXPIRED (IOC/FOK leftover, GTX, GTD, ...)
  expired_in_match = 7, ///< EXPIRED_IN_MATCH (self-trade prevention)
};

/// Execution type `x` of ORDER_TRADE_UPDATE: what this event reports.
enum class execution_type : std::uint8_t {
  new_ = 1,       ///< NEW
  trade = 2,      ///< TRADE: a fill
  canceled = 3,   ///< CANCELED
  expired = 4,    ///< EXPIRED
  calculated = 5, ///< CALCULATED: a liquidation or ADL fill
  amendment = 6,  ///< AMENDMENT: price/quantity modified in place
};

/// Order type `type` / `o`.
enum class order_type : std::uint8_t {
  limit = 1,                ///< LIMIT
  market = 2,               ///< MARKET
  stop = 3,                 ///< STOP (stop-limit)
  stop_market = 4,          ///< STOP_MARKET
  take_profit = 5,          ///< TAKE_PROFIT (take-profit limit)
  take_profit_market = 6,   ///< TAKE_PROFIT_MARKET
  trailing_stop_market = 7, ///< TRAILING_STOP_MARKET
};

/// Time in force `timeInForce` / `f`.
enum class time_in_force : std::uint8_t {
  gtc = 1, ///< GTC: good till canceled
  ioc = 2, ///< IOC: immediate or cancel
  fok = 3, ///< FOK: fill or kill
  gtx = 4, ///< GTX: post-only (good till crossing)
  gtd = 5, ///< GTD: good till `goodTillDate`
};

// -- wire strings ------------------------------------------------------------

/// Returns the wire spelling, e.g. "PARTIALLY_FILLED".
std::string_view to_wire(order_status s) noexcept;
/// Returns the wire spelling, e.g. "TRADE".
std::string_view to_wire(execution_type x) noexcept;
/// Returns the wire spelling, e.g. "TRAILING_STOP_MARKET".
std::string_view to_wire(order_type t) noexcept;
/// Returns the wire spelling, e.g. "GTX".
std::string_view to_wire(time_in_force t) noexcept;
/// Returns "BUY" or "SELL".
std::string_view to_wire(tandem::side s) noexcept;

/// Parses `status`/`X`; unknown_enum_value for anything else.
result<order_status, venue_error> parse_order_status(std::string_view s);
/// Parses `x`; unknown_enum_value for anything else.
result<execution_type, venue_error> parse_execution_type(std::string_view s);
/// Parses `type`/`o`; unknown_enum_value for anything else.
result<order_type, venue_error> parse_order_type(std::string_view s);
/// Parses `timeInForce`/`f`; unknown_enum_value for anything else.
result<time_in_force, venue_error> parse_time_in_force(std::string_view s);
/// Parses `side`/`S` ("BUY", "SELL"); unknown_enum_value for anything else.
result<tandem::side, venue_error> parse_side(std::string_view s);

// -- core <-> wire -----------------------------------------------------------

/// Returns the core status for a Binance status. EXPIRED_IN_MATCH is an
/// expiry (STP) in core's terms.
tandem::order_status to_core(order_status s) noexcept;

/// Returns the core order type. TAKE_PROFIT[_MARKET] are stop orders that
/// trigger in the other direction; core does not tell them apart.
tandem::order_type to_core(order_type t) noexcept;

/// Returns the core time in force. GTX (post-only) rests like GTC; core has
/// no post-only flag, so the codec never *sends* GTX.
tandem::time_in_force to_core(time_in_force t) noexcept;

/// Returns the Binance order type for a core one: stop -> STOP_MARKET,
/// stop_limit -> STOP, trailing_stop -> TRAILING_STOP_MARKET. Whether that
/// type may be sent to /fapi/v1/order is decided by the request builder.
order_type from_core(tandem::order_type t) noexcept;

/// Returns the Binance time in force for a core one.
time_in_force from_core(tandem::time_in_force t) noexcept;

/// Returns the order event a REST order object reports, from its status
/// alone (REST has no execution type).
tandem::order_event event_for(order_status s) noexcept;

/// Returns the order event an ORDER_TRADE_UPDATE reports: TRADE and
/// CALCULATED are fills (complete when X is FILLED), AMENDMENT is an
/// acceptance of the modified order.
tandem::order_event event_for(execution_type x, order_status s) noexcept;

} // namespace tandem::venues::binance
