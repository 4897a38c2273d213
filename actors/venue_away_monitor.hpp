// The venue-away monitor: the thin actor around risk/venue_away.hpp. It
// watches each venue actor (monitor: a crash; the supervisor's
// venue_restarted: the new instance; the session's session_status pushes:
// streams disconnected), and when a venue has been away for `limit` it asks
// the pair coordinator for its pairs and applies the rule: halt through the
// emergency stop (trigger venue_away_unhedged, who "supervisor") while a
// pair is unhedged, one alert per outage while every pair is flat or
// hedged. While the venue stays away it asks again every `recheck`, so a
// pair that turns unhedged later still halts. A coordinator that does not
// answer counts as holding an unhedged pair (fail closed). It tells the
// risk actor at once when a venue goes away or comes back, so that no new
// pair starts against an away venue (risk's VENUE_AWAY veto).
//
// Messages in: venue_restarted, venue_down_alarm (supervisor watcher),
// venues::session_status (the engine subscribes it to the venue actors
// through the supervisor); every other venue push and the emergency stop's
// halt_state answers are ignored.
#pragma once

#include "core/clock.hpp"
#include "core/venue.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <memory>
#include <utility>
#include <vector>

namespace tandem::actors {

struct venue_away_monitor_config {
  /// The venue actors watched (their current instances).
  std::vector<std::pair<tandem::venue, caf::actor>> venues;
  /// Answers pairs_atom with std::vector<pair_view>.
  caf::actor coordinator;
  /// Receives halt_atom, halt_request.
  caf::actor emergency_stop;
  /// Receives alerts::alert; may be null (alerts only logged).
  caf::actor alerts;
  /// Receives venue_presence_changed whenever a venue goes away or comes
  /// back (pre-trade VENUE_AWAY veto); may be null.
  caf::actor risk;
  /// Away this long: judge (config [supervision] away_unhedged_limit_ms).
  std::chrono::milliseconds limit{10000};
  /// While still away: judge again this often.
  std::chrono::milliseconds recheck{1000};
  /// How long the coordinator may take to list its pairs.
  std::chrono::milliseconds ask_timeout{2000};
  /// Timestamps of alerts; the system clock when null.
  std::shared_ptr<const clock_source> clock;
};

/// Spawns the monitor; it monitors every venue actor of `cfg.venues`.
caf::actor spawn_venue_away_monitor(caf::actor_system& sys,
                                    venue_away_monitor_config cfg);

} // namespace tandem::actors
