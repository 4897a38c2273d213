#include "core/instrument.hpp"

#include <gtest/gtest.h>

using namespace tandem;

namespace {

price px(const char* s) { return price::must_parse(s); }
quantity qty(const char* s) { return quantity::must_parse(s); }

instrument upbit_krw_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = "KRW-BTC";
  i.base = "BTC";
  i.quote = "KRW";
  i.tick = tick_rule::upbit_krw();
  i.lot = qty("0.00000001");
  i.min_notional = money::must_parse("5000");
  return i;
}

instrument binance_btcusdt() {
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
  i.min_price = px("556.8");
  i.max_price = px("4529764");
  return i;
}

order_request limit(venue v, std::string sym, side s, const char* p,
                    const char* q) {
  order_request o;
  o.id = *client_order_id::make("tdm-test-1");
  o.venue = v;
  o.symbol = std::move(sym);
  o.side = s;
  o.type = order_type::limit;
  o.limit_price = px(p);
  o.qty = qty(q);
  return o;
}

} // namespace

TEST(core_instrument, upbit_krw_tick_bands) {
  const auto& t = tick_rule::upbit_krw();
  EXPECT_EQ(t.tick_at(px("143250000")).to_string(), "1000");
  EXPECT_EQ(t.tick_at(px("1000000")).to_string(), "1000");
  EXPECT_EQ(t.tick_at(px("999999")).to_string(), "500");
  EXPECT_EQ(t.tick_at(px("500000")).to_string(), "500");
  EXPECT_EQ(t.tick_at(px("123456")).to_string(), "100");
  EXPECT_EQ(t.tick_at(px("75000")).to_string(), "50");
  EXPECT_EQ(t.tick_at(px("12345")).to_string(), "10");
  EXPECT_EQ(t.tick_at(px("7000")).to_string(), "5");
  EXPECT_EQ(t.tick_at(px("1450")).to_string(), "1");
  EXPECT_EQ(t.tick_at(px("150")).to_string(), "1");
  EXPECT_EQ(t.tick_at(px("50")).to_string(), "0.1");
  EXPECT_EQ(t.tick_at(px("5")).to_string(), "0.01");
  EXPECT_EQ(t.tick_at(px("0.5")).to_string(), "0.001");
  EXPECT_EQ(t.tick_at(px("0.000001")).to_string(), "0.00000001");
}

TEST(core_instrument, buys_round_down_and_sells_up_to_the_tick) {
  auto i = upbit_krw_btc();
  EXPECT_EQ(round_price(i, px("143250700"), side::buy)->to_string(),
            "143250000");
  EXPECT_EQ(round_price(i, px("143250700"), side::sell)->to_string(),
            "143251000");
  // Already on tick: unchanged both ways.
  EXPECT_EQ(round_price(i, px("143250000"), side::buy)->to_string(),
            "143250000");
  EXPECT_EQ(round_price(i, px("143250000"), side::sell)->to_string(),
            "143250000");
  auto b = binance_btcusdt();
  EXPECT_EQ(round_price(b, px("97123.45"), side::buy)->to_string(), "97123.4");
  EXPECT_EQ(round_price(b, px("97123.45"), side::sell)->to_string(), "97123.5");
}

TEST(core_instrument, rounding_across_a_band_edge_lands_on_the_coarser_tick) {
  // 999,800 is in the 500 band; rounding a sell up lands on 1,000,000,
  // which is on the 1,000 tick of the next band.
  auto i = upbit_krw_btc();
  auto r = round_price(i, px("999800"), side::sell);
  EXPECT_EQ(r->to_string(), "1000000");
  EXPECT_TRUE(i.tick.on_tick(*r));
  // A custom table whose edge is not on the coarser tick gets re-rounded.
  auto odd = tick_rule::bands({{px("0"), px("1")}, {px("1005"), px("10")}});
  auto s = odd.round(px("1004.5"), side::sell);
  EXPECT_TRUE(odd.on_tick(*s)) << *s;
  EXPECT_EQ(s->to_string(), "1010");
}

TEST(core_instrument, quantities_round_down_to_the_lot) {
  auto b = binance_btcusdt();
  EXPECT_EQ(round_quantity(b, qty("0.0129"))->to_string(), "0.012");
  EXPECT_EQ(round_quantity(b, qty("0.012"))->to_string(), "0.012");
  EXPECT_EQ(round_quantity(b, qty("0.0009"))->to_string(), "0");
}

TEST(core_instrument, notional_uses_the_multiplier) {
  instrument k200;
  k200.venue = venue::ls;
  k200.symbol = "101W9000";
  k200.kind = instrument_kind::future;
  k200.multiplier = 250000;
  k200.tick = tick_rule::fixed(px("0.05"));
  k200.lot = qty("1");
  EXPECT_EQ(notional(k200, px("350.05"), qty("2"))->to_string(), "175025000");
}

TEST(core_instrument, valid_orders_pass) {
  EXPECT_EQ(
    check_order(upbit_krw_btc(), limit(venue::upbit, "KRW-BTC", side::buy,
                                       "143250000", "0.0001")),
    std::nullopt);
  EXPECT_EQ(
    check_order(binance_btcusdt(), limit(venue::binance, "BTCUSDT", side::sell,
                                         "97123.4", "0.002")),
    std::nullopt);
}

TEST(core_instrument, price_off_tick_names_price_and_tick) {
  auto v = check_order(upbit_krw_btc(), limit(venue::upbit, "KRW-BTC",
                                              side::buy, "143250500", "0.01"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->code, validation_error::price_off_tick);
  EXPECT_EQ(v->message(), "price off tick: price=143250500 tick=1000");
}

TEST(core_instrument, below_min_notional_names_the_numbers) {
  // 0.00003 BTC x 143,250,000 = 4,297.5 KRW < 5,000 KRW.
  auto v
    = check_order(upbit_krw_btc(), limit(venue::upbit, "KRW-BTC", side::buy,
                                         "143250000", "0.00003"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->code, validation_error::below_min_notional);
  EXPECT_EQ(v->message(), "below min notional: notional=4297.5 min=5000 KRW");
  // Exactly the minimum passes.
  auto ok = limit(venue::upbit, "KRW-BTC", side::buy, "100000000", "0.00005");
  EXPECT_EQ(check_order(upbit_krw_btc(), ok), std::nullopt);
}

TEST(core_instrument, reduce_only_is_exempt_from_binance_min_notional) {
  auto o = limit(venue::binance, "BTCUSDT", side::buy, "97000", "0.001");
  auto v = check_order(binance_btcusdt(), o);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->code, validation_error::below_min_notional);
  o.reduce_only = true;
  EXPECT_EQ(check_order(binance_btcusdt(), o), std::nullopt);
}

TEST(core_instrument, market_orders_judge_notional_at_the_reference) {
  auto o = limit(venue::binance, "BTCUSDT", side::sell, "1", "0.001");
  o.type = order_type::market;
  o.limit_price.reset();
  EXPECT_EQ(check_order(binance_btcusdt(), o), std::nullopt); // no reference
  auto v = check_order(binance_btcusdt(), o, px("97000"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->code, validation_error::below_min_notional);
}

TEST(core_instrument, quantity_rules) {
  auto b = binance_btcusdt();
  auto code = [&](const char* q) {
    auto v = check_quantity(b, qty(q));
    return v ? v->code : validation_error{};
  };
  EXPECT_EQ(code("0.0015"), validation_error::quantity_off_lot);
  EXPECT_EQ(code("0"), validation_error::non_positive_quantity);
  EXPECT_EQ(code("-1"), validation_error::non_positive_quantity);
  EXPECT_EQ(code("1001"), validation_error::above_max_quantity);
  b.min_qty = qty("0.01");
  EXPECT_EQ(code("0.005"), validation_error::below_min_quantity);
  EXPECT_EQ(check_quantity(b, qty("0.01")), std::nullopt);
}

TEST(core_instrument, price_range) {
  auto b = binance_btcusdt();
  auto v = check_price(b, px("100"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->code, validation_error::price_out_of_range);
  EXPECT_EQ(v->message(), "price out of range: price=100 min=556.8");
  EXPECT_EQ(check_price(b, px("5000000"))->code,
            validation_error::price_out_of_range);
  EXPECT_EQ(check_price(b, px("0"))->code,
            validation_error::non_positive_price);
}

TEST(core_instrument, order_for_another_instrument_is_refused) {
  auto o = limit(venue::binance, "ETHUSDT", side::buy, "3000", "1");
  auto v = check_order(binance_btcusdt(), o);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->code, validation_error::instrument_mismatch);
}

TEST(core_instrument, instrument_self_check) {
  EXPECT_EQ(check_instrument(binance_btcusdt()), std::nullopt);
  auto b = binance_btcusdt();
  b.lot = quantity::zero();
  EXPECT_TRUE(check_instrument(b));
  b = binance_btcusdt();
  b.min_qty = qty("0.0015");
  EXPECT_EQ(check_instrument(b)->code, validation_error::quantity_off_lot);
  b = binance_btcusdt();
  b.min_price = px("556.85");
  EXPECT_EQ(check_instrument(b)->code, validation_error::price_off_tick);
}
