// What the control actor shows, computed from what the engine's actors
// answered: pure functions from engine state (halt_state, strategy_status,
// coordinator_stats, pair_view, venue_status, position_view, venue order
// updates, the quote board) to the admin views, events and metrics. No
// actors, no messages: the control actor (engine_control.cpp) asks and
// forwards; everything it then decides lives here and is tested with plain
// values (tests/actors/engine_control/control_views_test.cpp).
//
// The engine's data types still come from the protocol headers (plain
// structs; those headers only add CAF's type declarations).
#pragma once

#include "actors/engine_protocol.hpp"
#include "actors/position_actor.hpp"
#include "actors/venue_protocol.hpp"
#include "admin/events.hpp"
#include "admin/metric_catalog.hpp"
#include "admin/metrics.hpp"
#include "admin/views.hpp"
#include "alerts/alert.hpp"
#include "arbitrage/premium.hpp"
#include "arbitrage/quote_board.hpp"
#include "config/schema.hpp"
#include "core/clock.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::actors::control_views {

/// Who set a halt: the requester for a manual one, "engine:<trigger>"
/// otherwise.
std::string halted_by(const halt_state& h);

/// True while a pair's legs are still working (opening, closing, rolling
/// back).
bool in_flight(const pair_view& p);

/// Pairs in flight, plus the strategy's hedged pair when it holds one.
std::int64_t open_pairs_of(const std::vector<pair_view>& pairs,
                           const std::optional<strategy_status>& s);

/// The console's phase of a coordinator pair state.
admin::pair_phase phase_of(const pair_view& p);

/// One pair as the console lists it.
admin::pair_row pair_row_of(const pair_view& p);

/// What open quantities of a kimchi pair are marked at: closing the long
/// Upbit leg sells at the bid, closing the Binance short buys at the ask;
/// USDT converts at the KRW-USDT bid. Unset: no quote yet.
struct pair_marks {
  std::optional<price> upbit_bid_krw;
  std::optional<price> binance_ask_usdt;
  std::optional<price> usdt_krw_bid;
};

/// The marks from `board`'s tops of the strategy's symbols.
pair_marks marks_of(const arbitrage::quote_board& board,
                    const config::kimchi_config& k);

/// A pair's P&L from its fills (arbitrage::compute_pair_pnl): realized
/// when nothing is left open, else marked at `m`.
admin::pair_pnl_row pnl_of_fills(std::string pair_id,
                                 const std::vector<fill>& fills,
                                 const pair_marks& m);

/// Follows round trips through pairs fed oldest first: an entry that ends
/// hedged opens one, exits add their fills to it and the exit that closes
/// it realizes it (one P&L for entry + exit). Pairs that never hedged
/// (rolled back, escalated, abandoned) stand alone.
class round_trips {
 public:
  /// Feeds `p`; returns the P&L of the round trip (or pair) it belongs to
  /// after it.
  admin::pair_pnl_row add(const pair_view& p, const pair_marks& m);

 private:
  std::string held_id_;
  std::vector<fill> held_;
};

/// Every listed pair's P&L, in the order fed to round_trips (settled pairs
/// oldest first, then pairs in flight); one row per round trip, the
/// latest state of each.
std::vector<admin::pair_pnl_row>
pair_pnls(const std::vector<pair_view>& ps, const pair_marks& m);

/// Open and recent pairs: in-flight pairs and the last entry that ended
/// hedged (until an exit closes it) are open; the rest are recent, newest
/// first. `ps` is in the coordinator's order (open pairs, then settled
/// ones oldest first). Each row's pnl_krw is its round trip's (realized
/// once closed, marked at `m` while open; zero when it cannot be marked).
admin::pairs_view pairs_of(const std::vector<pair_view>& ps,
                           const pair_marks& m = {});

/// Remembers which pair each order belongs to (the coordinator's
/// pair_order notices), for the last few thousand orders.
class order_pairs {
 public:
  void remember(const client_order_id& id, std::string pair_id);
  /// The pair of `id`, or empty when unknown (a manual order, a flatten
  /// before the console started, or forgotten).
  std::string pair_of(const client_order_id& id) const;

 private:
  std::map<std::string, std::string, std::less<>> pairs_;
  std::deque<std::string> order_;
};

/// The console's status of an order from its last venue update.
order_status status_of(const venues::order_update& u);

/// One open order as the console lists it.
admin::order_row order_row_of(const venues::order_update& u);

/// The premium now from `board`'s tops, with the thresholds in force.
admin::premium_view premium_now(const arbitrage::quote_board& board,
                                const config::kimchi_config& k,
                                const arbitrage::fee_rates& fees,
                                timestamp now);

/// One venue position, marked at what closing would trade at (the bid for
/// a long, the ask for a short) when `board` has a top.
admin::position_row position_row_of(const position_view& p,
                                    const arbitrage::quote_board& board);

/// The settlement event a finished pair makes, or nullopt when nothing
/// traded (abandoned, refused, vetoed) or it is still in flight.
std::optional<admin::pair_settlement_event> settlement_of(const pair_view& p);

/// The console's severity of an alert.
admin::alert_severity severity_of(alerts::severity s);

/// The metric outcome label of a final order event ("filled", "canceled",
/// "rejected", "expired"), or nullopt for a non-final one.
std::optional<std::string_view> final_outcome_of(order_event e);

/// What `status` is built from; an unset optional is an actor that did
/// not answer.
struct status_inputs {
  std::string instance;
  std::string mode;
  timestamp now;
  bool kimchi_enabled = false;
  halt_state halt;
  std::optional<strategy_status> strategy;
  std::optional<coordinator_stats> stats;
  std::optional<std::vector<pair_view>> pairs;
  std::optional<venue_status> upbit;
  std::optional<venue_status> binance;
};

/// The status view (the halt is required: without the emergency stop's
/// answer there is no status).
admin::status_view status_of(const status_inputs& in);

/// The P&L view from the coordinator's counters; `usdt_krw` is the
/// KRW-USDT bid when known; `pairs` the per-pair rows (pair_pnls), whose
/// fees make fees_krw.
admin::pnl_view pnl_of(const coordinator_stats& s,
                       std::optional<price> usdt_krw,
                       std::vector<admin::pair_pnl_row> pairs = {});

/// The journal's lag as an age, ns: how long the oldest record not yet
/// committed has waited at `now` (journal_stats::oldest_pending); 0 when
/// nothing waits.
std::int64_t journal_lag_ns(std::optional<timestamp> oldest_pending,
                            timestamp now);

/// What the metrics are set from; unset optionals leave their series as
/// they were.
struct metrics_inputs {
  std::optional<halt_state> halt;
  std::optional<coordinator_stats> stats;
  std::optional<venue_status> upbit;
  std::optional<venue_status> binance;
  admin::premium_view premium;
  /// Journal lag, ns (journal_lag_ns).
  std::optional<std::int64_t> journal_lag_ns;
};

/// Sets one venue's rate-limit headroom (ratio and units left, per limit
/// group) and REST latency gauges from its session's stats.
void set_session_metrics(admin::metrics_registry& reg,
                         const admin::catalog::engine_metrics& m,
                         std::string_view venue_name,
                         const venues::session_stats& s);

/// Sets the engine's gauges in `reg` from `in`.
void set_metrics(admin::metrics_registry& reg,
                 const admin::catalog::engine_metrics& m,
                 const config::kimchi_config& k, const metrics_inputs& in);

} // namespace tandem::actors::control_views
