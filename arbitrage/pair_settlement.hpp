// How a pair of legs settles, for every outcome: the pair coordinator's
// policy as a pure state machine. Events about the pair's orders go in;
// actions come out (query, cancel, place a correction, settled, escalate).
// No clocks: a leg's timeout arrives as an event from the coordinator.
//
// Facts first: the machine records what each order did (status, cumulative
// fill) and derives its next step from those facts after every event:
//
// 1. An order without a final answer is waited for. A timeout (or a venue
//    answer that says nothing: OUTCOME_UNKNOWN, DUPLICATE_CLIENT_ID) is
//    resolved by querying the order, never by assuming. A failed query is
//    repeated up to max_queries, then the pair escalates; an order the
//    venue keeps calling unknown (max_queries times) was never placed. An
//    order the query shows still open is cancelled (legs are IOC).
// 2. When every order is final, the net BTC exposure of the pair is
//    E = signed Upbit fills + signed Binance fills (buy +, sell -).
//    |E| < tolerance (one common lot): settled. The pair is hedged with
//    min(held + upbit, held - binance) BTC per leg (>= one lot: settled_
//    hedged, else settled_flat), and reports E as residual.
// 3. |E| >= tolerance: one correction order, rounded down to its venue's
//    lot, on the side that shrinks E:
//    * retry_leg: the under-filled leg was refused for a transient reason
//      (rate limit, 5xx that did not act, clock window) with nothing
//      filled, and retries are configured (max_leg_retries > 0);
//    * otherwise the pair kind's fix: an entry unwinds the over-filled leg
//      (back toward flat), an exit tops up the under-filled leg (closing
//      more only reduces risk). Binance orders on the side that reduces
//      the short (buy) are reduce-only.
//    Corrections are bounded (max_corrections). An unwind or top-up
//    refused for a non-transient reason, or the bound reached with |E|
//    still >= one lot, escalates: a rollback that failed is the emergency
//    stop's job. (A refused retry_leg falls back to the pair's fix.) An IOC
//    correction that fills nothing is simply followed by the next one.
//
// Escalated is final. A late fill after settlement reopens the pair (the
// facts changed), so a settled action may be followed by a correction.
// Fills are deduplicated upstream (the order actor, by trade id).
#pragma once

#include "arbitrage/errors.hpp"
#include "arbitrage/premium.hpp"
#include "core/decimal.hpp"
#include "core/order_types.hpp"
#include "core/result.hpp"
#include "core/venue.hpp"
#include "venues/common/events.hpp"
#include "venues/common/venue_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tandem::arbitrage {

/// Names one order of a pair: 0 the Upbit leg, 1 the Binance leg, 2.. the
/// corrections in the order the machine asked for them.
using order_ref = std::uint32_t;
inline constexpr order_ref upbit_leg = 0;
inline constexpr order_ref binance_leg = 1;

/// One venue's leg as the machine sees it.
struct settlement_leg {
  tandem::venue venue = venue::upbit;
  /// The leg order's side.
  tandem::side side = side::buy;
  /// The venue's lot step, BTC: corrections round down to it.
  quantity lot;
  /// Orders on this side reduce the venue position and go reduce-only
  /// (Binance: buy, against the kimchi short); none for spot.
  std::optional<tandem::side> reduce_only_side;
};

/// How an imbalance is fixed when no retry applies.
enum class imbalance_fix : std::uint8_t {
  unwind = 1, ///< Reverse the over-filled leg's excess on its venue.
  top_up = 2, ///< Extend the under-filled leg on its venue.
};

/// Bounds and preferences. Not in config yet: these member initializers
/// are the defaults' one place.
struct settlement_policy {
  /// Queries per unanswered order before its outcome counts as unknowable.
  int max_queries = 3;
  /// Correction orders per pair (unwinds, top-ups, retries).
  int max_corrections = 3;
  /// Retries of a transiently refused leg; 0: never, unwind instead.
  int max_leg_retries = 0;
  imbalance_fix entry_fix = imbalance_fix::unwind;
  imbalance_fix exit_fix = imbalance_fix::top_up;
};

/// The pair being settled.
struct pair_spec {
  /// The signal id, for escalation text and logs.
  std::string pair_id;
  pair_kind kind = pair_kind::entry;
  /// BTC per leg ordered.
  quantity qty;
  /// BTC per leg hedged before this pair (0 for an entry).
  quantity held;
  settlement_leg upbit;
  settlement_leg binance;
  /// Net exposure under this is settled: the common lot, >= both lots.
  quantity tolerance;
};

/// Returns the kimchi pair: Upbit leg buy/sell and Binance sell/buy by
/// kind, Binance buys reduce-only, tolerance = the common lot.
result<pair_spec, arbitrage_error> kimchi_pair(std::string pair_id, pair_kind k,
                                               quantity qty, quantity held,
                                               quantity upbit_lot,
                                               quantity binance_lot);

// -- events ------------------------------------------------------------------

/// The venue acknowledged the order.
struct leg_accepted {
  order_ref ref;
};
/// An execution of `qty` BTC at `px` (quote currency); incremental.
struct leg_fill {
  order_ref ref;
  quantity qty;
  price px;
};
/// The order is final (filled, or the IOC rest cancelled/expired) with
/// `cum_qty` BTC filled in total.
struct leg_done {
  order_ref ref;
  quantity cum_qty;
};
/// The venue refused the order.
struct leg_rejected {
  order_ref ref;
  venues::venue_error reason;
};
/// No final answer within the leg timeout (or the query went unanswered).
struct leg_timed_out {
  order_ref ref;
};
/// The venue's answer to a query of the order.
struct leg_query_result {
  order_ref ref;
  venues::order_update update;
};
/// The query failed; UNKNOWN_ORDER means the venue has no such order.
struct leg_query_failed {
  order_ref ref;
  venues::venue_error reason;
};

using settle_event
  = std::variant<leg_accepted, leg_fill, leg_done, leg_rejected, leg_timed_out,
                 leg_query_result, leg_query_failed>;

// -- actions -----------------------------------------------------------------

/// Nothing to send; answers are outstanding.
struct wait_action {};
/// Ask the venue for the order's state (by client id).
struct query_leg {
  order_ref ref;
  tandem::venue venue;
};
/// Cancel an order that is still open after its timeout.
struct cancel_leg {
  order_ref ref;
  tandem::venue venue;
};
/// Why a correction is placed.
enum class correction_kind : std::uint8_t {
  unwind = 1,
  top_up = 2,
  retry_leg = 3
};
/// Place a new order (new client id) that the machine will know as `ref`.
struct correction {
  correction_kind kind = correction_kind::unwind;
  order_ref ref = 0;
  tandem::venue venue = venue::upbit;
  tandem::side side = side::buy;
  /// BTC, on the venue's lot.
  quantity qty;
  bool reduce_only = false;
};
/// Settled with `qty` BTC per leg hedged; `residual` = signed net exposure.
struct settled_hedged {
  quantity qty;
  quantity residual;
};
/// Settled with nothing hedged (rolled back, or fully closed).
struct settled_flat {
  quantity residual;
};
/// Give up: the emergency stop takes over. `exposure` = signed net BTC.
struct escalate {
  std::string reason;
  quantity exposure;
};

using settle_action
  = std::variant<wait_action, query_leg, cancel_leg, correction, settled_hedged,
                 settled_flat, escalate>;

/// Returns a one-line description ("correction unwind #2 upbit sell
/// 0.002"), for logs, alerts and tests.
std::string describe(const settle_action& a);

// -- the machine -------------------------------------------------------------

/// Where the pair is.
enum class settlement_status : std::uint8_t {
  settling = 1,  ///< Waiting for answers or corrections.
  hedged = 2,    ///< Settled with a hedged quantity.
  flat = 3,      ///< Settled with nothing hedged.
  escalated = 4, ///< Handed to the emergency stop; final.
};

/// Returns "settling", "hedged", "flat" or "escalated".
std::string_view to_string(settlement_status s) noexcept;

/// What the machine knows about one order of the pair.
struct tracked_order {
  order_ref ref = 0;
  tandem::venue venue = venue::upbit;
  tandem::side side = side::buy;
  quantity qty;
  bool reduce_only = false;
  /// nullopt for the two legs.
  std::optional<correction_kind> kind;
  enum class state : std::uint8_t { in_flight, working, unknown, done };
  state status = state::in_flight;
  /// Cumulative BTC filled.
  quantity filled;
  /// Queries sent since the answer went missing; "unknown order" answers.
  int queries = 0;
  int not_found = 0;
  /// Cancels sent because a query showed the order still open.
  int cancels = 0;
  /// Set when the venue refused it.
  std::optional<venues::venue_error> rejected;
};

/// The settlement of one pair. Start it when both legs are sent.
class pair_settlement {
 public:
  /// Returns the machine for `spec`, both legs in flight; bad_params when
  /// the tolerance is not positive or below a venue's lot, or the policy's
  /// bounds are not positive.
  static result<pair_settlement, arbitrage_error>
  make(pair_spec spec, settlement_policy policy = {});

  /// Applies one event and returns what to do now (at least one action
  /// while settling; none once settled or escalated unless the event
  /// changed the facts). Errors, with no change: unknown_order_ref,
  /// bad_event.
  result<std::vector<settle_action>, arbitrage_error> on(const settle_event& e);

  settlement_status status() const noexcept { return status_; }
  /// Signed net BTC exposure of the pair's fills (buy +, sell -).
  quantity exposure() const noexcept;
  /// BTC per leg hedged given the fills so far (held + this pair).
  quantity hedged_qty() const noexcept;
  const std::vector<tracked_order>& orders() const noexcept { return orders_; }
  const pair_spec& spec() const noexcept { return spec_; }
  int corrections() const noexcept { return corrections_; }

 private:
  pair_settlement(pair_spec spec, settlement_policy policy);

  void apply(tracked_order& o, const settle_event& e,
             std::vector<settle_action>& out);
  void ask(tracked_order& o, std::vector<settle_action>& out);
  void decide(std::vector<settle_action>& out);
  void correct(quantity e, std::vector<settle_action>& out);
  void give_up(std::string reason, std::vector<settle_action>& out);
  quantity net(venue v) const noexcept;
  const settlement_leg& leg(venue v) const noexcept;

  pair_spec spec_;
  settlement_policy policy_;
  std::vector<tracked_order> orders_;
  settlement_status status_ = settlement_status::settling;
  int corrections_ = 0;
  int retries_ = 0;
  /// The last settled outcome emitted (hedged, residual), so a repeat is
  /// not emitted twice.
  std::optional<std::pair<quantity, quantity>> settled_at_;
};

/// Returns true for refusals that may pass on a later try (rate limits,
/// IP bans, 5xx known not to have acted, clock window, too many orders).
bool is_transient(venues::venue_error e) noexcept;

} // namespace tandem::arbitrage
