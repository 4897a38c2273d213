#include "venues/binance/codec_stream.hpp"

#include "tests/venues/binance_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace tandem::venues::binance {
namespace {

using ev = tandem::order_event;

class venues_binance_codec_stream : public ::testing::Test {
 protected:
  /// Parses a user-data fixture and returns the order update it holds.
  order_trade_update order_event(std::string_view file) {
    auto r = parse_user_frame(parser, test::payload(file), instruments);
    EXPECT_TRUE(r) << file << ": " << (r ? "" : to_string(r.error()));
    if (!r || !std::holds_alternative<order_trade_update>(*r)) {
      ADD_FAILURE() << file << " is not an ORDER_TRADE_UPDATE";
      return {};
    }
    return std::get<order_trade_update>(*r);
  }

  simdjson::dom::parser parser;
  std::vector<instrument> instruments{test::btcusdt()};
};

// -- market data
// -----------------------------------------------------------------

TEST_F(venues_binance_codec_stream, book_ticker_raw_stream) {
  auto recv = from_unix_ms(1568014460900);
  auto m
    = parse_market_frame(parser, test::payload("ok/ws_book_ticker.json"), recv);
  ASSERT_TRUE(m) << to_string(m.error());
  ASSERT_TRUE(std::holds_alternative<book_top>(*m));
  const auto& t = std::get<book_top>(*m);
  EXPECT_EQ(t.venue, venue::binance);
  EXPECT_EQ(t.symbol, "BNBUSDT");
  EXPECT_EQ(t.bid, price::must_parse("25.3519"));
  EXPECT_EQ(t.bid_qty, quantity::must_parse("31.21"));
  EXPECT_EQ(t.ask, price::must_parse("25.3652"));
  EXPECT_EQ(t.ask_qty, quantity::must_parse("40.66"));
  EXPECT_EQ(t.update_id, 400900217u);
  EXPECT_EQ(to_unix_ms(t.venue_ts), 1568014460891); // T, not E
  EXPECT_EQ(t.recv_ts, recv);
}

TEST_F(venues_binance_codec_stream, book_ticker_combined_stream) {
  auto m = parse_market_frame(
    parser, test::payload("ok/ws_book_ticker_combined.json"), timestamp{});
  ASSERT_TRUE(m) << to_string(m.error());
  ASSERT_TRUE(std::holds_alternative<book_top>(*m));
  const auto& t = std::get<book_top>(*m);
  EXPECT_EQ(t.symbol, "BTCUSDT");
  EXPECT_EQ(t.bid, price::must_parse("64999.9"));
  EXPECT_EQ(t.ask, price::must_parse("65000"));
  EXPECT_EQ(t.update_id, 7811432109u);
}

TEST_F(venues_binance_codec_stream, other_market_frames_are_ignored) {
  auto agg = parse_market_frame(parser, test::payload("ok/ws_agg_trade.json"),
                                timestamp{});
  ASSERT_TRUE(agg);
  ASSERT_TRUE(std::holds_alternative<ignored>(*agg));
  EXPECT_EQ(std::get<ignored>(*agg).event_type, "aggTrade");
  auto sub = parse_market_frame(
    parser, test::payload("ok/ws_subscribe_result.json"), timestamp{});
  ASSERT_TRUE(sub);
  ASSERT_TRUE(std::holds_alternative<ignored>(*sub));
  EXPECT_EQ(std::get<ignored>(*sub).event_type, "result");
}

// -- ORDER_TRADE_UPDATE
// ----------------------------------------------------------

TEST_F(venues_binance_codec_stream, order_new) {
  auto o = order_event("ok/ws_order_new.json");
  EXPECT_EQ(o.update.event, ev::accepted);
  EXPECT_EQ(o.update.id.view(), "tdm-mhx3k2a1-1z");
  EXPECT_EQ(o.update.venue_order_id, "4086927421");
  EXPECT_EQ(o.update.order_qty, quantity::must_parse("0.01"));
  EXPECT_FALSE(o.update.last_fill);
  EXPECT_EQ(o.status, order_status::new_);
  EXPECT_EQ(o.execution, execution_type::new_);
  EXPECT_EQ(to_unix_ms(o.event_ts), 1717000000125);
  EXPECT_EQ(to_unix_ms(o.update.venue_ts), 1717000000120);
}

TEST_F(venues_binance_codec_stream, order_partial_fill) {
  auto o = order_event("ok/ws_order_partial_fill.json");
  const auto& u = o.update;
  EXPECT_EQ(u.event, ev::partial_fill);
  EXPECT_EQ(u.side, tandem::side::sell);
  EXPECT_EQ(u.cum_qty, quantity::must_parse("0.004"));
  ASSERT_TRUE(u.avg_px);
  EXPECT_EQ(*u.avg_px, price::must_parse("65000.1"));
  ASSERT_TRUE(u.last_fill);
  const auto& f = *u.last_fill;
  EXPECT_EQ(f.order_id.view(), "tdm-mhx3k2a1-1z");
  EXPECT_EQ(f.trade_id, "5197330561");
  EXPECT_EQ(f.venue, venue::binance);
  EXPECT_EQ(f.symbol, "BTCUSDT");
  EXPECT_EQ(f.side, tandem::side::sell);
  EXPECT_EQ(f.qty, quantity::must_parse("0.004"));
  EXPECT_EQ(f.px, price::must_parse("65000.1"));
  EXPECT_EQ(f.fee, money::must_parse("0.05200008")); // USDT = the quote
  EXPECT_EQ(f.liquidity, liquidity::maker);
  EXPECT_EQ(to_unix_ms(f.ts), 1717000005200);
  ASSERT_TRUE(o.fee);
  EXPECT_EQ(o.fee->asset, "USDT");
  EXPECT_FALSE(o.fee_needs_conversion);
}

TEST_F(venues_binance_codec_stream, order_full_fill) {
  auto o = order_event("ok/ws_order_filled.json");
  const auto& u = o.update;
  EXPECT_EQ(u.event, ev::fill);
  EXPECT_EQ(u.cum_qty, quantity::must_parse("0.01"));
  EXPECT_EQ(u.cum_qty, u.order_qty);
  ASSERT_TRUE(u.last_fill);
  EXPECT_EQ(u.last_fill->qty, quantity::must_parse("0.006"));
  EXPECT_EQ(u.last_fill->trade_id, "5197330570");
  EXPECT_EQ(u.last_fill->fee, money::must_parse("0.07800012"));
  EXPECT_EQ(o.status, order_status::filled);
}

TEST_F(venues_binance_codec_stream, fee_in_bnb_is_not_mixed_into_usdt) {
  auto o = order_event("ok/ws_order_filled_bnb_fee.json");
  ASSERT_TRUE(o.update.last_fill);
  EXPECT_TRUE(o.update.last_fill->fee.is_zero());
  EXPECT_TRUE(o.fee_needs_conversion);
  ASSERT_TRUE(o.fee);
  EXPECT_EQ(o.fee->asset, "BNB");
  EXPECT_EQ(o.fee->amount, money::must_parse("0.00010834"));
  EXPECT_EQ(o.realized_pnl, money::must_parse("0.125"));
  EXPECT_EQ(o.update.last_fill->liquidity, liquidity::taker);
}

TEST_F(venues_binance_codec_stream, fee_for_unknown_instrument_is_marked) {
  auto r = parse_user_frame(parser, test::payload("ok/ws_order_filled.json"),
                            {}); // no instruments known
  ASSERT_TRUE(r);
  const auto& o = std::get<order_trade_update>(*r);
  EXPECT_TRUE(o.fee_needs_conversion);
  EXPECT_TRUE(o.update.last_fill->fee.is_zero());
}

TEST_F(venues_binance_codec_stream, liquidation_fill_without_fee) {
  auto o = order_event("ok/ws_order_liquidation_no_fee.json");
  EXPECT_EQ(o.execution, execution_type::calculated);
  EXPECT_EQ(o.update.event, ev::fill);
  // Liquidation ids fit our id type but are not ours (no "tdm-" prefix).
  EXPECT_EQ(o.update.id.view(), "autoclose-1717000007999831712");
  EXPECT_FALSE(o.update.id.has_prefix("tdm"));
  EXPECT_EQ(o.raw_client_id, "autoclose-1717000007999831712");
  ASSERT_TRUE(o.update.last_fill);
  EXPECT_EQ(o.update.last_fill->px, price::must_parse("70480.2"));
  EXPECT_FALSE(o.fee);
  EXPECT_FALSE(o.fee_needs_conversion);
}

TEST_F(venues_binance_codec_stream, order_expired_in_match_docs_sample) {
  auto o = order_event("ok/ws_order_expired_in_match.json");
  EXPECT_EQ(o.update.event, ev::expired);
  EXPECT_EQ(o.status, order_status::expired_in_match);
  EXPECT_EQ(o.update.id.view(), "TEST");
  EXPECT_FALSE(o.update.last_fill);
}

// -- ACCOUNT_UPDATE, listenKeyExpired, others
// -------------------------------------

TEST_F(venues_binance_codec_stream, account_update) {
  auto r
    = parse_user_frame(parser, test::payload("ok/ws_account_update.json"), {});
  ASSERT_TRUE(r) << to_string(r.error());
  ASSERT_TRUE(std::holds_alternative<account_update>(*r));
  const auto& a = std::get<account_update>(*r);
  EXPECT_EQ(a.reason, "ORDER");
  ASSERT_EQ(a.balances.size(), 2u);
  EXPECT_EQ(a.balances[0].asset, "USDT");
  EXPECT_EQ(a.balances[0].free, money::must_parse("999.8699998"));
  EXPECT_TRUE(a.balances[0].locked.is_zero());
  EXPECT_EQ(a.balances[1].asset, "BNB");
  ASSERT_EQ(a.positions.size(), 1u);
  EXPECT_EQ(a.positions[0].symbol, "BTCUSDT");
  EXPECT_EQ(a.positions[0].qty, quantity::must_parse("-0.01"));
  EXPECT_EQ(a.positions[0].entry_px, price::must_parse("65000.1"));
  EXPECT_EQ(a.positions[0].unrealized_pnl, money::must_parse("0.01"));
  EXPECT_EQ(to_unix_ms(a.event_ts), 1717000006310);
  EXPECT_EQ(to_unix_ms(a.venue_ts), 1717000006300);
}

TEST_F(venues_binance_codec_stream, funding_fee_update_has_no_positions) {
  auto r = parse_user_frame(
    parser, test::payload("ok/ws_account_update_funding.json"), {});
  ASSERT_TRUE(r);
  const auto& a = std::get<account_update>(*r);
  EXPECT_EQ(a.reason, "FUNDING_FEE");
  EXPECT_EQ(a.balances.size(), 1u);
  EXPECT_TRUE(a.positions.empty());
}

TEST_F(venues_binance_codec_stream, listen_key_expired_with_quoted_time) {
  auto r = parse_user_frame(parser,
                            test::payload("ok/ws_listen_key_expired.json"), {});
  ASSERT_TRUE(r) << to_string(r.error());
  ASSERT_TRUE(std::holds_alternative<listen_key_expired>(*r));
  const auto& k = std::get<listen_key_expired>(*r);
  EXPECT_EQ(k.listen_key,
            "WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv");
  EXPECT_EQ(to_unix_ms(k.event_ts), 1736996475556);
}

TEST_F(venues_binance_codec_stream, unknown_user_events_are_ignored) {
  auto r = parse_user_frame(parser, test::payload("ok/ws_trade_lite.json"), {});
  ASSERT_TRUE(r);
  ASSERT_TRUE(std::holds_alternative<ignored>(*r));
  EXPECT_EQ(std::get<ignored>(*r).event_type, "TRADE_LITE");
  auto algo
    = parse_user_frame(parser, R"({"e":"ALGO_UPDATE","E":1,"o":{}})", {});
  ASSERT_TRUE(algo);
  EXPECT_EQ(std::get<ignored>(*algo).event_type, "ALGO_UPDATE");
}

} // namespace
} // namespace tandem::venues::binance
