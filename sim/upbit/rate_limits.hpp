// Upbit's per-second request budgets (protocol reference A7): each call
// counts against one group for one caller (the account for Exchange calls,
// the IP for quotation calls) in a window aligned to the second (the batch
// cancel's group: to its 2 s window). Over the
// budget the answer is 429; a caller that keeps going after
// `violations_before_block` 429s in a row is blocked (418) for
// `block_duration`. Pure: time is a parameter.
#pragma once

#include "core/clock.hpp"
#include "sim/upbit/config.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace tandem::sim::upbit {

/// What the limiter says about one call.
struct rate_verdict {
  enum class kind : std::uint8_t {
    /// Counted; `remaining` calls are left in this second.
    allowed,
    /// Over the budget: answer 429.
    limited,
    /// The caller is blocked: answer 418.
    blocked,
  };
  kind verdict = kind::allowed;
  /// Calls left in the current second (0 when limited or blocked).
  std::int32_t remaining = 0;
  /// For blocked: how long the block still lasts.
  std::chrono::seconds block_left{0};
};

/// Counts calls per (caller, group) and blocks callers that ignore 429s.
class rate_limiter {
 public:
  explicit rate_limiter(rate_limit_config cfg) : cfg_(cfg) {}

  /// Counts one call by `caller` against `group`: at most `budget` calls
  /// per `window` (aligned to the epoch).
  rate_verdict admit(std::string_view caller, std::string_view group,
                     std::int32_t budget, timestamp now,
                     std::chrono::milliseconds window
                     = std::chrono::seconds{1});

 private:
  struct window {
    /// Index of the window (time / window length).
    std::int64_t second = -1;
    std::int32_t used = 0;
  };
  struct caller_state {
    std::int32_t violations = 0;
    timestamp blocked_until{};
  };
  rate_limit_config cfg_;
  std::map<std::pair<std::string, std::string>, window> windows_;
  std::map<std::string, caller_state, std::less<>> callers_;
};

} // namespace tandem::sim::upbit
