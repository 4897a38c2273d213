#include "venues/upbit/codec_stream.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

const timestamp recv = from_unix_ms(1746601573900);

// Decodes a recorded frame as the socket delivers it: binary bytes.
result<stream_event, venue_error> decode(json_context& ctx,
                                         std::string_view file) {
  const auto text = ok_file(file);
  const std::vector<std::uint8_t> bytes(text.begin(), text.end());
  return decode_frame(ctx, bytes, recv);
}

template<class T>
const T& as(const result<stream_event, venue_error>& r) {
  EXPECT_TRUE(r);
  EXPECT_TRUE(std::holds_alternative<T>(*r));
  return std::get<T>(*r);
}

} // namespace

TEST(venues_upbit_codec_stream, orderbook_frame_to_book_top) {
  json_context ctx;
  auto r = decode(ctx, "ws_orderbook.json");
  ASSERT_TRUE(r) << to_string(r.error());
  const auto& b = as<orderbook>(r);
  ASSERT_TRUE(b.top);
  EXPECT_EQ(b.top->venue, venue::upbit);
  EXPECT_EQ(b.top->symbol, "KRW-BTC");
  EXPECT_EQ(b.top->bid, px("137001000"));
  EXPECT_EQ(b.top->bid_qty, qty("0.03656812"));
  EXPECT_EQ(b.top->ask, px("137002000"));
  EXPECT_EQ(b.top->ask_qty, qty("0.10623869"));
  EXPECT_EQ(b.top->venue_ts, from_unix_ms(1746601573804));
  EXPECT_EQ(b.top->recv_ts, recv);
  ASSERT_EQ(b.depth.asks.size(), 3u);
  EXPECT_EQ(b.depth.asks[2].qty, qty("0.00000012")); // 1.2e-7, exactly
  EXPECT_EQ(b.depth.bids[2].px, px("136999000"));
}

TEST(venues_upbit_codec_stream, ticker_frame) {
  json_context ctx;
  auto r = decode(ctx, "ws_ticker.json");
  ASSERT_TRUE(r) << to_string(r.error());
  const auto& t = as<ticker>(r);
  EXPECT_EQ(t.symbol, "KRW-USDT");
  EXPECT_EQ(t.last_px, px("1367.5"));
  EXPECT_EQ(t.last_qty, qty("100.5"));
  EXPECT_EQ(t.venue_ts, from_unix_ms(1751608800123));
}

TEST(venues_upbit_codec_stream, my_order_trade_is_a_fill) {
  json_context ctx;
  auto r = decode(ctx, "ws_my_order_trade.json");
  ASSERT_TRUE(r) << to_string(r.error());
  const auto& m = as<my_order_frame>(r);
  const auto& u = m.update;
  EXPECT_EQ(m.state, order_state::trade);
  EXPECT_EQ(u.event, order_event::partial_fill);
  EXPECT_EQ(u.symbol, "KRW-BTC");
  EXPECT_EQ(u.venue_order_id, "ac2dc2a3-fce9-40a2-a4f6-5987c25c438f");
  EXPECT_EQ(u.id, id("tdm-mhx3k2a1-1z"));
  EXPECT_EQ(u.side, side::buy);
  EXPECT_EQ(u.cum_qty, qty("0.004"));
  EXPECT_EQ(u.order_qty, qty("0.01")); // executed + remaining
  EXPECT_EQ(u.avg_px, px("100000000"));
  EXPECT_EQ(u.venue_ts, from_unix_ms(1710751597500));
  ASSERT_TRUE(u.last_fill);
  const auto& f = *u.last_fill;
  EXPECT_EQ(f.trade_id, "68315169-fba4-4175-ade3-aad0db3b4e4e");
  EXPECT_EQ(f.order_id, id("tdm-mhx3k2a1-1z"));
  EXPECT_EQ(f.qty, qty("0.004"));
  EXPECT_EQ(f.px, px("100000000"));
  EXPECT_EQ(f.fee, krw("200"));
  EXPECT_EQ(f.liquidity, liquidity::maker);
  EXPECT_EQ(f.ts, from_unix_ms(1710751590421));
  EXPECT_EQ(m.executed_funds, krw("400000"));
}

TEST(venues_upbit_codec_stream, my_order_wait_and_done) {
  json_context ctx;
  auto w = decode(ctx, "ws_my_order_wait.json");
  ASSERT_TRUE(w) << to_string(w.error());
  const auto& wait = as<my_order_frame>(w);
  EXPECT_EQ(wait.update.event, order_event::accepted);
  EXPECT_EQ(wait.update.order_qty, qty("0.01"));
  EXPECT_FALSE(wait.update.avg_px); // 0 on the wire means none yet
  EXPECT_FALSE(wait.update.last_fill);

  auto d = decode(ctx, "ws_my_order_done.json");
  ASSERT_TRUE(d) << to_string(d.error());
  const auto& done = as<my_order_frame>(d);
  EXPECT_EQ(done.update.event, order_event::fill);
  EXPECT_EQ(done.update.cum_qty, qty("0.01"));
  EXPECT_EQ(done.update.avg_px, px("99999600"));
  EXPECT_EQ(done.paid_fee, krw("499.998"));
  EXPECT_FALSE(done.update.last_fill);
}

TEST(venues_upbit_codec_stream, my_asset_to_balances) {
  json_context ctx;
  auto r = decode(ctx, "ws_my_asset.json");
  ASSERT_TRUE(r) << to_string(r.error());
  const auto& a = as<my_asset_frame>(r);
  ASSERT_EQ(a.balances.size(), 2u);
  EXPECT_EQ(a.balances[0].asset, "KRW");
  EXPECT_EQ(a.balances[0].free, krw("1386929.37"));
  EXPECT_EQ(a.balances[0].locked, krw("10329.67"));
  EXPECT_EQ(a.balances[1].free, krw("0.004"));
  EXPECT_EQ(a.venue_ts, from_unix_ms(1710146517259));
}

TEST(venues_upbit_codec_stream, other_types_are_ignored_with_their_type) {
  json_context ctx;
  auto r = decode(ctx, "ws_trade.json");
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(as<ignored_frame>(r).type, "trade");
}

TEST(venues_upbit_codec_stream, status_and_error_frames) {
  json_context ctx;
  auto s = decode(ctx, "ws_status_up.json");
  ASSERT_TRUE(s);
  EXPECT_EQ(as<status_frame>(s).status, "UP");
  auto e = decode(ctx, "ws_error_invalid_auth.json");
  ASSERT_TRUE(e);
  const auto& err = as<ws_error_frame>(e);
  EXPECT_EQ(err.code, venue_error::auth_failed);
  EXPECT_EQ(err.name, "INVALID_AUTH");
  EXPECT_EQ(err.message, "인증 정보가 올바르지 않습니다.");
}

TEST(venues_upbit_codec_stream, keys_in_any_order) {
  json_context ctx;
  auto r = decode_frame(
    ctx,
    R"({"stream_type":"REALTIME","orderbook_units":[{"bid_size":1,)"
    R"("bid_price":99,"ask_size":2,"ask_price":100}],"timestamp":5,)"
    R"("code":"KRW-XRP","type":"orderbook"})",
    recv);
  ASSERT_TRUE(r) << to_string(r.error());
  const auto& b = as<orderbook>(r);
  EXPECT_EQ(b.top->bid, px("99"));
  EXPECT_EQ(b.top->ask_qty, qty("2"));
}

TEST(venues_upbit_codec_stream, one_context_decodes_a_stream) {
  json_context ctx;
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(decode(ctx, "ws_orderbook.json"));
    ASSERT_TRUE(decode(ctx, "ws_my_order_trade.json"));
  }
}
