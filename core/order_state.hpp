// The order state machine: one table of legal (state, event) -> state rows.
// Anything not in the table is order_error::invalid_transition.
#pragma once

#include "core/errors.hpp"
#include "core/result.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace tandem {

/// Where an order is in its life. Numbers are stable (journaled).
enum class order_status : std::uint8_t {
  pending_new = 1,      ///< Sent (or about to be); no venue answer yet.
  accepted = 2,         ///< Resting on the venue, nothing filled.
  partially_filled = 3, ///< Resting, part filled.
  filled = 4,           ///< Terminal: fully filled.
  pending_cancel = 5,   ///< Cancel sent, no answer yet.
  canceled = 6,         ///< Terminal: canceled (IOC/FOK leftovers too).
  pending_replace = 7,  ///< Replace sent, no answer yet.
  replaced = 8,         ///< Terminal: replaced by a new order (new id).
  rejected = 9,         ///< Terminal: the venue refused it.
  expired = 10,         ///< Terminal: GTD/venue expiry.
};

/// What happened to an order.
enum class order_event : std::uint8_t {
  accepted = 1,          ///< Venue acknowledged the order.
  rejected = 2,          ///< Venue refused the order.
  partial_fill = 3,      ///< A fill that leaves quantity open.
  fill = 4,              ///< A fill that completes the order.
  cancel_requested = 5,  ///< We asked the venue to cancel.
  cancel_rejected = 6,   ///< Venue refused the cancel (order lives on).
  canceled = 7,          ///< Venue confirmed the order is canceled.
  replace_requested = 8, ///< We asked the venue to replace.
  replace_rejected = 9,  ///< Venue refused the replace (order lives on).
  replaced = 10,         ///< Venue replaced it with a new order.
  expired = 11,          ///< Venue expired the order.
};

inline constexpr std::size_t order_status_count = 10;
inline constexpr std::size_t order_event_count = 11;

/// Returns true for filled, canceled, replaced, rejected and expired.
constexpr bool is_terminal(order_status s) noexcept {
  return s == order_status::filled || s == order_status::canceled
         || s == order_status::replaced || s == order_status::rejected
         || s == order_status::expired;
}

/// One legal move.
struct order_transition {
  order_status from;
  order_event event;
  order_status to;
};

// clang-format off
/// Every legal transition. Read top to bottom; odd rows say why.
/// "Restored" rows land on `accepted`; order::apply() turns that into
/// partially_filled when something was already filled.
namespace order_table {
using s = order_status;
using e = order_event;
inline constexpr std::array rows{
  //               from                    event                     to
  order_transition{s::pending_new,    e::accepted,         s::accepted},
  order_transition{s::pending_new,    e::rejected,         s::rejected},
  order_transition{s::pending_new,    e::partial_fill,     s::partially_filled}, // stream fill beats the REST ack
  order_transition{s::pending_new,    e::fill,             s::filled},           // stream fill beats the REST ack
  order_transition{s::pending_new,    e::cancel_requested, s::pending_cancel},   // cancel by client id before the ack
  order_transition{s::pending_new,    e::canceled,         s::canceled},         // IOC/FOK that never rested
  order_transition{s::pending_new,    e::expired,          s::expired},          // Binance IOC/FOK report EXPIRED
  order_transition{s::accepted,       e::accepted,         s::accepted},         // ack seen twice: REST reply and user stream
  order_transition{s::accepted,       e::partial_fill,     s::partially_filled},
  order_transition{s::accepted,       e::fill,             s::filled},
  order_transition{s::accepted,       e::cancel_requested, s::pending_cancel},
  order_transition{s::accepted,       e::canceled,         s::canceled},         // unsolicited: venue or operator cancel
  order_transition{s::accepted,       e::replace_requested,s::pending_replace},
  order_transition{s::accepted,       e::expired,          s::expired},
  order_transition{s::partially_filled,e::accepted,        s::partially_filled}, // late REST ack after a stream fill
  order_transition{s::partially_filled,e::partial_fill,    s::partially_filled},
  order_transition{s::partially_filled,e::fill,            s::filled},
  order_transition{s::partially_filled,e::cancel_requested,s::pending_cancel},
  order_transition{s::partially_filled,e::canceled,        s::canceled},         // unsolicited, or IOC remainder
  order_transition{s::partially_filled,e::replace_requested,s::pending_replace},
  order_transition{s::partially_filled,e::expired,         s::expired},
  order_transition{s::pending_cancel, e::accepted,         s::pending_cancel},   // late ack; the cancel is still in flight
  order_transition{s::pending_cancel, e::partial_fill,     s::pending_cancel},   // fill races the cancel; wait for its answer
  order_transition{s::pending_cancel, e::fill,             s::filled},           // the fill won the race
  order_transition{s::pending_cancel, e::cancel_requested, s::pending_cancel},   // retry with the same client id
  order_transition{s::pending_cancel, e::cancel_rejected,  s::accepted},         // restored
  order_transition{s::pending_cancel, e::canceled,         s::canceled},
  order_transition{s::pending_cancel, e::expired,          s::expired},
  order_transition{s::pending_replace,e::accepted,         s::pending_replace},  // late ack; the replace is still in flight
  order_transition{s::pending_replace,e::partial_fill,     s::pending_replace},  // fill races the replace
  order_transition{s::pending_replace,e::fill,             s::filled},           // the fill won the race
  order_transition{s::pending_replace,e::cancel_requested, s::pending_cancel},   // a cancel supersedes the replace
  order_transition{s::pending_replace,e::replace_rejected, s::accepted},         // restored
  order_transition{s::pending_replace,e::replaced,         s::replaced},
  order_transition{s::pending_replace,e::canceled,         s::canceled},         // venue canceled instead of replacing
  order_transition{s::pending_replace,e::expired,          s::expired},
  order_transition{s::filled,         e::accepted,         s::filled},           // late REST ack after the stream's final fill
  order_transition{s::canceled,       e::accepted,         s::canceled},         // late REST ack after an IOC was canceled
  order_transition{s::expired,        e::accepted,         s::expired},          // late REST ack after an IOC expired
};
} // namespace order_table
// clang-format on

inline constexpr const auto& order_transitions = order_table::rows;

namespace detail {

/// The table as a dense [status][event] lookup, built at compile time;
/// 0 marks an illegal pair.
constexpr auto make_transition_lookup() {
  std::array<std::array<std::uint8_t, order_event_count + 1>,
             order_status_count + 1>
    lookup{};
  for (const auto& row : order_transitions)
    lookup[static_cast<std::size_t>(row.from)]
          [static_cast<std::size_t>(row.event)]
      = static_cast<std::uint8_t>(row.to);
  return lookup;
}

inline constexpr auto transition_lookup = make_transition_lookup();

} // namespace detail

/// Returns the state after `e` in state `s`, or invalid_transition.
constexpr result<order_status, order_error> transition(order_status s,
                                                       order_event e) noexcept {
  auto si = static_cast<std::size_t>(s);
  auto ei = static_cast<std::size_t>(e);
  if (si == 0 || si > order_status_count || ei == 0 || ei > order_event_count)
    return failure{order_error::invalid_transition};
  auto to = detail::transition_lookup[si][ei];
  if (to == 0)
    return failure{order_error::invalid_transition};
  return static_cast<order_status>(to);
}

std::string_view to_string(order_status s) noexcept;
std::string_view to_string(order_event e) noexcept;

} // namespace tandem
