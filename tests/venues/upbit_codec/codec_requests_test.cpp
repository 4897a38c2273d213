#include "venues/upbit/codec_requests.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

// The query_hash claim of a built request's token.
std::string hash_claim(const http_request& r) {
  auto bearer = parse_bearer(r.header("Authorization"));
  EXPECT_TRUE(bearer);
  if (!bearer || !bearer->claims.query_hash)
    return {};
  return *bearer->claims.query_hash;
}

// The request verifies as the simulator would check it.
void expect_verifies(const http_request& r) {
  received_request rx{r.method, r.query, r.body, r.header("Authorization")};
  auto claims = verify_request(rx, secret);
  ASSERT_TRUE(claims) << to_string(claims.error());
  EXPECT_EQ(claims->access_key, access_key);
  EXPECT_EQ(claims->nonce, nonce);
}

} // namespace

TEST(venues_upbit_codec_requests, limit_buy_body_is_exact) {
  auto r = place_order(limit_buy(), krw_btc(), {}, creds, nonce);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->method, http_method::post);
  EXPECT_EQ(r->path, "/v1/orders");
  EXPECT_EQ(r->target(), "/v1/orders");
  EXPECT_TRUE(r->query.empty());
  EXPECT_EQ(r->body, R"({"market":"KRW-BTC","side":"bid","volume":"0.01",)"
                     R"("price":"100000000","ord_type":"limit",)"
                     R"("identifier":"tdm-mhx3k2a1-1z"})");
  EXPECT_EQ(r->header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_TRUE(r->header("Authorization").starts_with("Bearer "));
}

TEST(venues_upbit_codec_requests, limit_buy_query_hash_is_sha512_of_pairs) {
  auto r = place_order(limit_buy(), krw_btc(), {}, creds, nonce);
  ASSERT_TRUE(r);
  // printf %s 'market=KRW-BTC&side=bid&volume=0.01&price=100000000&ord_type=
  //   limit&identifier=tdm-mhx3k2a1-1z' | sha512sum   (one line)
  EXPECT_EQ(hash_claim(*r),
            "41ea8221c3a8958d764296b601df10bff6ae309f2cd57f81a4cc2e5a97686914"
            "f4eadcc57c75fab98d895cf52dc268b32a64a532a5198590bb67ae3f238025a5");
  expect_verifies(*r);
}

TEST(venues_upbit_codec_requests, market_buy_sends_krw_amount_as_price) {
  auto o = limit_buy();
  o.id = id("tdm-mhx3k2a1-20");
  o.type = order_type::market;
  o.limit_price.reset();
  place_options opt;
  opt.quote_amount = krw("10000");
  auto r = place_order(o, krw_btc(), opt, creds, nonce);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->body, R"({"market":"KRW-BTC","side":"bid","price":"10000",)"
                     R"("ord_type":"price","identifier":"tdm-mhx3k2a1-20"})");
  // printf %s 'market=KRW-BTC&side=bid&price=10000&ord_type=price&
  //   identifier=tdm-mhx3k2a1-20' | sha512sum   (one line)
  EXPECT_EQ(hash_claim(*r),
            "630d41ea79e01ded92f48ca09e242ed574627e9a35b6ba0a4e85174f6386492c"
            "4eb30480dbc25c00e9f5fad66dd1cdf39644b58c9b917186b7c33223eca43f13");
  expect_verifies(*r);
}

TEST(venues_upbit_codec_requests, market_sell_sends_volume) {
  auto o = limit_buy();
  o.side = side::sell;
  o.type = order_type::market;
  o.limit_price.reset();
  o.qty = qty("0.005");
  auto r = place_order(o, krw_btc(), {}, creds, nonce);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->body, R"({"market":"KRW-BTC","side":"ask","volume":"0.005",)"
                     R"("ord_type":"market","identifier":"tdm-mhx3k2a1-1z"})");
}

TEST(venues_upbit_codec_requests, limit_ioc_and_fok) {
  auto o = limit_buy();
  o.tif = time_in_force::ioc;
  auto r = place_order(o, krw_btc(), {}, creds, nonce);
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find(R"("ord_type":"limit","time_in_force":"ioc",)"),
            std::string::npos);
  o.tif = time_in_force::fok;
  r = place_order(o, krw_btc(), {}, creds, nonce);
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find(R"("time_in_force":"fok")"), std::string::npos);
}

TEST(venues_upbit_codec_requests, post_only_and_smp) {
  place_options opt;
  opt.post_only = true;
  auto r = place_order(limit_buy(), krw_btc(), opt, creds, nonce);
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find(R"("time_in_force":"post_only")"), std::string::npos);
  place_options smp;
  smp.smp = smp_type::cancel_taker;
  r = place_order(limit_buy(), krw_btc(), smp, creds, nonce);
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find(R"("smp_type":"cancel_taker","identifier")"),
            std::string::npos);
}

TEST(venues_upbit_codec_requests, best_bid_ioc_and_best_ask_fok) {
  auto o = limit_buy();
  o.type = order_type::market;
  o.limit_price.reset();
  o.tif = time_in_force::ioc;
  place_options opt;
  opt.best_price = true;
  opt.quote_amount = krw("50000");
  auto r = place_order(o, krw_btc(), opt, creds, nonce);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->body, R"({"market":"KRW-BTC","side":"bid","price":"50000",)"
                     R"("ord_type":"best","time_in_force":"ioc",)"
                     R"("identifier":"tdm-mhx3k2a1-1z"})");
  o.side = side::sell;
  o.tif = time_in_force::fok;
  opt.quote_amount.reset();
  r = place_order(o, krw_btc(), opt, creds, nonce);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->body, R"({"market":"KRW-BTC","side":"ask","volume":"0.01",)"
                     R"("ord_type":"best","time_in_force":"fok",)"
                     R"("identifier":"tdm-mhx3k2a1-1z"})");
}

TEST(venues_upbit_codec_requests, tick_from_orderbook_instruments_is_used) {
  auto inst = krw_btc();
  auto o = limit_buy();
  o.limit_price = px("100000500"); // off the 1000 KRW table tick
  EXPECT_FALSE(place_order(o, inst, {}, creds, nonce));
  inst.tick = tick_rule::fixed(px("500")); // the venue said 500
  EXPECT_TRUE(place_order(o, inst, {}, creds, nonce));
}

TEST(venues_upbit_codec_requests, cancel_and_query_by_uuid_or_identifier) {
  auto c = cancel_order(order_ref::uuid("cdd92199-2897-4e14-9448-f923320408ad"),
                        creds, nonce);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->method, http_method::del);
  EXPECT_EQ(c->target(), "/v1/order?uuid=cdd92199-2897-4e14-9448-f923320408ad");
  EXPECT_TRUE(c->body.empty());
  EXPECT_TRUE(c->header("Content-Type").empty());
  expect_verifies(*c);

  auto q
    = query_order(order_ref::identifier(id("tdm-mhx3k2a1-1z")), creds, nonce);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->method, http_method::get);
  EXPECT_EQ(q->target(), "/v1/order?identifier=tdm-mhx3k2a1-1z");
  expect_verifies(*q);
}

TEST(venues_upbit_codec_requests, open_orders_with_states_array) {
  open_orders_query oq;
  oq.market = "KRW-BTC";
  oq.include_watch = true;
  auto r = open_orders(oq, creds, nonce);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->path, "/v1/orders/open");
  EXPECT_EQ(r->query, "market=KRW-BTC&states[]=wait&states[]=watch");
  // printf %s 'market=KRW-BTC&states[]=wait&states[]=watch' | sha512sum
  EXPECT_EQ(hash_claim(*r),
            "c01bbcb80094d2225c90eda65128baf7ef800471fbdeb76579856d1532cd2630"
            "60e41ede9c52bfc926a0b46c4b7797a61e4327cda59d236f829cde4c875dfe77");
  expect_verifies(*r);

  open_orders_query all;
  all.page = 2;
  all.limit = 100;
  r = open_orders(all, creds, nonce);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->query, "states[]=wait&page=2&limit=100");
}

TEST(venues_upbit_codec_requests, accounts_has_no_query_hash) {
  auto r = accounts(creds, nonce);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->target(), "/v1/accounts");
  auto bearer = parse_bearer(r->header("Authorization"));
  ASSERT_TRUE(bearer);
  EXPECT_FALSE(bearer->claims.query_hash);
  expect_verifies(*r);
}

TEST(venues_upbit_codec_requests, order_chance) {
  auto r = chance_request("KRW-BTC", creds, nonce);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->target(), "/v1/orders/chance?market=KRW-BTC");
  expect_verifies(*r);
}

TEST(venues_upbit_codec_requests, public_requests_carry_no_authorization) {
  const std::array<std::string, 2> markets{"KRW-BTC", "KRW-USDT"};
  auto t = ticker_request(markets);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->target(), "/v1/ticker?markets=KRW-BTC,KRW-USDT");
  EXPECT_TRUE(t->header("Authorization").empty());
  auto b = orderbook_request(markets);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->target(), "/v1/orderbook?markets=KRW-BTC,KRW-USDT");
  auto i = orderbook_instruments(markets);
  ASSERT_TRUE(i);
  EXPECT_EQ(i->target(), "/v1/orderbook/instruments?markets=KRW-BTC,KRW-USDT");
  EXPECT_EQ(market_all().target(), "/v1/market/all");
  EXPECT_EQ(market_all(true).target(), "/v1/market/all?is_details=true");
}

TEST(venues_upbit_codec_requests, market_codes) {
  EXPECT_TRUE(is_market_code("KRW-BTC"));
  EXPECT_TRUE(is_market_code("BTC-1INCH"));
  EXPECT_FALSE(is_market_code("krw-btc"));
  EXPECT_FALSE(is_market_code("KRWBTC"));
  EXPECT_FALSE(is_market_code("-BTC"));
  EXPECT_FALSE(is_market_code("KRW-"));
  EXPECT_FALSE(is_market_code("KRW-BTC-X"));
  EXPECT_FALSE(is_market_code("KRW-BTC&x=1"));
}

TEST(venues_upbit_codec_requests, batch_cancel_of_the_session_markets) {
  cancel_open_query q;
  q.pairs = {"KRW-BTC", "KRW-USDT"};
  q.count = 300;
  q.order_by = cancel_order_by::oldest_first;
  auto r = cancel_open_orders(q, creds, nonce);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->method, http_method::del);
  EXPECT_EQ(r->path, "/v1/orders/open");
  EXPECT_TRUE(r->body.empty()); // query parameters only
  EXPECT_EQ(r->query,
            "cancel_side=all&pairs=KRW-BTC%2CKRW-USDT&count=300&order_by=asc");
  EXPECT_EQ(hash_claim(*r).size(), 128u);
  expect_verifies(*r);

  cancel_open_query other;
  other.side = cancel_side::bid;
  other.quote_currencies = {"KRW"};
  other.excluded_pairs = {"KRW-ETH"};
  r = cancel_open_orders(other, creds, nonce);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->query,
            "cancel_side=bid&excluded_pairs=KRW-ETH&quote_currencies=KRW");
  expect_verifies(*r);
}
