// Reconciliation: after replay, before any strategy resumes, the engine
// compares what the journal says with what every venue says and decides,
// as a pure function of both, what to adopt, what to ignore and whether to
// halt. The reconciler actor (actors/reconciler.hpp) collects the venues'
// answers, calls reconcile() and carries out the report: it appends the
// records to the journal, raises the alerts and hands a halt to the
// emergency stop. No CAF, no I/O, no clock.
//
// Orders, matched by client order id:
//  - On the venue and known to the journal: the venue wins. When its state
//    or filled quantity differs, the report adopts it: an order_event that
//    moves the journaled status to the venue's (replay-legal), and a fill
//    for quantity the venue filled beyond the journal's fills ("fills since
//    the last journaled one"). A journal order that is open in the journal
//    but not among the venue's open orders is resolved by a query by client
//    id; a venue that does not know it at all means it never arrived
//    (pending_new -> rejected) or the venue forgot it (-> canceled, with an
//    alert, the position check then says whether fills went missing).
//  - On the venue, unknown to the journal, with our client-id prefix: a
//    crash between send and journal cannot happen (intents are journaled
//    first), so this is a bug or a second engine on the account: adopted
//    (order_event + a fill for its filled quantity) and alerted.
//  - On the venue with another prefix (or none): someone else's; logged and
//    noted, never touched.
// Positions, after the fills adopted above:
//  - Derivatives (perpetual/future instruments): our net quantity per
//    symbol against the venue's position (summed over hedge-mode sides).
//  - Spot (Upbit has no positions): the venue's base-asset balance (free +
//    locked, BTC) minus a baseline, against our net quantity from fills.
//    Upbit charges KRW-market fees in KRW, so the BTC balance moves by
//    exactly the filled quantity. The baseline is the inventory the account
//    held before the engine's first fill; see spot_baseline.
//  A difference of more than one lot halts: the report carries a halt with
//  every number (ours, venue's, difference, lot) and a critical alert.
//
// Synthetic fills: a venue's order state gives only the cumulative quantity
// and average price, not the executions. The fill for a missing quantity
// is priced so that the order's average equals the venue's, its trade id is
// "rc:<client id>:<cum qty>" (unique per order, so replay never folds two
// orders' fills together), and its fee is estimated at the venue's
// configured taker rate (quote currency) when the venue did not say.
#pragma once

#include "alerts/alert.hpp"
#include "core/client_order_id.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/order_state.hpp"
#include "core/result.hpp"
#include "core/venue.hpp"
#include "journal/records.hpp"
#include "journal/replay.hpp"
#include "venues/common/events.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tandem::journal {

// -- inputs ------------------------------------------------------------------

/// Everything one venue answered.
struct venue_snapshot {
  tandem::venue venue = venue::upbit;
  /// Open orders of every symbol the venue trades.
  std::vector<venues::order_update> open_orders;
  /// Answers to queries by client id for orders_to_query().
  std::vector<venues::order_update> queried;
  /// Client ids the venue answered unknown_order for.
  std::vector<client_order_id> unknown;
  /// Wallet balances; required for a venue with spot instruments.
  std::optional<std::vector<venues::balance>> balances;
  /// Derivatives positions; required for a venue with perpetual or future
  /// instruments (spot venues may leave it empty).
  std::optional<std::vector<venues::position_snapshot>> positions;
};

/// The inventory of one spot asset the account held apart from the
/// engine's fills (base units, BTC): expected balance = qty + our net.
///
/// Where it comes from (the engine bootstrap decides, in this order):
///  1. the journal: the last reconcile_note "SPOT_BASELINE" for the venue
///     and asset (spot_baselines() reads them from the records);
///  2. the config's starting inventory, on a first start;
///  3. neither: reconcile() derives it from the balance (balance - our net)
///     and says so in a note and, when we already hold a position, an alert
///     (that baseline could hide a difference).
/// Whenever the baseline did not come from the journal, the report
/// journals it as a SPOT_BASELINE note, so every later start checks
/// against the inventory found at the first one. Deposits and withdrawals
/// by people change the inventory: an operator then journals a new
/// baseline (or the check halts, which is the point).
struct spot_baseline {
  tandem::venue venue = venue::upbit;
  /// "BTC".
  std::string asset;
  /// Base units.
  quantity qty;
  /// True when read from the journal (not journaled again).
  bool from_journal = false;
};

struct reconcile_input {
  /// Our client-id prefix ("tdm"): ids "<prefix>-..." are ours.
  std::string prefix;
  /// One per venue the engine trades; a venue the journal has open orders
  /// or positions on must be here.
  std::vector<venue_snapshot> venues;
  /// Tick/lot rules: the lot is the tolerance of the position check; the
  /// kind says spot (balance check) or derivatives (position check).
  std::vector<instrument> instruments;
  std::vector<spot_baseline> baselines;
  /// Taker fee rate per venue for synthetic fills (0.0005 = 0.05%); a
  /// venue not listed gets 0.
  std::map<tandem::venue, rate> fee_rates;
  /// Stamps the alerts.
  timestamp now;
};

// -- the report --------------------------------------------------------------

/// A journaled order whose venue state differed: adopted.
struct adopt_order {
  venues::order_update venue_state;
  order_status journal_status = order_status::pending_new;
  order_status new_status = order_status::pending_new;
  /// Quantity the venue filled beyond the journal's fills (a fill record).
  quantity new_fill_qty;
};

/// An order with our prefix that the journal did not know: adopted.
struct adopt_unknown_ours {
  venues::order_update venue_state;
};

/// Someone else's order (another prefix or none): left alone.
struct ignore_foreign {
  venues::order_update venue_state;
};

/// A journal order the venue does not know (query said unknown_order).
struct order_absent {
  client_order_id id;
  tandem::venue venue = venue::upbit;
  std::string symbol;
  order_status journal_status = order_status::pending_new;
  /// rejected (it never arrived) or canceled (the venue forgot it).
  order_status new_status = order_status::rejected;
};

/// Journal and venue disagree in a way the order state machine cannot
/// express (a journal-terminal order still open, fewer fills on the venue
/// than journaled): alerted, nothing adopted.
struct order_conflict {
  venues::order_update venue_state;
  order_status journal_status = order_status::pending_new;
  quantity journal_fills_qty;
  std::string what;
};

/// Our quantity and the venue's differ by more than one lot.
struct position_mismatch {
  tandem::venue venue = venue::upbit;
  /// The symbol (derivatives) or the base asset (spot: "BTC").
  std::string symbol;
  /// Base units or contracts, signed. For spot, ours is baseline + our net
  /// from fills and venue is the balance (free + locked).
  quantity ours;
  quantity venue_qty;
  quantity lot;
  /// Spot only: the baseline inside `ours`.
  std::optional<quantity> baseline;
};

using reconcile_action
  = std::variant<adopt_order, adopt_unknown_ours, ignore_foreign, order_absent,
                 order_conflict, position_mismatch>;

/// What the emergency stop gets: trigger "position_mismatch" and every
/// number ("binance BTCUSDT ours=-0.01 venue=-0.02 diff=0.01 lot=0.001").
struct halt_decision {
  std::string trigger;
  std::string detail;
};

struct reconcile_report {
  std::vector<reconcile_action> actions;
  /// To append to the journal, in order, before any strategy resumes.
  /// Replaying them after the recovered history lands on the venues' state.
  std::vector<payload> records;
  std::vector<alerts::alert> alerts;
  std::optional<halt_decision> halt;
  /// One line per finding, for the log ("upbit: 3 open orders, 3 matched").
  std::vector<std::string> notes;
  /// Orders on which journal and venue already agreed.
  std::size_t matched = 0;
};

/// Why reconcile() could not judge: input that leaves a question open.
struct reconcile_failure {
  std::string what;
};

// -- functions ---------------------------------------------------------------

/// Returns the client ids to query on `v`: journal orders on `v` that are
/// not terminal and not among `open_orders`, and terminal ones whose
/// journaled fills fall short of their cumulative quantity.
std::vector<client_order_id>
orders_to_query(const recovered_state& state, tandem::venue v,
                std::span<const venues::order_update> open_orders);

/// Compares the journal's state with the venues' and returns what to do,
/// or a failure when an answer it needs is missing (a venue without a
/// snapshot, an order neither open, queried nor unknown, a derivatives
/// venue without positions, a spot venue without balances).
result<reconcile_report, reconcile_failure>
reconcile(const recovered_state& state, const reconcile_input& in);

/// Returns the SPOT_BASELINE note for a baseline ("asset=BTC qty=0.5").
reconcile_note baseline_note(const spot_baseline& b, std::string_view why);

/// Returns the baseline a SPOT_BASELINE note records, or nullopt for any
/// other note (or a malformed one).
std::optional<spot_baseline> parse_baseline_note(const reconcile_note& n);

/// Keeps the last journaled baseline per (venue, asset) while the engine
/// scans the journal (store::scan, alongside the replayer).
class baseline_collector {
 public:
  /// Looks at one record; only SPOT_BASELINE notes count.
  void apply(const record& r);
  /// The baselines found, from_journal set, ordered by venue and asset.
  std::vector<spot_baseline> baselines() const;

 private:
  std::map<std::pair<tandem::venue, std::string>, quantity> last_;
};

/// Returns the last journaled baseline per (venue, asset).
std::vector<spot_baseline> spot_baselines(std::span<const record> records);

/// Returns "adopt", "adopt_unknown_ours", ... for logs and tests.
std::string_view action_name(const reconcile_action& a) noexcept;

} // namespace tandem::journal
