// Replay: folds journal records, in seq order, into the state the engine
// had when it stopped: orders, positions, open pairs, processed signal ids,
// the halt flag and the last seq. Pure; the engine then reconciles this
// state with every venue before any strategy resumes.
//
// Folding rules (what the engine must journal for them to hold):
//  - Positions come from `fill` records only (order_update.last_fill is kept
//    for the record but not applied, so one execution journaled both ways
//    counts once); a fill whose (venue, symbol, trade id) was seen before is
//    dropped as a duplicate.
//  - An order's status follows core's transition table from pending_new;
//    an event the table refuses leaves the status as it was and is listed in
//    `issues`. An order first seen through a venue event (no intent) is kept
//    with no intent: reconciliation adopted it.
//  - A signal counts as processed once a signal_processed, an order intent or
//    a risk veto carries its id.
//  - A pair is open from its first intent or decision until a decision with
//    a terminal state (closed, rolled_back, abandoned).
//  - halt_set raises the halt flag, halt_cleared lowers it; the last wins.
//  - Each applied fill's realized P&L (position rules, before its fee) is
//    kept with its time for the daily loss limit; "set_param" commands are
//    kept in order for the engine to re-apply.
// Replay never stops on a surprising record: it folds what it can and lists
// each surprise in `issues` (the engine logs and alerts them).
#pragma once

#include "core/order_state.hpp"
#include "core/position.hpp"
#include "journal/records.hpp"

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace tandem::journal {

/// What the journal knows of one order.
struct recovered_order {
  /// The intent as journaled; nullopt for an order first seen through a
  /// venue event (adopted by reconciliation).
  std::optional<order_intent> intent;
  tandem::venue venue = venue::upbit;
  std::string symbol;
  tandem::side side = side::buy;
  /// Last known state.
  order_status status = order_status::pending_new;
  /// Base units or contracts ordered, and filled as the venue last said.
  quantity order_qty;
  quantity cum_qty;
  /// Sum of the journaled fills of this order (base units or contracts).
  quantity fills_qty;
  std::optional<price> avg_px;
  /// Empty until a venue event carried it.
  std::string venue_order_id;
  /// The seq of the last record about this order.
  std::uint64_t last_seq = 0;
};

/// A pair that was not settled when the journal ends.
struct open_pair {
  std::string pair_id;
  std::string signal_id;
  /// Client ids of its legs, in intent order.
  std::vector<client_order_id> legs;
  /// The last decision; nullopt when only intents were journaled.
  std::optional<pair_decision> last_decision;
};

/// A (venue, symbol) position key.
struct position_key {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  friend auto operator<=>(const position_key&, const position_key&) = default;
};

/// What one replayed fill realized, so the risk actor can count today's
/// part against the daily loss limit after a restart (it converts and
/// books it by the same rule as a live fill: risk/fill_pnl.hpp).
struct realized_fill {
  /// The fill's own time (the venue's): decides which day it counts for.
  timestamp ts;
  tandem::venue venue = venue::upbit;
  std::string symbol;
  std::string trade_id;
  /// position::apply's result: realized before the fee, quote currency.
  money realized;
  /// The fill's fee, quote currency (positive is paid).
  money fee;
};

/// A record replay could not fold cleanly, and why.
struct replay_issue {
  std::uint64_t seq = 0;
  std::string what;
};

/// The engine's state as the journal tells it.
struct recovered_state {
  std::map<client_order_id, recovered_order> orders;
  std::map<position_key, position> positions;
  std::map<std::string, open_pair, std::less<>> open_pairs;
  std::set<std::string, std::less<>> processed_signals;
  bool halted = false;
  /// Of the last halt_set (kept after a clear, for the record).
  std::string halt_reason;
  std::string halt_who;
  std::uint64_t last_seq = 0;
  std::uint64_t records = 0;
  std::vector<replay_issue> issues;
  /// The fills applied to `positions` within 24 hours of the newest one,
  /// in journal order (older fills cannot fall in the day a restart comes
  /// back to; some may remain until pruned).
  std::vector<realized_fill> recent_realized;
  /// Every "set_param" operator_command, in journal order (the engine
  /// re-applies the console's risk.* changes: risk/limit_overrides.hpp).
  std::vector<operator_command> param_changes;
};

struct replay_options {
  /// Contract multiplier per instrument (quote currency per price point per
  /// contract) for P&L; unset means 1 (spot, linear perpetuals). Net
  /// quantities do not depend on it.
  std::function<std::int64_t(venue, std::string_view)> multiplier;
};

/// Folds records one at a time (so a large journal can be replayed from
/// store::scan without holding every record).
class replayer {
 public:
  explicit replayer(replay_options opts = {});

  /// Folds one record; records must come in seq order.
  void apply(const record& r);

  const recovered_state& state() const noexcept { return state_; }
  recovered_state take() &&;

 private:
  void on(std::uint64_t seq, const order_intent& x);
  void on(std::uint64_t seq, const venues::order_update& x);
  void on(std::uint64_t seq, const fill& x);
  void on(std::uint64_t seq, const signal_processed& x);
  void on(std::uint64_t seq, const pair_decision& x);
  void on(std::uint64_t seq, const risk_veto& x);
  void on(std::uint64_t seq, const halt_set& x);
  void on(std::uint64_t seq, const halt_cleared& x);
  void on(std::uint64_t seq, const operator_command& x);
  void on(std::uint64_t seq, const reconcile_note& x);
  void issue(std::uint64_t seq, std::string what);
  open_pair& pair(std::string_view pair_id);

  replay_options opts_;
  recovered_state state_;
  void keep_realized(realized_fill r);

  /// (venue, symbol, trade id) of every fill applied.
  std::set<std::tuple<venue, std::string, std::string>> trades_;
  /// The newest fill time seen, and how many realized fills the last prune
  /// kept (prunes are amortized: once the list has doubled).
  timestamp newest_fill_;
  std::size_t realized_kept_ = 0;
};

/// Returns the state after folding every record in order.
recovered_state replay(std::span<const record> records,
                       replay_options opts = {});

} // namespace tandem::journal
