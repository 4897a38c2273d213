// What the engine pushes to the admin gateway's event stream (WS
// /v1/events), one message per event. Plain data; rendered by
// admin/render.hpp as one JSON object per WebSocket text frame.
#pragma once

#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/fill.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::admin {

/// A fill on any venue.
struct fill_event {
  tandem::fill fill;
  /// The pair this fill belongs to, or empty (a flatten, a manual order).
  std::string pair_id;
};

/// How a pair ended (or reached a state that needs attention).
enum class settlement_outcome : std::uint8_t {
  /// Both entry legs filled: the pair is hedged and open.
  hedged = 1,
  /// Both exit legs filled: the pair is closed.
  closed = 2,
  /// One leg failed; the other was unwound.
  rolled_back = 3,
  /// The rollback failed or the legs disagree: an operator must look.
  escalated = 4,
};

/// Returns "hedged", "closed", "rolled_back" or "escalated".
std::string_view to_string(settlement_outcome o) noexcept;

/// A pair coordinator's settlement.
struct pair_settlement_event {
  std::string pair_id;
  std::string signal_id;
  settlement_outcome outcome = settlement_outcome::hedged;
  /// Realized P&L of the pair so far, KRW (zero for `hedged`).
  money pnl_krw;
  std::string detail;
  timestamp at;
};

/// How loud an alert is.
enum class alert_severity : std::uint8_t {
  info = 1,
  warning = 2,
  critical = 3
};

/// Returns "info", "warning" or "critical".
std::string_view to_string(alert_severity s) noexcept;

/// An alert, as sent to Discord.
struct alert_event {
  alert_severity severity = alert_severity::info;
  std::string title;
  std::string detail;
  timestamp at;
};

/// What changed in the engine's state.
enum class status_change : std::uint8_t {
  halted = 1,
  halt_cleared = 2,
  strategy_paused = 3,
  strategy_resumed = 4,
  param_changed = 5,
  venue_connected = 6,
  venue_disconnected = 7,
  orders_cancelled = 8,
  positions_flattened = 9,
};

/// Returns "halted", "halt_cleared", "strategy_paused", ...
std::string_view to_string(status_change c) noexcept;

/// A change of the engine's state, whoever caused it.
struct status_change_event {
  status_change change = status_change::halted;
  /// What it concerns: a strategy, venue or parameter name; may be empty.
  std::string subject;
  /// The reason or the values ("200 -> 180").
  std::string detail;
  /// A requester name, or "engine:<trigger>".
  std::string by;
  timestamp at;
};

} // namespace tandem::admin
