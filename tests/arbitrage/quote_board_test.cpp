#include "arbitrage/quote_board.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::arbitrage;
using namespace std::chrono_literals;

namespace {

price px(const char* s) { return price::must_parse(s); }
quantity qty(const char* s) { return quantity::must_parse(s); }

venues::book_top top(venue v, const char* sym, const char* bid, const char* ask,
                     std::int64_t recv_ms, std::uint64_t update_id = 0) {
  venues::book_top t;
  t.venue = v;
  t.symbol = sym;
  t.bid = px(bid);
  t.bid_qty = qty("1");
  t.ask = px(ask);
  t.ask_qty = qty("1");
  t.recv_ts = from_unix_ms(recv_ms);
  t.venue_ts = from_unix_ms(recv_ms - 5);
  t.update_id = update_id;
  return t;
}

} // namespace

TEST(arbitrage_quote_board, keeps_the_latest_top_per_venue_and_symbol) {
  quote_board b;
  EXPECT_EQ(b.top(venue::upbit, "KRW-BTC"), nullptr);
  EXPECT_TRUE(b.update(top(venue::upbit, "KRW-BTC", "100", "101", 1000)));
  EXPECT_TRUE(b.update(top(venue::upbit, "KRW-USDT", "1439", "1440", 1000)));
  EXPECT_TRUE(b.update(top(venue::binance, "BTCUSDT", "70", "71", 1000)));
  EXPECT_TRUE(b.update(top(venue::upbit, "KRW-BTC", "102", "103", 1001)));
  ASSERT_NE(b.top(venue::upbit, "KRW-BTC"), nullptr);
  EXPECT_EQ(b.top(venue::upbit, "KRW-BTC")->bid, px("102"));
  EXPECT_EQ(b.top(venue::upbit, "KRW-USDT")->ask, px("1440"));
  EXPECT_EQ(b.top(venue::binance, "BTCUSDT")->bid, px("70"));
  // Same symbol on another venue is another slot.
  EXPECT_EQ(b.top(venue::binance, "KRW-BTC"), nullptr);
}

TEST(arbitrage_quote_board, ignores_out_of_order_updates) {
  quote_board b;
  EXPECT_TRUE(b.update(top(venue::binance, "BTCUSDT", "70", "71", 1000, 50)));
  // Lower update id: an older frame.
  EXPECT_FALSE(b.update(top(venue::binance, "BTCUSDT", "60", "61", 1001, 49)));
  // Earlier receive time.
  EXPECT_FALSE(b.update(top(venue::binance, "BTCUSDT", "60", "61", 999, 51)));
  EXPECT_EQ(b.top(venue::binance, "BTCUSDT")->bid, px("70"));
  EXPECT_TRUE(b.update(top(venue::binance, "BTCUSDT", "72", "73", 1002, 51)));
  EXPECT_EQ(b.top(venue::binance, "BTCUSDT")->bid, px("72"));
}

TEST(arbitrage_quote_board, fresh_up_to_and_including_max_age) {
  quote_board b;
  b.update(top(venue::upbit, "KRW-BTC", "100", "101", 1000));
  EXPECT_TRUE(b.fresh(venue::upbit, "KRW-BTC", from_unix_ms(1000), 500ms));
  EXPECT_TRUE(b.fresh(venue::upbit, "KRW-BTC", from_unix_ms(1500), 500ms));
  EXPECT_FALSE(b.fresh(venue::upbit, "KRW-BTC",
                       from_unix_ms(1500) + std::chrono::nanoseconds{1},
                       500ms));
  // A quote stamped after `now` (another thread's clock read) is fresh.
  EXPECT_TRUE(b.fresh(venue::upbit, "KRW-BTC", from_unix_ms(990), 500ms));
  // Nothing seen: never fresh.
  EXPECT_FALSE(b.fresh(venue::binance, "BTCUSDT", from_unix_ms(1000), 500ms));
}

TEST(arbitrage_quote_board, depth_has_its_own_receive_time) {
  quote_board b;
  venues::book_depth d;
  d.venue = venue::upbit;
  d.symbol = "KRW-BTC";
  d.asks = {{px("101"), qty("2")}};
  EXPECT_FALSE(b.depth_fresh(venue::upbit, "KRW-BTC", from_unix_ms(0), 1s));
  EXPECT_TRUE(b.update(d, from_unix_ms(2000)));
  ASSERT_NE(b.depth(venue::upbit, "KRW-BTC"), nullptr);
  EXPECT_EQ(b.depth(venue::upbit, "KRW-BTC")->book.asks.at(0).qty, qty("2"));
  EXPECT_TRUE(
    b.depth_fresh(venue::upbit, "KRW-BTC", from_unix_ms(2500), 500ms));
  EXPECT_FALSE(
    b.depth_fresh(venue::upbit, "KRW-BTC", from_unix_ms(2501), 500ms));
  // An older snapshot does not replace a newer one.
  d.asks = {{px("99"), qty("9")}};
  EXPECT_FALSE(b.update(d, from_unix_ms(1999)));
  EXPECT_EQ(b.depth(venue::upbit, "KRW-BTC")->book.asks.at(0).qty, qty("2"));
  // A top for the same instrument does not make the depth fresh.
  b.update(top(venue::upbit, "KRW-BTC", "100", "101", 9000));
  EXPECT_FALSE(
    b.depth_fresh(venue::upbit, "KRW-BTC", from_unix_ms(9000), 500ms));
}

TEST(arbitrage_quote_board, sanity_rejects_crossed_and_empty_books) {
  EXPECT_TRUE(is_sane(top(venue::upbit, "X", "100", "101", 0)));
  EXPECT_FALSE(is_sane(top(venue::upbit, "X", "101", "101", 0)));
  EXPECT_FALSE(is_sane(top(venue::upbit, "X", "102", "101", 0)));
  EXPECT_FALSE(is_sane(top(venue::upbit, "X", "0", "101", 0)));
  EXPECT_FALSE(is_sane(venues::book_top{}));
}
