#include "config/instruments.hpp"

namespace tandem::config {

std::optional<instrument> to_instrument(const instrument_config& c) {
  auto v = venue_from_string(c.venue);
  if (!v)
    return std::nullopt;
  instrument i;
  i.venue = *v;
  i.symbol = c.symbol;
  i.base = c.base;
  i.quote = c.quote;
  i.kind = c.kind;
  i.tick = c.tick_table == tick_source::upbit_krw ? tick_rule::upbit_krw()
                                                  : tick_rule::fixed(c.tick);
  i.lot = c.lot;
  i.min_qty = c.min_qty;
  i.min_notional = c.min_notional;
  i.multiplier = c.multiplier;
  // Binance's MIN_NOTIONAL filter does not apply to reduce-only orders.
  i.reduce_only_skips_min_notional = *v == venue::binance;
  return i;
}

} // namespace tandem::config
