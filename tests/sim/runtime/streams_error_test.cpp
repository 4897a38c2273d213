// The pure WebSocket surfaces of both simulated venues (binance_streams,
// upbit_streams): upgrade paths, control and request frames, and their
// failure answers, without sockets.
#include "sim/runtime/binance_streams.hpp"
#include "sim/runtime/upbit_streams.hpp"

#include <gtest/gtest.h>

using namespace tandem::sim::runtime;

TEST(binance_streams, upgrade_paths) {
  auto raw = binance_ws::parse_upgrade("/ws/btcusdt@bookTicker");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->what, binance_ws::upgrade_target::kind::market);
  EXPECT_EQ(raw->subscriptions.streams,
            std::vector<std::string>{"btcusdt@bookTicker"});
  EXPECT_FALSE(raw->subscriptions.combined);

  auto combined
    = binance_ws::parse_upgrade("/stream?streams=a@bookTicker/b@aggTrade");
  ASSERT_TRUE(combined);
  EXPECT_TRUE(combined->subscriptions.combined);
  EXPECT_EQ(combined->subscriptions.streams.size(), 2u);

  auto user = binance_ws::parse_upgrade("/ws/abcDEF123");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->what, binance_ws::upgrade_target::kind::user);
  EXPECT_EQ(user->listen_key, "abcDEF123");

  auto bare = binance_ws::parse_upgrade("/ws");
  ASSERT_TRUE(bare);
  EXPECT_TRUE(bare->subscriptions.streams.empty());
}

TEST(binance_streams, bad_upgrade_paths_are_refused) {
  auto empty = binance_ws::parse_upgrade("/ws/");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().status, 400u);
  auto unknown = binance_ws::parse_upgrade("/fapi/v1/order");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().status, 404u);
  auto mixed
    = binance_ws::parse_upgrade("/stream?streams=btcusdt@bookTicker/x");
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().status, 400u);
}

TEST(binance_streams, control_frames_and_their_errors) {
  binance_ws::market_subscriptions subs;
  EXPECT_EQ(
    binance_ws::handle_control(
      R"({"method":"SET_PROPERTY","params":["combined",true],"id":1})", subs),
    R"({"result":null,"id":1})");
  EXPECT_TRUE(subs.combined);
  EXPECT_EQ(
    binance_ws::handle_control(
      R"({"method":"GET_PROPERTY","params":["combined"],"id":2})", subs),
    R"({"result":true,"id":2})");
  EXPECT_EQ(
    binance_ws::handle_control(
      R"({"method":"SET_PROPERTY","params":["colour",true],"id":3})", subs),
    R"({"code":0,"msg":"Unknown property","id":3})");
  EXPECT_EQ(
    binance_ws::handle_control(
      R"({"method":"SET_PROPERTY","params":["combined","yes"],"id":4})", subs),
    R"({"code":1,"msg":"Invalid value type: expected Boolean","id":4})");
  auto bad_method
    = binance_ws::handle_control(R"({"method":"SUBSCRIBEX","id":5})", subs);
  EXPECT_TRUE(bad_method.starts_with(R"({"code":2,"msg":"Invalid request: )"))
    << bad_method;
  auto bad_id = binance_ws::handle_control(
    R"({"method":"LIST_SUBSCRIPTIONS","id":"x"})", subs);
  EXPECT_NE(bad_id.find("request ID must be an unsigned integer"),
            std::string::npos);
  auto bad_stream = binance_ws::handle_control(
    R"({"method":"SUBSCRIBE","params":["nonsense"],"id":6})", subs);
  EXPECT_NE(bad_stream.find("\"code\":2"), std::string::npos);
  EXPECT_TRUE(subs.streams.empty()); // nothing applied on an error
}

TEST(binance_streams, book_ticker_routing_and_wrapping) {
  EXPECT_EQ(binance_ws::book_ticker_symbol("btcusdt@bookTicker"), "BTCUSDT");
  EXPECT_EQ(binance_ws::book_ticker_symbol("!bookTicker"), "!");
  EXPECT_EQ(binance_ws::book_ticker_symbol("btcusdt@aggTrade"), "");
  EXPECT_EQ(binance_ws::wrap("s@x", "{}", false), "{}");
  EXPECT_EQ(binance_ws::wrap("s@x", "{}", true),
            R"({"stream":"s@x","data":{}})");
}

TEST(upbit_streams, a_request_as_our_codec_sends_it) {
  auto s = upbit_ws::parse_request(
    R"([{"ticket":"t1"},)"
    R"({"type":"ticker","codes":["KRW-BTC"],"is_only_realtime":true},)"
    R"({"type":"orderbook","codes":["KRW-BTC.15"]},{"format":"DEFAULT"}])",
    upbit_ws::endpoint::public_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->ticket, "t1");
  ASSERT_EQ(s->types.size(), 2u);
  EXPECT_FALSE(s->types[0].wants_snapshot());
  EXPECT_TRUE(s->types[1].wants_snapshot());
  auto oc = upbit_ws::parse_orderbook_code("KRW-BTC.15", 30);
  ASSERT_TRUE(oc);
  EXPECT_EQ(oc->market, "KRW-BTC");
  EXPECT_EQ(oc->levels, 15u);
}

TEST(upbit_streams, bad_requests_get_upbits_error_names) {
  using upbit_ws::endpoint;
  auto name = [](std::string_view frame, endpoint ep) {
    auto s = upbit_ws::parse_request(frame, ep);
    return s ? std::string{"accepted"} : s.error().name;
  };
  EXPECT_EQ(name("PING?", endpoint::public_), "WRONG_FORMAT");
  EXPECT_EQ(name(R"({"ticket":"t"})", endpoint::public_), "WRONG_FORMAT");
  EXPECT_EQ(
    name(R"([{"type":"ticker","codes":["KRW-BTC"]}])", endpoint::public_),
    "NO_TICKET");
  EXPECT_EQ(name(R"([{"ticket":"t"}])", endpoint::public_), "NO_TYPE");
  EXPECT_EQ(name(R"([{"ticket":"t"},{"type":"ticker"}])", endpoint::public_),
            "NO_CODES");
  EXPECT_EQ(
    name(R"([{"ticket":"t"},{"type":"orderbook","codes":["KRW-BTC.7"]}])",
         endpoint::public_),
    "INVALID_PARAM");
  EXPECT_EQ(name(R"([{"ticket":"t"},{"type":"myOrder"}])", endpoint::public_),
            "INVALID_AUTH");
  EXPECT_EQ(name(R"([{"ticket":"t"},{"type":"ticker","codes":["KRW-BTC"]}])",
                 endpoint::private_),
            "INVALID_PARAM");
  EXPECT_EQ(name(R"([{"ticket":"t"},{"type":"myOrder"},{"format":"SIMPLE"}])",
                 endpoint::private_),
            "WRONG_FORMAT");
  EXPECT_EQ(upbit_ws::error_frame({"NO_TICKET", "x"}),
            R"({"error":{"name":"NO_TICKET","message":"x"}})");
}

TEST(upbit_streams, private_frames_route_by_type_and_code) {
  auto sub = upbit_ws::parse_request(
    R"([{"ticket":"t"},{"type":"myOrder","codes":["KRW-BTC"]}])",
    upbit_ws::endpoint::private_);
  ASSERT_TRUE(sub);
  auto btc = upbit_ws::read_head(R"({"type":"myOrder","code":"KRW-BTC"})");
  auto usdt = upbit_ws::read_head(R"({"type":"myOrder","code":"KRW-USDT"})");
  auto asset = upbit_ws::read_head(R"({"type":"myAsset","assets":[]})");
  ASSERT_TRUE(btc && usdt && asset);
  EXPECT_TRUE(upbit_ws::wants(*sub, *btc));
  EXPECT_FALSE(upbit_ws::wants(*sub, *usdt));
  EXPECT_FALSE(upbit_ws::wants(*sub, *asset)); // myAsset not subscribed
  EXPECT_FALSE(upbit_ws::read_head("not json"));
  EXPECT_EQ(upbit_ws::as_snapshot(R"({"stream_type":"REALTIME"})"),
            R"({"stream_type":"SNAPSHOT"})");
}
