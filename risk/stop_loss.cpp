#include "risk/stop_loss.hpp"

#include "risk/limits.hpp"

#include <algorithm>

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

namespace {

/// An unrealized P&L and the entry value it is measured against.
struct valued {
  money pnl;
  money notional;
};

/// Returns the P&L and entry value of `qty` (> 0) of leg `l`, in its quote
/// currency; nullopt when it cannot be valued.
std::optional<valued> value_of(const leg_mark& l, quantity qty) {
  if (!l.entry.is_positive() || !l.mark.is_positive() || l.multiplier < 1)
    return std::nullopt;
  auto move = checked_sub(l.mark, l.entry);
  if (!move)
    return std::nullopt;
  auto pnl = mul<money>(*move, qty, rounding::half_even);
  auto cost = mul<money>(l.entry, qty, rounding::half_even);
  if (!pnl || !cost)
    return std::nullopt;
  auto pnl_m = checked_mul(*pnl, l.multiplier);
  auto cost_m = checked_mul(*cost, l.multiplier);
  if (!pnl_m || !cost_m)
    return std::nullopt;
  // A short gains when the mark falls.
  return valued{l.qty.is_negative() ? -*pnl_m : *pnl_m, *cost_m};
}

/// The leg's quantity beyond `hedged`, checked alone.
std::optional<stop_loss_hit> check_rest(const leg_mark& l, quantity hedged,
                                        const config::risk_config& cfg,
                                        bool& unpriced) {
  auto size = l.qty.is_negative() ? -l.qty : l.qty;
  auto rest = size - hedged;
  if (!rest.is_positive())
    return std::nullopt;
  auto v = value_of(l, rest);
  if (!v) {
    unpriced = true;
    return std::nullopt;
  }
  return check_stop_loss(v->pnl, v->notional, cfg);
}

/// Both legs' P&L and entry value on `hedged`, summed in KRW.
std::optional<valued> pair_value(const leg_mark& a, const leg_mark& b,
                                 quantity hedged, price usdt_krw) {
  valued sum;
  for (const auto* l : {&a, &b}) {
    auto v = value_of(*l, hedged);
    if (!v)
      return std::nullopt;
    auto pnl = to_krw(v->pnl, l->quote, usdt_krw);
    auto cost = to_krw(v->notional, l->quote, usdt_krw);
    if (!pnl || !cost)
      return std::nullopt;
    auto p = checked_add(sum.pnl, *pnl);
    auto c = checked_add(sum.notional, *cost);
    if (!p || !c)
      return std::nullopt;
    sum = {*p, *c};
  }
  return sum;
}

} // namespace

pair_stop_loss check_pair_stop_loss(const leg_mark& a, const leg_mark& b,
                                    price usdt_krw,
                                    const config::risk_config& cfg) {
  pair_stop_loss out;
  bool opposite = (a.qty.is_positive() && b.qty.is_negative())
                  || (a.qty.is_negative() && b.qty.is_positive());
  if (opposite && a.multiplier == b.multiplier) {
    auto size_a = a.qty.is_negative() ? -a.qty : a.qty;
    auto size_b = b.qty.is_negative() ? -b.qty : b.qty;
    out.hedged = std::min(size_a, size_b);
    auto pair = pair_value(a, b, out.hedged, usdt_krw);
    if (pair)
      out.pair = check_stop_loss(pair->pnl, pair->notional, cfg);
    else
      out.unpriced = true;
  }
  out.a_rest = check_rest(a, out.hedged, cfg, out.unpriced);
  out.b_rest = check_rest(b, out.hedged, cfg, out.unpriced);
  return out;
}

} // namespace tandem::risk
