#include "arbitrage/premium.hpp"

#include <algorithm>

namespace tandem::arbitrage {

namespace {

using detail::i128;

/// Returns 1 - f (minus = true) or 1 + f as a rate.
rate fee_factor(rate f, bool minus) noexcept {
  return rate::from_raw(minus ? rate::unit - f.raw() : rate::unit + f.raw());
}

bool valid_fee(rate f) noexcept {
  return !f.is_negative() && f.raw() < rate::unit;
}

} // namespace

std::string_view to_string(pair_kind k) noexcept {
  switch (k) {
    case pair_kind::entry: return "entry";
    case pair_kind::exit: return "exit";
  }
  return "unknown";
}

premium_prices select_prices(pair_kind k, const venues::book_top& upbit,
                             const venues::book_top& binance,
                             const venues::book_top& usdt_krw) noexcept {
  if (k == pair_kind::entry)
    return {upbit.ask, binance.bid, usdt_krw.ask};
  return {upbit.bid, binance.ask, usdt_krw.bid};
}

result<bps, arbitrage_error> premium(pair_kind k, const premium_prices& p,
                                     const fee_rates& fees) noexcept {
  if (!p.upbit_krw.is_positive() || !p.binance_usdt.is_positive()
      || !p.usdt_krw.is_positive())
    return failure{arbitrage_error::non_positive_price};
  if (!valid_fee(fees.upbit) || !valid_fee(fees.binance))
    return failure{arbitrage_error::bad_fee};
  const bool entry = k == pair_kind::entry;
  // Entry: shrink the Upbit side and grow the Binance side; exit: the
  // reverse. Each rounding goes the same conservative way.
  const auto upbit_mode = entry ? rounding::down : rounding::up;
  const auto binance_mode = entry ? rounding::up : rounding::down;
  auto u = mul<price>(p.upbit_krw, fee_factor(fees.upbit, entry), upbit_mode);
  auto bu = mul<price>(p.binance_usdt, fee_factor(fees.binance, !entry),
                       binance_mode);
  if (!u || !bu)
    return failure{arbitrage_error::overflow};
  auto b = mul<price>(*bu, p.usdt_krw, binance_mode); // KRW per BTC
  if (!b)
    return failure{arbitrage_error::overflow};
  if (!b->is_positive()) // a tiny price rounded to zero
    return failure{arbitrage_error::non_positive_price};
  auto diff = checked_sub(*u, *b);
  if (!diff)
    return failure{arbitrage_error::overflow};
  auto r = div<rate>(*diff, *b, upbit_mode);
  if (!r)
    return failure{arbitrage_error::overflow};
  return to_bps(*r);
}

result<price, arbitrage_error> vwap(std::span<const venues::book_level> levels,
                                    quantity qty, rounding mode) noexcept {
  if (!qty.is_positive())
    return failure{arbitrage_error::non_positive_quantity};
  i128 notional = 0; // scale 16
  std::int64_t left = qty.raw();
  for (const auto& l : levels) {
    if (left == 0)
      break;
    if (l.qty.raw() <= 0)
      continue;
    if (!l.px.is_positive())
      return failure{arbitrage_error::non_positive_price};
    auto take = std::min(left, l.qty.raw());
    // Each product is < 2^126; the sum can only overflow on absurd books.
    if (__builtin_add_overflow(notional, static_cast<i128>(l.px.raw()) * take,
                               &notional))
      return failure{arbitrage_error::overflow};
    left -= take;
  }
  if (left != 0)
    return failure{arbitrage_error::insufficient_depth};
  auto avg = detail::div_round(notional, qty.raw(), mode);
  if (!detail::fits_int64(avg))
    return failure{arbitrage_error::overflow};
  return price::from_raw(static_cast<std::int64_t>(avg));
}

result<bps, arbitrage_error> depth_premium(pair_kind k,
                                           const venues::book_depth& upbit,
                                           const venues::book_depth& binance,
                                           price usdt_krw, quantity qty,
                                           const fee_rates& fees) noexcept {
  const bool entry = k == pair_kind::entry;
  // Entry: Upbit rounds down, Binance up (smaller premium); exit: reverse.
  const auto upbit_mode = entry ? rounding::down : rounding::up;
  const auto binance_mode = entry ? rounding::up : rounding::down;
  auto u = vwap(entry ? upbit.asks : upbit.bids, qty, upbit_mode);
  if (!u)
    return failure{u.error()};
  auto b = vwap(entry ? binance.bids : binance.asks, qty, binance_mode);
  if (!b)
    return failure{b.error()};
  return premium(k, premium_prices{*u, *b, usdt_krw}, fees);
}

} // namespace tandem::arbitrage
