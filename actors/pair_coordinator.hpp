// The pair coordinator: turns one signal into two concurrent legs, drops
// repeated signal ids, asks risk first, journals every intent durably
// before its order is sent, and settles each pair through
// arbitrage::pair_settlement: hedged, rolled back, trued up, or escalated
// to the emergency stop. Every one-leg failure, rollback and escalation is
// alerted. It subscribes to both venue actors and routes their order
// updates to the order actors by client id.
//
// Messages in: arbitrage::pair_signal (strategy), leg_report (order
// actors), venues::order_update (venue actors), halt_state (emergency stop;
// no new pair while halted), venue_restarted (supervisor: a venue actor's
// new instance, passed on to the order actors), flatten_atom (close every
// position),
// pairs_atom (-> std::vector<pair_view>), stats_atom (-> coordinator_stats).
// Out: pair_settled to the strategy, halt_atom to the emergency stop,
// alerts::alert to the alert actor, fills to the position actors, records
// to the journal.
#pragma once

#include "actors/journal_protocol.hpp"
#include "actors/order_tracker.hpp"
#include "arbitrage/pair_settlement.hpp"
#include "core/clock.hpp"
#include "core/instrument.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <memory>
#include <set>
#include <string>

namespace tandem::journal {
class store;
} // namespace tandem::journal

namespace tandem::actors {

struct coordinator_config {
  caf::actor upbit;
  caf::actor binance;
  /// Upbit KRW-BTC and Binance BTCUSDT rules (tick, lot, minimums).
  instrument upbit_btc;
  instrument binance_btc;
  /// Client order ids: "<prefix>-<session36>-<seq36>".
  std::string cid_prefix;
  std::uint64_t session = 0;
  caf::actor strategy;
  caf::actor emergency_stop;
  /// May be null (alerts only logged).
  caf::actor alerts;
  /// Pre-trade checks (risk actor); null means no checks (tests only).
  caf::actor risk;
  /// Null in tests without a journal: intents are then not durable.
  journal_actor journal;
  /// The journal's store, shared with the journal actor (the engine sets
  /// it). When set, order intents are committed here directly, a pair's
  /// legs in one transaction, on the coordinator's own thread: ~10-20 us
  /// of SQLite instead of two thread wake-ups to the journal actor and
  /// back on the order path. A failed commit refuses the orders and is
  /// reported to the emergency stop as a journal_failure, as the journal
  /// actor does.
  std::shared_ptr<journal::store> intent_store;
  /// Receive every fill of their (venue, symbol).
  caf::actor upbit_position;
  caf::actor binance_position;
  tracker_policy policy;
  /// How long a leg's place answer may take before it is queried.
  std::chrono::milliseconds leg_timeout{3000};
  /// Bounds of a pair's settlement: queries per unanswered order,
  /// corrections per pair before escalating, retries of a refused leg
  /// ([settlement] in the config).
  arbitrage::settlement_policy settlement;
  /// How far past the top unwinds, top-ups and flattens may trade, bps.
  std::int64_t correction_slippage_bps = 50;
  /// Signal ids already processed (journal replay): dropped if seen again.
  std::set<std::string, std::less<>> processed_signals;
  std::shared_ptr<const clock_source> clock;
};

/// Spawns the coordinator and subscribes it to both venue actors and the
/// emergency stop.
caf::actor spawn_pair_coordinator(caf::actor_system& sys,
                                  coordinator_config cfg);

} // namespace tandem::actors
