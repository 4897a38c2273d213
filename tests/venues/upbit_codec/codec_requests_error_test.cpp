// Orders the codec refuses to put on the wire, each with a typed reason.
#include "venues/upbit/codec_requests.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

void expect_refused(const order_request& o, const place_options& opt,
                    venue_error code) {
  auto r = place_order(o, krw_btc(), opt, creds, nonce);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, code) << r.error().detail;
  EXPECT_FALSE(r.error().detail.empty());
}

order_request market(side s) {
  auto o = limit_buy();
  o.side = s;
  o.type = order_type::market;
  o.limit_price.reset();
  return o;
}

} // namespace

TEST(venues_upbit_codec_requests_error, price_off_tick_is_refused_not_rounded) {
  auto o = limit_buy();
  o.limit_price = px("100000500"); // tick is 1000 KRW above 1,000,000
  expect_refused(o, {}, venue_error::price_off_tick);
}

TEST(venues_upbit_codec_requests_error, volume_off_lot_and_below_minimum) {
  auto o = limit_buy();
  auto inst_lot = krw_btc();
  inst_lot.lot = qty("0.0001");
  auto r = place_order(o, inst_lot, {}, creds, nonce);
  ASSERT_TRUE(r); // 0.01 is on a 0.0001 lot
  o.qty = qty("0.00015");
  r = place_order(o, inst_lot, {}, creds, nonce);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::bad_quantity);

  auto small = limit_buy();
  small.qty = qty("0.00001"); // 1,000 KRW < 5,000 KRW minimum
  expect_refused(small, {}, venue_error::below_minimum);
}

TEST(venues_upbit_codec_requests_error, market_buy_needs_a_krw_amount) {
  expect_refused(market(side::buy), {}, venue_error::invalid_parameter);
  place_options small;
  small.quote_amount = krw("4999");
  expect_refused(market(side::buy), small, venue_error::below_minimum);
  place_options zero;
  zero.quote_amount = krw("0");
  expect_refused(market(side::buy), zero, venue_error::invalid_parameter);
  place_options on_sell;
  on_sell.quote_amount = krw("10000");
  expect_refused(market(side::sell), on_sell, venue_error::invalid_parameter);
}

TEST(venues_upbit_codec_requests_error, unsupported_shapes) {
  auto stop = limit_buy();
  stop.type = order_type::stop_limit;
  stop.stop_price = px("99000000");
  expect_refused(stop, {}, venue_error::invalid_parameter);

  auto gtd = limit_buy();
  gtd.tif = time_in_force::gtd;
  gtd.expire_at = tandem::from_unix_ms(1);
  expect_refused(gtd, {}, venue_error::invalid_parameter);

  auto reduce = limit_buy();
  reduce.reduce_only = true;
  expect_refused(reduce, {}, venue_error::invalid_parameter);

  auto wrong_venue = limit_buy();
  wrong_venue.venue = venue::binance;
  expect_refused(wrong_venue, {}, venue_error::invalid_parameter);

  auto wrong_symbol = limit_buy();
  wrong_symbol.symbol = "KRW-ETH";
  expect_refused(wrong_symbol, {}, venue_error::invalid_parameter);

  auto fok_market = market(side::sell);
  fok_market.tif = time_in_force::fok;
  expect_refused(fok_market, {}, venue_error::invalid_parameter);
}

TEST(venues_upbit_codec_requests_error, option_conflicts) {
  place_options post_ioc;
  post_ioc.post_only = true;
  auto ioc = limit_buy();
  ioc.tif = time_in_force::ioc;
  expect_refused(ioc, post_ioc, venue_error::invalid_parameter);

  place_options post_smp;
  post_smp.post_only = true;
  post_smp.smp = smp_type::reduce;
  expect_refused(limit_buy(), post_smp, venue_error::invalid_parameter);

  place_options best;
  best.best_price = true;
  expect_refused(limit_buy(), best, venue_error::invalid_parameter);
  auto gtc_market = market(side::sell);
  expect_refused(gtc_market, best, venue_error::invalid_parameter);
}

TEST(venues_upbit_codec_requests_error, empty_secret_fails_signing) {
  credentials no_secret{access_key, ""};
  auto r = place_order(limit_buy(), krw_btc(), {}, no_secret, nonce);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::auth_failed);
}

TEST(venues_upbit_codec_requests_error, bad_references_and_markets) {
  EXPECT_FALSE(cancel_order(order_ref::uuid(""), creds, nonce));
  EXPECT_FALSE(chance_request("krw-btc", creds, nonce));
  open_orders_query q;
  q.market = "KRW BTC";
  EXPECT_FALSE(open_orders(q, creds, nonce));
  EXPECT_FALSE(ticker_request({}));
  const std::vector<std::string> bad{"KRW-BTC", "KRW-BTC,KRW-ETH"};
  auto r = orderbook_request(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::invalid_parameter);
}

TEST(venues_upbit_codec_requests_error, batch_cancel_refuses_what_upbit_would) {
  auto refused = [](const cancel_open_query& q) {
    auto r = cancel_open_orders(q, creds, nonce);
    EXPECT_FALSE(r);
    return r ? venue_error::rejected_other : r.error().code;
  };
  cancel_open_query both;
  both.pairs = {"KRW-BTC"};
  both.quote_currencies = {"KRW"};
  EXPECT_EQ(refused(both), venue_error::invalid_parameter);
  cancel_open_query many;
  for (int i = 0; i < 21; ++i)
    many.pairs.push_back("KRW-C" + std::to_string(i));
  EXPECT_EQ(refused(many), venue_error::invalid_parameter);
  cancel_open_query bad_code;
  bad_code.pairs = {"krw-btc"};
  EXPECT_EQ(refused(bad_code), venue_error::invalid_parameter);
  cancel_open_query bad_quote;
  bad_quote.quote_currencies = {"K,RW"};
  EXPECT_EQ(refused(bad_quote), venue_error::invalid_parameter);
  for (std::uint32_t n : {0u, 301u}) {
    cancel_open_query q;
    q.count = n;
    EXPECT_EQ(refused(q), venue_error::invalid_parameter) << n;
  }
  cancel_open_query most;
  most.count = 300;
  EXPECT_TRUE(cancel_open_orders(most, creds, nonce));
}
