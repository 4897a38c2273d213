// What one live order knows and what it should do next, as a pure state
// machine: the order actor (actors/order_actor.hpp) feeds it the venue's
// answers, stream updates and timeouts and carries out the step it returns.
// No CAF, no sockets, no clock: tested directly.
//
// Fills are counted by the venue's cumulative quantity, not by trade ids:
// the same execution can reach us on the user stream (with its trade id)
// and in a REST answer (only cum_qty and the average price), and a quantity
// already counted must never count twice. A REST answer that reveals new
// quantity produces one synthetic fill for the difference, priced so that
// our average matches the venue's.
#pragma once

#include "core/order.hpp"
#include "core/order_request.hpp"
#include "venues/common/events.hpp"
#include "venues/common/venue_session.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace tandem::actors {

/// How hard to try before giving up on learning an order's fate.
struct tracker_policy {
  /// Queries after an answer that never came or an outcome-unknown reply.
  int max_queries = 6;
  /// Delay before the first query; doubles up to query_delay_max.
  std::chrono::milliseconds query_delay{200};
  std::chrono::milliseconds query_delay_max{2000};
  /// Fee rate used for a synthetic fill whose fee the venue did not report
  /// (a REST answer that only gives cum_qty). 0.0005 = 0.05%.
  rate fee_rate;
};

/// What the order actor should do next.
enum class tracker_step : std::uint8_t {
  wait = 0,  ///< Nothing: the answer or the stream will move the order on.
  query = 1, ///< Ask the venue for the order's state after query_delay().
  done = 2,  ///< The order's fate is known (or given up on): see outcome().
};

/// The order's fate, as the pair coordinator needs it.
enum class leg_outcome : std::uint8_t {
  working = 0,  ///< Accepted or in flight, not terminal.
  filled = 1,   ///< Terminal, fully filled.
  closed = 2,   ///< Terminal (canceled/expired), maybe partly filled.
  rejected = 3, ///< Terminal: refused, nothing filled.
  /// Given up: queries did not tell whether the venue has it. The caller
  /// must treat its quantity as possibly live (escalate).
  unknown = 4,
  /// The venue has no such order after every query: it was never placed.
  absent = 5,
};

std::string_view to_string(leg_outcome o) noexcept;

class order_tracker {
 public:
  order_tracker(order_request req, tracker_policy policy);

  /// The answer to our place or query request.
  tracker_step on_answer(const venues::venue_result<venues::order_update>& r);
  /// The place (or query) answer did not come in time.
  tracker_step on_timeout();
  /// An update from the venue's user stream.
  tracker_step on_update(const venues::order_update& u);

  /// Delay before the query the last step asked for.
  std::chrono::milliseconds query_delay() const noexcept;

  const tandem::order& state() const noexcept { return order_; }
  leg_outcome outcome() const noexcept { return outcome_; }
  /// The venue's refusal or the last failure seen, if any.
  const std::optional<venues::venue_failure>& failure() const noexcept {
    return failure_;
  }
  /// Fills applied by the last input, in order (journal and positions).
  const std::vector<fill>& new_fills() const noexcept { return new_fills_; }
  /// True once the venue has acknowledged the order in any way.
  bool seen_by_venue() const noexcept { return seen_; }
  int queries_made() const noexcept { return queries_; }

 private:
  tracker_step apply_update(const venues::order_update& u);
  void apply_quantity(const venues::order_update& u);
  tracker_step ask_again();
  tracker_step settle();

  tandem::order order_;
  tracker_policy policy_;
  leg_outcome outcome_ = leg_outcome::working;
  std::optional<venues::venue_failure> failure_;
  std::vector<fill> new_fills_;
  int queries_ = 0;
  /// How many queries answered unknown_order in a row.
  int absent_answers_ = 0;
  bool seen_ = false;
  /// Set while a query is owed: an answer then counts as a query answer.
  bool querying_ = false;
};

} // namespace tandem::actors
