// The reconciler: after the journal is replayed and before any strategy
// resumes, it asks every venue actor for its open orders, balances and
// positions, queries by client id the journal's orders that are open in the
// journal but not on the venue (or that miss fills), feeds everything to
// the pure journal::reconcile(), and carries out the report:
//   1. a halt (position mismatch) goes to the emergency stop at once, and
//      every alert to the alert actor;
//   2. every record is appended to the journal durably, in order;
//   3. the report is the reply, once the journal has committed it all.
// Any venue request that fails or does not answer within `timeout`, or a
// journal append that fails, makes the reply a failure that names the
// venue (or the journal) and what was asked: the engine must not trade on
// a reconciliation it could not finish. A failure is also alerted.
//
// Messages in:
//   reconcile_atom, journal::recovered_state -> reconcile_reply
//     (one run at a time; a second request while one runs is refused)
// Out: open_orders_atom "", balances_atom, positions_atom and
// query_atom (symbol, client id) to each venue actor (venue_protocol.hpp);
// journal_durable_atom per record (journal_protocol.hpp); alerts::alert to
// the alert actor (alert_protocol.hpp); halt_atom, halt_request to the
// emergency stop (engine_protocol.hpp).
#pragma once

#include "actors/journal_protocol.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "core/venue.hpp"
#include "journal/reconcile.hpp"
#include "journal/replay.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tandem::actors {

using reconcile_atom = caf::atom_constant<caf::atom("reconcile")>;

/// The report, or why reconciliation could not finish (the engine must not
/// trade): "binance did not answer positions within 10000 ms".
using reconcile_reply
  = result<journal::reconcile_report, journal::reconcile_failure>;

/// One venue actor to reconcile with.
struct reconciler_venue {
  tandem::venue venue = venue::upbit;
  caf::actor handle;
};

struct reconciler_config {
  /// Every venue the engine trades.
  std::vector<reconciler_venue> venues;
  /// Receives the report's records (durable appends).
  journal_actor journal;
  /// Receives alerts::alert; may be null (alerts are then only logged).
  caf::actor alerts;
  /// Receives halt_atom, halt_request on a position mismatch.
  caf::actor emergency_stop;
  /// Our client-id prefix ("tdm").
  std::string prefix;
  /// Lot sizes and kinds (spot: balance check; else position check).
  std::vector<instrument> instruments;
  /// Spot inventories: journaled ones first, then configured (see
  /// journal::spot_baseline).
  std::vector<journal::spot_baseline> baselines;
  /// Taker fee rate per venue for synthetic fills (0.0005 = 0.05%).
  std::map<tandem::venue, rate> fee_rates;
  /// How long each venue request and each journal append may take.
  std::chrono::milliseconds timeout{10000};
  /// Stamps records and alerts; the system clock when null.
  std::shared_ptr<const clock_source> clock;
};

/// Spawns the reconciler.
caf::actor spawn_reconciler(caf::actor_system& sys, reconciler_config cfg);

} // namespace tandem::actors

// Local-only message types: they never cross a process boundary.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::journal::recovered_state)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::reconcile_reply)
