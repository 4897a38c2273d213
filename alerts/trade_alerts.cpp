#include "alerts/trade_alerts.hpp"

#include <string>
#include <utility>

namespace tandem::alerts {

namespace {

std::string leg_field_name(const leg_summary& leg, std::string_view role) {
  std::string s{role};
  s += " (";
  s += to_string(leg.venue);
  s += ')';
  return s;
}

alert_field text_field(std::string name, std::string_view value,
                       bool is_inline = true) {
  return alert_field{std::move(name), std::string{value}, is_inline};
}

std::string join(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (auto p : parts)
    s += p;
  return s;
}

} // namespace

std::string describe_leg(const leg_summary& leg) {
  std::string s{to_string(leg.side)};
  s += ' ';
  s += leg.ordered.to_string();
  s += ' ';
  s += leg.symbol;
  if (!leg.price.is_zero()) {
    s += " @ ";
    s += leg.price.to_string();
  }
  s += " on ";
  s += to_string(leg.venue);
  s += ", filled ";
  s += leg.filled.to_string();
  if (!leg.state.empty()) {
    s += " (";
    s += leg.state;
    s += ')';
  }
  return s;
}

alert one_leg_failure_alert(std::string_view pair_id, const leg_summary& failed,
                            const leg_summary& filled, std::string_view action,
                            timestamp at) {
  alert a;
  a.severity = severity::error;
  a.kind = alert_kind::one_leg_failure;
  a.title = join({"One leg failed: ", to_string(failed.venue), " ",
                  failed.symbol, " (pair ", pair_id, ")"});
  a.summary = join({"The ", to_string(failed.venue), " leg failed (",
                    failed.state, ") while the ", to_string(filled.venue),
                    " leg filled ", filled.filled.to_string(), " ",
                    filled.symbol, ". Action: ", action});
  a.fields.push_back(text_field("pair", pair_id));
  a.fields.push_back(text_field(leg_field_name(failed, "failed leg"),
                                describe_leg(failed), false));
  a.fields.push_back(text_field(leg_field_name(filled, "filled leg"),
                                describe_leg(filled), false));
  a.fields.push_back(text_field("action", action, false));
  a.dedup_key
    = join({"one_leg_failure|", to_string(failed.venue), "|", failed.state});
  a.at = at;
  return a;
}

alert rollback_alert(std::string_view pair_id, const leg_summary& unwind,
                     bool succeeded, std::string_view action, timestamp at) {
  alert a;
  a.severity = succeeded ? severity::warning : severity::critical;
  a.kind = succeeded ? alert_kind::rollback : alert_kind::rollback_failed;
  a.title = join(
    {succeeded ? "Rolled back: " : "Rollback FAILED: ", to_string(unwind.venue),
     " ", unwind.symbol, " (pair ", pair_id, ")"});
  a.summary = join({succeeded ? "Unwound " : "Could not unwind ",
                    unwind.ordered.to_string(), " ", unwind.symbol, " on ",
                    to_string(unwind.venue), ". Action: ", action});
  a.fields.push_back(text_field("pair", pair_id));
  a.fields.push_back(
    text_field(leg_field_name(unwind, "unwind"), describe_leg(unwind), false));
  a.fields.push_back(text_field("action", action, false));
  // A failed unwind leaves exposure on one pair: never fold it into another.
  a.dedup_key
    = succeeded
        ? join({"rollback|", to_string(unwind.venue), "|", unwind.state})
        : join({"rollback_failed|", pair_id});
  a.at = at;
  return a;
}

alert escalation_alert(std::string_view pair_id, std::string_view reason,
                       std::span<const leg_summary> legs,
                       std::string_view action, timestamp at) {
  alert a;
  a.severity = severity::critical;
  a.kind = alert_kind::escalation;
  a.title = join({"Escalated to emergency stop (pair ", pair_id, ")"});
  a.summary = join({"Reason: ", reason, ". Action: ", action});
  a.fields.push_back(text_field("pair", pair_id));
  for (const auto& leg : legs)
    a.fields.push_back(
      text_field(leg_field_name(leg, "leg"), describe_leg(leg), false));
  a.fields.push_back(text_field("action", action, false));
  a.dedup_key = join({"escalation|", pair_id});
  a.at = at;
  return a;
}

alert halt_alert(std::string_view trigger, std::string_view detail,
                 std::string_view action, timestamp at) {
  alert a;
  a.severity = severity::critical;
  a.kind = alert_kind::halt;
  a.title = join({"Trading HALTED: ", trigger});
  a.summary = join({detail, ". Action: ", action});
  a.fields.push_back(text_field("trigger", trigger));
  a.fields.push_back(text_field("action", action, false));
  a.dedup_key = join({"halt|", trigger});
  a.at = at;
  return a;
}

alert halt_cleared_alert(std::string_view by, timestamp at) {
  alert a;
  a.severity = severity::info;
  a.kind = alert_kind::halt_cleared;
  a.title = "Halt cleared";
  a.summary = join({"Cleared by ", by, "; trading may resume."});
  a.fields.push_back(text_field("by", by));
  a.dedup_key = "halt_cleared";
  a.at = at;
  return a;
}

} // namespace tandem::alerts
