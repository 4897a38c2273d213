// Upbit error answers -> venue_error. Upbit answers a failed REST call with
// an HTTP status and `{"error":{"name":"<code>","message":"<text>"}}`; the
// name decides the venue_error, the status decides when there is no usable
// name. The wire name and message are kept for logs.
//
// Mapping (protocol reference A8; docs.upbit.com rest-api-guide and
// rate-limits; kept in one table in errors.cpp):
//
// | HTTP | error.name                               | venue_error         |
// |------|------------------------------------------|---------------------|
// | 400  | insufficient_funds_bid / _ask            | insufficient_funds  |
// | 400  | under_min_total_bid / _ask               | below_minimum       |
// | 400  | invalid_price_bid / _ask (off the tick)  | price_off_tick      |
// | 400  | invalid_volume, invalid_volume_bid / _ask| bad_quantity        |
// | 400  | create_bid_error / create_ask_error      | invalid_parameter   |
// | 400  | validation_error                         | invalid_parameter   |
// | 400  | duplicate_identifier (*)                 | duplicate_client_id |
// | 400  | any other name containing "identifier"(*)| duplicate_client_id |
// | 401  | invalid_query_payload, jwt_verification, | auth_failed         |
// |      | expired_access_key, nonce_used,          |                     |
// |      | no_authorization_i_p, out_of_scope       |                     |
// | 403  | any                                      | auth_failed         |
// | 404  | order_not_found                          | unknown_order       |
// | 418  | any (temporary IP/account block)         | ip_banned           |
// | 429  | any, or name too_many_requests           | rate_limited        |
// | 5xx  | any, place or cancel                     | outcome_unknown     |
// | 5xx  | any, query                               | server_error        |
// | 4xx  | unknown name                             | rejected_other      |
// | 4xx  | body not an error object, place/cancel   | outcome_unknown     |
// | 4xx  | body not an error object, query          | malformed_response  |
//
// (*) UNCONFIRMED: the reference gives no wire name for a reused
// `identifier`. We read any error naming the identifier as a duplicate.
// That is the safe reading: the order actor then asks for the order by its
// identifier (a retry may have reached Upbit the first time) instead of
// concluding that nothing was placed; if the query says order_not_found,
// it really was refused.
//
// An unreadable error body on a place or cancel means we cannot tell what
// Upbit did, so it is outcome_unknown (query, never assume), as are all
// 5xx answers to them.
#pragma once

#include "venues/common/venue_error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::venues::upbit {

/// What the failed request was trying to do; decides 5xx handling.
enum class request_kind : std::uint8_t {
  /// A read: GET of orders, accounts, quotes. Safe to repeat.
  query,
  /// POST /v1/orders.
  place_order,
  /// DELETE /v1/order (and other cancels).
  cancel_order,
};

/// One classified Upbit error answer.
struct upbit_error {
  venue_error code = venue_error::rejected_other;
  /// The HTTP status it came with.
  std::uint16_t http_status = 0;
  /// `error.name` as sent ("insufficient_funds_bid"); empty if the body had
  /// none. For logs and alerts; the engine decides on `code`.
  std::string name;
  /// `error.message` as sent (Korean text on api.upbit.com); may be empty.
  std::string message;
};

/// Returns the venue_error for an error name with no HTTP context, or
/// rejected_other for a name not in the table.
venue_error map_error_name(std::string_view name) noexcept;

/// Classifies a non-2xx answer. Never fails: any status and any body
/// (empty, HTML from a proxy, truncated JSON) gives a classification.
upbit_error parse_error(std::uint16_t http_status, std::string_view body,
                        request_kind kind);

/// A WebSocket error frame's names (INVALID_AUTH, WRONG_FORMAT, NO_TICKET,
/// NO_TYPE, NO_CODES, INVALID_PARAM) -> auth_failed for INVALID_AUTH,
/// invalid_parameter for the rest and for unknown names.
venue_error map_ws_error_name(std::string_view name) noexcept;

} // namespace tandem::venues::upbit
