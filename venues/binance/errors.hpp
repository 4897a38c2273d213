// Binance USD-M futures error answers -> venue_error.
//
// An error answer is an HTTP status plus, usually, a body
// {"code":-2019,"msg":"Margin is insufficient."}. Codes are stable, messages
// vary (reference B8), so the table below maps codes; the message is only
// consulted where Binance overloads one code (-1003 rate limit vs ban, -1013
// filter failures) or sends no code at all (HTTP 503 variants, B7).
//
// Order of rules in map_error():
//   1. HTTP 418 -> ip_banned, HTTP 429 -> rate_limited (whatever the body).
//   2. A code in code_table -> its row (with the message refinements above).
//   3. A code in -1100..-1199 (parameter errors) -> invalid_parameter.
//   4. HTTP 503: "Service Unavailable" / "Internal error" -> server_error
//      (a definite failure); anything else, "Unknown error" included ->
//      outcome_unknown. Other 5xx and 408 -> outcome_unknown.
//   5. HTTP 401 -> auth_failed; any other 4xx with an unknown code ->
//      rejected_other; a 4xx whose body does not parse -> malformed_response.
#pragma once

#include "venues/common/venue_error.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace simdjson::dom {
class parser;
} // namespace simdjson::dom

namespace tandem::venues::binance {

/// One row of the code table: Binance code, our error, Binance's name.
struct error_row {
  int code;
  venue_error error;
  std::string_view name;
};

// clang-format off
/// Every Binance code with a specific meaning for the engine.
inline constexpr std::array code_table{
  //       code   venue_error                                name (reference B8 / Binance error-code page)
  error_row{-1000, venue_error::outcome_unknown,          "UNKNOWN"},                    // "unknown error": may have acted
  error_row{-1001, venue_error::server_error,             "DISCONNECTED"},               // "Internal error; unable to process": a definite failure (B7)
  error_row{-1002, venue_error::auth_failed,              "UNAUTHORIZED"},
  error_row{-1003, venue_error::rate_limited,             "TOO_MANY_REQUESTS"},          // "...IP banned until" -> ip_banned
  error_row{-1006, venue_error::outcome_unknown,          "UNEXPECTED_RESP"},            // "Execution status unknown"
  error_row{-1007, venue_error::outcome_unknown,          "TIMEOUT"},                    // "Timeout waiting for response from backend server"
  error_row{-1008, venue_error::server_error,             "SERVER_BUSY"},                // system-level throttle: "100% failure", retry with backoff
  error_row{-1013, venue_error::invalid_parameter,        "INVALID_MESSAGE"},            // spot-style "Filter failure: X" refined by message
  error_row{-1015, venue_error::rate_limited,             "TOO_MANY_ORDERS"},
  error_row{-1016, venue_error::server_error,             "SERVICE_SHUTTING_DOWN"},
  error_row{-1021, venue_error::timestamp_outside_window, "INVALID_TIMESTAMP"},
  error_row{-1022, venue_error::auth_failed,              "INVALID_SIGNATURE"},
  error_row{-1099, venue_error::auth_failed,              "NOT_FOUND"},                  // "Not found, unauthenticated, or unauthorized"
  error_row{-1111, venue_error::price_off_tick,           "BAD_PRECISION"},              // too many decimals; Binance does not say price or qty
  error_row{-1121, venue_error::invalid_parameter,        "BAD_SYMBOL"},
  error_row{-1122, venue_error::market_closed,            "INVALID_SYMBOL_STATUS"},      // symbol not TRADING
  error_row{-1125, venue_error::listen_key_expired,       "INVALID_LISTEN_KEY"},
  error_row{-2010, venue_error::rejected_other,           "NEW_ORDER_REJECTED"},
  error_row{-2011, venue_error::unknown_order,            "CANCEL_REJECTED"},            // "Unknown order sent."
  error_row{-2013, venue_error::unknown_order,            "NO_SUCH_ORDER"},
  error_row{-2014, venue_error::auth_failed,              "BAD_API_KEY_FMT"},
  error_row{-2015, venue_error::auth_failed,              "REJECTED_MBX_KEY"},
  error_row{-2017, venue_error::auth_failed,              "API_KEYS_LOCKED"},
  error_row{-2018, venue_error::insufficient_funds,       "BALANCE_NOT_SUFFICIENT"},
  error_row{-2019, venue_error::insufficient_funds,       "MARGIN_NOT_SUFFICIEN"},       // sic
  error_row{-2020, venue_error::rejected_other,           "UNABLE_TO_FILL"},
  error_row{-2021, venue_error::would_cross,              "ORDER_WOULD_IMMEDIATELY_TRIGGER"},
  error_row{-2022, venue_error::reduce_only_rejected,     "REDUCE_ONLY_REJECT"},
  error_row{-2023, venue_error::rejected_other,           "USER_IN_LIQUIDATION"},
  error_row{-2024, venue_error::reduce_only_rejected,     "POSITION_NOT_SUFFICIENT"},    // closing more than the position
  error_row{-2025, venue_error::too_many_open_orders,     "MAX_OPEN_ORDER_EXCEEDED"},
  error_row{-2026, venue_error::invalid_parameter,        "REDUCE_ONLY_ORDER_TYPE_NOT_SUPPORTED"},
  error_row{-2027, venue_error::rejected_other,           "MAX_LEVERAGE_RATIO"},         // position too big for this leverage
  error_row{-2028, venue_error::insufficient_funds,       "MIN_LEVERAGE_RATIO"},         // "insufficient margin balance"
  error_row{-4001, venue_error::invalid_parameter,        "PRICE_LESS_THAN_ZERO"},
  error_row{-4002, venue_error::invalid_parameter,        "PRICE_GREATER_THAN_MAX_PRICE"},
  error_row{-4003, venue_error::bad_quantity,             "QTY_LESS_THAN_ZERO"},
  error_row{-4004, venue_error::below_minimum,            "QTY_LESS_THAN_MIN_QTY"},
  error_row{-4005, venue_error::bad_quantity,             "QTY_GREATER_THAN_MAX_QTY"},
  error_row{-4013, venue_error::invalid_parameter,        "PRICE_LESS_THAN_MIN_PRICE"},
  error_row{-4014, venue_error::price_off_tick,           "PRICE_NOT_INCREASED_BY_TICK_SIZE"},
  error_row{-4015, venue_error::invalid_parameter,        "INVALID_CL_ORD_ID_LEN"},
  error_row{-4016, venue_error::invalid_parameter,        "PRICE_HIGHTER_THAN_MULTIPLIER_UP"}, // sic; PERCENT_PRICE cap
  error_row{-4023, venue_error::bad_quantity,             "QTY_NOT_INCREASED_BY_STEP_SIZE"},
  error_row{-4024, venue_error::invalid_parameter,        "PRICE_LOWER_THAN_MULTIPLIER_DOWN"},
  error_row{-4028, venue_error::invalid_parameter,        "INVALID_LEVERAGE"},
  error_row{-4061, venue_error::invalid_parameter,        "POSITION_SIDE_NOT_MATCH"},
  error_row{-4116, venue_error::duplicate_client_id,      "DUPLICATED_CLIENT_ORDER_ID"},
  error_row{-4120, venue_error::invalid_parameter,        "ALGO_ORDER_TYPE_ON_ORDER_ENDPOINT"}, // conditional types moved to /fapi/v1/algoOrder
  error_row{-4131, venue_error::rejected_other,           "MARKET_ORDER_REJECT"},        // PERCENT_PRICE: book too thin
  error_row{-4164, venue_error::below_minimum,            "MIN_NOTIONAL"},
  error_row{-5021, venue_error::rejected_other,           "FOK_ORDER_REJECT"},           // not fully fillable at once
  error_row{-5022, venue_error::would_cross,              "GTX_ORDER_REJECT"},           // post-only would take
  error_row{-5028, venue_error::timestamp_outside_window, "ME_RECVWINDOW_REJECT"},       // reached the matching engine too late
  error_row{-5040, venue_error::invalid_parameter,        "FUTURE_GOOD_TILL_DATE"},      // goodTillDate not in (now+600s, 9999-12-31]
};
// clang-format on

/// A decoded error answer, with what is needed for the log line.
struct api_error {
  venue_error error = venue_error::rejected_other;
  /// The HTTP status of the answer.
  int http_status = 0;
  /// Binance's code, when the body carried one.
  std::optional<int> code;
  /// Binance's message (or the start of a non-JSON body), for logs only.
  std::string message;
};

/// Returns the venue_error for an HTTP status, an optional Binance code and
/// its message, by the rules at the top of this file.
venue_error map_error(int http_status, std::optional<int> code,
                      std::string_view message) noexcept;

/// Decodes an error answer. Never fails: a body that does not parse still
/// yields an api_error decided by the HTTP status (rules 1, 4, 5).
api_error parse_error(simdjson::dom::parser& parser, int http_status,
                      std::string_view body);

} // namespace tandem::venues::binance
