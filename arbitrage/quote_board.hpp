// The latest quotes per venue and symbol, with the time our socket read
// them, so that the strategy never trades on a stale or broken book.
//
// Freshness is judged on the receive time (recv_ts), not the venue's event
// time: the two venues' clocks differ from ours, ours is the one `now`
// comes from. A quote is fresh while now - recv_ts <= max_age; a quote
// stamped after `now` (clock reads on two threads) counts as fresh.
#pragma once

#include "core/clock.hpp"
#include "core/venue.hpp"
#include "venues/common/events.hpp"

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace tandem::arbitrage {

/// Returns true if a quote received at `recv_ts` is at most `max_age` old.
constexpr bool is_fresh(timestamp recv_ts, timestamp now,
                        std::chrono::nanoseconds max_age) noexcept {
  return now - recv_ts <= max_age;
}

/// Returns true if a top is tradable: both sides positive, not crossed.
constexpr bool is_sane(const venues::book_top& t) noexcept {
  return t.bid.is_positive() && t.ask.is_positive() && t.bid < t.ask;
}

/// A depth snapshot and when we received it.
struct depth_entry {
  venues::book_depth book;
  timestamp recv_ts;
};

/// Latest book top and depth per (venue, symbol). A handful of instruments:
/// lookups are a linear scan, without allocation after the first update.
class quote_board {
 public:
  /// Stores `t` as the latest top of (t.venue, t.symbol). Returns false and
  /// keeps the stored top when `t` is older: a lower non-zero update id, or
  /// an earlier recv_ts.
  bool update(const venues::book_top& t);

  /// Stores a depth snapshot received at `recv_ts` (same ordering rule on
  /// recv_ts as tops).
  bool update(venues::book_depth d, timestamp recv_ts);

  /// Returns the latest top, or nullptr if none was seen.
  const venues::book_top* top(venue v, std::string_view symbol) const noexcept;

  /// Returns the latest depth, or nullptr if none was seen.
  const depth_entry* depth(venue v, std::string_view symbol) const noexcept;

  /// Returns true if a top exists and is at most `max_age` old at `now`.
  bool fresh(venue v, std::string_view symbol, timestamp now,
             std::chrono::nanoseconds max_age) const noexcept;

  /// Returns true if a depth snapshot exists and is at most `max_age` old.
  bool depth_fresh(venue v, std::string_view symbol, timestamp now,
                   std::chrono::nanoseconds max_age) const noexcept;

 private:
  struct slot {
    tandem::venue venue;
    std::string symbol;
    std::optional<venues::book_top> top;
    std::optional<depth_entry> depth;
  };

  slot* find(venue v, std::string_view symbol) noexcept;
  const slot* find(venue v, std::string_view symbol) const noexcept;
  slot& find_or_add(venue v, std::string_view symbol);

  std::vector<slot> slots_;
};

} // namespace tandem::arbitrage
