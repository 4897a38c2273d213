// How much BTC a pair trades: the same quantity on both legs, on a lot both
// venues accept, no more than the config, the books and the caller allow,
// and enough to pass both venues' minimums.
//
//   qty = round_down(min(target, cap, upbit depth, binance depth,
//                        each venue's max_qty), common lot)
//
// The common lot is the least common multiple of the two lot steps (Binance
// BTCUSDT 0.001, Upbit KRW-BTC 0.00000001 -> 0.001), so one quantity is on
// both grids. Depth is what the book offers at prices no worse than the
// leg's limit price. Below either venue's min_qty or min_notional (at the
// leg's limit price; Binance skips MIN_NOTIONAL for reduce-only orders) the
// pair is not traded, and the refusal says why with the numbers.
#pragma once

#include "arbitrage/errors.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "venues/common/events.hpp"

#include <optional>
#include <span>
#include <string>

namespace tandem::arbitrage {

/// One leg as sizing sees it.
struct sized_leg {
  /// The instrument (tick, lot, minimums); must outlive the call.
  const instrument* inst = nullptr;
  /// The leg's limit price, quote currency (KRW or USDT).
  price limit;
  /// Base units (BTC) on the book at or better than `limit`.
  quantity available;
  /// A reduce-only order (Binance exits, unwinds).
  bool reduce_only = false;
};

/// What to size.
struct sizing_request {
  /// BTC per leg wanted: kimchi.order_qty on entry, the hedged quantity on
  /// exit.
  quantity target;
  /// Caller caps (risk headroom, balances), BTC; max() for none.
  quantity cap = quantity::max();
  sized_leg upbit;
  sized_leg binance;
};

/// Why a pair gets no size.
enum class size_refusal_reason : std::uint8_t {
  /// Nothing left after the caps, depth and rounding to the common lot.
  zero_quantity = 1,
  /// Below a venue's minimum quantity.
  below_min_qty = 2,
  /// Below a venue's minimum notional.
  below_min_notional = 3,
  /// A lot step is not positive, or the common lot overflows.
  bad_lot = 4,
  /// A leg without an instrument, or arithmetic overflow.
  bad_input = 5,
};

/// Returns "ZERO_QUANTITY", "BELOW_MIN_QTY", ...
std::string_view to_string(size_refusal_reason r) noexcept;

/// A refusal with the numbers ("venue=binance notional=97 min=100 USDT").
struct size_refusal {
  size_refusal_reason reason = size_refusal_reason::zero_quantity;
  std::string detail;

  /// Returns "BELOW_MIN_NOTIONAL: venue=binance ...".
  std::string message() const;
};

/// Returns the smallest positive quantity on both lot grids (their LCM).
/// Errors: invalid_lot (a non-positive step), overflow.
result<quantity, arbitrage_error> common_lot(quantity a, quantity b) noexcept;

/// Returns the base quantity on `levels` (best first) at prices no worse
/// than `limit` for a taker on `taker` side (asks <= limit for a buy, bids
/// >= limit for a sell). Saturates at quantity::max().
quantity depth_within(std::span<const venues::book_level> levels, side taker,
                      price limit) noexcept;

/// Returns the pair quantity (BTC, on the common lot), or why there is none.
result<quantity, size_refusal> size_pair(const sizing_request& r);

} // namespace tandem::arbitrage
