// The one place that decides to halt. A halt blocks new orders at once
// (every subscriber is told before any cancel goes out), cancels every open
// order on every venue, asks for a flatten when configured, and stays until
// an operator clears it. Persistence and alerts hang off the subscribers:
// the engine subscribes its journal and alert bridges, so a halt survives
// a restart (the journal's replay hands it back as `initial`).
//
// Messages in:
//   halt_atom, halt_request      -> halt_state (a second halt keeps the
//                                   first reason; it is logged)
//   clear_atom, std::string who, std::string reason
//                                -> halt_state, or an error when not halted
//                                   or the reason is empty
//   get_atom                     -> halt_state
//   subscribe_atom, caf::actor   receives halt_state on every change
//   journal_failure              halts with trigger journal_failed
//   venue_restarted              (supervisor) the venue's new instance
//                                replaces the old one in `venues`; while
//                                halted it gets a cancel-all at once
// Out: block_atom (the venue actors' halt gate: up on a halt, and at start
// when `initial` is halted; down on clear) then cancel_all_atom "" to every
// venue actor; flatten_atom to `flattener` (its orders pass the gate).
#pragma once

#include "core/clock.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace tandem::actors {

struct halt_state;

struct emergency_stop_config {
  std::vector<caf::actor> venues;
  /// Receives flatten_atom on a halt when `flatten_on_halt` (the pair
  /// coordinator, which owns the positions).
  caf::actor flattener;
  bool flatten_on_halt = false;
  /// How long a venue's cancel-all may take before it is retried.
  std::chrono::milliseconds cancel_timeout{5000};
  /// Cancel-all attempts per venue.
  int cancel_attempts = 3;
  /// Time source for halt timestamps.
  std::shared_ptr<const clock_source> clock;
};

/// Spawns the emergency stop; `initial` is the halt replayed from the
/// journal (a halted engine starts halted and does not trade).
caf::actor spawn_emergency_stop(caf::actor_system& sys,
                                emergency_stop_config cfg,
                                const halt_state& initial);

} // namespace tandem::actors
