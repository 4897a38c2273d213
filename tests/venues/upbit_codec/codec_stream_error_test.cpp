// Frames that must not decode: every file in tests/data/upbit/bad/frame_*
// is malformed_response, without crashing; truncation at every byte too.
#include "venues/upbit/codec_stream.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

constexpr const char* bad_frames[] = {
  "frame_orderbook_truncated.json",
  "frame_orderbook_unclosed_object.json",
  "frame_orderbook_price_as_string.json",
  "frame_orderbook_size_too_precise.json",
  "frame_orderbook_nan_price.json",
  "frame_orderbook_missing_ask_price.json",
  "frame_trailing_second_document.json",
  "frame_trailing_garbage.json",
  "frame_ticker_huge_exponent.json",
  "frame_ticker_negative_timestamp.json",
  "frame_my_order_missing_uuid.json",
  "frame_my_order_trade_without_trade_uuid.json",
  "frame_my_order_cut_in_string.json",
  "frame_my_asset_balance_as_string.json",
  "frame_array_root.json",
  "frame_not_json.json",
  "frame_empty.json",
  "frame_without_type.json",
  "frame_invalid_utf8.json",
};

} // namespace

TEST(venues_upbit_codec_stream_error, bad_frames_are_malformed) {
  json_context ctx;
  for (auto name : bad_frames) {
    const auto bytes = bad_file(name);
    // A misspelt name would read as empty and "pass" for the wrong reason.
    if (std::string_view{name} != "frame_empty.json") {
      ASSERT_FALSE(bytes.empty()) << name;
    }
    auto r = decode_frame(ctx, bytes, {});
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error(), venue_error::malformed_response) << name;
  }
}

TEST(venues_upbit_codec_stream_error, every_prefix_of_each_frame_fails) {
  json_context ctx;
  for (auto name : {"ws_orderbook.json", "ws_my_order_trade.json",
                    "ws_my_asset.json", "ws_trade.json", "ws_ticker.json"}) {
    const auto full = ok_file(name);
    for (std::size_t n = 0; n < full.size(); ++n) {
      auto r = decode_frame(ctx, std::string_view{full}.substr(0, n), {});
      ASSERT_FALSE(r) << name << " cut at " << n;
      EXPECT_EQ(r.error(), venue_error::malformed_response) << name << n;
    }
    EXPECT_TRUE(decode_frame(ctx, full, {})) << name;
  }
}

TEST(venues_upbit_codec_stream_error, unknown_enum_in_known_frame) {
  json_context ctx;
  auto r = decode_frame(
    ctx,
    R"({"type":"myOrder","code":"KRW-BTC","uuid":"u","ask_bid":"BID",)"
    R"("order_type":"limit","state":"exploded","executed_volume":0,)"
    R"("timestamp":1})",
    {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::unknown_enum_value);
  r = decode_frame(
    ctx,
    R"({"type":"myOrder","code":"KRW-BTC","uuid":"u","ask_bid":"bid",)"
    R"("order_type":"limit","state":"wait","executed_volume":0,)"
    R"("timestamp":1})",
    {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::unknown_enum_value);
}

TEST(venues_upbit_codec_stream_error, the_context_recovers_after_errors) {
  json_context ctx;
  EXPECT_FALSE(
    decode_frame(ctx, bad_file("frame_orderbook_truncated.json"), {}));
  EXPECT_FALSE(decode_frame(ctx, bad_file("frame_invalid_utf8.json"), {}));
  EXPECT_TRUE(decode_frame(ctx, ok_file("ws_orderbook.json"), {}));
}
