// The latency an order intent's append_durable adds to the order's path:
// from the request leaving the caller to the ack (the group commit holding
// it is done), under a steady load of fire-and-forget events from another
// thread. One timed sample per intent; nearest-rank percentiles.
//
// usage: journal_durable_latency [samples=20000] [events_per_s=20000]
//
// Scenarios (one line each, microseconds):
//   store_append_1      store::append of one intent, no actor (SQLite alone)
//   durable_idle        append_durable through the actor, no other load
//   durable_load        append_durable under the event load, NORMAL
//   durable_load_full   the same with synchronous=FULL (fsync per commit)
#include "actors/journal_actor.hpp"
#include "journal/store.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace tandem;
using namespace tandem::journal;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

struct scratch {
  std::filesystem::path dir;
  scratch() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string{base != nullptr ? base : "/tmp"}
                       + "/tandem-journal-latency-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr)
      std::abort();
    dir = tmpl;
  }
  ~scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

record intent_record(std::uint64_t i) {
  order_intent x;
  x.request.id = *client_order_id::make("tdm-mhx3k2a1-" + std::to_string(i));
  x.request.venue = venue::upbit;
  x.request.symbol = "KRW-BTC";
  x.request.side = side::buy;
  x.request.type = order_type::limit;
  x.request.tif = time_in_force::ioc;
  x.request.qty = quantity::must_parse("0.0012");
  x.request.limit_price = price::must_parse("143250000");
  x.pair_id = "pair-" + std::to_string(i);
  x.signal_id = "sig-" + std::to_string(i);
  return record{0, timestamp{std::chrono::nanoseconds{1736000000000000000}}, x};
}

record event_record(std::uint64_t i) {
  venues::order_update u;
  u.venue = venue::binance;
  u.symbol = "BTCUSDT";
  u.id = *client_order_id::make("tdm-ev-" + std::to_string(i % 1000));
  u.venue_order_id = std::to_string(8389765000 + i);
  u.event = order_event::accepted;
  u.order_qty = quantity::must_parse("0.0012");
  return record{0, timestamp{std::chrono::nanoseconds{1736000000000000000}}, u};
}

void report(const char* name, std::vector<std::int64_t>& ns) {
  if (ns.empty()) {
    std::printf("%-18s no samples\n", name);
    return;
  }
  std::sort(ns.begin(), ns.end());
  auto pct = [&](double p) {
    auto rank = static_cast<std::size_t>(p * static_cast<double>(ns.size()));
    return static_cast<double>(ns[std::min(rank, ns.size() - 1)]) / 1000.0;
  };
  std::printf("%-18s n=%zu p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f\n",
              name, ns.size(), pct(0.50), pct(0.99), pct(0.999),
              static_cast<double>(ns.back()) / 1000.0);
  std::fflush(stdout);
}

void store_alone(std::size_t samples) {
  scratch dir;
  auto s = store::open(dir.dir / "journal.db");
  if (!s) {
    std::fprintf(stderr, "%s\n", to_string(s.error()).c_str());
    std::exit(1);
  }
  std::vector<std::int64_t> ns;
  ns.reserve(samples);
  for (std::size_t i = 0; i < samples + 1000; ++i) {
    std::vector<record> one{intent_record(i)};
    auto t0 = steady::now();
    auto r = s->append(one);
    auto t1 = steady::now();
    if (!r) {
      std::fprintf(stderr, "%s\n", to_string(r.error()).c_str());
      std::exit(1);
    }
    if (i >= 1000) // warm-up excluded
      ns.push_back((t1 - t0).count());
  }
  report("store_append_1", ns);
}

void through_actor(const char* name, std::size_t samples, int events_per_s,
                   sync_mode sync) {
  scratch dir;
  auto s
    = store::open(dir.dir / "journal.db",
                  store_options{.mode = open_mode::writer,
                                .sync = sync,
                                .busy_timeout = 5000ms,
                                .checkpoint = checkpoint_mode::background});
  if (!s) {
    std::fprintf(stderr, "%s\n", to_string(s.error()).c_str());
    std::exit(1);
  }
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto j = actors::make_journal_actor(
    sys, std::move(*s),
    actors::journal_actor_config{.max_batch = 256,
                                 .max_delay = 2000us,
                                 .retry_delay = 1000ms,
                                 .on_failure = {}});
  // Steady load: every millisecond, events_per_s / 1000 events.
  std::atomic<bool> stop{false};
  std::thread load;
  if (events_per_s > 0) {
    load = std::thread([&] {
      auto per_tick = std::max(1, events_per_s / 1000);
      auto next = steady::now();
      std::uint64_t i = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        for (int k = 0; k < per_tick; ++k)
          caf::anon_send(j, actors::journal_append_atom::value,
                         event_record(i++));
        next += 1ms;
        std::this_thread::sleep_until(next);
      }
    });
  }
  caf::scoped_actor self{sys};
  std::vector<std::int64_t> ns;
  ns.reserve(samples);
  for (std::size_t i = 0; i < samples + 500; ++i) {
    auto r = intent_record(i);
    auto t0 = steady::now();
    bool ok = false;
    self->request(j, 60s, actors::journal_durable_atom::value, std::move(r))
      .receive([&](const actors::durable_reply& x) { ok = x.has_value(); },
               [&](const caf::error&) {});
    auto t1 = steady::now();
    if (!ok) {
      std::fprintf(stderr, "%s: durable append failed\n", name);
      std::exit(1);
    }
    if (i >= 500)
      ns.push_back((t1 - t0).count());
    // Intents arrive spaced out, as signals do; not back to back.
    std::this_thread::sleep_for(200us);
  }
  stop = true;
  if (load.joinable())
    load.join();
  actors::journal_stats st;
  self->request(j, 60s, actors::journal_stats_atom::value)
    .receive([&](const actors::journal_stats& x) { st = x; },
             [&](const caf::error&) {});
  report(name, ns);
  std::printf("%-18s records=%llu transactions=%llu records_per_txn=%.1f "
              "largest_group=%zu\n",
              "", static_cast<unsigned long long>(st.records),
              static_cast<unsigned long long>(st.transactions),
              st.transactions > 0 ? static_cast<double>(st.records)
                                      / static_cast<double>(st.transactions)
                                  : 0.0,
              st.largest_group);
  self->send_exit(j, caf::exit_reason::user_shutdown);
}

} // namespace

int main(int argc, char** argv) {
  std::size_t samples = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
  int events_per_s = argc > 2 ? std::atoi(argv[2]) : 20000;
  if (samples == 0 || events_per_s < 0) {
    std::fputs("usage: journal_durable_latency [samples] [events_per_s]\n",
               stderr);
    return 2;
  }
  store_alone(samples);
  through_actor("durable_idle", samples, 0, sync_mode::normal);
  through_actor("durable_load", samples, events_per_s, sync_mode::normal);
  through_actor("durable_load_full", samples, events_per_s, sync_mode::full);
  return 0;
}
