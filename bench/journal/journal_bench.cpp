// Journal throughput: the store's group commit at group sizes 1, 16 and 256
// (synchronous NORMAL and FULL), the payload codec, and the journal actor
// end to end. items/s = records.
#include "actors/journal_actor.hpp"
#include "journal/codec.hpp"
#include "journal/store.hpp"

#include <benchmark/benchmark.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace tandem;
using namespace tandem::journal;
using namespace std::chrono_literals;

namespace {

/// A scratch directory next to the build (same disk as a real data dir
/// would be on this machine), removed at the end.
struct scratch {
  std::filesystem::path dir;
  scratch() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string{base != nullptr ? base : "/tmp"}
                       + "/tandem-journal-bench-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr)
      std::abort();
    dir = tmpl;
  }
  ~scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

/// The typical record: a venue's order update carrying its fill (~400 B of
/// JSON), the most frequent record of a busy run.
record sample(std::uint64_t i) {
  venues::order_update u;
  u.venue = venue::binance;
  u.symbol = "BTCUSDT";
  u.id = *client_order_id::make("tdm-mhx3k2a1-" + std::to_string(i % 1000));
  u.venue_order_id = "8389765" + std::to_string(i % 100000);
  u.event = order_event::partial_fill;
  u.side = side::sell;
  u.order_qty = quantity::must_parse("0.01");
  u.cum_qty = quantity::must_parse("0.004");
  u.avg_px = price::must_parse("97123.45");
  fill f;
  f.order_id = u.id;
  f.trade_id = "t-" + std::to_string(i);
  f.venue = u.venue;
  f.symbol = u.symbol;
  f.side = u.side;
  f.qty = quantity::must_parse("0.004");
  f.px = price::must_parse("97123.45");
  f.fee = money::must_parse("0.19424690");
  f.liquidity = liquidity::taker;
  u.last_fill = f;
  return record{0, timestamp{std::chrono::nanoseconds{1736000000000000000}}, u};
}

void BM_store_append(benchmark::State& state) {
  auto group = static_cast<std::size_t>(state.range(0));
  auto sync = state.range(1) == 2 ? sync_mode::full : sync_mode::normal;
  scratch dir;
  auto s
    = store::open(dir.dir / "journal.db",
                  store_options{.mode = open_mode::writer,
                                .sync = sync,
                                .busy_timeout = 5000ms,
                                .checkpoint = checkpoint_mode::background});
  if (!s) {
    state.SkipWithError(to_string(s.error()).c_str());
    return;
  }
  std::vector<record> batch;
  for (std::size_t i = 0; i < group; ++i)
    batch.push_back(sample(i));
  for (auto _ : state) {
    auto r = s->append(batch);
    if (!r) {
      state.SkipWithError(to_string(r.error()).c_str());
      return;
    }
    benchmark::DoNotOptimize(*r);
  }
  state.SetItemsProcessed(state.iterations()
                          * static_cast<std::int64_t>(group));
  state.SetLabel(sync == sync_mode::full ? "FULL" : "NORMAL");
}
BENCHMARK(BM_store_append)
  ->ArgNames({"group", "sync"})
  ->Args({1, 1})
  ->Args({16, 1})
  ->Args({256, 1})
  ->Args({1, 2})
  ->Args({16, 2})
  ->Args({256, 2})
  ->Unit(benchmark::kMicrosecond)
  ->UseRealTime();

void BM_encode_payload(benchmark::State& state) {
  auto r = sample(1);
  std::string buf;
  for (auto _ : state) {
    buf.clear();
    encode_payload(r.body, buf);
    benchmark::DoNotOptimize(buf.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::to_string(buf.size()) + " bytes");
}
BENCHMARK(BM_encode_payload);

void BM_decode_payload(benchmark::State& state) {
  auto r = sample(1);
  std::string json;
  encode_payload(r.body, json);
  payload_decoder dec;
  for (auto _ : state) {
    auto p = dec.decode(record_kind::order_event, json);
    benchmark::DoNotOptimize(p.has_value());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_decode_payload);

/// The journal actor: 4096 fire-and-forget appends from one sender, then a
/// flush request; max_batch = group. Includes CAF messaging and the
/// detached actor's wake-ups.
void BM_actor_append(benchmark::State& state) {
  auto group = static_cast<std::size_t>(state.range(0));
  constexpr int per_iteration = 4096;
  scratch dir;
  auto s = store::open(dir.dir / "journal.db");
  if (!s) {
    state.SkipWithError(to_string(s.error()).c_str());
    return;
  }
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto j = actors::make_journal_actor(
    sys, std::move(*s),
    actors::journal_actor_config{.max_batch = group,
                                 .max_delay = 2000us,
                                 .retry_delay = 1000ms,
                                 .on_failure = {}});
  caf::scoped_actor self{sys};
  std::vector<record> records;
  for (int i = 0; i < per_iteration; ++i)
    records.push_back(sample(static_cast<std::uint64_t>(i)));
  for (auto _ : state) {
    for (auto& r : records)
      self->send(j, actors::journal_append_atom::value, r);
    bool ok = false;
    self->request(j, 60s, actors::journal_flush_atom::value)
      .receive([&](const actors::durable_reply& r) { ok = r.has_value(); },
               [&](const caf::error&) {});
    if (!ok) {
      state.SkipWithError("flush failed");
      break;
    }
  }
  actors::journal_stats st;
  self->request(j, 60s, actors::journal_stats_atom::value)
    .receive([&](const actors::journal_stats& x) { st = x; },
             [&](const caf::error&) {});
  state.SetItemsProcessed(state.iterations() * per_iteration);
  state.counters["records_per_txn"]
    = st.transactions > 0
        ? static_cast<double>(st.records) / static_cast<double>(st.transactions)
        : 0.0;
  self->send_exit(j, caf::exit_reason::user_shutdown);
}
BENCHMARK(BM_actor_append)
  ->ArgNames({"group"})
  ->Arg(1)
  ->Arg(16)
  ->Arg(256)
  ->Unit(benchmark::kMillisecond)
  ->UseRealTime();

} // namespace
