#include "core/position.hpp"

namespace tandem {

namespace {

/// Scale-16 raw to money (scale 8), or overflow.
result<money, position_error> to_money(detail::i128 v) {
  auto r = detail::div_round(v, quantity::unit, rounding::half_even);
  if (!detail::fits_int64(r))
    return failure{position_error::overflow};
  return money::from_raw(static_cast<std::int64_t>(r));
}

detail::i128 abs128(detail::i128 v) { return v < 0 ? -v : v; }

} // namespace

position::position(tandem::venue v, std::string symbol, std::int64_t multiplier)
  : venue_(v), symbol_(std::move(symbol)), multiplier_(multiplier) {}

std::optional<price> position::avg_entry() const noexcept {
  if (qty_.is_zero())
    return std::nullopt;
  auto q = abs128(qty_.raw());
  return price::from_raw(static_cast<std::int64_t>(
    detail::div_round(cost_, q, rounding::half_even)));
}

money position::realized_pnl() const noexcept {
  auto r = to_money(realized_);
  // realized_ is bounded by the fills that fed it; overflow here would have
  // been reported by apply().
  return r ? *r - fees_ : money::zero();
}

result<money, position_error> position::apply(const fill& f) {
  if (f.venue != venue_ || f.symbol != symbol_)
    return failure{position_error::instrument_mismatch};
  if (!f.qty.is_positive() || !f.px.is_positive())
    return failure{position_error::bad_fill};
  auto fees = checked_add(fees_, f.fee);
  if (!fees)
    return failure{position_error::overflow};

  // Work on the signed quantity in raw units.
  const detail::i128 q = qty_.raw();
  const detail::i128 fq = f.side == side::buy ? f.qty.raw() : -f.qty.raw();
  const detail::i128 px = f.px.raw();
  detail::i128 new_q = q + fq;
  if (!detail::fits_int64(new_q))
    return failure{position_error::overflow};

  detail::i128 cost = cost_;
  detail::i128 realized_now = 0;
  const bool same_direction = q == 0 || (q > 0) == (fq > 0);
  if (same_direction) {
    cost += px * abs128(fq);
  } else {
    // Close min(|q|, |fq|) at the average entry; open any remainder.
    detail::i128 closed = abs128(fq) < abs128(q) ? abs128(fq) : abs128(q);
    detail::i128 closed_cost
      = closed == abs128(q)
          ? cost
          : detail::div_round(cost * closed, abs128(q), rounding::half_even);
    detail::i128 exit_value = px * closed;
    // Long: sold above cost is profit. Short: bought back below is profit.
    realized_now = q > 0 ? exit_value - closed_cost : closed_cost - exit_value;
    realized_now *= multiplier_;
    cost -= closed_cost;
    detail::i128 opened = abs128(fq) - closed;
    if (opened > 0)
      cost = px * opened; // flipped: the remainder's basis is this fill
  }
  auto realized_money = to_money(realized_now);
  auto total_money = to_money(realized_ + realized_now);
  if (!realized_money || !total_money)
    return failure{position_error::overflow};

  // Commit.
  qty_ = quantity::from_raw(static_cast<std::int64_t>(new_q));
  cost_ = new_q == 0 ? 0 : cost;
  realized_ += realized_now;
  fees_ = *fees;
  return *realized_money;
}

result<money, position_error>
position::unrealized_pnl(price mark) const noexcept {
  if (qty_.is_zero())
    return money::zero();
  detail::i128 q = abs128(qty_.raw());
  detail::i128 value = static_cast<detail::i128>(mark.raw()) * q;
  detail::i128 pnl = qty_.is_positive() ? value - cost_ : cost_ - value;
  return to_money(pnl * multiplier_);
}

} // namespace tandem
