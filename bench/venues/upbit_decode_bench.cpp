// Throughput of decoding one Upbit WebSocket frame with our codec
// (venues/upbit/codec_stream.hpp: simdjson On-Demand, decimals read from
// the number text, one reused json_context as the session keeps it). The
// frames arrive BINARY, so they are passed as bytes. Reported as time per
// message.
#include "venues/upbit/codec_stream.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace {

using namespace tandem;
namespace vu = venues::upbit;

// A KRW-BTC ticker with every field the reference (A5) lists.
constexpr std::string_view ticker_frame
  = R"({"type":"ticker","code":"KRW-BTC","opening_price":99500000,)"
    R"("high_price":100500000,"low_price":99000000,"trade_price":100000000,)"
    R"("prev_closing_price":99500000,"acc_trade_price":125000000000.5,)"
    R"("change":"RISE","change_price":500000,"signed_change_price":500000,)"
    R"("change_rate":0.0050251256,"signed_change_rate":0.0050251256,)"
    R"("ask_bid":"BID","trade_volume":0.01234567,)"
    R"("acc_trade_volume":1250.12345678,"trade_date":"20250704",)"
    R"("trade_time":"060000","trade_timestamp":1751608800000,)"
    R"("acc_ask_volume":600.5,"acc_bid_volume":649.62345678,)"
    R"("highest_52_week_price":150000000,"highest_52_week_date":"2024-12-03",)"
    R"("lowest_52_week_price":60000000,"lowest_52_week_date":"2024-08-05",)"
    R"("market_state":"ACTIVE","is_trading_suspended":false,)"
    R"("delisting_date":null,"market_warning":"NONE",)"
    R"("timestamp":1751608800123,"acc_trade_price_24h":250000000000,)"
    R"("acc_trade_volume_24h":2500.5,"stream_type":"REALTIME"})";

// A KRW-BTC orderbook of 15 levels (the session subscribes "KRW-BTC.15").
std::string orderbook_frame() {
  std::string f = R"({"type":"orderbook","code":"KRW-BTC",)"
                  R"("timestamp":1751608800123,"total_ask_size":7.5,)"
                  R"("total_bid_size":8.25,"orderbook_units":[)";
  for (int i = 0; i < 15; ++i) {
    if (i > 0)
      f += ',';
    f += R"({"ask_price":)" + std::to_string(100000000 + i * 1000)
         + R"(,"bid_price":)" + std::to_string(99999000 - i * 1000)
         + R"(,"ask_size":0.5,"bid_size":0.55})";
  }
  f += R"(],"stream_type":"REALTIME","level":0})";
  return f;
}

template<class Event>
void decode(benchmark::State& state, std::string_view frame) {
  vu::json_context ctx;
  const auto recv = from_unix_ms(1751608800130);
  const std::span<const std::uint8_t> bytes{
    reinterpret_cast<const std::uint8_t*>(frame.data()), frame.size()};
  for (auto _ : state) {
    auto ev = vu::decode_frame(ctx, bytes, recv);
    if (!ev || !std::holds_alternative<Event>(*ev)) {
      state.SkipWithError("frame did not decode to the expected event");
      break;
    }
    benchmark::DoNotOptimize(ev);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations()
                          * static_cast<std::int64_t>(frame.size()));
}

void bm_upbit_ticker(benchmark::State& s) {
  decode<vu::ticker>(s, ticker_frame);
}

void bm_upbit_orderbook_15(benchmark::State& s) {
  static const std::string frame = orderbook_frame();
  decode<vu::orderbook>(s, frame);
}

BENCHMARK(bm_upbit_ticker);
BENCHMARK(bm_upbit_orderbook_15);

} // namespace
