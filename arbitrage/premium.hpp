// The kimchi premium: how much dearer BTC is on Upbit (KRW) than on Binance
// (USDT, converted to KRW at Upbit's KRW-USDT price), computed from the
// prices the two legs would actually trade at and net of both taker fees.
//
//   premium = upbit_krw / (binance_usdt x usdt_krw) - 1
//
// Every choice below leans conservative: an entry (buy Upbit, short Binance)
// must clear entry_bps, so everything makes the entry premium look SMALLER;
// an exit (sell Upbit, cover Binance) fires at or below exit_bps, so
// everything makes the exit premium look LARGER (we never exit on a premium
// that is only low because of our own rounding or a favourable side):
//
// | input            | entry                  | exit                   |
// |------------------|------------------------|------------------------|
// | Upbit KRW-BTC    | ask (we buy)           | bid (we sell)          |
// | Binance BTCUSDT  | bid (we sell short)    | ask (we buy back)      |
// | Upbit KRW-USDT   | ask (larger divisor)   | bid (smaller divisor)  |
// | Upbit taker fee  | upbit x (1 - fee)      | upbit x (1 + fee)      |
// | Binance taker fee| binance x (1 + fee)    | binance x (1 - fee)    |
// | every rounding   | down on the numerator, | up on the numerator,   |
// |                  | up on the divisor      | down on the divisor    |
//
// To first order the fees move the premium by (upbit fee + binance fee):
// net entry ~= gross - fees, net exit ~= gross + fees.
//
// Units: the result is in basis points as `bps`, a fixed-point number with
// 6 decimals (1e-6 bp = 1e-10, the resolution of core's `rate`), signed: a
// discount (Upbit cheaper) is a negative premium.
#pragma once

#include "arbitrage/errors.hpp"
#include "core/decimal.hpp"
#include "core/order_types.hpp"
#include "core/result.hpp"
#include "venues/common/events.hpp"

#include <span>

namespace tandem::arbitrage {

struct bps_tag {};
/// Basis points (1 bp = 0.01%), 6 decimals: "212.345678" bps.
using bps = fixed<bps_tag, 6>;
// A bps raw value is a rate raw value: 1 bp = 1e-4 = 1e6 rate raw units.
static_assert(bps::unit * 10'000 == rate::unit);

/// Returns r (a fraction: 0.0123) in basis points (123), exactly.
constexpr bps to_bps(rate r) noexcept { return bps::from_raw(r.raw()); }
/// Returns b basis points as a fraction (200 bps -> 0.02), exactly.
constexpr rate to_rate(bps b) noexcept { return rate::from_raw(b.raw()); }
/// Returns `whole` basis points (config thresholds are whole bps).
constexpr bps whole_bps(std::int64_t whole) noexcept {
  return bps::from_raw(whole * bps::unit);
}

/// Which way a pair trades. Entry opens the pair: buy Upbit KRW-BTC, sell
/// (short) Binance BTCUSDT. Exit closes it: sell Upbit, buy Binance.
enum class pair_kind : std::uint8_t { entry = 1, exit = 2 };

/// Returns "entry" or "exit".
std::string_view to_string(pair_kind k) noexcept;

/// The Upbit leg's side: buy on entry, sell on exit.
constexpr side upbit_side(pair_kind k) noexcept {
  return k == pair_kind::entry ? side::buy : side::sell;
}
/// The Binance leg's side: sell on entry, buy on exit.
constexpr side binance_side(pair_kind k) noexcept {
  return k == pair_kind::entry ? side::sell : side::buy;
}

/// Taker fee rates as fractions (0.0005 = 5 bps), each in [0, 1).
struct fee_rates {
  rate upbit;
  rate binance;
};

/// The three prices a premium is computed from.
struct premium_prices {
  /// KRW per BTC: Upbit ask (entry) or bid (exit).
  price upbit_krw;
  /// USDT per BTC: Binance bid (entry) or ask (exit).
  price binance_usdt;
  /// KRW per USDT: Upbit KRW-USDT ask (entry) or bid (exit).
  price usdt_krw;
};

/// Picks the sides of the three tops for `k` (see the table above).
premium_prices select_prices(pair_kind k, const venues::book_top& upbit,
                             const venues::book_top& binance,
                             const venues::book_top& usdt_krw) noexcept;

/// Returns the premium net of fees, in bps, rounded conservatively for `k`.
/// Errors: non_positive_price, bad_fee, overflow.
result<bps, arbitrage_error> premium(pair_kind k, const premium_prices& p,
                                     const fee_rates& fees) noexcept;

/// Returns the volume-weighted average price of taking `qty` from `levels`
/// (best first: asks for a buy, bids for a sell), rounded with `mode`.
/// Levels with zero quantity are skipped.
/// Errors: non_positive_quantity, non_positive_price, insufficient_depth,
/// overflow.
result<price, arbitrage_error> vwap(std::span<const venues::book_level> levels,
                                    quantity qty, rounding mode) noexcept;

/// Returns the depth-aware premium for a pair of `qty` BTC: each leg's
/// price is the VWAP of walking its book (Upbit asks and Binance bids on
/// entry, the opposite sides on exit), each VWAP rounded the conservative
/// way of the table above; the KRW-USDT rate is a top price
/// chosen by the caller (select_prices' rule). Errors as premium() and
/// vwap().
result<bps, arbitrage_error> depth_premium(pair_kind k,
                                           const venues::book_depth& upbit,
                                           const venues::book_depth& binance,
                                           price usdt_krw, quantity qty,
                                           const fee_rates& fees) noexcept;

} // namespace tandem::arbitrage
