// Messages between the engine's own actors (order, pair coordinator,
// strategy, risk, emergency stop). Venue messages are in venue_protocol.hpp.
// Include only from actor translation units.
#pragma once

#include "actors/order_tracker.hpp"
#include "actors/venue_protocol.hpp"
#include "arbitrage/kimchi_rules.hpp"
#include "arbitrage/signal.hpp"
#include "core/fill.hpp"
#include "core/position.hpp"

#include <caf/actor.hpp>
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
/// position_mismatch, rollback_failed, venue_down, venue_away_unhedged,
/// journal_failed, manual.
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

/// After a restart: the positions the journal (and reconciliation) hold.
/// To the coordinator: restore_atom, position upbit, position binance.
/// To the strategy: restore_atom, quantity hedged per leg, int64 opened_at
/// (ns since the epoch).
using restore_atom = caf::atom_constant<caf::atom("restore")>;

/// Pair coordinator queries.
using pairs_atom = caf::atom_constant<caf::atom("pairs")>;
using stats_atom = caf::atom_constant<caf::atom("stats")>;

/// One leg of a pair as the coordinator sees it.
struct leg_view {
  client_order_id id;
  tandem::venue venue = venue::upbit;
  tandem::side side = side::buy;
  /// "leg", "unwind", "top_up", "retry", "flatten".
  std::string role;
  quantity qty;
  quantity filled;
  std::optional<price> avg_px;
  leg_outcome outcome = leg_outcome::working;
};

/// A pair, open or recently settled (pairs_atom -> std::vector<pair_view>).
struct pair_view {
  std::string pair_id;
  arbitrage::pair_kind kind = arbitrage::pair_kind::entry;
  /// journal::pair_state spelling: opening, hedged, closing, closed,
  /// rolling_back, rolled_back, escalated, abandoned.
  std::string state;
  arbitrage::bps premium;
  quantity qty;
  std::vector<leg_view> legs;
  timestamp created;
  timestamp settled;
  std::string text;
  /// Every fill of the pair's orders so far (legs and corrections), for
  /// the pair's P&L.
  std::vector<fill> fills;
  /// Tick to trade inside the engine, nanoseconds: from the socket read of
  /// the newest quote the signal priced from to both legs handed to their
  /// order actors (intents durable; each sends its place at once). Unset
  /// for a pair refused before that.
  std::optional<std::int64_t> tick_to_trade_ns;
};

/// The coordinator tells its pair_view subscribers (the console's control
/// actor) which pair an order belongs to, just before sending it.
struct pair_order {
  std::string pair_id;
  client_order_id id;
};

/// Counters of the coordinator since start (stats_atom).
struct coordinator_stats {
  std::uint64_t signals = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t vetoes = 0;
  std::uint64_t pairs_opened = 0; ///< Entries that ended hedged.
  std::uint64_t pairs_closed = 0; ///< Exits that ended flat.
  std::uint64_t rollbacks = 0;
  std::uint64_t escalations = 0;
  std::uint64_t orders_sent = 0;
  std::uint64_t open_orders = 0;
  /// Realized P&L per venue in its quote currency (KRW, USDT), net of fees.
  money upbit_realized_krw;
  money binance_realized_usdt;
  /// Net base position per venue (BTC), from fills.
  quantity upbit_net;
  quantity binance_net;
  /// Both venues in KRW (USDT at the last KRW-USDT bid seen), net of fees.
  money realized_krw;
  /// Open positions marked at the last tops, KRW.
  money unrealized_krw;
  /// Halts this coordinator escalated or saw.
  std::uint64_t halts = 0;
};

/// Hands the coordinator the strategy it reports pair_settled to (the two
/// are spawned one after the other).
struct strategy_handle {
  caf::actor strategy;
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
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::position)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::quantity)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::pair_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::pair_order)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<tandem::actors::pair_view>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::coordinator_stats)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::strategy_handle)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::arbitrage::pair_signal)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::pair_settled)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::strategy_status)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::config::kimchi_config)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::halt_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::halt_state)
