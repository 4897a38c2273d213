// The `Remaining-Req` header every Upbit REST answer carries:
//   Remaining-Req: group=default; min=1800; sec=29
// `group` names the rate-limit group the call counted against, `sec` is the
// number of calls left in the current second, `min` is deprecated and fixed
// (docs.upbit.com rate-limits: "참조 대상에서 제외"). Over the limit Upbit
// answers 429; repeated 429s earn a temporary block answered with 418.
#pragma once

#include "core/result.hpp"
#include "venues/common/venue_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tandem::venues::upbit {

/// The name of the header.
inline constexpr std::string_view remaining_req_header = "Remaining-Req";

/// A parsed `Remaining-Req` value.
struct remaining_req {
  /// The rate-limit group: "default", "order", "market", ... Group names
  /// other than default/order are UNCONFIRMED, so any [a-z0-9._-]+ is kept.
  std::string group;
  /// Calls left in the current second (>= 0).
  std::int32_t sec = 0;
  /// The deprecated per-minute figure, if sent. Never use it for limiting.
  std::optional<std::int32_t> min;
};

/// Parses the header value. `key=value` pairs split by ';', spaces around
/// them allowed, any order; `group` and `sec` required, `min` optional,
/// unknown keys ignored (Upbit may add some). Errors: malformed_response
/// for anything else (empty, missing '=', repeated key, a non-numeric or
/// out-of-range count, an empty or odd group name).
result<remaining_req, venue_error> parse_remaining_req(std::string_view value);

} // namespace tandem::venues::upbit
