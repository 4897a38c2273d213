#include "core/errors.hpp"

namespace tandem {

// Switches without `default:` so that -Wswitch flags a missing case.

std::string_view to_string(decimal_error e) noexcept {
  switch (e) {
    case decimal_error::empty: return "empty";
    case decimal_error::malformed: return "malformed";
    case decimal_error::precision_loss: return "precision_loss";
    case decimal_error::overflow: return "overflow";
    case decimal_error::division_by_zero: return "division_by_zero";
    case decimal_error::invalid_step: return "invalid_step";
  }
  return "unknown_decimal_error";
}

std::string_view to_string(validation_error e) noexcept {
  switch (e) {
    case validation_error::price_off_tick: return "price off tick";
    case validation_error::quantity_off_lot: return "quantity off lot";
    case validation_error::below_min_quantity: return "below min quantity";
    case validation_error::above_max_quantity: return "above max quantity";
    case validation_error::below_min_notional: return "below min notional";
    case validation_error::price_out_of_range: return "price out of range";
    case validation_error::non_positive_price: return "non-positive price";
    case validation_error::non_positive_quantity:
      return "non-positive quantity";
    case validation_error::missing_price: return "missing price";
    case validation_error::missing_stop_price: return "missing stop price";
    case validation_error::unexpected_price: return "unexpected price";
    case validation_error::missing_expiry: return "missing expiry";
    case validation_error::missing_trailing: return "missing trailing";
    case validation_error::bad_trailing: return "bad trailing";
    case validation_error::bad_client_order_id: return "bad client order id";
    case validation_error::bad_time_in_force: return "bad time in force";
    case validation_error::instrument_mismatch: return "instrument mismatch";
  }
  return "unknown validation error";
}

std::string_view to_string(order_error e) noexcept {
  switch (e) {
    case order_error::invalid_transition: return "invalid_transition";
    case order_error::overfill: return "overfill";
    case order_error::duplicate_fill: return "duplicate_fill";
    case order_error::fill_after_terminal: return "fill_after_terminal";
    case order_error::bad_fill: return "bad_fill";
    case order_error::overflow: return "overflow";
  }
  return "unknown_order_error";
}

std::string_view to_string(position_error e) noexcept {
  switch (e) {
    case position_error::instrument_mismatch: return "instrument_mismatch";
    case position_error::bad_fill: return "bad_fill";
    case position_error::overflow: return "overflow";
  }
  return "unknown_position_error";
}

} // namespace tandem
