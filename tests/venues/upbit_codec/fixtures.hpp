// Shared fixtures of the Upbit codec tests: an instrument, keys, recorded
// payloads.
#pragma once

#include "core/instrument.hpp"
#include "core/order_request.hpp"
#include "tests/venues/test_data.hpp"
#include "venues/upbit/auth.hpp"

#include <string>
#include <string_view>

namespace tandem::venues::upbit::test {

inline constexpr std::string_view access_key
  = "a7Xd92LmQW3vBtRzYpMj5CxNKeT1HuVs0fFgJcAw";
inline constexpr std::string_view secret = "test-secret-not-a-real-key";
inline constexpr std::string_view nonce
  = "b2f1e3f8-2dc1-4d6f-a838-c74c49b0e39a";
inline const credentials creds{access_key, secret};

/// KRW-BTC with Upbit's KRW tick table, 1e-8 lot, 5,000 KRW minimum.
inline instrument krw_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = "KRW-BTC";
  i.base = "BTC";
  i.quote = "KRW";
  i.tick = tick_rule::upbit_krw();
  i.lot = quantity::must_parse("0.00000001");
  i.min_qty = quantity::must_parse("0.00000001");
  i.min_notional = money::must_parse("5000");
  return i;
}

inline client_order_id id(std::string_view s) {
  return *client_order_id::make(s);
}

/// A limit buy of 0.01 BTC at 100,000,000 KRW.
inline order_request limit_buy() {
  order_request o;
  o.id = id("tdm-mhx3k2a1-1z");
  o.venue = venue::upbit;
  o.symbol = "KRW-BTC";
  o.side = side::buy;
  o.type = order_type::limit;
  o.qty = quantity::must_parse("0.01");
  o.limit_price = price::must_parse("100000000");
  return o;
}

inline std::string ok_file(std::string_view name) {
  return test_data::read_data("upbit/ok/" + std::string{name});
}

inline std::string bad_file(std::string_view name) {
  return test_data::read_data("upbit/bad/" + std::string{name});
}

inline price px(std::string_view s) { return price::must_parse(s); }
inline quantity qty(std::string_view s) { return quantity::must_parse(s); }
inline money krw(std::string_view s) { return money::must_parse(s); }

} // namespace tandem::venues::upbit::test
