// Upbit quotation answers (public REST) -> engine types: ticker, orderbook,
// orderbook/instruments (tick sizes) and market/all. Quotation payloads send
// prices and sizes as JSON numbers; they are read from their text, exactly.
// Errors as in codec_responses.hpp.
#pragma once

#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "venues/common/events.hpp"
#include "venues/upbit/json_context.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues::upbit {

/// The last trade of one market (REST /v1/ticker, WebSocket `ticker`).
/// Upbit's ticker carries no best bid/ask, so it is not a book_top; the
/// premium math reads bid/ask from the orderbook and uses the ticker for
/// KRW-USDT's last price only.
struct ticker {
  std::string symbol;
  /// `trade_price`, KRW per unit.
  price last_px;
  /// `trade_volume`, base units.
  quantity last_qty;
  /// `acc_trade_volume_24h`, when sent.
  std::optional<quantity> volume_24h;
  /// `trade_timestamp` (ms on the wire), when sent.
  std::optional<timestamp> trade_ts;
  /// `timestamp` (ms on the wire).
  timestamp venue_ts;
};

/// One orderbook snapshot (REST /v1/orderbook element, WebSocket
/// `orderbook`). Every Upbit orderbook message is a full top-N snapshot,
/// never a diff. `orderbook_units[0]` is the best level on both sides.
struct orderbook {
  book_depth depth;
  /// From orderbook_units[0]; absent for a book with no units.
  std::optional<book_top> top;
};

/// One row of /v1/orderbook/instruments.
struct instrument_tick {
  std::string symbol;
  std::string quote;
  /// The tick at the market's current price.
  price tick_size;
};

/// One row of /v1/market/all.
struct market_info {
  /// "KRW-BTC" (quote first on the wire).
  std::string symbol;
  /// "BTC" and "KRW", split from the code.
  std::string base;
  std::string quote;
  std::string english_name;
  std::string korean_name;
};

/// Parses GET /v1/ticker (an array).
result<std::vector<ticker>, venue_error> parse_tickers(json_context& ctx,
                                                       std::string_view body);

/// Parses GET /v1/orderbook (an array); `recv_ts` is when the answer was
/// read, copied into each book_top.
result<std::vector<orderbook>, venue_error>
parse_orderbooks(json_context& ctx, std::string_view body, timestamp recv_ts);

/// Parses GET /v1/orderbook/instruments (an array). `tick_size` is read
/// as a string or a number (which one Upbit sends is UNCONFIRMED).
result<std::vector<instrument_tick>, venue_error>
parse_instruments(json_context& ctx, std::string_view body);

/// Parses GET /v1/market/all (an array).
result<std::vector<market_info>, venue_error>
parse_markets(json_context& ctx, std::string_view body);

/// Replaces the instrument's tick rule with the venue's `tick_size` when
/// the symbols match (returns false otherwise). Upbit reports the tick at
/// the *current* price, so the rule becomes fixed: refresh it after the
/// price crosses a band edge or on price_off_tick (the built-in band table,
/// tick_rule::upbit_krw(), is the fallback when the venue does not answer).
bool apply_tick(instrument& inst, const instrument_tick& tick);

} // namespace tandem::venues::upbit
