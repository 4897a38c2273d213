// Building Binance USD-M futures REST requests: core types in, a request
// ready for the HTTP client out. Pure: time comes in through
// signing_input.timestamp_ms (the caller's venue-synced clock, see
// clock_offset.hpp); nothing here reads a clock or a socket.
//
// Every parameter goes in the query string, for every method, and the body
// stays empty. Binance accepts either (reference B2); one place means one
// signed string, exactly what the tests pin, and no Content-Type to get
// wrong. SIGNED requests end with recvWindow, timestamp and signature
// (venues/binance/signing.hpp).
#pragma once

#include "core/client_order_id.hpp"
#include "core/instrument.hpp"
#include "core/order_request.hpp"
#include "core/result.hpp"
#include "venues/binance/signing.hpp"
#include "venues/common/http_request.hpp"
#include "venues/common/venue_error.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues::binance {

using venues::http_header;
using venues::http_method;
using venues::http_request;
using venues::to_string;

/// The account's API key and secret. Views only: the codec copies the key
/// into the X-MBX-APIKEY header and never stores or logs the secret.
struct credentials {
  std::string_view api_key;
  std::string_view secret;
};

// -- trading (TRADE, signed)
// ---------------------------------------------------

/// POST /fapi/v1/order for a core order. The order must already be on the
/// instrument's tick and lot (the codec checks, it does not round: a
/// silently changed order would differ from the journaled one).
/// newClientOrderId is the order's client id, newOrderRespType=RESULT.
/// Only LIMIT and MARKET are built: since 2025-12-09 Binance rejects the
/// conditional types on this endpoint (-4120) and wants the Algo Order API,
/// whose schema the reference has not confirmed, so stop, stop_limit and
/// trailing_stop are invalid_parameter. Market orders carry no price and no
/// timeInForce (-1114 TIF_NOT_REQUIRED otherwise). GTD sends goodTillDate
/// in ms, truncated to whole seconds (Binance ignores the ms part) and
/// required to be more than 600 s after the request's timestamp.
/// Errors: invalid_parameter (shape, venue, symbol, type, expiry),
/// price_off_tick, bad_quantity, below_minimum, auth_failed (signing).
result<http_request, venue_error> new_order(const order_request& o,
                                            const instrument& inst,
                                            const signing_input& in,
                                            const credentials& creds);

/// DELETE /fapi/v1/order by origClientOrderId.
result<http_request, venue_error> cancel_order(std::string_view symbol,
                                               const client_order_id& id,
                                               const signing_input& in,
                                               const credentials& creds);

/// GET /fapi/v1/order by origClientOrderId.
result<http_request, venue_error> query_order(std::string_view symbol,
                                              const client_order_id& id,
                                              const signing_input& in,
                                              const credentials& creds);

/// GET /fapi/v1/openOrders, for one symbol (weight 1) or all (weight 40).
result<http_request, venue_error>
open_orders(std::optional<std::string_view> symbol, const signing_input& in,
            const credentials& creds);

/// POST /fapi/v1/leverage; `leverage` must be 1..125.
result<http_request, venue_error> change_leverage(std::string_view symbol,
                                                  int leverage,
                                                  const signing_input& in,
                                                  const credentials& creds);

/// POST /fapi/v1/countdownCancelAll, the dead-man's switch: cancel every
/// open order on `symbol` unless refreshed within `countdown` (0 disables).
result<http_request, venue_error>
countdown_cancel_all(std::string_view symbol,
                     std::chrono::milliseconds countdown,
                     const signing_input& in, const credentials& creds);

// -- account (USER_DATA, signed)
// -----------------------------------------------

/// GET /fapi/v2/positionRisk. v2, not v3: only v2 carries `leverage`,
/// which position_snapshot reports.
result<http_request, venue_error>
position_risk(std::optional<std::string_view> symbol, const signing_input& in,
              const credentials& creds);

/// GET /fapi/v3/account: balances with margin in use, and positions.
result<http_request, venue_error> account(const signing_input& in,
                                          const credentials& creds);

/// GET /fapi/v3/balance.
result<http_request, venue_error> balances(const signing_input& in,
                                           const credentials& creds);

// -- user data stream (USER_STREAM: key header, no signature) -----------------

/// POST /fapi/v1/listenKey: create (or extend and return the active) key.
result<http_request, venue_error> listen_key_create(std::string_view api_key);
/// PUT /fapi/v1/listenKey: extend the key's life to 60 min from now.
result<http_request, venue_error>
listen_key_keepalive(std::string_view api_key);
/// DELETE /fapi/v1/listenKey: close the stream.
result<http_request, venue_error> listen_key_close(std::string_view api_key);

// -- public market data (NONE: no key)
// -----------------------------------------

/// GET /fapi/v1/time.
http_request server_time();
/// GET /fapi/v1/exchangeInfo.
http_request exchange_info();
/// GET /fapi/v1/depth; `limit` must be 5, 10, 20, 50, 100, 500 or 1000.
result<http_request, venue_error> depth(std::string_view symbol, int limit);
/// GET /fapi/v1/ticker/bookTicker for one symbol.
result<http_request, venue_error> book_ticker(std::string_view symbol);

} // namespace tandem::venues::binance
