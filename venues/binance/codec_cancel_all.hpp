// DELETE /fapi/v1/allOpenOrders: cancel every open order of one symbol in
// one request (weight 1), and its answer. Kept apart from codec_requests so
// the session's cancel_all has its own small, tested builder. Pure: no
// clock, no socket.
#pragma once

#include "core/result.hpp"
#include "venues/binance/codec_requests.hpp"
#include "venues/common/http_request.hpp"
#include "venues/common/venue_error.hpp"

#include <string_view>

namespace simdjson::dom {
class parser;
} // namespace simdjson::dom

namespace tandem::venues::binance {

/// DELETE /fapi/v1/allOpenOrders?symbol=..&recvWindow&timestamp&signature.
/// Errors: invalid_parameter (empty symbol, bad signing input, no API key),
/// auth_failed (signing failed).
result<http_request, venue_error> cancel_all_orders(std::string_view symbol,
                                                    const signing_input& in,
                                                    const credentials& creds);

/// Parses the answer {"code":200,"msg":"The operation of cancel all open
/// order is done."} (yes, code 200 inside a 2xx body). The body carries no
/// count; a body without code 200 is malformed_response.
result<bool, venue_error> parse_cancel_all(simdjson::dom::parser& parser,
                                           std::string_view body);

} // namespace tandem::venues::binance
