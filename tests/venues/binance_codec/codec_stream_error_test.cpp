#include "venues/binance/codec_stream.hpp"

#include "tests/venues/binance_codec/fixtures.hpp"

#include <gtest/gtest.h>

namespace tandem::venues::binance {
namespace {

TEST(venues_binance_codec_stream_error, every_user_frame_truncation) {
  simdjson::dom::parser parser;
  for (auto file : {"ok/ws_order_partial_fill.json", "ok/ws_order_filled.json",
                    "ok/ws_account_update.json",
                    "ok/ws_listen_key_expired.json", "ok/ws_trade_lite.json"}) {
    auto body = test::payload(file);
    for (std::size_t n = 0; n < body.size(); ++n) {
      auto r
        = parse_user_frame(parser, std::string_view{body}.substr(0, n), {});
      ASSERT_FALSE(r) << file << " cut at " << n;
      ASSERT_EQ(r.error(), venue_error::malformed_response)
        << file << " cut at " << n;
    }
  }
}

TEST(venues_binance_codec_stream_error, every_market_frame_truncation) {
  simdjson::dom::parser parser;
  for (auto file :
       {"ok/ws_book_ticker.json", "ok/ws_book_ticker_combined.json"}) {
    auto body = test::payload(file);
    for (std::size_t n = 0; n < body.size(); ++n) {
      auto r = parse_market_frame(parser, std::string_view{body}.substr(0, n),
                                  timestamp{});
      ASSERT_FALSE(r) << file << " cut at " << n;
      ASSERT_EQ(r.error(), venue_error::malformed_response)
        << file << " cut at " << n;
    }
  }
}

TEST(venues_binance_codec_stream_error, unknown_enum_values_in_order_update) {
  simdjson::dom::parser parser;
  auto body = test::payload("ok/ws_order_partial_fill.json");
  auto x = body;
  x.replace(x.find("\"x\":\"TRADE\""), 11, "\"x\":\"TRADED\"");
  auto rx = parse_user_frame(parser, x, {});
  ASSERT_FALSE(rx);
  EXPECT_EQ(rx.error(), venue_error::unknown_enum_value);
  auto st = body;
  st.replace(st.find("\"X\":\"PARTIALLY_FILLED\""), 22,
             "\"X\":\"NEW_INSURANCE\"");
  auto rs = parse_user_frame(parser, st, {});
  ASSERT_FALSE(rs);
  EXPECT_EQ(rs.error(), venue_error::unknown_enum_value);
}

TEST(venues_binance_codec_stream_error, fill_price_not_positive) {
  simdjson::dom::parser parser;
  auto body = test::payload("ok/ws_order_partial_fill.json");
  body.replace(body.find("\"L\":\"65000.10\""), 14, "\"L\":\"0\"");
  auto r = parse_user_frame(parser, body, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::malformed_response);
}

TEST(venues_binance_codec_stream_error, non_object_frames) {
  simdjson::dom::parser parser;
  for (std::string_view frame : {"[]", "\"ping\"", "null", "42"}) {
    auto u = parse_user_frame(parser, frame, {});
    ASSERT_FALSE(u) << frame;
    EXPECT_EQ(u.error(), venue_error::malformed_response);
    auto m = parse_market_frame(parser, frame, timestamp{});
    ASSERT_FALSE(m) << frame;
    EXPECT_EQ(m.error(), venue_error::malformed_response);
  }
}

} // namespace
} // namespace tandem::venues::binance
