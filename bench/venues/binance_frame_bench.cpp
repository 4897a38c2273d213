// Throughput of decoding one Binance USD-M bookTicker frame with our codec
// (venues/binance/codec_stream.hpp, simdjson DOM with a reused parser):
// the raw stream shape (/ws/<stream>) and the combined-stream wrapper
// (/stream?streams=...). Reported as time per message.
#include "venues/binance/codec_stream.hpp"

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <string_view>

namespace {

using namespace tandem;

// The reference's example (B5) with BTCUSDT-sized numbers.
constexpr std::string_view raw_frame
  = R"({"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,)"
    R"("s":"BTCUSDT","b":"43000.10","B":"31.210","a":"43000.20","A":"40.660"})";

constexpr std::string_view combined_frame
  = R"({"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":400900217,)"
    R"("E":1568014460893,"T":1568014460891,"s":"BTCUSDT","b":"43000.10",)"
    R"("B":"31.210","a":"43000.20","A":"40.660"}})";

void decode(benchmark::State& state, std::string_view frame) {
  simdjson::dom::parser parser;
  const auto recv = from_unix_ms(1568014460900);
  for (auto _ : state) {
    auto m = venues::binance::parse_market_frame(parser, frame, recv);
    if (!m || !std::holds_alternative<venues::book_top>(*m)) {
      state.SkipWithError("frame did not decode to a book top");
      break;
    }
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations()
                          * static_cast<std::int64_t>(frame.size()));
}

void bm_book_ticker_raw(benchmark::State& s) { decode(s, raw_frame); }
void bm_book_ticker_combined(benchmark::State& s) { decode(s, combined_frame); }

BENCHMARK(bm_book_ticker_raw);
BENCHMARK(bm_book_ticker_combined);

} // namespace
