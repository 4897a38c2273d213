// Tick-to-trade, wire to wire, measured on the simulators' side of the
// sockets: from the moment the simulated Upbit starts writing the KRW-BTC
// orderbook frame that opens (or closes) the kimchi premium to the moment
// the simulators have read BOTH leg order requests (Upbit POST /v1/orders
// and Binance POST /fapi/v1/order). The engine (actors/engine.hpp, journal
// on, in a temp dir) and both simulators (sim_cluster, plain ws/http on
// 127.0.0.1) run in this process.
//
// One cycle = an entry signal (premium set to 150 bps; entry threshold 100)
// and, once the pair is hedged, an exit signal (premium set to 0; exit
// threshold 50). Entries and exits are both signals with two legs; their
// samples are reported together and separately. BTCUSDT does not walk and
// KRW-USDT moves under 4 bps, so the book that opens or closes the premium
// is Upbit's KRW-BTC: that frame is the trigger.
//
// Pacing: signals start at least --interval-ms apart (default 50). The
// simulators' limits are raised for the run, and so is the engine's Upbit
// order budget (engine_inputs::upbit_orders_per_second = 50; Upbit's real
// 8/s would make the session's pacer hold orders up to a second, and time
// the pacer, not the path). Binance's 300 orders per 10 s is kept.
//
// Output, one `name value` per line:
//   signals, entries, exits, p50_us, p99_us, p999_us, max_us,
//   entry_p99_us, exit_p99_us, upbit_leg_p50_us / _p99_us and
//   binance_leg_p50_us / _p99_us (trigger to that venue's request),
//   leg_gap_p50_us / _p99_us (first to second request), stage_<from>_to_<to>
//   p50/p99 (core/latency_probe.hpp's marks: where the time goes),
//   loopback_rtt_p50_us / _p99_us (sampled once per signal in the idle gap
//   before it, in this run), loopback_rtt_hot_p50_us / _p99_us (back to
//   back after the run, threads hot), target_met (p99 <= 2 x
//   loopback_rtt_p99_us) and target_met_vs_hot_rtt.
//
// Usage: tick_to_trade [signals [interval-ms]]   (default 10,000 and 50)
#include "bench/e2e/e2e_harness.hpp"

#include "actors/engine_protocol.hpp"
#include "actors/venue_protocol.hpp"
#include "core/latency_probe.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

using namespace tandem;
using namespace tandem::bench_e2e;
using namespace std::chrono_literals;

namespace {

std::optional<actors::strategy_status> strategy_status(actors::engine& e) {
  caf::scoped_actor self{e.system()};
  std::optional<actors::strategy_status> out;
  self->request(e.strategy(), 5s, actors::status_atom::value)
    .receive([&](actors::strategy_status& s) { out = std::move(s); },
             [&](caf::error&) {});
  return out;
}

bool wait_state(actors::engine& e, arbitrage::strategy_state want) {
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto s = strategy_status(e);
    if (s && s->state == want)
      return true;
    if (s && s->halted)
      return false;
    std::this_thread::sleep_for(200us); // polling between samples only
  }
  return false;
}

/// One stage of the path: the time between two probe points (or the
/// trigger), per signal.
struct stage {
  const char* name;
  std::vector<std::int64_t> ns;
};

} // namespace

int main(int argc, char** argv) {
  std::size_t signals = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  signals += signals % 2;
  auto interval = std::chrono::milliseconds{
    argc > 2 ? std::strtol(argv[2], nullptr, 10) : 50};
  wire_tap tap;
  auto run = start_run(tap, [](actors::engine_inputs& in) {
    in.upbit_orders_per_second = 50; // see "Pacing" above
  });
  if (!run) {
    std::fprintf(stderr, "%s\n", run.error().c_str());
    return 1;
  }
  auto& sims = *run.value().sims;
  auto& eng = *run.value().engine;
  if (!wait_state(eng, arbitrage::strategy_state::flat)) {
    std::fprintf(stderr, "strategy never flat\n");
    return 1;
  }
  // Let the venue actors' streams settle (first books seen) before timing.
  sims.market().set_premium(rate::must_parse("0"));
  std::this_thread::sleep_for(500ms);

  const auto open = rate::must_parse("0.015");
  const auto close = rate::must_parse("0");
  std::vector<std::int64_t> all, entries, exits, up_leg, bn_leg, gap;
  using P = probe::point;
  // Stage breakdown from core/latency_probe.hpp's marks (one signal in
  // flight at a time, so each mark belongs to this signal).
  std::vector<stage> stages{{"sim_write_to_quote_read", {}},
                            {"quote_read_to_strategy", {}},
                            {"strategy_to_signal_sent", {}},
                            {"signal_to_coordinator", {}},
                            {"coordinator_to_risk_answer", {}},
                            {"commit_to_upbit_durable", {}},
                            {"commit_to_binance_durable", {}},
                            {"upbit_durable_to_venue_actor", {}},
                            {"binance_durable_to_venue_actor", {}},
                            {"upbit_venue_actor_to_rest_submit", {}},
                            {"binance_venue_actor_to_rest_submit", {}},
                            {"upbit_rest_submit_to_sim_read", {}},
                            {"binance_rest_submit_to_sim_read", {}},
                            {"risk_answer_to_commit", {}}};
  // The loopback baseline is sampled in the same run, once per signal, in
  // the middle of the idle gap before it: the same idle-to-busy wake-ups
  // the signal's path pays. The back-to-back figure (threads kept hot) is
  // printed after the run as loopback_rtt_hot_*.
  loopback_echo echo;
  std::vector<std::int64_t> idle_rtt;
  idle_rtt.reserve(signals);
  auto next_start = std::chrono::steady_clock::now();
  std::size_t failed_at = signals;
  for (std::size_t i = 0; i < signals; ++i) {
    bool entry = i % 2 == 0;
    std::this_thread::sleep_until(next_start - interval / 2);
    idle_rtt.push_back(echo.round_trip());
    std::this_thread::sleep_until(next_start); // pacing, see above
    next_start = std::chrono::steady_clock::now() + interval;
    tap.arm();
    probe::reset();
    sims.market().set_premium(entry ? open : close);
    std::int64_t trig = 0, up = 0, bn = 0;
    {
      std::unique_lock lk{tap.mu};
      bool ok = tap.changed.wait_for(lk, 30s, [&] {
        return tap.trigger_frame_ns && tap.upbit_order_ns
               && tap.binance_order_ns;
      });
      if (!ok) {
        failed_at = i;
        break;
      }
      trig = *tap.trigger_frame_ns;
      up = *tap.upbit_order_ns;
      bn = *tap.binance_order_ns;
    }
    {
      auto a = [](P p) {
        return probe::at(p);
      };
      std::int64_t marks[] = {trig,
                              a(P::quote_read),
                              a(P::strategy_quote),
                              a(P::signal_sent),
                              a(P::coordinator_signal),
                              a(P::risk_answer)};
      for (std::size_t k = 0; k + 1 < std::size(marks); ++k)
        stages[k].ns.push_back(marks[k + 1] - marks[k]);
      stages[5].ns.push_back(a(P::upbit_durable) - a(P::intent_commit));
      stages[6].ns.push_back(a(P::binance_durable) - a(P::intent_commit));
      stages[13].ns.push_back(a(P::intent_commit) - a(P::risk_answer));
      stages[7].ns.push_back(a(P::upbit_venue_actor) - a(P::upbit_durable));
      stages[8].ns.push_back(a(P::binance_venue_actor) - a(P::binance_durable));
      stages[9].ns.push_back(a(P::upbit_rest_submit) - a(P::upbit_venue_actor));
      stages[10].ns.push_back(a(P::binance_rest_submit)
                              - a(P::binance_venue_actor));
      stages[11].ns.push_back(up - a(P::upbit_rest_submit));
      stages[12].ns.push_back(bn - a(P::binance_rest_submit));
    }
    auto last = std::max(up, bn);
    all.push_back(last - trig);
    (entry ? entries : exits).push_back(last - trig);
    up_leg.push_back(up - trig);
    bn_leg.push_back(bn - trig);
    gap.push_back(last - std::min(up, bn));
    if (!wait_state(eng, entry ? arbitrage::strategy_state::hedged
                               : arbitrage::strategy_state::flat)) {
      failed_at = i + 1;
      break;
    }
  }
  auto summary = eng.summary();
  auto hot_rtt = loopback_rtts(all.size());

  std::printf("signals %zu\n", all.size());
  std::printf("entries %zu\n", entries.size());
  std::printf("exits %zu\n", exits.size());
  auto p99 = quantile_us(all, 0.99);
  std::printf("p50_us %.1f\n", quantile_us(all, 0.50));
  std::printf("p99_us %.1f\n", p99);
  std::printf("p999_us %.1f\n", quantile_us(all, 0.999));
  std::printf("max_us %.1f\n", quantile_us(all, 1.0));
  std::printf("entry_p50_us %.1f\n", quantile_us(entries, 0.50));
  std::printf("entry_p99_us %.1f\n", quantile_us(entries, 0.99));
  std::printf("exit_p50_us %.1f\n", quantile_us(exits, 0.50));
  std::printf("exit_p99_us %.1f\n", quantile_us(exits, 0.99));
  std::printf("upbit_leg_p50_us %.1f\n", quantile_us(up_leg, 0.50));
  std::printf("upbit_leg_p99_us %.1f\n", quantile_us(up_leg, 0.99));
  std::printf("binance_leg_p50_us %.1f\n", quantile_us(bn_leg, 0.50));
  std::printf("binance_leg_p99_us %.1f\n", quantile_us(bn_leg, 0.99));
  std::printf("leg_gap_p50_us %.1f\n", quantile_us(gap, 0.50));
  std::printf("leg_gap_p99_us %.1f\n", quantile_us(gap, 0.99));
  for (auto& s : stages)
    std::printf("stage_%s_p50_us %.1f\nstage_%s_p99_us %.1f\n", s.name,
                quantile_us(s.ns, 0.50), s.name, quantile_us(s.ns, 0.99));
  std::printf("loopback_rtt_p50_us %.1f\n", quantile_us(idle_rtt, 0.50));
  auto rtt99 = quantile_us(idle_rtt, 0.99);
  std::printf("loopback_rtt_p99_us %.1f\n", rtt99);
  std::printf("loopback_rtt_hot_p50_us %.1f\n", quantile_us(hot_rtt, 0.50));
  auto hot99 = quantile_us(hot_rtt, 0.99);
  std::printf("loopback_rtt_hot_p99_us %.1f\n", hot99);
  std::printf("target_met %s\n", p99 <= 2.0 * rtt99 ? "yes" : "no");
  std::printf("target_met_vs_hot_rtt %s\n", p99 <= 2.0 * hot99 ? "yes" : "no");
  std::printf("pairs_opened %llu\npairs_closed %llu\nrollbacks %llu\n",
              static_cast<unsigned long long>(summary.pairs_opened),
              static_cast<unsigned long long>(summary.pairs_closed),
              static_cast<unsigned long long>(summary.rollbacks));
  std::fflush(stdout);
  if (failed_at < signals)
    std::fprintf(stderr, "stopped early at signal %zu (halted=%d)\n", failed_at,
                 summary.halted ? 1 : 0);
  eng.stop(true);
  run.value().engine.reset();
  logging::flush();
  return failed_at < signals ? 2 : 0;
}
