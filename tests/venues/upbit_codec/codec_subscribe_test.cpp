#include "venues/upbit/codec_subscribe.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

TEST(venues_upbit_codec_subscribe, public_ticker_and_orderbook) {
  public_subscription sub;
  sub.ticker_codes = {"KRW-BTC", "KRW-USDT"};
  sub.orderbook_codes = {"KRW-BTC"};
  auto f = subscribe_public("6f1c5e2a-ticket", sub);
  ASSERT_TRUE(f);
  EXPECT_EQ(*f, R"([{"ticket":"6f1c5e2a-ticket"},)"
                R"({"type":"ticker","codes":["KRW-BTC","KRW-USDT"]},)"
                R"({"type":"orderbook","codes":["KRW-BTC"]},)"
                R"({"format":"DEFAULT"}])");
}

TEST(venues_upbit_codec_subscribe, orderbook_levels_and_realtime_only) {
  public_subscription sub;
  sub.orderbook_codes = {"KRW-BTC"};
  sub.orderbook_levels = 15;
  sub.only_realtime = true;
  auto f = subscribe_public("t", sub);
  ASSERT_TRUE(f);
  EXPECT_EQ(*f, R"([{"ticket":"t"},)"
                R"({"type":"orderbook","codes":["KRW-BTC.15"],)"
                R"("is_only_realtime":true},{"format":"DEFAULT"}])");
}

TEST(venues_upbit_codec_subscribe, private_my_order_and_my_asset) {
  auto f = subscribe_private("t-1");
  ASSERT_TRUE(f);
  EXPECT_EQ(*f, R"([{"ticket":"t-1"},{"type":"myOrder"},{"type":"myAsset"}])");
  const std::array<std::string, 1> codes{"KRW-BTC"};
  f = subscribe_private("t-2", codes);
  ASSERT_TRUE(f);
  EXPECT_EQ(*f, R"([{"ticket":"t-2"},{"type":"myOrder","codes":["KRW-BTC"]},)"
                R"({"type":"myAsset"}])");
}

TEST(venues_upbit_codec_subscribe, private_handshake_token_has_no_hash) {
  auto h = private_ws_authorization(creds, nonce);
  ASSERT_TRUE(h);
  auto bearer = parse_bearer(*h);
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->claims.access_key, access_key);
  EXPECT_EQ(bearer->claims.nonce, nonce);
  EXPECT_FALSE(bearer->claims.query_hash);
  EXPECT_TRUE(jwt_verify(bearer->jwt, secret));
}

TEST(venues_upbit_codec_subscribe, bad_subscriptions) {
  public_subscription none;
  EXPECT_FALSE(subscribe_public("t", none));
  public_subscription sub;
  sub.ticker_codes = {"KRW-BTC"};
  EXPECT_FALSE(subscribe_public("", sub));
  sub.ticker_codes = {"krw-btc"};
  EXPECT_FALSE(subscribe_public("t", sub));
  public_subscription levels;
  levels.orderbook_codes = {"KRW-BTC"};
  levels.orderbook_levels = 7;
  auto r = subscribe_public("t", levels);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::invalid_parameter);
  EXPECT_FALSE(subscribe_private(""));
  const std::array<std::string, 1> bad{"KRW-BTC\"]"};
  EXPECT_FALSE(subscribe_private("t", bad));
  EXPECT_FALSE(private_ws_authorization(credentials{access_key, ""}, nonce));
}
