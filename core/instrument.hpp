// Instruments and their trading rules: price tick (fixed or by price band),
// lot step, minimum and maximum quantity, minimum notional, contract
// multiplier. Rounding always goes to the safe side: a buy's price rounds
// down and a sell's up to the tick (never pay more or sell for less than
// asked); quantities round down to the lot (never trade more than asked).
#pragma once

#include "core/decimal.hpp"
#include "core/order_request.hpp"
#include "core/order_types.hpp"
#include "core/venue.hpp"
#include "core/violation.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tandem {

/// One price band of a tick table: prices >= `from` use `tick`.
struct tick_band {
  price from;
  price tick;
};

/// The tick size as a function of price.
class tick_rule {
 public:
  /// One tick at every price (Binance PRICE_FILTER tickSize).
  static tick_rule fixed(price tick);
  /// A band table; bands may come in any order; the lowest band's tick also
  /// applies below its `from`.
  static tick_rule bands(std::vector<tick_band> bands);
  /// Upbit's KRW-market table, revised 2025-07-31 (see the venue notes).
  /// Below 100 KRW the official excerpt was cut off: we use one decimal per
  /// decade (10-100: 0.1, 1-10: 0.01, ...). If Upbit's real tick is finer,
  /// these prices are still on it, so orders are never refused for it. The
  /// venue adapter prefers /v1/orderbook/instruments when it answers.
  static const tick_rule& upbit_krw();

  /// Returns the tick that applies at price p (p > 0).
  price tick_at(price p) const noexcept;
  /// Returns true if p is a multiple of the tick at p.
  bool on_tick(price p) const noexcept;
  /// Rounds p to the tick: a buy rounds down, a sell rounds up.
  result<price, decimal_error> round(price p, side s) const noexcept;

  bool is_fixed() const noexcept { return bands_.size() == 1; }

 private:
  /// Sorted by `from`, descending.
  std::vector<tick_band> bands_;
};

/// A tradable instrument on one venue.
struct instrument {
  tandem::venue venue = venue::upbit;
  /// The venue's symbol: "KRW-BTC", "BTCUSDT".
  std::string symbol;
  /// Base asset ("BTC") and quote currency ("KRW", "USDT").
  std::string base;
  std::string quote;
  instrument_kind kind = instrument_kind::spot;
  tick_rule tick = tick_rule::fixed(price::from_raw(1));
  /// Quantity step (base units or contracts).
  quantity lot = quantity::from_raw(1);
  quantity min_qty;
  std::optional<quantity> max_qty;
  /// Minimum price x quantity x multiplier, in the quote currency (Upbit
  /// 5,000 KRW; Binance MIN_NOTIONAL, e.g. 100 USDT for BTCUSDT).
  money min_notional;
  /// Binance exempts reduce-only orders from MIN_NOTIONAL.
  bool reduce_only_skips_min_notional = false;
  std::optional<price> min_price;
  std::optional<price> max_price;
  /// Units of base per contract (KOSPI200 futures: 250,000 KRW per point).
  std::int64_t multiplier = 1;
};

/// Rounds a price to the instrument's tick on the safe side for `s`.
result<price, decimal_error> round_price(const instrument& i, price p,
                                         side s) noexcept;
/// Rounds a quantity down to the instrument's lot.
result<quantity, decimal_error> round_quantity(const instrument& i,
                                               quantity q) noexcept;
/// Returns price x quantity x multiplier in the quote currency, exact
/// (money has the same scale as price) or overflow.
result<money, decimal_error> notional(const instrument& i, price p,
                                      quantity q) noexcept;

/// Checks a price: positive, inside [min_price, max_price], on the tick.
std::optional<violation> check_price(const instrument& i, price p);
/// Checks a quantity: positive, on the lot, inside [min_qty, max_qty].
std::optional<violation> check_quantity(const instrument& i, quantity q);
/// Checks a whole order: its shape, then price, stop price, quantity and
/// notional against the instrument. Market orders have no price of their
/// own: pass the price the notional is judged at (Binance uses the mark
/// price) as `reference`; without it the notional check is skipped.
std::optional<violation> check_order(const instrument& i,
                                     const order_request& o,
                                     std::optional<price> reference = {});
/// Checks the instrument's own rules make sense (positive steps, min price
/// on tick) - used when loading config and exchangeInfo.
std::optional<violation> check_instrument(const instrument& i);

} // namespace tandem
