// Throughput of the kimchi strategy's per-quote work: the premium, the
// sizing, and a whole quote update (board.update + rules.evaluate), both
// on the common path (premium below the entry threshold) and on the path
// that emits a signal (premium, limits, sizing, id).
//
// Every benchmark walks a fixed, generated workload (a fixed-seed LCG), so
// every run sees the same inputs in the same order.
#include "arbitrage/kimchi_rules.hpp"
#include "arbitrage/premium.hpp"
#include "arbitrage/quote_board.hpp"
#include "arbitrage/sizing.hpp"

#include "bench/core/consume.hpp"

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace {

using namespace tandem;
using namespace tandem::arbitrage;

constexpr std::size_t workload_size = 1024;

price px(const char* s) { return price::must_parse(s); }
quantity qty(const char* s) { return quantity::must_parse(s); }

instrument upbit_krw_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = "KRW-BTC";
  i.base = "BTC";
  i.quote = "KRW";
  i.tick = tick_rule::upbit_krw();
  i.lot = qty("0.00000001");
  i.min_notional = money::must_parse("5000");
  return i;
}

instrument binance_btcusdt() {
  instrument i;
  i.venue = venue::binance;
  i.symbol = "BTCUSDT";
  i.base = "BTC";
  i.quote = "USDT";
  i.kind = instrument_kind::perpetual;
  i.tick = tick_rule::fixed(px("0.1"));
  i.lot = qty("0.001");
  i.min_qty = qty("0.001");
  i.min_notional = money::must_parse("100");
  i.reduce_only_skips_min_notional = true;
  return i;
}

/// One quote update: which instrument, and its top.
struct update {
  venues::book_top top;
};

/// Quotes around Upbit 143,000,000 KRW, Binance 97,000 USDT, KRW-USDT
/// 1,440: `premium_bps` sets the Upbit level (200+ signals, less does not).
std::array<update, workload_size> make_workload(std::int64_t upbit_base) {
  std::array<update, workload_size> w{};
  std::uint64_t s = 42;
  auto next = [&s] {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((s >> 33) % 50);
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    auto& t = w[i].top;
    t.recv_ts = from_unix_ms(1'700'000'000'000 + static_cast<std::int64_t>(i));
    t.venue_ts = t.recv_ts;
    switch (i % 3) {
      case 0: { // Upbit KRW-BTC, 1,000 KRW tick
        auto ask = upbit_base + next() * 1000;
        t.venue = venue::upbit;
        t.symbol = "KRW-BTC";
        t.ask = price::from_raw(ask * price::unit);
        t.bid = price::from_raw((ask - 1000) * price::unit);
        break;
      }
      case 1: {                      // Binance BTCUSDT, 0.1 USDT tick
        auto bid = 970'000 + next(); // tenths of a USDT
        t.venue = venue::binance;
        t.symbol = "BTCUSDT";
        t.bid = price::from_raw(bid * (price::unit / 10));
        t.ask = price::from_raw((bid + 1) * (price::unit / 10));
        break;
      }
      default: { // Upbit KRW-USDT
        t.venue = venue::upbit;
        t.symbol = "KRW-USDT";
        t.bid = px("1439");
        t.ask = px("1440");
        break;
      }
    }
    t.bid_qty = qty("0.5");
    t.ask_qty = qty("0.5");
  }
  return w;
}

kimchi_rules make_rules() {
  kimchi_params p;
  p.cfg.order_qty = qty("0.002");
  p.fees = {rate::must_parse("0.0005"), rate::must_parse("0.0005")};
  p.upbit = upbit_krw_btc();
  p.binance = binance_btcusdt();
  auto r = kimchi_rules::make(p, *signal_id_generator::make("tdm", 1));
  return *r;
}

// -- premium and sizing ------------------------------------------------------

void BM_premium_entry(benchmark::State& state) {
  auto w = make_workload(143'000'000);
  const fee_rates fees{rate::must_parse("0.0005"), rate::must_parse("0.0005")};
  const price fx = px("1440");
  std::size_t i = 0;
  for (auto _ : state) {
    premium_prices p{w[i].top.ask, w[(i + 1) % workload_size].top.bid, fx};
    benchmark::DoNotOptimize(p);
    tandem::bench::consume(premium(pair_kind::entry, p, fees));
    i = (i + 3) % (workload_size - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_premium_entry);

void BM_size_pair(benchmark::State& state) {
  auto up = upbit_krw_btc();
  auto bn = binance_btcusdt();
  std::array<quantity, 4> depths{qty("0.5"), qty("0.0042"), qty("0.01"),
                                 qty("0.0021")};
  const quantity target = qty("0.002");
  const price up_limit = px("143143000");
  const price bn_limit = px("96903");
  std::size_t i = 0;
  for (auto _ : state) {
    sizing_request r;
    r.target = target;
    r.upbit = sized_leg{&up, up_limit, depths[i % 4], false};
    r.binance = sized_leg{&bn, bn_limit, depths[(i + 1) % 4], false};
    benchmark::DoNotOptimize(r);
    auto s = size_pair(r);
    benchmark::DoNotOptimize(s);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_size_pair);

// -- a whole quote update ----------------------------------------------------

/// The common path: a quote arrives, the premium (~170-190 bps) stays
/// below the 200 bps entry threshold.
void BM_quote_update_no_signal(benchmark::State& state) {
  auto w = make_workload(142'500'000);
  auto rules = make_rules();
  quote_board board;
  for (const auto& u : w) // warm: every slot exists
    board.update(u.top);
  std::size_t i = 0;
  std::int64_t signals = 0;
  auto now = w.back().top.recv_ts;
  for (auto _ : state) {
    auto t = w[i].top;
    t.recv_ts = now;
    board.update(t);
    auto s = rules.evaluate(board, now);
    signals += s.has_value();
    benchmark::DoNotOptimize(s);
    i = (i + 1) % workload_size;
    now += std::chrono::microseconds{1};
  }
  state.counters["signals"] = static_cast<double>(signals);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_quote_update_no_signal);

/// The signal path: every update clears the threshold (~225 bps) and
/// produces a signal (limits, sizing, id); the pair is reported settled
/// flat at once so the next update can signal again.
void BM_quote_update_signal(benchmark::State& state) {
  auto w = make_workload(143'000'000);
  auto rules = make_rules();
  quote_board board;
  for (const auto& u : w)
    board.update(u.top);
  std::size_t i = 0;
  std::int64_t signals = 0;
  auto now = w.back().top.recv_ts;
  for (auto _ : state) {
    auto t = w[i].top;
    t.recv_ts = now;
    board.update(t);
    auto s = rules.evaluate(board, now);
    signals += s.has_value();
    benchmark::DoNotOptimize(s);
    rules.on_settled(quantity::zero(), now);
    i = (i + 1) % workload_size;
    now += std::chrono::microseconds{1};
  }
  state.counters["signals"] = static_cast<double>(signals);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_quote_update_signal);

} // namespace
