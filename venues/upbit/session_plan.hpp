// How the session turns engine intent into Upbit orders and instrument
// rules. Pure: the book and the venue's answers are parameters.
//
// Order mapping (exact fixed point, nothing converted through double):
//
// | engine order            | Upbit order                                  |
// |-------------------------|----------------------------------------------|
// | limit gtc / ioc / fok   | ord_type=limit, time_in_force as given       |
// | market sell             | ord_type=market, volume = qty                |
// | market buy (ioc or gtc) | ord_type=limit, time_in_force=ioc, volume =  |
// |                         | qty, price = the ask level of the last book  |
// |                         | that covers qty (the deepest one if none     |
// |                         | does), rounded up to the tick                |
// | market buy, fok         | as above with time_in_force=fok              |
//
// Why market buys become limit IOCs: Upbit sizes a market buy
// (ord_type=price) in KRW, not in BTC, so it cannot buy exactly `qty`; a
// limit IOC for `qty` at the price that sweeps the book fills at most
// `qty`, at the best prices resting (never above the limit), and cancels
// the rest, which is what the engine means by a market order. It needs a
// book: without one it is refused, not guessed.
#pragma once

#include "core/instrument.hpp"
#include "core/order_request.hpp"
#include "core/result.hpp"
#include "venues/common/events.hpp"
#include "venues/upbit/codec_quotes.hpp"
#include "venues/upbit/codec_requests.hpp"
#include "venues/upbit/codec_responses.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace tandem::venues::upbit {

/// What goes on the wire for one engine order.
struct placement {
  /// The order as sent (a market buy becomes a limit IOC/FOK).
  order_request wire;
  place_options options;
};

/// Maps `o` to the Upbit order it is sent as (table above). `book` is the
/// last orderbook of o.symbol, if any; only market buys need it. Errors:
/// invalid_parameter for a market buy without asks, price_off_tick when
/// the tick cannot be applied.
result<placement, request_error> plan_place(const order_request& o,
                                            const instrument& inst,
                                            const book_depth* book);

/// Builds the instrument of `market` ("KRW-BTC") from what the venue
/// said: the tick at the current price from /v1/orderbook/instruments
/// (Upbit's KRW band table when absent), the minimum order total from
/// /v1/orders/chance (the larger of the bid and ask minimums). Upbit
/// publishes no lot grid: volumes go to 8 decimals, so lot and minimum
/// quantity are 1e-8. Errors: a message naming what is wrong.
result<instrument, std::string> make_instrument(std::string_view market,
                                                const instrument_tick* tick,
                                                const order_chance& chance);

} // namespace tandem::venues::upbit
