// The messages the alert actor understands. Include only from actor
// translation units (it pulls in CAF's atom header).
//
//   alerts::alert                      raise an alert (no reply); never
//                                      blocks the sender
//   recent_alerts_atom                 -> std::vector<alerts::alert>, the
//                                      last N received, oldest first (the
//                                      admin console's view)
//   alert_stats_atom                   -> alerts::queue_stats
#pragma once

#include "alerts/alert.hpp"
#include "alerts/alert_queue.hpp"
#include "alerts/webhook_outcome.hpp"

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

#include <vector>

namespace tandem::actors {

using recent_alerts_atom = caf::atom_constant<caf::atom("recentalrt")>;
using alert_stats_atom = caf::atom_constant<caf::atom("alertstats")>;

} // namespace tandem::actors

// Local-only message types: they never cross a process boundary, so they
// need no serialization (CAF 0.17 asks for inspect() otherwise).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::alerts::alert)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<tandem::alerts::alert>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::alerts::queue_stats)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::alerts::send_outcome)
