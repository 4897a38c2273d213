// Throughput of the order state machine and order bookkeeping: the
// transition() table lookup, a whole order life with N partial fills, the
// duplicate-fill rejection path, and client order id minting.
#include "core/client_order_id.hpp"
#include "core/fill.hpp"
#include "core/order.hpp"
#include "core/order_request.hpp"
#include "core/order_state.hpp"

#include "bench/core/consume.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

namespace {

using namespace tandem;

// -- transition() ------------------------------------------------------------

/// Every legal row of the table per iteration; items/s = lookups per second.
void BM_transition_legal_rows(benchmark::State& state) {
  for (const auto& row : order_transitions) {
    auto r = transition(row.from, row.event);
    if (!r || *r != row.to) {
      state.SkipWithError("table row does not round-trip");
      return;
    }
  }
  for (auto _ : state) {
    for (const auto& row : order_transitions) {
      order_status from = row.from;
      order_event ev = row.event;
      benchmark::DoNotOptimize(from);
      benchmark::DoNotOptimize(ev);
      auto r = transition(from, ev);
      bench::consume(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * std::ssize(order_transitions));
}
BENCHMARK(BM_transition_legal_rows);

/// Every (status, event) pair, legal or not (110 lookups, 39 legal): the
/// error path costs the same table read.
void BM_transition_all_pairs(benchmark::State& state) {
  for (auto _ : state) {
    for (std::uint8_t si = 1; si <= order_status_count; ++si) {
      for (std::uint8_t ei = 1; ei <= order_event_count; ++ei) {
        auto from = static_cast<order_status>(si);
        auto ev = static_cast<order_event>(ei);
        benchmark::DoNotOptimize(from);
        benchmark::DoNotOptimize(ev);
        auto r = transition(from, ev);
        bench::consume(r);
      }
    }
  }
  state.SetItemsProcessed(
    state.iterations()
    * static_cast<std::int64_t>(order_status_count * order_event_count));
}
BENCHMARK(BM_transition_all_pairs);

// -- fixtures ----------------------------------------------------------------

/// A Binance USD-M BTCUSDT limit buy of `fills` x 0.001 BTC at 97123.4.
order_request make_request(client_order_id id, int fills) {
  order_request req;
  req.id = id;
  req.venue = venue::binance;
  req.symbol = "BTCUSDT";
  req.side = side::buy;
  req.type = order_type::limit;
  req.tif = time_in_force::gtc;
  req.qty = quantity::from_raw(100'000 * static_cast<std::int64_t>(fills));
  req.limit_price = price::must_parse("97123.4");
  return req;
}

/// Trade id number i: Binance-style decimal ("6231245000", fits std::string's
/// small buffer) or Upbit-style UUID (36 chars, allocates when copied).
std::string trade_id(int i, bool uuid) {
  std::string n = std::to_string(6'231'245'000 + i);
  if (!uuid)
    return n;
  n.resize(12, '0');
  return "9d2c6e1a-5b7f-4c3e-8a21-" + n;
}

/// `count` fills of 0.001 BTC each, distinct trade ids, maker fee 0.0194
/// USDT (0.02% of 97.1234).
std::vector<fill> make_fills(const order_request& req, int count, bool uuid) {
  std::vector<fill> fills;
  for (int i = 0; i < count; ++i) {
    fill f;
    f.order_id = req.id;
    f.trade_id = trade_id(i, uuid);
    f.venue = req.venue;
    f.symbol = req.symbol;
    f.side = req.side;
    f.qty = quantity::from_raw(100'000);
    f.px = *req.limit_price;
    f.fee = money::must_parse("0.0194");
    f.liquidity = liquidity::maker;
    f.ts = from_unix_ms(1'763'710'000'000 + i);
    fills.push_back(std::move(f));
  }
  return fills;
}

client_order_id bench_id() {
  auto gen = client_order_id_generator::make("tdm", 1'763'710'000'000);
  return gen->next();
}

// -- a whole order life ------------------------------------------------------

/// Construct -> apply(accepted) -> N partial fills -> final fill. Args:
/// partials = N; uuid_ids = 0 for Binance-style trade ids (no allocation on
/// the trade id copy), 1 for Upbit-style UUIDs (one allocation per fill).
/// items/s = whole orders per second; fills/s counts the N + 1 fills.
void BM_order_life(benchmark::State& state) {
  const int partials = static_cast<int>(state.range(0));
  const bool uuid = state.range(1) != 0;
  const order_request req = make_request(bench_id(), partials + 1);
  const std::vector<fill> fills = make_fills(req, partials + 1, uuid);
  {
    order o{req};
    bool ok = o.apply(order_event::accepted).has_value();
    for (const fill& f : fills)
      ok = ok && o.apply_fill(f).has_value();
    if (!ok || o.status() != order_status::filled) {
      state.SkipWithError("order life does not end filled");
      return;
    }
  }
  for (auto _ : state) {
    order o{req};
    auto a = o.apply(order_event::accepted);
    bench::consume(a);
    for (const fill& f : fills) {
      auto r = o.apply_fill(f);
      bench::consume(r);
    }
    benchmark::DoNotOptimize(o);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["fills/s"] = benchmark::Counter(
    static_cast<double>(state.iterations()) * static_cast<double>(fills.size()),
    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_order_life)
  ->ArgNames({"partials", "uuid_ids"})
  ->ArgsProduct({{1, 4, 16}, {0, 1}});

// -- duplicate fill ----------------------------------------------------------

/// An order with K fills applied (K = arg; K + 1 ordered, so it stays open)
/// sees its latest fill again: the trade id list is scanned to the end and
/// the fill refused as duplicate_fill, order unchanged.
void BM_duplicate_fill_rejected(benchmark::State& state) {
  const int applied = static_cast<int>(state.range(0));
  const order_request req = make_request(bench_id(), applied + 1);
  const std::vector<fill> fills = make_fills(req, applied, false);
  order o{req};
  (void)o.apply(order_event::accepted);
  for (const fill& f : fills)
    (void)o.apply_fill(f);
  const fill& dup = fills.back();
  auto check = o.apply_fill(dup);
  if (check || check.error() != order_error::duplicate_fill
      || o.fill_count() != fills.size()) {
    state.SkipWithError("duplicate fill was not refused");
    return;
  }
  for (auto _ : state) {
    auto r = o.apply_fill(dup);
    bench::consume(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_duplicate_fill_rejected)
  ->ArgName("applied")
  ->Arg(1)
  ->Arg(4)
  ->Arg(16);

// -- client_order_id_generator::next() ---------------------------------------

/// Mints "tdm-<session: 8 base36 digits>-<seq base36>" ids (14-19 chars).
void BM_client_order_id_next(benchmark::State& state) {
  auto gen = client_order_id_generator::make("tdm", 1'763'710'000'000);
  if (!gen) {
    state.SkipWithError("generator refused its prefix");
    return;
  }
  for (auto _ : state) {
    client_order_id id = gen->next();
    benchmark::DoNotOptimize(id);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_client_order_id_next);

} // namespace
