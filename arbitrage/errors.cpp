#include "arbitrage/errors.hpp"

namespace tandem::arbitrage {

// No `default:`, so that -Wswitch flags a missing case.
std::string_view to_string(arbitrage_error e) noexcept {
  switch (e) {
    case arbitrage_error::non_positive_price: return "NON_POSITIVE_PRICE";
    case arbitrage_error::overflow: return "OVERFLOW";
    case arbitrage_error::insufficient_depth: return "INSUFFICIENT_DEPTH";
    case arbitrage_error::missing_quote: return "MISSING_QUOTE";
    case arbitrage_error::bad_book: return "BAD_BOOK";
    case arbitrage_error::non_positive_quantity: return "NON_POSITIVE_QUANTITY";
    case arbitrage_error::invalid_lot: return "INVALID_LOT";
    case arbitrage_error::invalid_leg: return "INVALID_LEG";
    case arbitrage_error::bad_fee: return "BAD_FEE";
    case arbitrage_error::bad_params: return "BAD_PARAMS";
    case arbitrage_error::unknown_order_ref: return "UNKNOWN_ORDER_REF";
    case arbitrage_error::bad_event: return "BAD_EVENT";
  }
  return "UNKNOWN_ARBITRAGE_ERROR";
}

} // namespace tandem::arbitrage
