#include "venues/binance/codec_responses.hpp"

#include "tests/venues/binance_codec/fixtures.hpp"

#include <gtest/gtest.h>

namespace tandem::venues::binance {
namespace {

using ev = tandem::order_event;

class venues_binance_codec_responses : public ::testing::Test {
 protected:
  simdjson::dom::parser parser;
};

TEST_F(venues_binance_codec_responses, new_limit_order_result) {
  auto u = parse_order(parser, test::payload("ok/order_new_limit_result.json"));
  ASSERT_TRUE(u) << to_string(u.error());
  EXPECT_EQ(u->venue, venue::binance);
  EXPECT_EQ(u->symbol, "BTCUSDT");
  EXPECT_EQ(u->id.view(), "tdm-mhx3k2a1-1z");
  EXPECT_EQ(u->venue_order_id, "4086927421");
  EXPECT_EQ(u->event, ev::accepted);
  EXPECT_EQ(u->side, tandem::side::sell);
  EXPECT_EQ(u->order_qty, quantity::must_parse("0.01"));
  EXPECT_TRUE(u->cum_qty.is_zero());
  EXPECT_FALSE(u->avg_px); // "0.00" before any fill
  EXPECT_FALSE(u->last_fill);
  EXPECT_FALSE(u->reason);
  EXPECT_EQ(to_unix_ms(u->venue_ts), 1717000000123);
}

TEST_F(venues_binance_codec_responses, reference_ack_sample) {
  auto u = parse_order(parser,
                       test::payload("ok/order_reference_trailing_ack.json"));
  ASSERT_TRUE(u) << to_string(u.error());
  EXPECT_EQ(u->id.view(), "testOrder");
  EXPECT_EQ(u->venue_order_id, "22542179");
  EXPECT_EQ(u->event, ev::accepted);
  EXPECT_EQ(u->side, tandem::side::buy);
  EXPECT_EQ(u->order_qty, quantity::must_parse("10"));
  EXPECT_EQ(to_unix_ms(u->venue_ts), 1566818724722);
}

TEST_F(venues_binance_codec_responses, market_order_filled_result) {
  auto u
    = parse_order(parser, test::payload("ok/order_market_filled_result.json"));
  ASSERT_TRUE(u);
  EXPECT_EQ(u->event, ev::fill);
  EXPECT_EQ(u->cum_qty, quantity::must_parse("0.002"));
  ASSERT_TRUE(u->avg_px);
  EXPECT_EQ(*u->avg_px, price::must_parse("65000.1"));
  EXPECT_FALSE(u->last_fill); // fills come from the user stream
}

TEST_F(venues_binance_codec_responses, query_and_cancel_states) {
  auto part = parse_order(
    parser, test::payload("ok/order_query_partially_filled.json"));
  ASSERT_TRUE(part);
  EXPECT_EQ(part->event, ev::partial_fill);
  EXPECT_EQ(part->cum_qty, quantity::must_parse("1"));
  EXPECT_EQ(*part->avg_px, price::must_parse("20002"));
  auto stp = parse_order(parser,
                         test::payload("ok/order_query_expired_in_match.json"));
  ASSERT_TRUE(stp);
  EXPECT_EQ(stp->event, ev::expired);
  auto canceled
    = parse_order(parser, test::payload("ok/order_cancel_canceled.json"));
  ASSERT_TRUE(canceled);
  EXPECT_EQ(canceled->event, ev::canceled);
}

TEST_F(venues_binance_codec_responses, open_orders_list) {
  auto all = parse_open_orders(parser, test::payload("ok/open_orders.json"));
  ASSERT_TRUE(all) << to_string(all.error());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].event, ev::accepted);
  EXPECT_EQ((*all)[1].event, ev::partial_fill);
  EXPECT_EQ((*all)[1].id.view(), "web_OonK1GmXowYo60uFVTLy");
  auto none = parse_open_orders(parser, "[]");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(venues_binance_codec_responses, foreign_client_id_leaves_id_empty) {
  auto body = test::payload("ok/order_new_limit_result.json");
  auto at = body.find("tdm-mhx3k2a1-1z");
  body.replace(at, 15, "ios:order/1.2");
  auto u = parse_order(parser, body);
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->id.empty());
}

TEST_F(venues_binance_codec_responses, server_time) {
  auto t = parse_server_time(parser, test::payload("ok/server_time.json"));
  ASSERT_TRUE(t);
  EXPECT_EQ(to_unix_ms(*t), 1499827319559);
}

TEST_F(venues_binance_codec_responses, exchange_info_btcusdt) {
  auto x = parse_exchange_info(parser, test::payload("ok/exchange_info.json"));
  ASSERT_TRUE(x) << to_string(x.error());
  ASSERT_EQ(x->instruments.size(), 3u);
  const auto& btc = x->instruments[0];
  EXPECT_EQ(btc.venue, venue::binance);
  EXPECT_EQ(btc.symbol, "BTCUSDT");
  EXPECT_EQ(btc.base, "BTC");
  EXPECT_EQ(btc.quote, "USDT");
  EXPECT_EQ(btc.kind, instrument_kind::perpetual);
  EXPECT_TRUE(btc.tick.is_fixed());
  EXPECT_EQ(btc.tick.tick_at(price::must_parse("65000")),
            price::must_parse("0.1"));
  EXPECT_EQ(btc.lot, quantity::must_parse("0.001"));
  EXPECT_EQ(btc.min_qty, quantity::must_parse("0.001"));
  EXPECT_EQ(btc.max_qty, quantity::must_parse("1000"));
  EXPECT_EQ(btc.min_notional, money::must_parse("100"));
  EXPECT_TRUE(btc.reduce_only_skips_min_notional);
  EXPECT_EQ(btc.min_price, price::must_parse("261.1"));
  EXPECT_EQ(btc.max_price, price::must_parse("809484"));
  EXPECT_EQ(btc.multiplier, 1);
}

TEST_F(venues_binance_codec_responses, exchange_info_docs_sample_and_skips) {
  auto x = parse_exchange_info(parser, test::payload("ok/exchange_info.json"));
  ASSERT_TRUE(x);
  const auto& blz = x->instruments[1];
  EXPECT_EQ(blz.symbol, "BLZUSDT");
  EXPECT_EQ(blz.tick.tick_at(price::must_parse("1")),
            price::must_parse("0.0001"));
  EXPECT_EQ(blz.lot, quantity::must_parse("1"));
  EXPECT_EQ(blz.min_notional, money::must_parse("5"));
  const auto& quarterly = x->instruments[2];
  EXPECT_EQ(quarterly.symbol, "BTCUSDT_250926");
  EXPECT_EQ(quarterly.kind, instrument_kind::future);
  // SETTLING is not tradable; a 1e-9 tick does not fit 8 decimals.
  ASSERT_EQ(x->skipped.size(), 2u);
  EXPECT_EQ(x->skipped[0].symbol, "SRMUSDT");
  EXPECT_EQ(x->skipped[0].detail, "reason=status status=SETTLING");
  EXPECT_EQ(x->skipped[1].symbol, "TINYUSDT");
  EXPECT_EQ(x->skipped[1].detail, "reason=bad_filter");
}

TEST_F(venues_binance_codec_responses, position_risk_v2) {
  auto p
    = parse_position_risk(parser, test::payload("ok/position_risk_v2.json"));
  ASSERT_TRUE(p) << to_string(p.error());
  ASSERT_EQ(p->size(), 2u);
  const auto& btc = (*p)[0];
  EXPECT_EQ(btc.venue, venue::binance);
  EXPECT_EQ(btc.symbol, "BTCUSDT");
  EXPECT_EQ(btc.qty, quantity::must_parse("-0.01"));
  EXPECT_EQ(btc.entry_px, price::must_parse("64012.5"));
  EXPECT_EQ(btc.unrealized_pnl, money::must_parse("-0.875"));
  EXPECT_EQ(btc.leverage, 3);
  EXPECT_TRUE((*p)[1].qty.is_zero());
  EXPECT_EQ((*p)[1].leverage, 20);
}

TEST_F(venues_binance_codec_responses, balances_v3) {
  auto b = parse_balances(parser, test::payload("ok/balance_v3.json"));
  ASSERT_TRUE(b) << to_string(b.error());
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ((*b)[0].asset, "USDT");
  EXPECT_EQ((*b)[0].free, money::must_parse("23.72469206"));
  EXPECT_EQ((*b)[0].locked, money::must_parse("122583.62668697"));
}

TEST_F(venues_binance_codec_responses, account_v3) {
  auto a = parse_account(parser, test::payload("ok/account_v3.json"));
  ASSERT_TRUE(a) << to_string(a.error());
  ASSERT_EQ(a->balances.size(), 1u);
  EXPECT_EQ(a->balances[0].asset, "USDT");
  EXPECT_EQ(a->balances[0].free, money::must_parse("785.45833333"));
  EXPECT_EQ(a->balances[0].locked, money::must_parse("213.66666667"));
  ASSERT_EQ(a->positions.size(), 1u);
  EXPECT_EQ(a->positions[0].qty, quantity::must_parse("-0.01"));
  EXPECT_EQ(a->positions[0].unrealized_pnl, money::must_parse("-0.875"));
}

TEST_F(venues_binance_codec_responses, book_ticker_rest) {
  auto recv = from_unix_ms(1717000000050);
  auto t = parse_book_ticker(parser, test::payload("ok/book_ticker_rest.json"),
                             recv);
  ASSERT_TRUE(t) << to_string(t.error());
  EXPECT_EQ(t->venue, venue::binance);
  EXPECT_EQ(t->symbol, "BTCUSDT");
  EXPECT_EQ(t->bid, price::must_parse("64999.9"));
  EXPECT_EQ(t->bid_qty, quantity::must_parse("3.521"));
  EXPECT_EQ(t->ask, price::must_parse("65000"));
  EXPECT_EQ(t->ask_qty, quantity::must_parse("0.714"));
  EXPECT_EQ(to_unix_ms(t->venue_ts), 1717000000001);
  EXPECT_EQ(t->recv_ts, recv);
  EXPECT_EQ(t->update_id, 1027024u);
}

TEST_F(venues_binance_codec_responses, depth_snapshot) {
  auto d = parse_depth(parser, test::payload("ok/depth.json"), "BTCUSDT");
  ASSERT_TRUE(d) << to_string(d.error());
  EXPECT_EQ(d->last_update_id, 1027024u);
  EXPECT_EQ(d->depth.symbol, "BTCUSDT");
  ASSERT_EQ(d->depth.bids.size(), 2u);
  EXPECT_EQ(d->depth.bids[1].px, price::must_parse("64999.8"));
  EXPECT_EQ(d->depth.bids[1].qty, quantity::must_parse("0.1"));
  ASSERT_EQ(d->depth.asks.size(), 1u);
  EXPECT_EQ(to_unix_ms(d->depth.venue_ts), 1589436922959);
}

TEST_F(venues_binance_codec_responses, leverage_countdown_listen_key) {
  auto l = parse_leverage(parser, test::payload("ok/leverage.json"));
  ASSERT_TRUE(l);
  EXPECT_EQ(l->symbol, "BTCUSDT");
  EXPECT_EQ(l->leverage, 21);
  EXPECT_EQ(l->max_notional, money::must_parse("1000000"));
  auto c = parse_countdown(parser, test::payload("ok/countdown.json"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->symbol, "BTCUSDT");
  EXPECT_EQ(c->countdown, std::chrono::milliseconds{100000});
  auto k = parse_listen_key(parser, test::payload("ok/listen_key.json"));
  ASSERT_TRUE(k);
  EXPECT_EQ(*k,
            "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1");
}

} // namespace
} // namespace tandem::venues::binance
