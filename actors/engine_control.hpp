// The engine's control actor: the real side of actors/control_protocol.hpp.
// The admin gateway talks only to it; it answers by asking the engine's own
// actors (strategy, pair coordinator, emergency stop, venue actors,
// position actors, journal) and never holds state of its own beyond what
// the console needs to show (current parameters, quotes, metrics).
//
// Every command that changes something is journaled first
// (journal::operator_command, durably: a command the journal refuses is
// not carried out, except a halt, which is never refused), then carried
// out, then alerted (alert actor) and pushed as a status_change_event.
//
// It is also the emergency stop's journal and alert bridge: it subscribes
// to the stop and, on every halt or clear (manual or automatic), journals
// halt_set / halt_cleared, raises alerts::halt_alert /
// halt_cleared_alert and pushes the status change to the console.
//
// Event stream (control_subscription): fills (from the venue actors'
// order updates, deduplicated by trade id), pair settlements (the
// coordinator pushes every finished pair), alerts it raises, and status
// changes (halts, pauses, parameters, venue links).
#pragma once

#include "actors/control_protocol.hpp"
#include "actors/journal_protocol.hpp"
#include "arbitrage/premium.hpp"
#include "config/schema.hpp"
#include "core/clock.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace tandem::actors {

/// The engine's actors the control actor asks, and what it shows.
struct engine_control_config {
  caf::actor strategy;
  caf::actor coordinator;
  caf::actor emergency_stop;
  /// Venue actors; venue_restarted (supervisor) swaps in a new instance.
  caf::actor upbit;
  caf::actor binance;
  /// get_atom -> position_view; may be null (positions then empty).
  caf::actor upbit_position;
  caf::actor binance_position;
  /// May be null: alerts are then only pushed to the console.
  caf::actor alerts;
  /// May be null (tests): commands are then not journaled.
  journal_actor journal;
  /// The parameters in force at start (the strategy's).
  config::kimchi_config kimchi;
  /// The risk actor (params_atom, risk_config -> the old risk_config) and
  /// its limits at start; null: `set risk.*` is refused as unavailable.
  caf::actor risk;
  config::risk_config risk_limits;
  /// Taker fees for the premium shown (fractions).
  arbitrage::fee_rates fees;
  /// engine.instance and "paper" / "live".
  std::string instance;
  std::string mode;
  std::shared_ptr<const clock_source> clock;
  /// How long one engine actor may take to answer.
  std::chrono::milliseconds ask_timeout{1500};
};

/// Spawns the control actor and subscribes it to the venue actors, the
/// emergency stop and the coordinator.
engine_control_actor spawn_engine_control(caf::actor_system& sys,
                                          engine_control_config cfg);

} // namespace tandem::actors
