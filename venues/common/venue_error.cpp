#include "venues/common/venue_error.hpp"

namespace tandem::venues {

std::string_view to_string(venue_error e) noexcept {
  switch (e) {
    case venue_error::insufficient_funds: return "INSUFFICIENT_FUNDS";
    case venue_error::below_minimum: return "BELOW_MINIMUM";
    case venue_error::price_off_tick: return "PRICE_OFF_TICK";
    case venue_error::bad_quantity: return "BAD_QUANTITY";
    case venue_error::unknown_order: return "UNKNOWN_ORDER";
    case venue_error::timestamp_outside_window:
      return "TIMESTAMP_OUTSIDE_WINDOW";
    case venue_error::rate_limited: return "RATE_LIMITED";
    case venue_error::ip_banned: return "IP_BANNED";
    case venue_error::outcome_unknown: return "OUTCOME_UNKNOWN";
    case venue_error::auth_failed: return "AUTH_FAILED";
    case venue_error::duplicate_client_id: return "DUPLICATE_CLIENT_ID";
    case venue_error::invalid_parameter: return "INVALID_PARAMETER";
    case venue_error::market_closed: return "MARKET_CLOSED";
    case venue_error::reduce_only_rejected: return "REDUCE_ONLY_REJECTED";
    case venue_error::malformed_response: return "MALFORMED_RESPONSE";
    case venue_error::unknown_enum_value: return "UNKNOWN_ENUM_VALUE";
    case venue_error::server_error: return "SERVER_ERROR";
    case venue_error::would_cross: return "WOULD_CROSS";
    case venue_error::too_many_open_orders: return "TOO_MANY_OPEN_ORDERS";
    case venue_error::rejected_other: return "REJECTED_OTHER";
    case venue_error::listen_key_expired: return "LISTEN_KEY_EXPIRED";
    case venue_error::blocked: return "BLOCKED";
  }
  return "UNKNOWN_VENUE_ERROR";
}

venue_error from_validation(validation_error e) noexcept {
  switch (e) {
    case validation_error::price_off_tick: return venue_error::price_off_tick;
    case validation_error::quantity_off_lot:
    case validation_error::above_max_quantity: return venue_error::bad_quantity;
    case validation_error::below_min_quantity:
    case validation_error::below_min_notional:
      return venue_error::below_minimum;
    case validation_error::price_out_of_range:
    case validation_error::non_positive_price:
    case validation_error::non_positive_quantity:
    case validation_error::missing_price:
    case validation_error::missing_stop_price:
    case validation_error::unexpected_price:
    case validation_error::missing_expiry:
    case validation_error::missing_trailing:
    case validation_error::bad_trailing:
    case validation_error::bad_client_order_id:
    case validation_error::bad_time_in_force:
    case validation_error::instrument_mismatch:
      return venue_error::invalid_parameter;
  }
  return venue_error::invalid_parameter;
}

} // namespace tandem::venues
