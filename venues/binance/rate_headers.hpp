// Rate-limit usage from Binance response headers (reference B7):
// X-MBX-USED-WEIGHT-1M (IP weight used this minute), X-MBX-ORDER-COUNT-10S
// and -1M (account order counts) and Retry-After (seconds to wait).
#pragma once

#include "core/result.hpp"
#include "venues/common/venue_error.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tandem::venues::binance {

/// One received header, as the HTTP client hands it over.
struct header_view {
  std::string_view name;
  std::string_view value;
};

/// What the headers say; a header that was absent is nullopt (rejected
/// orders may lack the order counts).
struct rate_usage {
  /// IP request weight used in the current minute.
  std::optional<std::int64_t> used_weight_1m;
  /// Orders placed by the account in the current 10 s window.
  std::optional<std::int64_t> order_count_10s;
  /// Orders placed by the account in the current minute.
  std::optional<std::int64_t> order_count_1m;
  /// How long to wait before the next request (429/418 answers).
  std::optional<std::chrono::seconds> retry_after;
};

/// Reads the four headers, matching names case-insensitively (HTTP/2
/// lowercases them). A value that is not a plain non-negative decimal
/// integer, or a header repeated with different values, is
/// malformed_response. Retry-After in its HTTP-date form is malformed too:
/// Binance sends seconds (spot docs; UNCONFIRMED for fapi), and guessing a
/// date against our clock would make the codec read the time.
result<rate_usage, venue_error>
parse_rate_headers(std::span<const header_view> headers);

} // namespace tandem::venues::binance
