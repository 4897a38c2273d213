// Every error code of core/, in one place, numbered by subsystem
// (exchange-core style): decimal 1xx, validation 2xx, order 3xx, position 4xx,
// config 5xx (config/). Numbers are pinned; a retired code is commented out,
// never reused.
#pragma once

#include <cstdint>
#include <string_view>

namespace tandem {

/// Errors of fixed-point parsing and arithmetic (core/decimal.hpp).
enum class decimal_error : std::uint16_t {
  /// The input string was empty.
  empty = 100,
  /// Not a decimal number: a stray character, no digits, a bad exponent.
  malformed = 101,
  /// The value has more significant decimals than the type's scale.
  precision_loss = 102,
  /// The value does not fit the type's 64-bit raw representation.
  overflow = 103,
  /// Division by zero.
  division_by_zero = 104,
  /// A tick or lot step that is zero or negative.
  invalid_step = 105,
};

/// Why an order or a value breaks an instrument's or an order's rules.
enum class validation_error : std::uint16_t {
  /// Price is not a multiple of the instrument's tick at that price.
  price_off_tick = 200,
  /// Quantity is not a multiple of the instrument's lot step.
  quantity_off_lot = 201,
  /// Quantity below the instrument's minimum quantity.
  below_min_quantity = 202,
  /// Quantity above the instrument's maximum quantity.
  above_max_quantity = 203,
  /// Price x quantity (x multiplier) below the minimum notional.
  below_min_notional = 204,
  /// Price outside the instrument's [min, max] price range.
  price_out_of_range = 205,
  /// Price is zero or negative.
  non_positive_price = 206,
  /// Quantity is zero or negative.
  non_positive_quantity = 207,
  /// The order type needs a limit price and has none.
  missing_price = 208,
  /// The order type needs a stop (trigger) price and has none.
  missing_stop_price = 209,
  /// A price was given for an order type that takes none (market).
  unexpected_price = 210,
  /// Time in force GTD without an expiry, or an expiry without GTD.
  missing_expiry = 211,
  /// A trailing stop without a trailing amount or rate.
  missing_trailing = 212,
  /// A trailing stop with both an amount and a rate, or either on a
  /// non-trailing order.
  bad_trailing = 213,
  /// The client order id is empty, too long or has unsafe characters.
  bad_client_order_id = 214,
  /// Time in force not allowed for this order type (e.g. market GTC+GTD).
  bad_time_in_force = 215,
  /// The order is for another instrument than the one it is checked against.
  instrument_mismatch = 216,
};

/// Errors of the order state machine (core/order_state.hpp, core/order.hpp).
enum class order_error : std::uint16_t {
  /// The (state, event) pair is not a row of the transition table.
  invalid_transition = 300,
  /// A fill would take the filled quantity above the order quantity.
  overfill = 301,
  /// A fill with a venue trade id that was already applied.
  duplicate_fill = 302,
  /// A fill arrived after the order reached a terminal state.
  fill_after_terminal = 303,
  /// A fill with zero or negative quantity, or a non-positive price.
  bad_fill = 304,
  /// Arithmetic overflow while accumulating fills.
  overflow = 305,
};

/// Errors of position keeping (core/position.hpp).
enum class position_error : std::uint16_t {
  /// A fill for another instrument than the position's.
  instrument_mismatch = 400,
  /// A fill with zero or negative quantity or price.
  bad_fill = 401,
  /// Arithmetic overflow in P&L or quantity.
  overflow = 402,
};

/// Returns a stable lowercase name, e.g. "precision_loss".
std::string_view to_string(decimal_error e) noexcept;
/// Returns the human reason, e.g. "price off tick".
std::string_view to_string(validation_error e) noexcept;
/// Returns a stable lowercase name, e.g. "overfill".
std::string_view to_string(order_error e) noexcept;
/// Returns a stable lowercase name, e.g. "instrument_mismatch".
std::string_view to_string(position_error e) noexcept;

} // namespace tandem
