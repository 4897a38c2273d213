// What the supervisor (actors/supervisor.hpp) tells its watchers, and the
// one rule every holder of a venue actor handle follows: on venue_restarted,
// a handle equal to `previous` becomes `actor` (replace_restarted()). The
// order actors of the pair coordinator get the message from their parent.
// Header-only, so actors that only hold handles need not link the
// supervisor.
#pragma once

#include "core/venue.hpp"

#include <caf/actor.hpp>
#include <caf/actor_addr.hpp>
#include <caf/allowed_unsafe_message_type.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace tandem::actors {

/// Sent to watchers when a child runs again after a crash.
struct venue_restarted {
  std::string name;
  std::optional<tandem::venue> venue;
  /// The new instance: send requests here from now on.
  caf::actor actor;
  /// Restarts of this child so far (1 for the first restart).
  std::uint32_t restarts = 0;
  /// The instance that went down (what holders still point at).
  caf::actor_addr previous;
};

/// Sent to watchers (and passed to on_down_alarm) once per outage, when a
/// child has been down for `down_alarm_after`.
struct venue_down_alarm {
  std::string name;
  std::optional<tandem::venue> venue;
  /// How long it has been down (milliseconds).
  std::chrono::milliseconds down_for{0};
  /// The exit reason of the instance that went down.
  std::string reason;
};

/// The venue-away monitor tells the risk actor each time a venue goes away
/// or comes back (risk/venue_away.hpp decides what away means): risk
/// vetoes entries and exits while either venue of a pair is away.
struct venue_presence_changed {
  tandem::venue venue = venue::upbit;
  bool away = false;
  /// When the outage began, on the actor clock (self->clock()).
  std::chrono::steady_clock::time_point since;
  /// How it is away ("actor down: kill", "user disconnected: eof").
  std::string why;
};

/// Points `slot` at the restarted instance if it held the one that went
/// down; returns whether it did.
inline bool replace_restarted(caf::actor& slot, const venue_restarted& r) {
  if (!slot || !r.actor || slot.address() != r.previous)
    return false;
  slot = r.actor;
  return true;
}

} // namespace tandem::actors

// Local-only message types (see venue_protocol.hpp).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::venue_restarted)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::venue_down_alarm)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::venue_presence_changed)
