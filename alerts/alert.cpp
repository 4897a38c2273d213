#include "alerts/alert.hpp"

namespace tandem::alerts {

std::string_view to_string(severity s) noexcept {
  switch (s) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
    case severity::critical: return "critical";
  }
  return "unknown";
}

std::string_view to_string(alert_kind k) noexcept {
  switch (k) {
    case alert_kind::one_leg_failure: return "one_leg_failure";
    case alert_kind::rollback: return "rollback";
    case alert_kind::rollback_failed: return "rollback_failed";
    case alert_kind::escalation: return "escalation";
    case alert_kind::halt: return "halt";
    case alert_kind::halt_cleared: return "halt_cleared";
    case alert_kind::venue: return "venue";
    case alert_kind::risk: return "risk";
    case alert_kind::other: return "other";
  }
  return "unknown";
}

std::string effective_dedup_key(const alert& a) {
  if (!a.dedup_key.empty())
    return a.dedup_key;
  std::string key{to_string(a.kind)};
  key += '|';
  key += a.title;
  return key;
}

} // namespace tandem::alerts
