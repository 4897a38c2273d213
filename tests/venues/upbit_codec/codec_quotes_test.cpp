#include "venues/upbit/codec_quotes.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

TEST(venues_upbit_codec_quotes, rest_orderbook_to_book_top_and_depth) {
  json_context ctx;
  const auto recv = from_unix_ms(1751608800500);
  auto r = parse_orderbooks(ctx, ok_file("orderbook_rest.json"), recv);
  ASSERT_TRUE(r) << to_string(r.error());
  ASSERT_EQ(r->size(), 1u);
  const auto& b = (*r)[0];
  ASSERT_TRUE(b.top);
  EXPECT_EQ(b.top->symbol, "KRW-BTC");
  EXPECT_EQ(b.top->bid, px("137001000"));
  EXPECT_EQ(b.top->bid_qty, qty("0.03656812"));
  EXPECT_EQ(b.top->ask, px("137002000"));
  EXPECT_EQ(b.top->ask_qty, qty("0.10623869"));
  EXPECT_EQ(b.top->venue_ts, from_unix_ms(1751608800456));
  EXPECT_EQ(b.top->recv_ts, recv);
  ASSERT_EQ(b.depth.bids.size(), 2u);
  EXPECT_EQ(b.depth.bids[1].px, px("137000000"));
  EXPECT_EQ(b.depth.asks[1].qty, qty("0.06144079"));
}

TEST(venues_upbit_codec_quotes, rest_ticker_reads_numbers_exactly) {
  json_context ctx;
  auto r = parse_tickers(ctx, ok_file("ticker_rest.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  ASSERT_EQ(r->size(), 1u);
  const auto& t = (*r)[0];
  EXPECT_EQ(t.symbol, "KRW-USDT");
  EXPECT_EQ(t.last_px, px("1367.5"));
  EXPECT_EQ(t.last_qty, qty("1234.56789"));
  EXPECT_EQ(t.volume_24h, qty("16000000.5"));
  EXPECT_EQ(t.trade_ts, from_unix_ms(1751608800000));
  EXPECT_EQ(t.venue_ts, from_unix_ms(1751608800123));
}

TEST(venues_upbit_codec_quotes, instruments_override_the_tick) {
  json_context ctx;
  auto r = parse_instruments(ctx, ok_file("orderbook_instruments.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].symbol, "KRW-BTC");
  EXPECT_EQ((*r)[0].quote, "KRW");
  EXPECT_EQ((*r)[0].tick_size, px("1000"));
  EXPECT_EQ((*r)[1].tick_size, px("0.5"));

  instrument usdt;
  usdt.symbol = "KRW-USDT";
  usdt.tick = tick_rule::upbit_krw(); // 1 KRW at 1,000-5,000 in the table
  EXPECT_FALSE(usdt.tick.on_tick(px("1367.5")));
  EXPECT_FALSE(apply_tick(usdt, (*r)[0])); // another market
  EXPECT_TRUE(apply_tick(usdt, (*r)[1]));
  EXPECT_TRUE(usdt.tick.on_tick(px("1367.5")));
  EXPECT_EQ(usdt.tick.tick_at(px("1367.5")), px("0.5"));
}

TEST(venues_upbit_codec_quotes, instruments_tick_size_as_number) {
  json_context ctx;
  auto r = parse_instruments(
    ctx, R"([{"market":"KRW-BTC","quote_currency":"KRW","tick_size":1000}])");
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ((*r)[0].tick_size, px("1000"));
  EXPECT_FALSE(parse_instruments(
    ctx, R"([{"market":"KRW-BTC","quote_currency":"KRW","tick_size":"0"}])"));
}

TEST(venues_upbit_codec_quotes, market_all_splits_quote_first_codes) {
  json_context ctx;
  auto r = parse_markets(ctx, ok_file("market_all.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].symbol, "KRW-BTC");
  EXPECT_EQ((*r)[0].quote, "KRW");
  EXPECT_EQ((*r)[0].base, "BTC");
  EXPECT_EQ((*r)[0].korean_name, "비트코인");
  EXPECT_EQ((*r)[2].quote, "BTC");
  EXPECT_EQ((*r)[2].base, "ETH");
}

TEST(venues_upbit_codec_quotes, bad_quotation_answers) {
  json_context ctx;
  auto r
    = parse_orderbooks(ctx, bad_file("orderbook_rest_trailing_comma.json"), {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::malformed_response);
  EXPECT_FALSE(parse_markets(ctx, R"([{"market":"KRWBTC"}])"));
  EXPECT_FALSE(parse_tickers(ctx, R"([{"market":"KRW-BTC"}])"));
}
