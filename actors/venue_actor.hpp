// The venue actor: one per venue, the only way the engine talks to a venue.
// It owns one venues::venue_session, speaks actors/venue_protocol.hpp and
// turns the session's I/O-thread callbacks into messages, so every reply
// and every pushed event is handled in the actor's own context.
//
// Requests: each one gets a request id and a caf::response_promise; the
// session's callback (I/O thread) sends (id, answer) back to the actor,
// which delivers the promise. A request the session never answers is
// answered by the actor after `request_deadline`: outcome_unknown for
// place, cancel and cancel_all (they may have acted: query before anything
// else), server_error for the reads (query, open_orders, balances,
// positions: nothing acted, a retry is safe). A late answer after that is
// logged and dropped.
//
// Events: the session's stream events are pushed, in the order the session
// produced them, to every subscriber (subscribe_atom); dead subscribers are
// dropped (the actor monitors them).
//
// Status (status_atom): `requests` counts requests handed to the session;
// `failures` and `consecutive_failures` count only answers that say the
// venue is in trouble (counts_as_venue_trouble(): server errors, unknown
// outcomes, malformed answers, rate limits, bans, auth, clock drift, missed
// deadlines). A business refusal (insufficient funds, below minimum, off
// tick, unknown order, ...) is a healthy venue answering, so it counts as
// neither and resets the streak like a success. `connected` is true while
// the "market" and "user" streams are connected and no other stream the
// session reported ("rest") is down.
//
// Lifetime: the session's callbacks hold only a weak reference to the
// actor, so the session (owned by the actor) never keeps it alive. When
// the actor exits, for any reason, its state stops the session (no
// callback runs after) and answers every open request as if its deadline
// had passed.
#pragma once

#include "actors/venue_protocol.hpp"
#include "core/result.hpp"
#include "venues/common/venue_error.hpp"
#include "venues/common/venue_session.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace tandem::actors {

/// Beyond venue_protocol.hpp: subcount_atom -> std::size_t, how many live
/// subscribers the actor pushes events to (admin console, tests).
using subcount_atom = caf::atom_constant<caf::atom("subcount")>;

struct venue_actor_config {
  /// How long a request may wait for the session's answer before the actor
  /// answers for it (milliseconds). Longer than the session's own HTTP
  /// timeout plus its outcome-unknown query, so that normally the session
  /// answers first.
  std::chrono::milliseconds request_deadline{15000};
};

/// Builds a session that has not started yet, or says why it could not.
using session_factory = std::function<
  result<std::unique_ptr<venues::venue_session>, std::string>()>;

/// Spawns a venue actor that owns `session` and starts it (start() runs in
/// the actor's first step; it must not block). Fails for a null session.
result<caf::actor, std::string>
spawn_venue_actor(caf::actor_system& sys,
                  std::unique_ptr<venues::venue_session> session,
                  venue_actor_config cfg = {});

/// Builds a session with `make` and spawns a venue actor around it; returns
/// the factory's reason when it fails. The supervisor restarts venues
/// through this overload.
result<caf::actor, std::string> spawn_venue_actor(caf::actor_system& sys,
                                                  const session_factory& make,
                                                  venue_actor_config cfg = {});

/// Returns true if a failure of kind `e` says the venue (or our link to it)
/// is in trouble, false for a business refusal of this one request. It is
/// true exactly when net::classify() advises anything but give_up.
bool counts_as_venue_trouble(venues::venue_error e) noexcept;

} // namespace tandem::actors
