#include "risk/limits.hpp"

#include "risk/order_rate.hpp"

namespace tandem::risk {

namespace {

using detail::i128;

veto refuse(risk_rule r, std::string detail) {
  return veto{r, std::move(detail)};
}

std::string name(venue v, const std::string& symbol) {
  return std::string{to_string(v)} + ":" + symbol;
}

const position_exposure* find(const risk_snapshot& s, venue v,
                              std::string_view symbol) {
  for (const auto& p : s.positions)
    if (p.venue == v && p.symbol == symbol)
      return &p;
  return nullptr;
}

quantity abs_qty(quantity q) noexcept { return q.is_negative() ? -q : q; }

/// |q| x px x multiplier in `currency`, as KRW.
std::optional<money> value_krw(quantity q, price px, std::int64_t multiplier,
                               std::string_view currency, price usdt_krw) {
  auto n = mul<money>(px, abs_qty(q), rounding::half_even);
  if (!n)
    return std::nullopt;
  if (multiplier != 1) {
    n = checked_mul(*n, multiplier);
    if (!n)
      return std::nullopt;
  }
  return to_krw(*n, currency, usdt_krw);
}

} // namespace

money percent_of(money amount, std::int64_t pct) noexcept {
  i128 v = detail::div_round(static_cast<i128>(amount.raw()) * pct, 100,
                             rounding::down);
  return detail::fits_int64(v) ? money::from_raw(static_cast<std::int64_t>(v))
                               : money::max();
}

std::optional<money> to_krw(money amount, std::string_view currency,
                            price usdt_krw) noexcept {
  if (currency == "KRW")
    return amount;
  if (currency != "USDT" || !usdt_krw.is_positive())
    return std::nullopt;
  auto r = mul<money>(amount, usdt_krw, rounding::half_even);
  if (!r)
    return std::nullopt;
  return *r;
}

std::optional<veto> check(const order_request& o, const instrument& inst,
                          const risk_snapshot& s,
                          const config::risk_config& cfg) {
  // 1. Daily loss: nothing trades once the day's loss reached the limit.
  auto loss_limit = -percent_of(cfg.capital_krw, cfg.daily_loss_pct);
  if (s.daily_pnl_krw <= loss_limit)
    return refuse(risk_rule::daily_loss_limit,
                  "daily_pnl_krw=" + s.daily_pnl_krw.to_string()
                    + " limit_krw=" + loss_limit.to_string());
  // 2. Open orders.
  if (s.open_orders + 1 > cfg.max_open_orders)
    return refuse(risk_rule::max_open_orders,
                  "open=" + std::to_string(s.open_orders)
                    + " max=" + std::to_string(cfg.max_open_orders));
  // 3. Order rate over the last second.
  auto sent = count_in_window(s.recent_orders, s.now);
  if (static_cast<std::int64_t>(sent) + 1 > cfg.max_orders_per_s)
    return refuse(risk_rule::order_rate,
                  "orders_last_1s=" + std::to_string(sent)
                    + " max=" + std::to_string(cfg.max_orders_per_s));
  // 4. The leverage set on Binance.
  if (o.venue == venue::binance && !o.reduce_only && s.binance_leverage
      && *s.binance_leverage > cfg.max_leverage)
    return refuse(risk_rule::venue_leverage,
                  "binance_leverage=" + std::to_string(*s.binance_leverage)
                    + " max=" + std::to_string(cfg.max_leverage));
  if (o.venue != inst.venue || o.symbol != inst.symbol || !o.qty.is_positive())
    return refuse(risk_rule::bad_order, "order=" + name(o.venue, o.symbol)
                                          + " qty=" + o.qty.to_string());
  // 5. Notional of this order, in KRW.
  const auto* pos = find(s, inst.venue, inst.symbol);
  std::optional<price> px = o.limit_price;
  if (!px && pos && pos->mark.is_positive())
    px = pos->mark;
  if (!px || !px->is_positive())
    return refuse(risk_rule::no_reference_price,
                  "order=" + name(o.venue, o.symbol) + " has no price or mark");
  auto n = value_krw(o.qty, *px, inst.multiplier, inst.quote, s.usdt_krw);
  if (!n)
    return refuse(risk_rule::no_fx_rate, "quote=" + inst.quote + " usdt_krw="
                                           + s.usdt_krw.to_string());
  if (*n > cfg.max_order_notional_krw)
    return refuse(risk_rule::max_order_notional,
                  "notional_krw=" + n->to_string()
                    + " max_krw=" + cfg.max_order_notional_krw.to_string());
  // 6. The instrument's position after the order, if the order grows it.
  const quantity before = pos ? pos->qty : quantity::zero();
  const quantity after = o.side == side::buy ? before + o.qty : before - o.qty;
  if (abs_qty(after) <= abs_qty(before))
    return std::nullopt; // reduces (or flips smaller): always allowed
  const price mark = pos && pos->mark.is_positive() ? pos->mark : *px;
  auto held = value_krw(after, mark, inst.multiplier, inst.quote, s.usdt_krw);
  if (!held)
    return refuse(risk_rule::no_fx_rate, "quote=" + inst.quote);
  auto max_pos = percent_of(cfg.capital_krw, cfg.max_position_pct);
  if (*held > max_pos)
    return refuse(risk_rule::max_position,
                  "instrument=" + name(inst.venue, inst.symbol)
                    + " position_after=" + after.to_string() + " value_krw="
                    + held->to_string() + " max_krw=" + max_pos.to_string());
  // 7. Gross exposure across every instrument after the order.
  money gross = *held;
  for (const auto& p : s.positions) {
    if ((p.venue == inst.venue && p.symbol == inst.symbol) || p.qty.is_zero())
      continue;
    if (!p.mark.is_positive())
      return refuse(risk_rule::no_reference_price,
                    "position=" + name(p.venue, p.symbol) + " has no mark");
    auto v = value_krw(p.qty, p.mark, p.multiplier, p.quote, s.usdt_krw);
    if (!v)
      return refuse(risk_rule::no_fx_rate, "position=" + name(p.venue, p.symbol)
                                             + " quote=" + p.quote);
    auto g = checked_add(gross, *v);
    if (!g)
      return refuse(risk_rule::bad_order, "gross exposure overflow");
    gross = *g;
  }
  auto max_gross = checked_mul(cfg.capital_krw, cfg.max_leverage);
  if (max_gross && gross > *max_gross)
    return refuse(risk_rule::max_leverage,
                  "gross_krw=" + gross.to_string()
                    + " max_krw=" + max_gross->to_string()
                    + " max_leverage=" + std::to_string(cfg.max_leverage));
  return std::nullopt;
}

} // namespace tandem::risk
