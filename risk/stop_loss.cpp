#include "risk/stop_loss.hpp"

#include "risk/limits.hpp"

namespace tandem::risk {

std::string stop_loss_hit::message() const {
  return "STOP_LOSS: pnl=" + pnl.to_string()
         + " notional=" + notional.to_string() + " limit=" + limit.to_string();
}

std::optional<stop_loss_hit> check_stop_loss(money pnl, money notional,
                                             const config::risk_config& cfg) {
  if (!notional.is_positive())
    return std::nullopt;
  auto limit = -percent_of(notional, cfg.stop_loss_pct);
  if (pnl > limit)
    return std::nullopt;
  return stop_loss_hit{pnl, notional, limit};
}

std::optional<stop_loss_hit> check_stop_loss(const position& p, price mark,
                                             const config::risk_config& cfg) {
  if (p.is_flat())
    return std::nullopt;
  auto pnl = p.unrealized_pnl(mark);
  // The P&L at a mark of zero is minus the cost (long) or plus it (short),
  // with the position's own exact cost basis and multiplier.
  auto at_zero = p.unrealized_pnl(price::zero());
  if (!pnl || !at_zero)
    return std::nullopt;
  auto cost = at_zero->is_negative() ? -*at_zero : *at_zero;
  return check_stop_loss(*pnl, cost, cfg);
}

} // namespace tandem::risk
