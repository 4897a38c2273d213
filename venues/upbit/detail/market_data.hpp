// Readers shared by the REST quotation parsers and the WebSocket decoder:
// the ticker and orderbook payloads have the same fields on both (only the
// market key differs: REST `market`, WebSocket `code`).
#pragma once

#include "venues/upbit/codec_quotes.hpp"
#include "venues/upbit/detail/walk.hpp"

namespace tandem::venues::upbit::detail {

/// Reads a ticker object; `code_key` is "market" (REST) or "code" (WS).
status read_ticker(od::value& v, std::string_view code_key, ticker& out);

/// Reads an orderbook object and fills `out.top` from units[0].
status read_orderbook(od::value& v, std::string_view code_key,
                      timestamp recv_ts, orderbook& out);

} // namespace tandem::venues::upbit::detail
