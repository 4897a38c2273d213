// Throughput of the decimal hot paths: parsing venue strings, formatting,
// price x quantity, rounding to a step and to Upbit's KRW tick table.
//
// Every benchmark walks a fixed workload array, so every run sees the same
// inputs in the same order. Inputs are passed through DoNotOptimize before
// use, so the compiler cannot hoist or fold the work out of the timed loop.
#include "core/decimal.hpp"
#include "core/instrument.hpp"

#include "bench/core/consume.hpp"

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace {

using namespace tandem;

// -- workloads ---------------------------------------------------------------

/// Venue strings in the shapes we see: a Binance price padded to 8 decimals,
/// an Upbit KRW price, a small quantity, an exponent (some payloads), a
/// negative (funding, P&L).
constexpr std::array<std::string_view, 5> parse_inputs{
  "25.35190000", "143250000", "0.00012345", "1.0E-4", "-0.5",
};

struct product_input {
  std::string_view px;
  std::string_view qty;
};

/// price x quantity pairs: Upbit KRW-BTC, Binance BTCUSDT, an alt at a small
/// price and a large quantity.
constexpr std::array<product_input, 4> product_inputs{{
  {"143250000", "0.00012345"},
  {"97123.4", "0.002"},
  {"25.3519", "1.5"},
  {"0.00012345", "12345.678"},
}};

struct step_input {
  std::string_view value;
  std::string_view step;
};

/// Values off their step by a few digits, with typical ticks and lots.
constexpr std::array<step_input, 5> step_inputs{{
  {"25.35197", "0.01"},
  {"143250500", "1000"},
  {"97123.45", "0.1"},
  {"0.00012345", "0.000001"},
  {"1.23456789", "0.001"},
}};

/// Prices across Upbit's KRW bands, high to low (tick_at() scans the bands
/// from the top, so low prices cost more), several off their tick.
constexpr std::array<std::string_view, 8> upbit_prices{
  "143250500", "512345", "499950",    "98765.4",
  "4321.5",    "12.345", "0.0123456", "0.00012345",
};

template<class T, std::size_t N>
std::array<T, N> parse_all(const std::array<std::string_view, N>& in) {
  std::array<T, N> out{};
  for (std::size_t i = 0; i < N; ++i)
    out[i] = T::must_parse(in[i]);
  return out;
}

template<class T, std::size_t N>
void set_items(benchmark::State& state, const std::array<T, N>&) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(N));
}

// -- parse -------------------------------------------------------------------

/// All workload strings per iteration; items/s = strings parsed per second.
void BM_parse_price_mixed(benchmark::State& state) {
  for (auto _ : state) {
    for (std::string_view s : parse_inputs) {
      benchmark::DoNotOptimize(s);
      auto r = price::parse(s);
      bench::consume(r);
    }
  }
  set_items(state, parse_inputs);
}
BENCHMARK(BM_parse_price_mixed);

/// One workload string per benchmark (arg = index), labelled with it.
void BM_parse_price(benchmark::State& state) {
  const std::string_view s0
    = parse_inputs[static_cast<std::size_t>(state.range(0))];
  if (!price::parse(s0)) {
    state.SkipWithError("input does not parse");
    return;
  }
  for (auto _ : state) {
    std::string_view s = s0;
    benchmark::DoNotOptimize(s);
    auto r = price::parse(s);
    bench::consume(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string{s0});
}
BENCHMARK(BM_parse_price)->DenseRange(0, std::ssize(parse_inputs) - 1);

// -- to_string ---------------------------------------------------------------

/// Formats the parsed workload values ("25.3519", "143250000", ...); all
/// results fit std::string's small buffer, so no allocation is measured.
void BM_to_string_mixed(benchmark::State& state) {
  const auto values = parse_all<price>(parse_inputs);
  for (auto _ : state) {
    for (price v : values) {
      benchmark::DoNotOptimize(v);
      std::string s = v.to_string();
      benchmark::DoNotOptimize(s);
    }
  }
  set_items(state, values);
}
BENCHMARK(BM_to_string_mixed);

// -- mul<money>(price, quantity) ---------------------------------------------

/// Notional: exact 128-bit product, rounded half-even to money's scale (what
/// notional() does).
void BM_mul_money_price_qty(benchmark::State& state) {
  std::array<price, product_inputs.size()> px{};
  std::array<quantity, product_inputs.size()> qty{};
  for (std::size_t i = 0; i < product_inputs.size(); ++i) {
    px[i] = price::must_parse(product_inputs[i].px);
    qty[i] = quantity::must_parse(product_inputs[i].qty);
  }
  for (auto _ : state) {
    for (std::size_t i = 0; i < px.size(); ++i) {
      price p = px[i];
      quantity q = qty[i];
      benchmark::DoNotOptimize(p);
      benchmark::DoNotOptimize(q);
      auto r = mul<money>(p, q, rounding::half_even);
      bench::consume(r);
    }
  }
  set_items(state, px);
}
BENCHMARK(BM_mul_money_price_qty);

// -- round_to_step -----------------------------------------------------------

/// Rounds each value down to its step (a buy price to the tick, a quantity
/// to the lot).
void BM_round_to_step(benchmark::State& state) {
  std::array<price, step_inputs.size()> values{};
  std::array<price, step_inputs.size()> steps{};
  for (std::size_t i = 0; i < step_inputs.size(); ++i) {
    values[i] = price::must_parse(step_inputs[i].value);
    steps[i] = price::must_parse(step_inputs[i].step);
  }
  for (auto _ : state) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      price v = values[i];
      price step = steps[i];
      benchmark::DoNotOptimize(v);
      benchmark::DoNotOptimize(step);
      auto r = round_to_step(v, step, rounding::down);
      bench::consume(r);
    }
  }
  set_items(state, values);
}
BENCHMARK(BM_round_to_step);

// -- tick_rule::upbit_krw().round() ------------------------------------------

/// Rounds every workload price, alternating buy (down) and sell (up).
void BM_upbit_krw_round_mixed(benchmark::State& state) {
  const tick_rule& rule = tick_rule::upbit_krw();
  const auto prices = parse_all<price>(upbit_prices);
  for (auto _ : state) {
    for (std::size_t i = 0; i < prices.size(); ++i) {
      price p = prices[i];
      side s = i % 2 == 0 ? side::buy : side::sell;
      benchmark::DoNotOptimize(p);
      benchmark::DoNotOptimize(s);
      auto r = rule.round(p, s);
      bench::consume(r);
    }
  }
  set_items(state, prices);
}
BENCHMARK(BM_upbit_krw_round_mixed);

/// One workload price per benchmark (arg = index), as a buy, labelled with
/// it: shows the cost of the band scan by price level.
void BM_upbit_krw_round(benchmark::State& state) {
  const tick_rule& rule = tick_rule::upbit_krw();
  const std::string_view s0
    = upbit_prices[static_cast<std::size_t>(state.range(0))];
  const price p0 = price::must_parse(s0);
  for (auto _ : state) {
    price p = p0;
    benchmark::DoNotOptimize(p);
    auto r = rule.round(p, side::buy);
    bench::consume(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string{s0});
}
BENCHMARK(BM_upbit_krw_round)->DenseRange(0, std::ssize(upbit_prices) - 1);

} // namespace
