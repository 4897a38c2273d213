// Halt latency, measured on the simulators' side of the sockets: with
// 1,000 of our orders resting on the two venues (500 Upbit KRW-BTC bids at
// half the market, 500 Binance BTCUSDT bids at 60% of it, placed through
// the engine's venue actors, so they carry our client-id prefix), a manual
// halt is sent to the emergency stop; the figure runs from just before that
// send to the moment the simulators read the last cancel request (any
// DELETE on either REST server). The engine and both simulators run in this
// process (plain http/ws on 127.0.0.1), journal on in a temp dir; the
// strategy stays paused so nothing else trades.
//
// Just before the halt, `--queued` more Upbit orders are sent without
// waiting for their answers: the session paces Upbit orders (7 per 1.1 s),
// so they sit in its queue when the halt comes. None of them may reach the
// venue after the halt (the venue actors' halt gate answers them blocked).
//
// Output, one `name value` per line: open_orders_before,
// halt_to_last_cancel_us, halt_to_first_cancel_us, halt_to_last_upbit_cancel_us
// / halt_to_last_binance_cancel_us, cancel_requests, upbit_cancel_requests,
// binance_cancel_requests, open_orders_after, orders_read_after_halt (order
// requests the simulators read after the halt was sent: those already on
// their way), orders_read_after_first_cancel (per venue, read after that
// venue's first cancel request, which its session sends only after it
// dropped its queue: must be 0), queued_orders and
// their answers: queued_placed, queued_blocked, queued_outcome_unknown,
// queued_other_failures; then one `request <METHOD path> x<n>` line per
// kind of request read after the halt.
//
// Usage: halt_latency [orders] [--queued N]
//   orders      resting orders, split evenly (default 1,000)
//   --queued N  Upbit orders still queued in the session at the halt
//               (default 60)
#include "bench/e2e/e2e_harness.hpp"

#include "actors/engine_protocol.hpp"
#include "actors/venue_protocol.hpp"
#include "core/order_request.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <thread>

using namespace tandem;
using namespace tandem::bench_e2e;
using namespace std::chrono_literals;

namespace {

order_request resting(venue v, std::size_t i) {
  order_request r;
  r.id = client_order_id::make("tdmb-halt" + std::to_string(i)).value();
  r.venue = v;
  r.side = side::buy;
  r.type = order_type::limit;
  r.tif = time_in_force::gtc;
  if (v == venue::upbit) {
    r.symbol = "KRW-BTC";
    r.qty = quantity::must_parse("0.0001"); // 7,000 KRW: over the minimum
    r.limit_price = price::must_parse("70000000");
  } else {
    r.symbol = "BTCUSDT";
    r.qty = quantity::must_parse("0.002"); // 120 USDT: over the minimum
    r.limit_price = price::must_parse("60000");
  }
  return r;
}

std::size_t open_count(caf::scoped_actor& self, const caf::actor& venue_actor,
                       const std::string& symbol) {
  std::size_t n = 0;
  self->request(venue_actor, 60s, actors::open_orders_atom::value, symbol)
    .receive(
      [&](actors::orders_reply& r) {
        if (r.has_value())
          n = r.value().size();
      },
      [&](caf::error&) {});
  return n;
}

} // namespace

int main(int argc, char** argv) {
  std::size_t orders = 1000;
  std::size_t queued = 60;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::printf("usage: halt_latency [orders] [--queued N]\n"
                  "  orders      resting orders, split evenly (default "
                  "1000)\n"
                  "  --queued N  Upbit orders still queued in the session "
                  "when the halt comes (default 60)\n");
      return 0;
    }
    if (a == "--queued" && i + 1 < argc)
      queued = std::strtoul(argv[++i], nullptr, 10);
    else
      orders = std::strtoul(argv[i], nullptr, 10);
  }
  wire_tap tap;
  auto run
    = start_run(tap, [](actors::engine_inputs& in) { in.start_paused = true; });
  if (!run) {
    std::fprintf(stderr, "%s\n", run.error().c_str());
    return 1;
  }
  auto& eng = *run.value().engine;
  // Held by pointer: it must go before the engine's actor system, whose
  // destructor waits for every actor still running (this one included).
  auto self_holder = std::make_unique<caf::scoped_actor>(eng.system());
  auto& self = *self_holder;

  // A few in flight per venue: the sessions pace orders within each
  // venue's limits (Upbit: 7 per 1.1 s), and a request queued behind the
  // pacer for longer than the venue actor's timeout would be answered as
  // failed while it still goes out later.
  auto up = eng.venue(venue::upbit);
  auto bn = eng.venue(venue::binance);
  std::size_t placed = 0, refused = 0;
  for (auto v : {venue::upbit, venue::binance}) {
    auto actor = v == venue::upbit ? up : bn;
    std::size_t n = v == venue::upbit ? orders / 2 : orders - orders / 2;
    std::size_t sent = 0, answered = 0;
    constexpr std::size_t window = 4;
    auto base = v == venue::upbit ? 0 : orders;
    while (sent < n && sent < window)
      self->send(actor, actors::place_atom::value, resting(v, base + sent++));
    while (answered < n) {
      bool timed_out = false;
      self->receive(
        [&](actors::order_reply& r) {
          ++answered;
          if (r.has_value())
            ++placed;
          else
            ++refused;
          if (sent < n)
            self->send(actor, actors::place_atom::value,
                       resting(v, base + sent++));
        },
        caf::after(std::chrono::seconds(120)) >> [&] { timed_out = true; });
      if (timed_out)
        break;
    }
  }
  auto before
    = open_count(self, up, "KRW-BTC") + open_count(self, bn, "BTCUSDT");
  std::fprintf(stderr, "placed %zu refused %zu open %zu\n", placed, refused,
               before);

  // Orders the Upbit session still holds in its queue when the halt comes:
  // sent without waiting, right before it.
  for (std::size_t i = 0; i < queued; ++i)
    self->send(up, actors::place_atom::value,
               resting(venue::upbit, 2 * orders + i));

  tap.arm();
  auto t0 = now_ns();
  actors::halt_request h{"manual", "bench/e2e/halt_latency", "bench"};
  self->request(eng.emergency_stop(), 60s, actors::halt_atom::value, h)
    .receive([](actors::halt_state&) {}, [](caf::error&) {});
  // Done when no cancel request has arrived for 5 s after the last one
  // (the sessions pace cancels, but never by more than about a second).
  std::uint64_t cancels = 0;
  std::int64_t last = 0;
  for (;;) {
    std::this_thread::sleep_for(5s);
    std::lock_guard lk{tap.mu};
    if (tap.cancels > 0 && tap.cancels == cancels && tap.last_cancel_ns == last)
      break;
    if (tap.cancels == 0 && now_ns() - t0 > 120'000'000'000)
      break;
    cancels = tap.cancels;
    last = tap.last_cancel_ns;
  }
  std::int64_t first = 0, up_last = 0, bn_last = 0;
  std::uint64_t up_c = 0, bn_c = 0;
  std::map<std::string, std::size_t> kinds;
  std::size_t late_orders = 0;
  {
    std::lock_guard lk{tap.mu};
    auto after_first
      = [](const std::vector<std::int64_t>& reads, std::int64_t first_cancel) {
          std::size_t n = 0;
          for (auto t : reads)
            if (first_cancel > 0 && t > first_cancel)
              ++n;
          return n;
        };
    late_orders
      = after_first(tap.upbit_order_reads, tap.first_upbit_cancel_ns)
        + after_first(tap.binance_order_reads, tap.first_binance_cancel_ns);
    first = tap.first_cancel_ns;
    up_last = tap.last_upbit_cancel_ns;
    bn_last = tap.last_binance_cancel_ns;
    up_c = tap.upbit_cancels;
    bn_c = tap.binance_cancels;
    for (const auto& p : tap.paths)
      ++kinds[p];
  }
  // The queued orders' answers (already in the mailbox, or soon: the
  // venue actor answers for a silent session after its deadline).
  std::size_t q_placed = 0, q_blocked = 0, q_unknown = 0, q_other = 0;
  for (std::size_t got = 0; got < queued;) {
    bool timed_out = false;
    self->receive(
      [&](actors::order_reply& r) {
        ++got;
        if (r.has_value())
          ++q_placed;
        else if (r.error().code == venues::venue_error::blocked)
          ++q_blocked;
        else if (r.error().code == venues::venue_error::outcome_unknown)
          ++q_unknown;
        else
          ++q_other;
      },
      caf::after(std::chrono::seconds(30)) >> [&] { timed_out = true; });
    if (timed_out)
      break;
  }
  std::size_t read_after
    = kinds["POST /v1/orders"] + kinds["POST /fapi/v1/order"];
  auto after
    = open_count(self, up, "KRW-BTC") + open_count(self, bn, "BTCUSDT");

  std::printf("open_orders_before %zu\n", before);
  std::printf("halt_to_last_cancel_us %.1f\n",
              static_cast<double>(last - t0) / 1000.0);
  auto us = [&](std::int64_t t) {
    return t ? static_cast<double>(t - t0) / 1000.0 : 0.0;
  };
  std::printf("halt_to_first_cancel_us %.1f\n", us(first));
  std::printf("halt_to_last_upbit_cancel_us %.1f\n", us(up_last));
  std::printf("halt_to_last_binance_cancel_us %.1f\n", us(bn_last));
  std::printf("cancel_requests %llu\n",
              static_cast<unsigned long long>(cancels));
  std::printf("upbit_cancel_requests %llu\n",
              static_cast<unsigned long long>(up_c));
  std::printf("binance_cancel_requests %llu\n",
              static_cast<unsigned long long>(bn_c));
  std::printf("open_orders_after %zu\n", after);
  std::printf("orders_read_after_halt %zu\n", read_after);
  std::printf("orders_read_after_first_cancel %zu\n", late_orders);
  std::printf("queued_orders %zu\n", queued);
  std::printf("queued_placed %zu\n", q_placed);
  std::printf("queued_blocked %zu\n", q_blocked);
  std::printf("queued_outcome_unknown %zu\n", q_unknown);
  std::printf("queued_other_failures %zu\n", q_other);
  for (const auto& [k, n] : kinds)
    std::printf("request %s x%zu\n", k.c_str(), n);
  std::fflush(stdout);
  up = bn = caf::actor{};
  self_holder.reset();
  eng.stop(false);
  run.value().engine.reset();
  logging::flush();
  return 0;
}
