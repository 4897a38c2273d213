#include "arbitrage/pnl.hpp"

namespace tandem::arbitrage {

namespace {

using detail::i128;

/// One venue's cash flow, raw at scale 16 (price x quantity), and its open
/// quantity and fees.
struct venue_flow {
  i128 cash = 0;
  i128 fees = 0;         // scale 16
  std::int64_t open = 0; // quantity raw
};

result<venue_flow, arbitrage_error> flow(std::span<const fill> fills, venue v) {
  venue_flow f;
  constexpr i128 fee_scale = quantity::unit; // money scale 8 -> 16
  for (const auto& x : fills) {
    if (x.venue != v || !x.qty.is_positive())
      return failure{arbitrage_error::bad_event};
    if (!x.px.is_positive())
      return failure{arbitrage_error::non_positive_price};
    i128 value = static_cast<i128>(x.px.raw()) * x.qty.raw();
    if (x.side == side::sell) {
      f.cash += value;
      f.open -= x.qty.raw();
    } else {
      f.cash -= value;
      f.open += x.qty.raw();
    }
    f.fees += static_cast<i128>(x.fee.raw()) * fee_scale;
  }
  return f;
}

/// Returns cash - fees + open x mark, as money (half-even).
result<money, arbitrage_error> settle(const venue_flow& f,
                                      std::optional<price> mark) {
  i128 total = f.cash - f.fees;
  if (f.open != 0) {
    if (!mark || !mark->is_positive())
      return failure{arbitrage_error::missing_quote};
    total += static_cast<i128>(mark->raw()) * f.open;
  }
  auto r = detail::div_round(total, quantity::unit, rounding::half_even);
  if (!detail::fits_int64(r))
    return failure{arbitrage_error::overflow};
  return money::from_raw(static_cast<std::int64_t>(r));
}

} // namespace

result<pair_pnl, arbitrage_error>
compute_pair_pnl(std::span<const fill> upbit_fills,
                 std::span<const fill> binance_fills, price usdt_krw,
                 const pnl_marks& marks) {
  if (!usdt_krw.is_positive())
    return failure{arbitrage_error::non_positive_price};
  auto u = flow(upbit_fills, venue::upbit);
  if (!u)
    return failure{u.error()};
  auto b = flow(binance_fills, venue::binance);
  if (!b)
    return failure{b.error()};
  auto up = settle(*u, marks.upbit_krw);
  if (!up)
    return failure{up.error()};
  auto bn = settle(*b, marks.binance_usdt);
  if (!bn)
    return failure{bn.error()};
  // USDT (scale 8) x KRW/USDT (scale 8), exact, then rounded once.
  auto bn_krw = mul<money>(*bn, usdt_krw, rounding::half_even);
  // Fees: KRW exact; Binance USDT fees (scale 16 raw) x rate, scale 24.
  i128 fee_krw24 = u->fees * price::unit + b->fees * usdt_krw.raw();
  auto fees
    = detail::div_round(fee_krw24, detail::pow10_128(16), rounding::half_even);
  if (!bn_krw || !detail::fits_int64(fees))
    return failure{arbitrage_error::overflow};
  auto total = checked_add(*up, *bn_krw);
  if (!total)
    return failure{arbitrage_error::overflow};
  pair_pnl p;
  p.upbit_krw = *up;
  p.binance_usdt = *bn;
  p.binance_krw = *bn_krw;
  p.total_krw = *total;
  p.fees_krw = money::from_raw(static_cast<std::int64_t>(fees));
  p.upbit_open = quantity::from_raw(u->open);
  p.binance_open = quantity::from_raw(b->open);
  return p;
}

} // namespace tandem::arbitrage
