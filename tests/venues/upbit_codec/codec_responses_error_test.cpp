// Exchange answers that must not parse: typed errors, no crash.
#include "venues/upbit/codec_responses.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

const std::string order_prefix
  = R"({"uuid":"u-1","side":"bid","ord_type":"limit","price":"100000000",)"
    R"("market":"KRW-BTC","created_at":"2025-07-04T15:00:00+09:00",)"
    R"("volume":"0.01","executed_volume":"0",)";

} // namespace

TEST(venues_upbit_codec_responses_error, bad_order_files_are_malformed) {
  for (auto name :
       {"order_truncated.json", "order_missing_state.json",
        "order_created_at_without_offset.json", "order_price_as_number.json",
        "order_price_not_a_number.json"}) {
    json_context ctx;
    ASSERT_FALSE(bad_file(name).empty()) << name;
    auto r = parse_order(ctx, bad_file(name));
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error(), venue_error::malformed_response) << name;
  }
}

TEST(venues_upbit_codec_responses_error, bad_account_files_are_malformed) {
  for (auto name :
       {"accounts_balance_as_number.json", "accounts_truncated_array.json"}) {
    json_context ctx;
    auto r = parse_accounts(ctx, bad_file(name));
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error(), venue_error::malformed_response) << name;
  }
}

TEST(venues_upbit_codec_responses_error, unknown_state_or_type) {
  json_context ctx;
  auto r = parse_order(ctx, order_prefix + R"("state":"exploded"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::unknown_enum_value);
  // `trade` exists only on myOrder.
  r = parse_order(ctx, order_prefix + R"("state":"trade"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::unknown_enum_value);
  r = parse_order(ctx,
                  order_prefix + R"("state":"wait","time_in_force":"gtc"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::unknown_enum_value);
}

TEST(venues_upbit_codec_responses_error, too_many_decimals_are_not_rounded) {
  json_context ctx;
  auto r = parse_order(
    ctx, R"({"uuid":"u-1","side":"bid","ord_type":"limit","price":"1",)"
         R"("market":"KRW-BTC","created_at":"2025-07-04T15:00:00+09:00",)"
         R"("state":"wait","volume":"0.000000001","executed_volume":"0"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::malformed_response);
}

TEST(venues_upbit_codec_responses_error, wrong_root_shapes) {
  json_context ctx;
  EXPECT_FALSE(parse_order(ctx, "[]"));
  EXPECT_FALSE(parse_orders(ctx, "{}"));
  EXPECT_FALSE(parse_accounts(ctx, R"({"currency":"KRW"})"));
  EXPECT_FALSE(parse_order_chance(ctx, R"({"bid_fee":"0.0005"})"));
  EXPECT_FALSE(parse_order_chance(ctx, ""));
}

TEST(venues_upbit_codec_responses_error, every_prefix_of_an_order_fails) {
  // Truncation at any byte: never a crash, never a half-read success.
  json_context ctx;
  const auto full = ok_file("order_done_with_trades.json");
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto r = parse_order(ctx, std::string_view{full}.substr(0, n));
    ASSERT_FALSE(r) << n;
    EXPECT_EQ(r.error(), venue_error::malformed_response) << n;
  }
  EXPECT_TRUE(parse_order(ctx, full));
}

TEST(venues_upbit_codec_responses_error, batch_cancel_shapes) {
  json_context ctx;
  const char* bad[] = {
    "",
    "[]",
    R"({"failed":{"count":0,"orders":[]}})",    // no success
    R"({"success":{"orders":[]}})",             // no count
    R"({"success":{"count":-1,"orders":[]}})",  // negative
    R"({"success":{"count":"1","orders":[]}})", // count as text
    R"({"success":{"count":1,"orders":[{"market":"KRW-BTC"}]}})", // no uuid
    R"({"success":{"count":1,"orders":[{"uuid":""}]}})",          // empty uuid
    R"({"success":{"count":1,"orders":{}}})",   // orders not array
    R"({"success":{"count":0,"orders":[]}} x)", // trailing bytes
  };
  for (const char* body : bad) {
    auto r = parse_cancel_open(ctx, body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error(), venue_error::malformed_response) << body;
  }
}
