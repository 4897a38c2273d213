// One alert as the engine raises it: what happened, how bad, and the
// details an operator needs (pair id, venues, quantities, prices, what was
// done). Plain data; the Discord payload, the queue policy and the actor
// all read this one type. No CAF, no I/O.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::alerts {

/// How bad it is; decides the embed colour and the log level.
enum class severity : std::uint8_t {
  info = 1,     ///< Worth knowing (a halt cleared, a venue back).
  warning = 2,  ///< Handled, but a person should look (a rollback done).
  error = 3,    ///< Money at risk until someone acts.
  critical = 4, ///< The engine halted or could not unwind.
};

/// What kind of event raised it. Numbers are stable.
enum class alert_kind : std::uint8_t {
  one_leg_failure = 1, ///< One leg failed while the other filled.
  rollback = 2,        ///< A filled leg was unwound.
  rollback_failed = 3, ///< An unwind failed; escalated.
  escalation = 4,      ///< Handed to the emergency stop.
  halt = 5,            ///< The emergency stop halted trading.
  halt_cleared = 6,    ///< An operator cleared the halt.
  venue = 7,           ///< A venue went away or came back.
  risk = 8,            ///< A risk limit was hit.
  other = 9,
};

/// Returns "info", "warning", "error" or "critical".
std::string_view to_string(severity s) noexcept;
/// Returns "one_leg_failure", "rollback", ...
std::string_view to_string(alert_kind k) noexcept;

/// One name/value line of the embed ("pair", "upbit leg", ...).
struct alert_field {
  std::string name;
  std::string value;
  /// Shown side by side with its inline neighbours when short.
  bool is_inline = true;

  friend bool operator==(const alert_field&, const alert_field&) = default;
};

/// An alert. Text is UTF-8; anything too long for Discord is cut when the
/// payload is built, never here.
struct alert {
  alerts::severity severity = severity::warning;
  alert_kind kind = alert_kind::other;
  /// One line: "Binance leg rejected, Upbit leg unwound".
  std::string title;
  /// A few sentences: what happened and what the engine did about it.
  std::string summary;
  std::vector<alert_field> fields;
  /// Alerts with the same key within the dedup window are one message
  /// (with a repeat count). Empty: kind and title make the key.
  std::string dedup_key;
  /// When it happened (UTC, ns since the epoch); 0 leaves it out.
  timestamp at{};

  friend bool operator==(const alert&, const alert&) = default;
};

/// Returns a.dedup_key, or "<kind>|<title>" when it is empty.
std::string effective_dedup_key(const alert& a);

} // namespace tandem::alerts
