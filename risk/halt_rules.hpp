// When the engine must halt: the emergency stop's triggers as pure checks,
// each returning a halt_reason with the numbers, and a latch that holds the
// halt until an operator clears it. Persisting the latch, cancelling and
// flattening are the emergency-stop actor's job.
//
// Triggers:
// * daily_loss        day P&L <= -(daily_loss_pct % of capital_krw);
// * venue_errors      more than max_consecutive_venue_errors errors in a
//                     row from one venue (the "more than 10": the
//                     11th error with the default 10 halts);
// * position_mismatch our position and the venue's differ by one lot or
//                     more (less is rounding dust; a whole lot is a fill
//                     we missed or one that never happened);
// * failed_rollback   a pair settlement escalated;
// * venue_down        a venue stayed away while a pair was unhedged;
// * manual            an operator's stop.
#pragma once

#include "config/schema.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/venue.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::risk {

/// What triggered a halt. Numbers are stable (journaled).
enum class halt_trigger : std::uint8_t {
  daily_loss = 1,
  venue_errors = 2,
  position_mismatch = 3,
  failed_rollback = 4,
  manual = 5,
  venue_down = 6,
};

/// Returns "DAILY_LOSS", "VENUE_ERRORS", ...
std::string_view to_string(halt_trigger t) noexcept;

/// Why the engine halted, with the numbers, and when.
struct halt_reason {
  halt_trigger trigger = halt_trigger::manual;
  /// key=value numbers ("daily_pnl_krw=-300000 limit_krw=-300000").
  std::string detail;
  timestamp at;

  /// Returns "DAILY_LOSS: daily_pnl_krw=-300000 limit_krw=-300000".
  std::string message() const;
};

/// Returns a halt when the day's P&L reached the daily loss limit.
std::optional<halt_reason> check_daily_loss(money daily_pnl_krw,
                                            const config::risk_config& cfg,
                                            timestamp now);

/// Returns a halt when |ours - theirs| >= lot for one instrument.
std::optional<halt_reason>
check_position_mismatch(venue v, std::string_view symbol, quantity ours,
                        quantity theirs, quantity lot, timestamp now);

/// Returns the halt for a pair whose settlement escalated.
halt_reason failed_rollback(std::string_view pair_id, std::string_view what,
                            timestamp now);

/// Returns the halt for a venue that stayed away while a pair was unhedged.
halt_reason venue_down(venue v, std::int64_t away_ms, timestamp now);

/// Returns an operator's halt.
halt_reason manual_halt(std::string_view operator_name, std::string_view text,
                        timestamp now);

/// Consecutive errors per venue; any success resets that venue's count.
class venue_error_streak {
 public:
  /// Counts an error (`what`: its code, e.g. "SERVER_ERROR"). Returns a
  /// halt when the count exceeds max_consecutive_venue_errors.
  std::optional<halt_reason> on_error(venue v, std::string_view what,
                                      const config::risk_config& cfg,
                                      timestamp now);
  /// A successful call: the streak is over.
  void on_success(venue v) noexcept;
  /// Returns the current streak of `v`.
  std::int64_t count(venue v) const noexcept;

 private:
  std::array<std::int64_t, 8> counts_{}; // indexed by the venue's number
};

/// The halt state: once tripped, it stays until an operator clears it.
class halt_latch {
 public:
  /// Trips the latch; returns true if this call halted a running engine
  /// (further reasons are kept but do not halt again).
  bool trip(halt_reason r);
  /// Clears the halt; returns false (no change) if it was not halted or
  /// no operator is named.
  bool clear(std::string_view operator_name);

  bool halted() const noexcept { return halted_; }
  /// Every reason since the last clear, first one first.
  const std::vector<halt_reason>& reasons() const noexcept { return reasons_; }

 private:
  bool halted_ = false;
  std::vector<halt_reason> reasons_;
};

} // namespace tandem::risk
