#include "sim/binance/accounts.hpp"

#include <algorithm>

namespace tandem::sim::binance {

namespace {

quantity abs_qty(quantity q) { return q.is_negative() ? -q : q; }

quantity signed_qty(tandem::side s, quantity q) {
  return s == tandem::side::buy ? q : -q;
}

money must(result<money, decimal_error> r) { return r ? *r : money::zero(); }

} // namespace

position_state& account_state::position(const symbol_config& s) {
  auto [it, fresh] = positions.try_emplace(s.symbol);
  if (fresh)
    it->second.leverage = s.default_leverage;
  return it->second;
}

fill_effect account_state::apply_fill(const symbol_config& s, tandem::side side,
                                      price px, quantity qty, rate fee_rate,
                                      std::int64_t now_ms) {
  auto& p = position(s);
  fill_effect out;
  auto notional = must(mul<money>(px, qty, rounding::down));
  out.fee = must(mul<money>(notional, fee_rate, rounding::up));
  const bool closing = (p.qty.is_positive() && side == tandem::side::sell)
                       || (p.qty.is_negative() && side == tandem::side::buy);
  quantity rest = qty;
  if (closing) {
    auto closed = std::min(abs_qty(p.qty), qty);
    // A long gains when it sells above entry; a short when it buys below.
    auto diff = p.qty.is_positive() ? px - p.entry : p.entry - px;
    out.realized = must(mul<money>(diff, closed, rounding::half_even));
    p.qty += signed_qty(side, closed);
    rest = qty - closed;
    if (p.qty.is_zero())
      p.entry = price::zero();
  }
  if (rest.is_positive()) {
    // Opening or adding: the entry becomes the quantity-weighted average.
    auto held = abs_qty(p.qty);
    auto before = must(mul<money>(p.entry, held, rounding::half_even));
    auto added = must(mul<money>(px, rest, rounding::half_even));
    auto avg = div<price>(before + added, held + rest, rounding::half_even);
    p.entry = avg ? *avg : px;
    p.qty += signed_qty(side, rest);
  }
  p.realized += out.realized;
  p.update_ms = now_ms;
  wallet += out.realized - out.fee;
  return out;
}

money unrealized_pnl(const position_state& p, price mark) {
  if (p.qty.is_zero() || mark.is_zero())
    return money::zero();
  return must(mul<money>(mark - p.entry, p.qty, rounding::half_even));
}

money initial_margin(quantity qty, price mark, std::int32_t leverage) {
  auto n = must(mul<money>(mark, abs_qty(qty), rounding::up));
  return money::from_raw(static_cast<std::int64_t>(detail::div_round(
    n.raw(), std::max<std::int32_t>(leverage, 1), rounding::up)));
}

money max_notional_for(std::int32_t leverage) {
  // clang-format off
  if (leverage > 100) return money::must_parse("300000");
  if (leverage > 75)  return money::must_parse("800000");
  if (leverage > 50)  return money::must_parse("3000000");
  if (leverage > 25)  return money::must_parse("12000000");
  if (leverage > 10)  return money::must_parse("50000000");
  if (leverage > 5)   return money::must_parse("100000000");
  return money::must_parse("200000000");
  // clang-format on
}

} // namespace tandem::sim::binance
