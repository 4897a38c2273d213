// A seeded, scriptable market for the simulators: where BTC trades on
// Binance (USDT) and on Upbit (KRW), and what a USDT costs on Upbit, at
// any time t. Pure and fixed-point: no clock, no I/O; the same seed and
// config give the same books at the same t, however often it is asked.
//
// The model:
//  - BTCUSDT on Binance: an integer random walk of its bid in ticks, one
//    step per `step` of time (seeded std::mt19937_64; the step size is
//    uniform in [-btc_step_ticks, +btc_step_ticks]).
//  - USDT/KRW: the same kind of walk of the KRW-USDT bid on Upbit's tick
//    table (usdt_step_ticks may be 0: a fixed rate).
//  - Both walks are reflected at a band around their start (btc_band,
//    usdt_band), so the market stays sane however long it runs.
//  - The premium: from a premium_script, or set outright.
//  - KRW-BTC on Upbit: priced so that, mid to mid,
//      upbit_krw_btc_mid = binance_btcusdt_mid x krw_usdt_mid x (1 + premium)
//    then put on Upbit's KRW tick grid (0.07 bps at 140,000,000 KRW).
// Each book has `levels` levels a side, one tick apart (per side's tick).
#pragma once

#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "sim/market/premium_script.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace tandem::sim::market {

/// One price level.
struct level {
  price px;
  quantity qty;
};

/// One book: best first on each side.
struct book {
  std::string symbol;
  std::vector<level> bids;
  std::vector<level> asks;

  /// Returns (best bid + best ask) / 2, rounded down to 1e-8.
  price mid() const;
};

/// The three books at one time.
struct market_books {
  timestamp at;
  /// Binance BTCUSDT, USDT per BTC, quantities in BTC.
  book binance_btc;
  /// Upbit KRW-BTC, KRW per BTC, quantities in BTC.
  book upbit_btc;
  /// Upbit KRW-USDT, KRW per USDT, quantities in USDT.
  book upbit_usdt;
  /// The premium the books were built for (fraction; 0.025 = 250 bps).
  rate premium;
};

/// How the market behaves. Defaults live here and nowhere else.
struct process_config {
  std::uint64_t seed = 1;
  /// One random step per this much time.
  std::chrono::milliseconds step{50};
  /// Price levels per side in each book.
  std::size_t levels = 5;

  std::string binance_symbol = "BTCUSDT";
  /// Start of the BTCUSDT bid (USDT) and its tick.
  price btc_usdt = price::must_parse("100000");
  price binance_tick = price::must_parse("0.1");
  std::int64_t btc_step_ticks = 5;
  /// The BTCUSDT walk stays within btc_usdt x (1 +/- btc_band): a step
  /// that would leave the band is reflected back, so a long paper run
  /// keeps sane prices.
  rate btc_band = rate::must_parse("0.2");
  std::int64_t binance_spread_ticks = 1;
  /// BTC per level.
  quantity binance_level_qty = quantity::must_parse("2");

  std::string upbit_btc_market = "KRW-BTC";
  /// Upbit's KRW-BTC spread in ticks, and BTC per level.
  std::int64_t upbit_btc_spread_ticks = 1;
  quantity upbit_btc_level_qty = quantity::must_parse("0.5");
  tick_rule upbit_btc_ticks = tick_rule::upbit_krw();

  std::string upbit_usdt_market = "KRW-USDT";
  /// Start of the KRW-USDT bid (KRW per USDT).
  price usdt_krw = price::must_parse("1400");
  std::int64_t usdt_step_ticks = 1;
  /// The KRW-USDT walk stays within usdt_krw x (1 +/- usdt_band).
  rate usdt_band = rate::must_parse("0.03");
  std::int64_t upbit_usdt_spread_ticks = 1;
  /// USDT per level.
  quantity upbit_usdt_level_qty = quantity::must_parse("20000");
  /// KRW-USDT's tick table (sim/upbit krw_usdt_tick() by default; set by
  /// whoever builds the process, as core/ does not know it).
  tick_rule upbit_usdt_ticks = tick_rule::upbit_krw();

  premium_script script;
};

/// The process. Not thread-safe (the market driver guards it).
class price_process {
 public:
  /// Starts the walks and the script at `t0`. Returns an error for a
  /// config that cannot make books (non-positive prices, ticks, step).
  /// Catching up costs one step per `step` of time, so `t0` should be
  /// close to the first time asked (the driver starts it at its clock).
  static result<price_process, std::string> make(process_config cfg,
                                                 timestamp t0);

  /// Returns the books at `t`. Time only moves forward: a `t` before the
  /// latest one asked is answered as of the latest.
  market_books at(timestamp t);

  /// Sets the premium to `p` from now on, overriding the script.
  void set_premium(rate p);
  /// Plays `script` from `t` on (drops an earlier override).
  void set_script(premium_script script, timestamp t);

  /// Returns the premium at `t` (script or override).
  rate premium_at(timestamp t) const;

  const process_config& config() const { return cfg_; }

 private:
  explicit price_process(process_config cfg, timestamp t0);
  void advance_to(std::int64_t step_index);

  process_config cfg_;
  timestamp t0_;
  timestamp script_t0_;
  timestamp latest_;
  std::mt19937_64 rng_;
  std::int64_t steps_done_ = 0;
  /// The BTCUSDT bid in Binance ticks.
  std::int64_t btc_bid_ticks_ = 0;
  /// The KRW-USDT bid in KRW.
  price usdt_bid_;
  /// The bands the walks stay in (inclusive).
  std::int64_t btc_lo_ticks_ = 0;
  std::int64_t btc_hi_ticks_ = 0;
  price usdt_lo_;
  price usdt_hi_;
  std::optional<rate> override_;
};

/// Returns the premium implied by `b`, mid to mid:
/// upbit_btc_mid / (binance_btc_mid x upbit_usdt_mid) - 1 (fraction).
result<rate, decimal_error> implied_premium(const market_books& b);

} // namespace tandem::sim::market
