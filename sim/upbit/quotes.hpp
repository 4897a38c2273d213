// Quotation payloads of the simulated venue, REST and WebSocket (protocol
// reference A5, A9): market/all, ticker, orderbook, orderbook/instruments.
// Prices and sizes are JSON numbers. REST rows name the market `market`,
// WebSocket frames name it `code` and add `type` and `stream_type`.
#pragma once

#include "core/clock.hpp"
#include "sim/upbit/exchange.hpp"
#include "sim/upbit/json_out.hpp"

#include <string>

namespace tandem::sim::upbit {

/// Whether a payload is a REST array element or a WebSocket frame.
enum class quote_form : std::uint8_t { rest, stream };

/// Writes one ticker object for `m`.
void write_ticker(json_out& j, const market_state& m, timestamp now,
                  quote_form form);

/// Writes one orderbook object: up to `levels` units, best first; a side
/// with fewer levels is padded with zero price and size.
void write_orderbook(json_out& j, const market_state& m, std::size_t levels,
                     timestamp now, quote_form form);

/// Writes one /v1/orderbook/instruments row: the tick at the last price.
void write_instrument(json_out& j, const market_state& m);

/// Writes one /v1/market/all row.
void write_market(json_out& j, const market_config& m, bool details);

} // namespace tandem::sim::upbit
