// The messages a venue actor understands and the ones it pushes to its
// subscribers. One protocol for every venue: the engine never talks to a
// venue any other way. Include only from actor translation units (it pulls
// in CAF's atom header).
//
// Requests (reply in parentheses; a failure is a venue_failure, never a
// caf::error, so callers see the venue's reason):
//   place_atom, order_request                 -> order_reply
//   place_atom, order_request, halt_exempt_atom -> order_reply; passes the
//                                             halt gate (flatten, unwind)
//   cancel_atom, std::string symbol, client_order_id -> order_reply
//   query_atom, std::string symbol, client_order_id  -> order_reply
//   cancel_all_atom, std::string symbol       -> count_reply
//   open_orders_atom, std::string symbol      -> orders_reply
//   balances_atom                             -> balances_reply
//   positions_atom                            -> positions_reply
//   status_atom                               -> venue_status
//   block_atom, bool on, std::string reason   -> bool (the gate's state)
//     The halt gate. While on, places are answered venue_error::blocked
//     at once (never sent) and the session drops the places it queued but
//     had not written, except exempt ones; cancels, queries and reads flow.
//     A query for an order the gate held back is answered blocked too.
// Subscriptions (no reply):
//   subscribe_atom, caf::actor who            every event below goes to who
//   quotes_atom, std::vector<std::string>     adds market-data symbols
// Events pushed to subscribers, as one-element messages:
//   venues::book_top, venues::book_depth, venues::order_update,
//   std::vector<venues::balance>, venues::position_snapshot,
//   venues::session_status
#pragma once

#include "core/order_request.hpp"
#include "venues/common/events.hpp"
#include "venues/common/venue_session.hpp"

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace tandem::actors {

using place_atom = caf::atom_constant<caf::atom("place")>;
using cancel_atom = caf::atom_constant<caf::atom("cancel")>;
using query_atom = caf::atom_constant<caf::atom("query")>;
using cancel_all_atom = caf::atom_constant<caf::atom("cancelall")>;
using open_orders_atom = caf::atom_constant<caf::atom("openorders")>;
using balances_atom = caf::atom_constant<caf::atom("balances")>;
using positions_atom = caf::atom_constant<caf::atom("positions")>;
using status_atom = caf::atom_constant<caf::atom("status")>;
using subscribe_atom = caf::atom_constant<caf::atom("subscribe")>;
using quotes_atom = caf::atom_constant<caf::atom("quotes")>;
using block_atom = caf::atom_constant<caf::atom("block")>;
using halt_exempt_atom = caf::atom_constant<caf::atom("haltexempt")>;

using order_reply = venues::venue_result<venues::order_update>;
using count_reply = venues::venue_result<std::size_t>;
using orders_reply = venues::venue_result<std::vector<venues::order_update>>;
using balances_reply = venues::venue_result<std::vector<venues::balance>>;
using positions_reply
  = venues::venue_result<std::vector<venues::position_snapshot>>;

/// What status_atom answers.
struct venue_status {
  tandem::venue venue = venue::upbit;
  /// Market-data and user streams both connected.
  bool connected = false;
  /// Requests sent and failed since start.
  std::size_t requests = 0;
  std::size_t failures = 0;
  /// Consecutive failed requests (reset by a success).
  std::size_t consecutive_failures = 0;
  /// Rate-limit headroom per group and REST round trip (microseconds), as
  /// the session measured them when asked.
  venues::session_stats stats;
};

} // namespace tandem::actors

// Local-only message types: they never cross a process boundary, so they
// need no serialization (CAF 0.17 asks for inspect() otherwise).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::order_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::client_order_id)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::venues::book_top)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::venues::book_depth)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::venues::order_update)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::venues::position_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::venues::session_status)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<tandem::venues::balance>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::order_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::count_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::orders_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::balances_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::positions_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::venue_status)
