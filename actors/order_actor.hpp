// One actor per live order: places it, owns its timeouts, queries it when
// an answer is missing (never assumes), applies stream updates, and reports
// every change to its parent as a leg_report. A retry of a query reuses the
// order's client id; the order itself is sent exactly once.
//
// Messages in: venues::order_update (the parent routes the venue's stream
// updates for this client id), cancel_atom (cancel on the venue),
// report_atom (replies a leg_report), venue_restarted (from the parent: the
// venue actor runs as a new instance). The actor quits once the order is
// terminal and reported; an order whose fate stayed unknown keeps the actor
// alive so that a late stream update still settles it (the parent ends it).
//
// A crashed venue actor loses no order: while it is down (down message, or
// a request bounced) queries are owed, not failed, and do not use up the
// tracker's query budget; on venue_restarted the actor points at the new
// instance and queries its order by client id there (the outage's stream
// updates are lost), applying the answer like a stream update when it had
// given up on the order.
#pragma once

#include "actors/order_tracker.hpp"
#include "core/order_request.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>

namespace tandem::actors {

struct order_actor_config {
  order_request req;
  /// The venue actor (actors/venue_protocol.hpp).
  caf::actor venue;
  /// Receives leg_report messages.
  caf::actor parent;
  tracker_policy policy;
  /// How long a place or query answer may take before we query instead.
  std::chrono::milliseconds answer_timeout{3000};
  /// An accepted order with no news for this long is queried (IOC orders
  /// should end at once; a quiet one means a lost stream update). 0 = off.
  std::chrono::milliseconds quiet_timeout{0};
  /// Passes the venue's halt gate (flatten, unwind, correction: orders
  /// that remove exposure during a halt). Legs never do.
  bool halt_exempt = false;
};

/// Spawns the order actor, which sends the order at once. It monitors
/// cfg.parent and quits when the parent is gone.
caf::actor spawn_order_actor(caf::actor_system& sys, order_actor_config cfg);

} // namespace tandem::actors
