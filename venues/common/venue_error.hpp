// Why a venue refused or failed a request, as the engine sees it: every
// venue's error bodies map onto these (the mapping lives in each venue's
// codec). Numbered in the 7xx range; numbers are pinned, never reused.
#pragma once

#include "core/errors.hpp"

#include <cstdint>
#include <string_view>

namespace tandem::venues {

/// A venue-level failure. What to do next is decided by classify().
enum class venue_error : std::uint16_t {
  /// Not enough balance or margin for the order.
  insufficient_funds = 700,
  /// Quantity or notional below the venue's minimum.
  below_minimum = 701,
  /// Price not on the venue's tick grid.
  price_off_tick = 702,
  /// Quantity not on the venue's lot grid, or above its maximum.
  bad_quantity = 703,
  /// The venue does not know this order (cancel/query by id).
  unknown_order = 704,
  /// Our timestamp is outside the venue's receive window (clock drift).
  timestamp_outside_window = 705,
  /// Too many requests (HTTP 429); retry after the venue's delay.
  rate_limited = 706,
  /// The IP is banned for a while (Binance HTTP 418).
  ip_banned = 707,
  /// The venue did not say whether it acted (Binance 503 "Unknown error",
  /// a timeout after the request was sent): query the order, never assume.
  outcome_unknown = 708,
  /// Bad key, bad signature, expired token or missing permission.
  auth_failed = 709,
  /// A client order id that the venue has seen before.
  duplicate_client_id = 710,
  /// A missing, malformed or out-of-range parameter.
  invalid_parameter = 711,
  /// The market is closed, halted or not trading this symbol.
  market_closed = 712,
  /// A reduce-only order that would not reduce the position.
  reduce_only_rejected = 713,
  /// The venue's answer could not be parsed (malformed or truncated JSON).
  malformed_response = 714,
  /// A field carried an enum value this codec does not know.
  unknown_enum_value = 715,
  /// A 5xx answer that is known not to have acted (e.g. maintenance).
  server_error = 716,
  /// The order would cross the book (post-only) or trigger at once.
  would_cross = 717,
  /// Too many open orders on the venue.
  too_many_open_orders = 718,
  /// The order was refused for a reason with no finer mapping.
  rejected_other = 719,
  /// A user-stream listen key that expired or is unknown.
  listen_key_expired = 720,
  /// The engine held the request back and never sent it: new orders are
  /// blocked (an emergency-stop halt). The venue never saw the order, so
  /// it is known absent; nothing to query.
  blocked = 721,
};

/// Returns a stable SCREAMING_CASE name, e.g. "INSUFFICIENT_FUNDS".
std::string_view to_string(venue_error e) noexcept;

/// Returns the venue error a codec reports when core's rules refuse an
/// order before it is sent (tick, lot, minimum, shape).
venue_error from_validation(validation_error e) noexcept;

} // namespace tandem::venues
