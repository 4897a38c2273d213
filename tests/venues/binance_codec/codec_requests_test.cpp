#include "venues/binance/codec_requests.hpp"

#include "tests/venues/binance_codec/fixtures.hpp"

#include <gtest/gtest.h>

namespace tandem::venues::binance {
namespace {

// The futures docs' example key pair (reference B2, vector F1).
constexpr std::string_view api_key
  = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
constexpr std::string_view secret
  = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
constexpr credentials creds{api_key, secret};
constexpr std::int64_t ts_ms = 1717000000000;

signing_input with_window() { return signing_input{ts_ms, 5000}; }

order_request limit_sell() {
  order_request o;
  o.id = *client_order_id::make("tdm-mhx3k2a1-1z");
  o.venue = venue::binance;
  o.symbol = "BTCUSDT";
  o.side = tandem::side::sell;
  o.type = tandem::order_type::limit;
  o.tif = tandem::time_in_force::gtc;
  o.qty = quantity::must_parse("0.010");
  o.limit_price = price::must_parse("65000.10");
  return o;
}

std::string header(const http_request& r, std::string_view name) {
  for (const auto& h : r.headers)
    if (h.name == name)
      return h.value;
  return "<absent>";
}

TEST(venues_binance_codec_requests, limit_order_query_and_signature) {
  auto r = new_order(limit_sell(), test::btcusdt(), with_window(), creds);
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->method, http_method::post);
  EXPECT_EQ(r->path, "/fapi/v1/order");
  // Expected signature from:
  // printf %s '<query without &signature>' | openssl dgst -sha256 -hmac
  //   '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9'
  EXPECT_EQ(r->query,
            "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC"
            "&quantity=0.01&price=65000.1&newClientOrderId=tdm-mhx3k2a1-1z"
            "&newOrderRespType=RESULT&recvWindow=5000&timestamp=1717000000000"
            "&signature="
            "90f3034ba7bfd8faceaadae4e954f75576c747c3efe54e7203c3afec5c9d8f10");
  EXPECT_EQ(r->body, "");
  EXPECT_EQ(header(*r, "X-MBX-APIKEY"), api_key);
  EXPECT_EQ(r->headers.size(), 1u);
}

TEST(venues_binance_codec_requests, reduce_only_market_has_no_price_or_tif) {
  order_request o;
  o.id = *client_order_id::make("tdm-mhx3k2a1-20");
  o.venue = venue::binance;
  o.symbol = "BTCUSDT";
  o.side = tandem::side::buy;
  o.type = tandem::order_type::market;
  o.qty
    = quantity::must_parse("0.002"); // notional < 100: reduce-only is exempt
  o.reduce_only = true;
  auto r
    = new_order(o, test::btcusdt(), signing_input{ts_ms, std::nullopt}, creds);
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->query,
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002"
            "&reduceOnly=true&newClientOrderId=tdm-mhx3k2a1-20"
            "&newOrderRespType=RESULT&timestamp=1717000000000&signature="
            "dd58420b73d10e5a3f368e5f915dfdb0f688957bbdf7e50b6a501ab87c711083");
}

TEST(venues_binance_codec_requests, time_in_force_on_the_wire) {
  for (auto [tif, wire] :
       {std::pair{tandem::time_in_force::ioc, "timeInForce=IOC"},
        std::pair{tandem::time_in_force::fok, "timeInForce=FOK"}}) {
    auto o = limit_sell();
    o.tif = tif;
    auto r = new_order(o, test::btcusdt(), with_window(), creds);
    ASSERT_TRUE(r);
    EXPECT_NE(r->query.find(wire), std::string::npos) << r->query;
  }
}

TEST(venues_binance_codec_requests, gtd_sends_whole_second_good_till_date) {
  auto o = limit_sell();
  o.tif = tandem::time_in_force::gtd;
  // One hour after the request, plus 789 ms that Binance would ignore.
  o.expire_at = from_unix_ms(ts_ms + 3'600'000 + 789);
  auto r = new_order(o, test::btcusdt(), with_window(), creds);
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_NE(r->query.find("timeInForce=GTD&"), std::string::npos);
  EXPECT_NE(r->query.find("&goodTillDate=1717003600000&"), std::string::npos)
    << r->query;
}

TEST(venues_binance_codec_requests, cancel_and_query_by_client_id) {
  auto id = *client_order_id::make("tdm-mhx3k2a1-1z");
  auto c = cancel_order("BTCUSDT", id, with_window(), creds);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->method, http_method::del);
  EXPECT_EQ(c->path, "/fapi/v1/order");
  EXPECT_EQ(c->query,
            "symbol=BTCUSDT&origClientOrderId=tdm-mhx3k2a1-1z&recvWindow=5000"
            "&timestamp=1717000000000&signature="
            "0060d4a3a5696c6a0d07af1b690122aacdd5c86033757a070da79734141eb7bf");
  auto q = query_order("BTCUSDT", id, with_window(), creds);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->method, http_method::get);
  EXPECT_EQ(q->query, c->query); // same parameters, same signature
}

TEST(venues_binance_codec_requests, account_endpoints) {
  auto oo = open_orders(std::nullopt, with_window(), creds);
  ASSERT_TRUE(oo);
  EXPECT_EQ(oo->path, "/fapi/v1/openOrders");
  EXPECT_TRUE(oo->query.starts_with("recvWindow=5000&timestamp="));
  auto oo1 = open_orders("BTCUSDT", with_window(), creds);
  ASSERT_TRUE(oo1);
  EXPECT_TRUE(oo1->query.starts_with("symbol=BTCUSDT&recvWindow=5000&"));
  auto pr = position_risk("BTCUSDT", with_window(), creds);
  ASSERT_TRUE(pr);
  EXPECT_EQ(pr->path, "/fapi/v2/positionRisk");
  auto ac = account(with_window(), creds);
  ASSERT_TRUE(ac);
  EXPECT_EQ(ac->path, "/fapi/v3/account");
  auto bl = balances(with_window(), creds);
  ASSERT_TRUE(bl);
  EXPECT_EQ(bl->path, "/fapi/v3/balance");
  for (const auto* r : {&*oo, &*oo1, &*pr, &*ac, &*bl}) {
    EXPECT_EQ(r->method, http_method::get);
    EXPECT_NE(r->query.find("&signature="), std::string::npos);
    EXPECT_EQ(header(*r, "X-MBX-APIKEY"), api_key);
  }
}

TEST(venues_binance_codec_requests, leverage_and_countdown) {
  auto l = change_leverage("BTCUSDT", 3, with_window(), creds);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->method, http_method::post);
  EXPECT_EQ(l->path, "/fapi/v1/leverage");
  EXPECT_TRUE(l->query.starts_with("symbol=BTCUSDT&leverage=3&recvWindow="));
  auto c = countdown_cancel_all("BTCUSDT", std::chrono::seconds{120},
                                with_window(), creds);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->method, http_method::post);
  EXPECT_EQ(c->path, "/fapi/v1/countdownCancelAll");
  EXPECT_TRUE(
    c->query.starts_with("symbol=BTCUSDT&countdownTime=120000&recvWindow="));
  auto off = countdown_cancel_all("BTCUSDT", std::chrono::milliseconds{0},
                                  with_window(), creds);
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->query.starts_with("symbol=BTCUSDT&countdownTime=0&"));
}

TEST(venues_binance_codec_requests, listen_key_needs_key_only) {
  auto c = listen_key_create(api_key);
  auto k = listen_key_keepalive(api_key);
  auto d = listen_key_close(api_key);
  ASSERT_TRUE(c && k && d);
  EXPECT_EQ(c->method, http_method::post);
  EXPECT_EQ(k->method, http_method::put);
  EXPECT_EQ(d->method, http_method::del);
  for (const auto* r : {&*c, &*k, &*d}) {
    EXPECT_EQ(r->path, "/fapi/v1/listenKey");
    EXPECT_EQ(r->query, ""); // USER_STREAM: no timestamp, no signature
    EXPECT_EQ(header(*r, "X-MBX-APIKEY"), api_key);
  }
}

TEST(venues_binance_codec_requests, public_requests_carry_no_key) {
  auto t = server_time();
  EXPECT_EQ(t.path, "/fapi/v1/time");
  auto x = exchange_info();
  EXPECT_EQ(x.path, "/fapi/v1/exchangeInfo");
  auto d = depth("BTCUSDT", 5);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->path, "/fapi/v1/depth");
  EXPECT_EQ(d->query, "symbol=BTCUSDT&limit=5");
  auto b = book_ticker("BTCUSDT");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->path, "/fapi/v1/ticker/bookTicker");
  EXPECT_EQ(b->query, "symbol=BTCUSDT");
  for (const auto* r : {&t, &x, &*d, &*b}) {
    EXPECT_EQ(r->method, http_method::get);
    EXPECT_TRUE(r->headers.empty());
  }
}

TEST(venues_binance_codec_requests, method_names) {
  EXPECT_EQ(to_string(http_method::get), "GET");
  EXPECT_EQ(to_string(http_method::post), "POST");
  EXPECT_EQ(to_string(http_method::put), "PUT");
  EXPECT_EQ(to_string(http_method::del), "DELETE");
}

} // namespace
} // namespace tandem::venues::binance
