// Shared helpers of the Binance codec tests: recorded payloads and the
// BTCUSDT instrument as exchangeInfo describes it.
#pragma once

#include "core/instrument.hpp"
#include "tests/venues/test_data.hpp"

#include <simdjson.h>

#include <string>
#include <string_view>

namespace tandem::venues::binance::test {

/// Returns tests/data/binance/<relative>.
inline std::string payload(std::string_view relative) {
  return test_data::read_data("binance/" + std::string{relative});
}

/// BTCUSDT perpetual: tick 0.1, lot 0.001, min notional 100 USDT.
inline instrument btcusdt() {
  instrument i;
  i.venue = venue::binance;
  i.symbol = "BTCUSDT";
  i.base = "BTC";
  i.quote = "USDT";
  i.kind = instrument_kind::perpetual;
  i.tick = tick_rule::fixed(price::must_parse("0.1"));
  i.lot = quantity::must_parse("0.001");
  i.min_qty = quantity::must_parse("0.001");
  i.max_qty = quantity::must_parse("1000");
  i.min_notional = money::must_parse("100");
  i.reduce_only_skips_min_notional = true;
  i.min_price = price::must_parse("261.1");
  i.max_price = price::must_parse("809484");
  return i;
}

} // namespace tandem::venues::binance::test
