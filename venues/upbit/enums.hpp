// Upbit's wire enums and their mapping to the engine's vocabulary. Every
// mapping out of a wire enum is a `switch` without `default:`, so adding a
// value makes the compiler point at each place that must handle it. Parsing
// a string the codec does not know returns venue_error::unknown_enum_value.
// Values: the protocol reference venues/upbit-binance.md, A3, A4 and A6.
#pragma once

#include "core/order_state.hpp"
#include "core/order_types.hpp"
#include "core/result.hpp"
#include "venues/common/venue_error.hpp"

#include <cstdint>
#include <string_view>

namespace tandem::venues::upbit {

/// An order's `state` on the wire.
enum class order_state : std::uint8_t {
  /// `wait`: resting, possibly partly filled.
  wait,
  /// `watch`: a reserved (stop) order that has not triggered.
  watch,
  /// `trade`: WebSocket myOrder only; this message reports one fill.
  trade,
  /// `done`: fully filled.
  done,
  /// `cancel`: canceled, including IOC/FOK leftovers and market-buy KRW
  /// that was not used; `executed_volume` may be > 0.
  cancel,
  /// `prevented`: self-match prevention acted on the order (added with SMP,
  /// 2025-07-02; listed for myOrder in the v1.6.4 docs).
  prevented,
};

/// `side` (REST, lowercase) or `ask_bid` (WebSocket, uppercase).
enum class wire_side : std::uint8_t {
  /// `bid` / `BID`: buy.
  bid,
  /// `ask` / `ASK`: sell.
  ask,
};

/// `ord_type` (REST) or `order_type` (WebSocket myOrder).
enum class ord_type : std::uint8_t {
  /// `limit`: price and volume.
  limit,
  /// `price`: market BUY; `price` carries the quote amount (KRW) to spend.
  price,
  /// `market`: market SELL; `volume` carries the base quantity.
  market,
  /// `best`: best-price limit order, needs time_in_force ioc or fok; a bid
  /// sends the quote amount as `price`, an ask the base `volume`.
  best,
};

/// `time_in_force`. Absent on the wire means "rests until canceled".
enum class wire_tif : std::uint8_t {
  /// `ioc`: fill what can be filled now, cancel the rest.
  ioc,
  /// `fok`: all now or nothing.
  fok,
  /// `post_only`: limit orders only; refused if it would take liquidity.
  post_only,
};

/// `smp_type`: self-match prevention (2025-07-02; `none` added 2026-11-09,
/// when `cancel_maker` became the default for orders that omit it).
enum class smp_type : std::uint8_t {
  /// `cancel_maker`: cancel the resting order of ours.
  cancel_maker,
  /// `cancel_taker`: cancel the incoming order.
  cancel_taker,
  /// `reduce`: reduce both by the matched amount.
  reduce,
  /// `none`: allow self-matching.
  none,
};

/// `stream_type` of a WebSocket frame.
enum class stream_type : std::uint8_t {
  /// `SNAPSHOT`: the state at subscription time.
  snapshot,
  /// `REALTIME`: a live update.
  realtime,
};

// -- wire strings -------------------------------------------------------------

std::string_view to_wire(order_state s) noexcept;
/// Returns "bid" or "ask" (the REST form).
std::string_view to_wire(wire_side s) noexcept;
std::string_view to_wire(ord_type t) noexcept;
std::string_view to_wire(wire_tif t) noexcept;
std::string_view to_wire(smp_type t) noexcept;
/// Returns "SNAPSHOT" or "REALTIME".
std::string_view to_wire(stream_type t) noexcept;

/// Parses `state`. Errors: unknown_enum_value.
result<order_state, venue_error> parse_order_state(std::string_view s) noexcept;
/// Parses REST `side` ("bid", "ask"). Errors: unknown_enum_value.
result<wire_side, venue_error> parse_side(std::string_view s) noexcept;
/// Parses WebSocket `ask_bid` ("BID", "ASK"). Errors: unknown_enum_value.
result<wire_side, venue_error> parse_ask_bid(std::string_view s) noexcept;
/// Parses `ord_type` / `order_type`. Errors: unknown_enum_value.
result<ord_type, venue_error> parse_ord_type(std::string_view s) noexcept;
/// Parses `time_in_force`. Errors: unknown_enum_value.
result<wire_tif, venue_error> parse_tif(std::string_view s) noexcept;
/// Parses `smp_type`. Errors: unknown_enum_value.
result<smp_type, venue_error> parse_smp_type(std::string_view s) noexcept;
/// Parses `stream_type`. Errors: unknown_enum_value.
result<stream_type, venue_error> parse_stream_type(std::string_view s) noexcept;

// -- to and from the engine's vocabulary --------------------------------------

/// Returns the engine side for a wire side.
tandem::side to_core(wire_side s) noexcept;
/// Returns the wire side for an engine side.
wire_side to_wire_side(tandem::side s) noexcept;

/// Returns what an order `state` means to the order state machine.
///
/// | state     | executed_volume | event        | why                        |
/// |-----------|-----------------|--------------|----------------------------|
/// | wait      | 0               | accepted     |                            |
/// | wait      | > 0             | partial_fill | resting, part filled       |
/// | watch     | 0 / > 0         | accepted / partial_fill | not triggered   |
/// | trade     | any             | partial_fill | one fill; done/cancel end it
/// | | done      | any             | fill         | completes the order | |
/// cancel    | any             | canceled     | cum_qty keeps what filled  | |
/// prevented | 0 / > 0         | accepted / partial_fill | see below       |
///
/// `trade` is never the terminal event: Upbit follows the last fill with a
/// `done` (or `cancel`) message, and mapping both to `fill` would make the
/// second one an illegal transition. `prevented` (SMP) is kept non-terminal:
/// with `reduce` the order may still rest, and believing a live order dead
/// would leave it unmanaged on the book; the final `cancel`/`done`, or a
/// query, settles it.
order_event to_event(order_state s, bool has_executed) noexcept;

} // namespace tandem::venues::upbit
