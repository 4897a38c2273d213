// Messages between the engine's own actors (order, pair coordinator,
// strategy, risk, emergency stop). Venue messages are in venue_protocol.hpp.
// Include only from actor translation units.
#pragma once

#include "actors/order_tracker.hpp"
#include "actors/venue_protocol.hpp"
#include "arbitrage/kimchi_rules.hpp"
#include "arbitrage/signal.hpp"
#include "core/fill.hpp"

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tandem::actors {

/// Asks an order actor for a report now (tests, the console).
using report_atom = caf::atom_constant<caf::atom("report")>;
/// Internal: an order actor's timer to query its order.
using requery_atom = caf::atom_constant<caf::atom("requery")>;
/// Internal: an order actor's timer for an accepted order that went quiet.
using stale_atom = caf::atom_constant<caf::atom("stale")>;

/// Halt trading now (emergency stop), with why.
using halt_atom = caf::atom_constant<caf::atom("halt")>;
/// Clear a halt (operator only), with why.
using clear_atom = caf::atom_constant<caf::atom("clearhalt")>;
/// Flatten every position (after a halt, when configured or commanded).
using flatten_atom = caf::atom_constant<caf::atom("flatten")>;

/// Why the engine halts. `trigger` is one of: daily_loss, venue_errors,
/// position_mismatch, rollback_failed, venue_down, journal_failed, manual.
struct halt_request {
  std::string trigger;
  /// The numbers: "daily_pnl=-312000 KRW limit=-300000 KRW".
  std::string detail;
  /// Who asked: "risk", "coordinator", "console:alice", ...
  std::string who;
};

/// The emergency stop's state, pushed to its subscribers on every change.
struct halt_state {
  bool halted = false;
  std::string trigger;
  std::string detail;
  std::string who;
  /// When the halt began (or was cleared).
  timestamp since;
  /// Set on a clear: who cleared it and why.
  std::string cleared_by;
  std::string clear_reason;
};

/// Pause / resume a strategy (no new signals while paused).
using pause_atom = caf::atom_constant<caf::atom("pause")>;
using resume_atom = caf::atom_constant<caf::atom("resume")>;
/// Replace a strategy's parameters (validated; reply strategy_status).
using params_atom = caf::atom_constant<caf::atom("params")>;

/// How a pair in flight ended, as the coordinator tells the strategy.
struct pair_settled {
  std::string signal_id;
  arbitrage::pair_kind kind = arbitrage::pair_kind::entry;
  /// BTC per leg still hedged after the pair settled (0: flat).
  quantity hedged_qty;
  /// "hedged", "rolled_back", "closed", "escalated", "vetoed", ...
  std::string outcome;
};

/// What the strategy reports (status_atom).
struct strategy_status {
  arbitrage::strategy_state state = arbitrage::strategy_state::flat;
  bool paused = false;
  bool halted = false;
  arbitrage::decision last_decision = arbitrage::decision::missing_quote;
  /// Entry or exit premium of the last evaluation, bps.
  std::optional<arbitrage::bps> last_premium;
  quantity hedged_qty;
  timestamp opened_at;
  std::uint64_t signals = 0;
  std::uint64_t quotes = 0;
};

/// What an order actor tells its parent after every change.
struct leg_report {
  client_order_id id;
  tandem::venue venue = venue::upbit;
  std::string symbol;
  tandem::side side = side::buy;
  leg_outcome outcome = leg_outcome::working;
  order_status status = order_status::pending_new;
  /// Base units (BTC) filled so far, average price and fees (quote ccy).
  quantity order_qty;
  quantity filled;
  std::optional<price> avg_px;
  money fees;
  /// Fills new since the previous report.
  std::vector<fill> new_fills;
  std::optional<venues::venue_failure> failure;
};

} // namespace tandem::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::leg_report)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::fill)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::arbitrage::signal)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::pair_settled)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::strategy_status)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::config::kimchi_config)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::halt_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::halt_state)
