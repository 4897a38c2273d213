// What the journal stores: one record per intent, venue event, fill,
// decision, veto, halt, operator command and reconciliation note, in core/
// types. Every record gets a sequence number (assigned by the store, 1, 2,
// ... without gaps) and a timestamp (set by the writer, ns since the epoch).
//
// Kind numbers and enum spellings are stable: they are written to disk.
// Add new kinds at the end; never renumber or reuse one.
#pragma once

#include "core/client_order_id.hpp"
#include "core/clock.hpp"
#include "core/fill.hpp"
#include "core/order_request.hpp"
#include "core/venue.hpp"
#include "venues/common/events.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace tandem::journal {

// -- record payloads ---------------------------------------------------------

// Besides the structs below, two core types are records as they are:
// venues::order_update (kind order_event: a change of an order as the venue
// reported it) and tandem::fill (kind fill: an execution; positions are
// rebuilt from fills alone).

/// An order about to be sent: written, durably, BEFORE the request leaves,
/// so a crash can never leave an order on a venue that the journal does not
/// know.
struct order_intent {
  order_request request;
  /// The pair this order is a leg of; empty for a stand-alone order.
  std::string pair_id;
  /// The signal that caused it; empty when none (operator, rollback).
  std::string signal_id;
};

/// A strategy signal the pair coordinator has acted on; a replayed signal id
/// is dropped as a duplicate after a restart.
struct signal_processed {
  std::string signal_id;
};

/// Where a pair (one signal's legs) stands. Numbers are stable (journaled).
enum class pair_state : std::uint8_t {
  opening = 1,      ///< Legs are being sent.
  hedged = 2,       ///< Every leg filled; the pair holds a position.
  closing = 3,      ///< Exit legs are being sent.
  closed = 4,       ///< Terminal: exited, flat.
  rolling_back = 5, ///< A leg failed; the filled ones are being undone.
  rolled_back = 6,  ///< Terminal: undone, flat.
  escalated = 7,    ///< Needs an operator (rollback failed); still open.
  abandoned = 8,    ///< Terminal: nothing filled (vetoed, all rejected).
};

/// Returns true for closed, rolled_back and abandoned.
constexpr bool is_terminal(pair_state s) noexcept {
  return s == pair_state::closed || s == pair_state::rolled_back
         || s == pair_state::abandoned;
}

/// A pair coordinator decision: the pair's new state and why.
struct pair_decision {
  std::string pair_id;
  pair_state state = pair_state::opening;
  /// Free text for people ("leg binance rejected: INSUFFICIENT_FUNDS").
  std::string text;
};

/// A pre-trade check that refused an order or a pair.
struct risk_veto {
  /// The refused order, if one was minted.
  std::optional<client_order_id> order_id;
  std::string pair_id;
  std::string signal_id;
  /// The risk code's SCREAMING_CASE name ("MAX_NOTIONAL").
  std::string code;
  /// key=value detail ("limit=1000000 notional=1200000").
  std::string detail;
};

/// The engine halted: no new orders until an operator clears it. Survives
/// restarts because replay restores it.
struct halt_set {
  std::string reason;
  /// "engine", "risk", "reconcile", or the operator's name.
  std::string who;
};

/// An operator cleared the halt.
struct halt_cleared {
  std::string reason;
  std::string who;
};

/// A command from the admin console; the record's timestamp is when it was
/// accepted.
struct operator_command {
  std::string who;
  /// "pause", "resume", "set_param", "cancel_all", "emergency_stop", ...
  std::string command;
  /// What it acted on ("kimchi.entry_bps", a venue, a symbol); may be empty.
  std::string target;
  /// Values before and after, as text; empty when not a change.
  std::string old_value;
  std::string new_value;
};

/// What reconciliation with a venue found and did.
struct reconcile_note {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  std::optional<client_order_id> order_id;
  /// SCREAMING_CASE: "ADOPTED", "UNKNOWN_OURS", "FOREIGN_IGNORED",
  /// "POSITION_MISMATCH", ...
  std::string action;
  /// key=value detail with the numbers.
  std::string detail;
};

// -- the record --------------------------------------------------------------

/// Stable kind numbers, in the order of `payload`'s alternatives.
enum class record_kind : std::uint8_t {
  order_intent = 1,
  order_event = 2,
  fill = 3,
  signal_processed = 4,
  pair_decision = 5,
  risk_veto = 6,
  halt_set = 7,
  halt_cleared = 8,
  operator_command = 9,
  reconcile_note = 10,
};

inline constexpr std::size_t record_kind_count = 10;

/// One of the payloads above; alternative i has record_kind i + 1.
using payload
  = std::variant<order_intent, venues::order_update, fill, signal_processed,
                 pair_decision, risk_veto, halt_set, halt_cleared,
                 operator_command, reconcile_note>;

static_assert(std::variant_size_v<payload> == record_kind_count);

/// One journal row.
struct record {
  /// Assigned by the store when the record is committed (1, 2, ...); 0
  /// before that.
  std::uint64_t seq = 0;
  /// When the writer created it.
  timestamp ts;
  payload body;
};

/// Returns the kind of a payload.
constexpr record_kind kind_of(const payload& p) noexcept {
  return static_cast<record_kind>(p.index() + 1);
}

/// Returns "order_intent", "fill", ... (the export spelling).
std::string_view to_string(record_kind k) noexcept;
/// Returns the kind for a stored number, or nullopt.
std::optional<record_kind> record_kind_from_number(std::int64_t n) noexcept;

/// Returns "opening", "hedged", ...
std::string_view to_string(pair_state s) noexcept;
std::optional<pair_state> pair_state_from_string(std::string_view s) noexcept;

/// Returns the client order id the record is about, if any (indexed column).
std::optional<client_order_id> order_id_of(const payload& p) noexcept;
/// Returns the pair id the record is about; empty when none.
std::string_view pair_id_of(const payload& p) noexcept;

} // namespace tandem::journal
