#include "sim/market/price_process.hpp"

#include <utility>

namespace tandem::sim::market {

namespace {

constexpr rate one = rate::from_raw(rate::unit);

/// Returns a uniform integer in [-n, n]. Spelled out instead of
/// std::uniform_int_distribution, whose output differs between standard
/// libraries: the same seed must give the same market everywhere. The
/// modulo bias is below 1e-17 for any sane n.
std::int64_t uniform_step(std::mt19937_64& rng, std::int64_t n) {
  if (n <= 0)
    return 0;
  auto span = static_cast<std::uint64_t>(2 * n + 1);
  return static_cast<std::int64_t>(rng() % span) - n;
}

/// Returns the next price `n` ticks away on `ticks`' grid (n may be
/// negative), or `p` when that would leave the grid's positive range.
price ticks_away(const tick_rule& ticks, price p, std::int64_t n) {
  price out = p;
  for (std::int64_t i = 0; i < (n < 0 ? -n : n); ++i) {
    auto t = ticks.tick_at(out);
    auto next = n < 0 ? out - t : out + t;
    auto r = ticks.round(next, n < 0 ? side::buy : side::sell);
    if (!r || !r->is_positive())
      return out;
    out = *r;
  }
  return out;
}

/// Returns `levels` levels from `best` outward (bids downward, asks up).
std::vector<level> ladder(const tick_rule& ticks, price best, std::size_t n,
                          quantity qty, bool bids) {
  std::vector<level> out;
  out.reserve(n);
  price p = best;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back({p, qty});
    auto next = ticks_away(ticks, p, bids ? -1 : 1);
    if (next == p)
      break; // at the bottom of the grid
    p = next;
  }
  return out;
}

} // namespace

price book::mid() const {
  if (bids.empty() || asks.empty())
    return bids.empty() ? (asks.empty() ? price{} : asks[0].px) : bids[0].px;
  __extension__ using i128 = __int128;
  i128 sum = static_cast<i128>(bids[0].px.raw()) + asks[0].px.raw();
  return price::from_raw(static_cast<std::int64_t>(sum / 2));
}

price_process::price_process(process_config cfg, timestamp t0)
  : cfg_(std::move(cfg)), t0_(t0), script_t0_(t0), latest_(t0),
    rng_(cfg_.seed) {
  btc_bid_ticks_ = cfg_.btc_usdt.raw() / cfg_.binance_tick.raw();
  auto usdt = cfg_.upbit_usdt_ticks.round(cfg_.usdt_krw, side::buy);
  usdt_bid_ = usdt ? *usdt : cfg_.usdt_krw;
  // Bands around the start; make() checked they are inside (0, 1).
  auto band = [](std::int64_t raw, rate r, bool up) {
    __extension__ using i128 = __int128;
    i128 d = static_cast<i128>(raw) * r.raw() / rate::unit;
    return static_cast<std::int64_t>(up ? raw + d : raw - d);
  };
  btc_lo_ticks_ = band(btc_bid_ticks_, cfg_.btc_band, false);
  btc_hi_ticks_ = band(btc_bid_ticks_, cfg_.btc_band, true);
  const auto floor = static_cast<std::int64_t>(cfg_.levels) + 1;
  if (btc_lo_ticks_ < floor)
    btc_lo_ticks_ = floor;
  usdt_lo_ = price::from_raw(band(usdt_bid_.raw(), cfg_.usdt_band, false));
  usdt_hi_ = price::from_raw(band(usdt_bid_.raw(), cfg_.usdt_band, true));
}

result<price_process, std::string> price_process::make(process_config cfg,
                                                       timestamp t0) {
  if (cfg.step <= std::chrono::milliseconds::zero())
    return failure{std::string{"market: step must be positive"}};
  if (!cfg.binance_tick.is_positive() || !cfg.btc_usdt.is_positive()
      || !is_multiple_of(cfg.btc_usdt, cfg.binance_tick))
    return failure{std::string{
      "market: btc_usdt must be a positive multiple of binance_tick"}};
  if (!cfg.usdt_krw.is_positive())
    return failure{std::string{"market: usdt_krw must be positive"}};
  if (cfg.btc_band.is_negative() || cfg.btc_band >= one
      || cfg.usdt_band.is_negative() || cfg.usdt_band >= one)
    return failure{std::string{"market: bands must be in [0, 1)"}};
  if (cfg.levels == 0)
    return failure{std::string{"market: levels must be at least 1"}};
  if (cfg.btc_step_ticks < 0 || cfg.usdt_step_ticks < 0
      || cfg.binance_spread_ticks < 1 || cfg.upbit_btc_spread_ticks < 1
      || cfg.upbit_usdt_spread_ticks < 1)
    return failure{
      std::string{"market: steps must be >= 0 ticks and spreads >= 1 tick"}};
  if (!cfg.binance_level_qty.is_positive()
      || !cfg.upbit_btc_level_qty.is_positive()
      || !cfg.upbit_usdt_level_qty.is_positive())
    return failure{std::string{"market: level quantities must be positive"}};
  return price_process{std::move(cfg), t0};
}

void price_process::advance_to(std::int64_t step_index) {
  for (; steps_done_ < step_index; ++steps_done_) {
    // A step that would leave the band goes the other way instead.
    auto d = uniform_step(rng_, cfg_.btc_step_ticks);
    auto next = btc_bid_ticks_ + d;
    if (next < btc_lo_ticks_ || next > btc_hi_ticks_)
      next = btc_bid_ticks_ - d;
    if (next >= btc_lo_ticks_ && next <= btc_hi_ticks_)
      btc_bid_ticks_ = next;
    auto u = uniform_step(rng_, cfg_.usdt_step_ticks);
    auto usdt = ticks_away(cfg_.upbit_usdt_ticks, usdt_bid_, u);
    if (usdt < usdt_lo_ || usdt > usdt_hi_)
      usdt = ticks_away(cfg_.upbit_usdt_ticks, usdt_bid_, -u);
    if (usdt >= usdt_lo_ && usdt <= usdt_hi_)
      usdt_bid_ = usdt;
  }
}

rate price_process::premium_at(timestamp t) const {
  if (override_)
    return *override_;
  auto elapsed
    = std::chrono::duration_cast<std::chrono::milliseconds>(t - script_t0_);
  return cfg_.script.at(elapsed < std::chrono::milliseconds::zero()
                          ? std::chrono::milliseconds::zero()
                          : elapsed);
}

void price_process::set_premium(rate p) { override_ = p; }

void price_process::set_script(premium_script script, timestamp t) {
  cfg_.script = std::move(script);
  script_t0_ = t;
  override_.reset();
}

market_books price_process::at(timestamp t) {
  if (t < latest_)
    t = latest_;
  latest_ = t;
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(t - t0_);
  advance_to(elapsed.count() < 0 ? 0 : elapsed / cfg_.step);

  market_books out;
  out.at = t;
  out.premium = premium_at(t);

  // Binance: a fixed tick, bid from the walk.
  const auto tick = cfg_.binance_tick;
  auto bn_ticks = tick_rule::fixed(tick);
  auto bn_bid = price::from_raw(btc_bid_ticks_ * tick.raw());
  auto bn_ask = price::from_raw((btc_bid_ticks_ + cfg_.binance_spread_ticks)
                                * tick.raw());
  out.binance_btc.symbol = cfg_.binance_symbol;
  out.binance_btc.bids
    = ladder(bn_ticks, bn_bid, cfg_.levels, cfg_.binance_level_qty, true);
  out.binance_btc.asks
    = ladder(bn_ticks, bn_ask, cfg_.levels, cfg_.binance_level_qty, false);

  // Upbit KRW-USDT: bid from the walk, ask a spread above on its grid.
  const auto& ut = cfg_.upbit_usdt_ticks;
  auto usdt_ask = ticks_away(ut, usdt_bid_, cfg_.upbit_usdt_spread_ticks);
  out.upbit_usdt.symbol = cfg_.upbit_usdt_market;
  out.upbit_usdt.bids
    = ladder(ut, usdt_bid_, cfg_.levels, cfg_.upbit_usdt_level_qty, true);
  out.upbit_usdt.asks
    = ladder(ut, usdt_ask, cfg_.levels, cfg_.upbit_usdt_level_qty, false);

  // Upbit KRW-BTC: the converted Binance mid plus the premium, centred on
  // Upbit's grid. Overflow would need BTC above ~9e10 KRW: kept as is.
  const auto& kt = cfg_.upbit_btc_ticks;
  auto krw = mul<price>(out.binance_btc.mid(), out.upbit_usdt.mid(),
                        rounding::half_even);
  auto target
    = krw ? mul<price>(*krw, one + out.premium, rounding::half_even) : krw;
  price mid = target && target->is_positive() ? *target : kt.tick_at(price{});
  auto t0 = kt.tick_at(mid);
  auto half = price::from_raw(t0.raw() * cfg_.upbit_btc_spread_ticks / 2);
  auto bid = kt.round(mid - half, side::buy);
  auto up_bid = bid && bid->is_positive() ? *bid : t0;
  auto up_ask = ticks_away(kt, up_bid, cfg_.upbit_btc_spread_ticks);
  out.upbit_btc.symbol = cfg_.upbit_btc_market;
  out.upbit_btc.bids
    = ladder(kt, up_bid, cfg_.levels, cfg_.upbit_btc_level_qty, true);
  out.upbit_btc.asks
    = ladder(kt, up_ask, cfg_.levels, cfg_.upbit_btc_level_qty, false);
  return out;
}

result<rate, decimal_error> implied_premium(const market_books& b) {
  auto krw
    = mul<price>(b.binance_btc.mid(), b.upbit_usdt.mid(), rounding::half_even);
  if (!krw)
    return failure{krw.error()};
  auto ratio = div<rate>(b.upbit_btc.mid(), *krw, rounding::half_even);
  if (!ratio)
    return failure{ratio.error()};
  return *ratio - one;
}

} // namespace tandem::sim::market
