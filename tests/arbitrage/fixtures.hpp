// Instruments and quotes shared by the arbitrage tests: the real rules of
// Upbit KRW-BTC / KRW-USDT and Binance BTCUSDT (as in config/paper.toml).
#pragma once

#include "core/instrument.hpp"
#include "venues/common/events.hpp"

namespace tandem::arbitrage::test {

inline price px(const char* s) { return price::must_parse(s); }
inline quantity qty(const char* s) { return quantity::must_parse(s); }
inline money krw(const char* s) { return money::must_parse(s); }
inline rate rt(const char* s) { return rate::must_parse(s); }

inline instrument upbit_krw_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = "KRW-BTC";
  i.base = "BTC";
  i.quote = "KRW";
  i.tick = tick_rule::upbit_krw();
  i.lot = qty("0.00000001");
  i.min_notional = krw("5000");
  return i;
}

inline instrument binance_btcusdt() {
  instrument i;
  i.venue = venue::binance;
  i.symbol = "BTCUSDT";
  i.base = "BTC";
  i.quote = "USDT";
  i.kind = instrument_kind::perpetual;
  i.tick = tick_rule::fixed(px("0.1"));
  i.lot = qty("0.001");
  i.min_qty = qty("0.001");
  i.max_qty = qty("1000");
  i.min_notional = money::must_parse("100");
  i.reduce_only_skips_min_notional = true;
  return i;
}

inline venues::book_top top(venue v, const char* sym, const char* bid,
                            const char* bid_qty, const char* ask,
                            const char* ask_qty, timestamp recv) {
  venues::book_top t;
  t.venue = v;
  t.symbol = sym;
  t.bid = px(bid);
  t.bid_qty = qty(bid_qty);
  t.ask = px(ask);
  t.ask_qty = qty(ask_qty);
  t.venue_ts = recv;
  t.recv_ts = recv;
  return t;
}

} // namespace tandem::arbitrage::test
