// The alert actor: the trading path's one door to Discord. It takes
// alerts::alert messages without ever blocking the sender, logs each one,
// keeps the last N for the admin console, and delivers them through the
// pure delivery policy (alerts/alert_queue.hpp) and a transport (the Discord
// sender in production, a fake in tests). Timers drive the policy's waits
// (minimum gap, 429 retry_after, backoff, dedup windows); outcomes of sends
// come back as messages. Protocol: actors/alert_protocol.hpp.
#pragma once

#include "alerts/alert_queue.hpp"
#include "alerts/alert_transport.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <cstddef>
#include <memory>

namespace tandem::actors {

struct alert_actor_config {
  /// Where messages go; null when Discord is disabled (alerts are then
  /// logged and kept for the console only).
  std::shared_ptr<alerts::alert_transport> transport;
  alerts::queue_options queue;
  /// Alerts kept for the console's recent_alerts request.
  std::size_t recent_capacity = 100;
};

/// Spawns the alert actor. On exit it shuts the transport down.
caf::actor spawn_alert_actor(caf::actor_system& sys, alert_actor_config cfg);

} // namespace tandem::actors
