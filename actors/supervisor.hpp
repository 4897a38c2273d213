// The supervisor: monitors venue actors (and any other actor given to it),
// restarts one that went down with jittered exponential backoff, re-attaches
// the subscribers and quote symbols it had, tells watchers the new handle,
// and raises an alarm when a child stays down longer than a limit (the
// emergency stop listens for it: a venue that stays away while a pair is
// unhedged halts trading).
//
// Messages it understands (reply in parentheses):
//   supervise_atom, child_spec         -> supervise_reply: the running
//       instance; an invalid handle when the first start failed (it is then
//       retried like a crash); a failure (and nothing registered) for an
//       empty or taken name or a spec with neither spawner nor instance.
//   child_atom, std::string name       -> caf::actor: the current instance,
//       invalid while the child is down or unknown.
//   subscribe_atom, std::string name, caf::actor who
//       subscribes `who` to the child now and to every later instance.
//   quotes_atom, std::string name, std::vector<std::string> symbols
//       adds market-data symbols now and to every later instance.
//   watch_atom, caf::actor who         `who` receives venue_restarted and
//       venue_down_alarm messages (actors/supervision_protocol.hpp).
// Subscribers and watchers are monitored and forgotten when they die.
//
// Restart policy: a child that exits with exit_reason::normal or
// user_shutdown was stopped on purpose and is forgotten; any other exit
// (kill, unhandled exception, error, unreachable) is a crash. After a crash
// the child is restarted after backoff.next(draw) with draws from a
// std::mt19937_64 seeded with `seed`; a failed restart (spawner refused) is
// retried with the next, longer delay. The backoff starts over once an
// instance has stayed up for `stable_after`. A child without a spawner is
// only watched: its crash raises the alarm but nothing restarts it.
#pragma once

#include "actors/supervision_protocol.hpp"
#include "actors/venue_actor.hpp"
#include "core/result.hpp"
#include "core/venue.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace tandem::actors {

using supervise_atom = caf::atom_constant<caf::atom("supervise")>;
using child_atom = caf::atom_constant<caf::atom("child")>;
using watch_atom = caf::atom_constant<caf::atom("watch")>;

/// Starts one instance of a child; called in the supervisor's context, so
/// it must not block (a venue session is built, not started, here).
using child_spawner
  = std::function<result<caf::actor, std::string>(caf::actor_system&)>;

/// What the supervisor needs to know about one child.
struct child_spec {
  /// Unique among the supervisor's children, e.g. "binance".
  std::string name;
  /// Set for venue actors; copied into the messages about the child.
  std::optional<tandem::venue> venue;
  /// Starts a new instance; empty for a child that is only watched.
  child_spawner spawn;
  /// An already running first instance; when invalid the supervisor starts
  /// the first instance with `spawn`.
  caf::actor initial;
};

/// A venue actor child named after its venue ("binance"), restarted with a
/// fresh session from `make`.
child_spec venue_child(tandem::venue v, session_factory make,
                       venue_actor_config cfg = {});

struct supervisor_config {
  /// Backoff before restart n is uniform(0, min(max, base * 2^n)), at
  /// least 1 ms (milliseconds).
  std::chrono::milliseconds restart_base{200};
  std::chrono::milliseconds restart_max{30000};
  /// An instance up this long resets the backoff (milliseconds).
  std::chrono::milliseconds stable_after{60000};
  /// Down this long raises venue_down_alarm (milliseconds).
  std::chrono::milliseconds down_alarm_after{5000};
  /// Seed of the jitter draws; fixed in tests, the start time in the engine.
  std::uint64_t seed = 1;
  /// Also told about each alarm, in the supervisor's context (must not
  /// block); may be empty.
  std::function<void(const venue_down_alarm&)> on_down_alarm;
};

using supervise_reply = result<caf::actor, std::string>;

/// Spawns a supervisor; fails for a non-positive duration in `cfg`.
result<caf::actor, std::string> spawn_supervisor(caf::actor_system& sys,
                                                 supervisor_config cfg);

} // namespace tandem::actors

// Local-only message types (see venue_protocol.hpp).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::child_spec)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::supervise_reply)
