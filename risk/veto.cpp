#include "risk/veto.hpp"

namespace tandem::risk {

// No `default:`, so that -Wswitch flags a missing case.
std::string_view to_string(risk_rule r) noexcept {
  switch (r) {
    case risk_rule::daily_loss_limit: return "DAILY_LOSS_LIMIT";
    case risk_rule::max_open_orders: return "MAX_OPEN_ORDERS";
    case risk_rule::order_rate: return "ORDER_RATE";
    case risk_rule::max_order_notional: return "MAX_ORDER_NOTIONAL";
    case risk_rule::max_position: return "MAX_POSITION";
    case risk_rule::max_leverage: return "MAX_LEVERAGE";
    case risk_rule::venue_leverage: return "VENUE_LEVERAGE";
    case risk_rule::no_fx_rate: return "NO_FX_RATE";
    case risk_rule::no_reference_price: return "NO_REFERENCE_PRICE";
    case risk_rule::bad_order: return "BAD_ORDER";
    case risk_rule::venue_away: return "VENUE_AWAY";
  }
  return "UNKNOWN_RISK_RULE";
}

std::string veto::message() const {
  std::string out{to_string(rule)};
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

} // namespace tandem::risk
