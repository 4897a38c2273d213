// Latency of the order path, one sample per order: parse a price string and
// a quantity string, check_order() against the instrument, construct the
// order, apply(accepted), apply one full fill. Each iteration is timed on its
// own with std::chrono::steady_clock (timer overhead included) and the
// distribution printed as `name value` lines:
//
//   p50_ns <n>
//   p99_ns <n>
//   p999_ns <n>
//   max_ns <n>
//
// Usage: order_path_latency [iterations]   (default 1,000,000; a further
// 10,000 untimed warm-up iterations run first).
#include "core/client_order_id.hpp"
#include "core/decimal.hpp"
#include "core/fill.hpp"
#include "core/instrument.hpp"
#include "core/order.hpp"
#include "core/order_request.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace tandem;

/// Upbit KRW-BTC: KRW tick table, 1e-8 lot, 5,000 KRW minimum notional.
instrument upbit_krw_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = "KRW-BTC";
  i.base = "BTC";
  i.quote = "KRW";
  i.kind = instrument_kind::spot;
  i.tick = tick_rule::upbit_krw();
  i.lot = quantity::must_parse("0.00000001");
  i.min_qty = quantity::must_parse("0.00000001");
  i.min_notional = money::must_parse("5000");
  return i;
}

struct input {
  std::string_view px;
  std::string_view qty;
};

/// Prices on the 1,000 KRW tick, in the venue's string shapes; every order
/// passes the checks (notional 7,000 - 1,700,000 KRW).
constexpr std::array<input, 8> inputs{{
  {"143250000", "0.00012345"},
  {"143251000.0", "0.001"},
  {"143249000", "0.00005"},
  {"143300000.00000000", "0.01234567"},
  {"1.4325E8", "0.0002"},
  {"143000000", "0.00987654"},
  {"143252000", "0.0001"},
  {"143248000", "0.005"},
}};

/// Upbit trade ids are UUIDs (36 chars): copying one into the order's trade
/// id list allocates, as it does in production.
std::string upbit_trade_id(std::uint64_t n) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "0b7e4f2a-3c1d-4e5f-9a8b-%012llx",
                static_cast<unsigned long long>(n));
  return buf;
}

[[noreturn]] void die(const char* what, std::size_t iteration) {
  std::fprintf(stderr, "order_path_latency: %s at iteration %zu\n", what,
               iteration);
  std::exit(1);
}

/// The timed work. Returns the final status so nothing can be elided.
order_status one_order(const instrument& inst, const input& in,
                       client_order_id id, const std::string& trade_id,
                       std::size_t iteration) {
  auto px = price::parse(in.px);
  auto qty = quantity::parse(in.qty);
  if (!px || !qty)
    die("parse failed", iteration);

  order_request req;
  req.id = id;
  req.venue = venue::upbit;
  req.symbol = inst.symbol;
  req.side = side::buy;
  req.type = order_type::limit;
  req.tif = time_in_force::gtc;
  req.qty = *qty;
  req.limit_price = *px;
  if (auto v = check_order(inst, req))
    die(v->message().c_str(), iteration);

  order o{std::move(req)};
  if (!o.apply(order_event::accepted))
    die("accept refused", iteration);

  fill f;
  f.order_id = id;
  f.trade_id = trade_id;
  f.venue = venue::upbit;
  f.symbol = inst.symbol;
  f.side = side::buy;
  f.qty = *qty;
  f.px = *px;
  f.liquidity = liquidity::taker;
  auto r = o.apply_fill(f);
  if (!r)
    die("fill refused", iteration);
  return *r;
}

} // namespace

int main(int argc, char** argv) {
  std::size_t iterations = 1'000'000;
  if (argc > 1) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || n == 0) {
      std::fprintf(stderr, "usage: %s [iterations]\n", argv[0]);
      return 2;
    }
    iterations = static_cast<std::size_t>(n);
  }
  constexpr std::size_t warmup = 10'000;

  const instrument inst = upbit_krw_btc();
  auto gen = client_order_id_generator::make("tdm", 1'763'710'000'000);
  if (!gen)
    die("generator refused its prefix", 0);

  // Ids are minted and trade ids built outside the timed region: they are
  // the caller's and the venue codec's work, not the order path's.
  std::vector<std::int64_t> samples(iterations);
  volatile std::uint8_t sink = 0;
  std::string trade_id;
  for (std::size_t i = 0; i < warmup + iterations; ++i) {
    const input& in = inputs[i % inputs.size()];
    client_order_id id = gen->next();
    trade_id = upbit_trade_id(i);

    auto t0 = std::chrono::steady_clock::now();
    order_status s = one_order(inst, in, id, trade_id, i);
    auto t1 = std::chrono::steady_clock::now();

    if (s != order_status::filled)
      die("order did not end filled", i);
    sink = static_cast<std::uint8_t>(s);
    if (i >= warmup)
      samples[i - warmup]
        = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
  }
  (void)sink;

  std::sort(samples.begin(), samples.end());
  // Nearest-rank percentile, in per mille: the smallest sample with at least
  // that share of all samples at or below it; integer math, no rounding.
  auto pct = [&](std::size_t per_mille) {
    std::size_t rank = (samples.size() * per_mille + 999) / 1000;
    rank = std::clamp<std::size_t>(rank, 1, samples.size());
    return static_cast<long long>(samples[rank - 1]);
  };
  std::printf("p50_ns %lld\n", pct(500));
  std::printf("p99_ns %lld\n", pct(990));
  std::printf("p999_ns %lld\n", pct(999));
  std::printf("max_ns %lld\n", static_cast<long long>(samples.back()));
  return 0;
}
