// Error codes of arbitrage/: premium math, sizing, signals and leg plans.
// Numbered 9xx (core 1xx-5xx, auth 6xx, venue 7xx, net 8xx); numbers are
// pinned, a retired code is commented out, never reused.
#pragma once

#include <cstdint>
#include <string_view>

namespace tandem::arbitrage {

/// Why a premium, a size or a leg plan could not be computed.
enum class arbitrage_error : std::uint16_t {
  /// A price (quote, level, conversion rate) is zero or negative.
  non_positive_price = 900,
  /// Arithmetic left the 64-bit fixed-point range.
  overflow = 901,
  /// The book holds less than the quantity asked for.
  insufficient_depth = 902,
  /// A quote the computation needs is missing from the quote board.
  missing_quote = 903,
  /// A book is crossed or empty (bid >= ask, or a zero side).
  bad_book = 904,
  /// A quantity is zero or negative where a positive one is needed.
  non_positive_quantity = 905,
  /// A lot step is zero or negative.
  invalid_lot = 906,
  /// A planned leg order breaks its instrument's rules.
  invalid_leg = 907,
  /// A fee rate outside [0, 1).
  bad_fee = 908,
  /// Strategy parameters that contradict each other or the instruments.
  bad_params = 909,
  /// A settlement event names an order the pair never had.
  unknown_order_ref = 910,
  /// A settlement event that cannot be true (a fill of zero or less).
  bad_event = 911,
};

/// Returns a stable SCREAMING_CASE name, e.g. "INSUFFICIENT_DEPTH".
std::string_view to_string(arbitrage_error e) noexcept;

} // namespace tandem::arbitrage
