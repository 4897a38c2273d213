// The simulated Upbit venue over real loopback sockets with TLS (a CA
// minted at test time): requests built by OUR codec and sent by OUR
// http_client, streams read by OUR ws_client and decoded by OUR codec.
#include "sim/runtime/upbit_service.hpp"

#include "loopback.hpp"
#include "test_pki.hpp"
// codec_requests.hpp declares functions named like codec_quotes.hpp's
// structs; it comes last with -Wshadow silenced (see
// tests/sim/upbit/venue_fixture.hpp).
#include "venues/upbit/codec_responses.hpp"
#include "venues/upbit/codec_stream.hpp"
#include "venues/upbit/codec_subscribe.hpp"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include "venues/upbit/codec_requests.hpp"
#pragma GCC diagnostic pop

#include <gtest/gtest.h>

#include <array>
#include <atomic>

using namespace tandem;
using namespace std::chrono_literals;
using sim::testing::call;
using sim::testing::ws_probe;

namespace vu = venues::upbit;

namespace {

constexpr std::string_view access_key = "test-upbit-access_key";
constexpr std::string_view secret_key = "test-upbit-secret_key";
const vu::credentials creds{access_key, secret_key};

price px(const char* s) { return price::must_parse(s); }
quantity qty(const char* s) { return quantity::must_parse(s); }

instrument krw_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = "KRW-BTC";
  i.base = "BTC";
  i.quote = "KRW";
  i.tick = tick_rule::upbit_krw();
  i.lot = qty("0.00000001");
  i.min_qty = qty("0.00000001");
  i.min_notional = money::must_parse("5000");
  return i;
}

order_request buy(std::string_view id, const char* volume, const char* limit) {
  order_request o;
  o.id = *client_order_id::make(id);
  o.venue = venue::upbit;
  o.symbol = "KRW-BTC";
  o.side = side::buy;
  o.type = order_type::limit;
  o.tif = time_in_force::gtc;
  o.qty = qty(volume);
  o.limit_price = px(limit);
  return o;
}

/// Returns a fresh nonce; the counter is process-wide, so no two tokens of
/// one run share a nonce.
std::string nonce() {
  static std::atomic<std::uint64_t> seq{0};
  std::array<std::uint8_t, 16> b{};
  auto n = ++seq;
  for (std::size_t i = 0; i < 8; ++i)
    b[i] = static_cast<std::uint8_t>(n >> (8 * i));
  return vu::make_nonce(b);
}

class upbit_service_test : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = sim::upbit::default_config();
    sim::upbit::account_config a;
    a.access_key = std::string{access_key};
    a.secret_key = std::string{secret_key};
    a.balances = {{"KRW", money::must_parse("10000000")}};
    cfg.accounts.push_back(std::move(a));
    sim::runtime::service_options opts;
    opts.tls = sim::tls_files{pki_.cert_file(), pki_.key_file()};
    auto s = sim::runtime::upbit_service::start(cfg, opts);
    ASSERT_TRUE(s) << s.error();
    svc_ = std::move(*s);
    quote("100000000");
    runner_.start();
    http_ = sim::testing::make_http(runner_, svc_->urls().rest_origin, ca());
  }
  void TearDown() override {
    http_.reset();
    runner_.stop();
  }

  /// House quotes on KRW-BTC: one bid 1,000 KRW under `ask`, 0.5 BTC each.
  void quote(const char* ask) {
    auto a = px(ask);
    svc_->set_book("KRW-BTC", {{a - px("1000"), qty("0.5")}},
                   {{a, qty("0.5")}});
  }

  std::optional<std::string> ca() const { return pki_.ca_file(); }

  /// A private-stream probe that authenticated and subscribed: the PING
  /// answer proves the request frame before it was processed.
  /// A fresh token per handshake: a nonce is spent once.
  static net::ws_client::header_list fresh_auth() {
    auto auth = vu::private_ws_authorization(creds, nonce());
    EXPECT_TRUE(auth.has_value());
    return {{"Authorization", auth ? *auth : ""}};
  }

  /// Subscribes to myOrder and myAsset on `p`, then waits for the PING
  /// answer, which proves the request frame before it was processed.
  static void subscribe(ws_probe& p, std::size_t from = 0) {
    auto sub = vu::subscribe_private("private-ticket");
    EXPECT_TRUE(sub.has_value());
    p.send_text(*sub);
    p.send_text("PING");
    EXPECT_TRUE(p.wait_containing("\"status\":\"UP\"", from));
  }

  std::unique_ptr<ws_probe> private_stream() {
    auto p
      = std::make_unique<ws_probe>(runner_, svc_->urls().ws_private, ca(),
                                   net::ws_client::header_list{}, &fresh_auth);
    EXPECT_TRUE(p->wait_connected());
    subscribe(*p);
    return p;
  }

  net::testing::test_pki pki_;
  std::unique_ptr<sim::runtime::upbit_service> svc_;
  net::io_runner runner_;
  std::unique_ptr<net::http_client> http_;
  vu::json_context ctx_;
};

} // namespace

TEST_F(upbit_service_test, urls_follow_upbits_layout) {
  const auto& u = svc_->urls();
  EXPECT_TRUE(u.rest_origin.starts_with("https://127.0.0.1:"));
  EXPECT_EQ(u.rest, u.rest_origin + "/v1");
  EXPECT_TRUE(u.ws_public.starts_with("wss://127.0.0.1:"));
  EXPECT_TRUE(u.ws_public.ends_with("/websocket/v1"));
  EXPECT_EQ(u.ws_private, u.ws_public + "/private");
}

TEST_F(upbit_service_test, order_built_by_our_codec_is_accepted) {
  auto req = vu::place_order(buy("up1", "0.001", "99000000"), krw_btc(), {},
                             creds, nonce());
  ASSERT_TRUE(req) << req.error().detail;
  auto r = call(*http_, *req);
  ASSERT_EQ(r.status, 201u) << r.body;
  auto o = vu::parse_order(ctx_, r.body);
  ASSERT_TRUE(o) << r.body;
  EXPECT_TRUE(r.header("Remaining-Req").has_value());
  EXPECT_EQ(svc_->with_venue([](auto& v) {
    return v.state().open_orders(std::string{access_key}, "KRW-BTC").size();
  }),
            1u);
}

TEST_F(upbit_service_test, a_reused_nonce_and_a_tampered_body_are_refused) {
  auto n = nonce();
  auto req
    = vu::place_order(buy("up2", "0.001", "99000000"), krw_btc(), {}, creds, n);
  ASSERT_TRUE(req);
  auto tampered = *req;
  auto pos = tampered.body.find("0.001");
  ASSERT_NE(pos, std::string::npos);
  tampered.body.replace(pos, 5, "0.002");
  auto r = call(*http_, tampered);
  EXPECT_EQ(r.status, 401u);
  EXPECT_NE(r.body.find("invalid_query_payload"), std::string::npos) << r.body;
  EXPECT_EQ(call(*http_, *req).status, 201u);
  r = call(*http_, *req);
  EXPECT_EQ(r.status, 401u);
  EXPECT_NE(r.body.find("nonce_used"), std::string::npos) << r.body;
}

TEST_F(upbit_service_test, private_stream_refuses_a_bad_token) {
  ws_probe garbled{runner_,
                   svc_->urls().ws_private,
                   ca(),
                   {{"Authorization", "Bearer not.a.token"}}};
  auto e = garbled.wait_error();
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, net::net_error::upgrade_refused);

  auto wrong
    = vu::private_ws_authorization({access_key, "wrong-secret_key"}, nonce());
  ASSERT_TRUE(wrong);
  ws_probe forged{
    runner_, svc_->urls().ws_private, ca(), {{"Authorization", *wrong}}};
  e = forged.wait_error();
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, net::net_error::upgrade_refused);

  ws_probe none{runner_, svc_->urls().ws_private, ca()};
  e = none.wait_error();
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, net::net_error::upgrade_refused);
}

TEST_F(upbit_service_test, my_order_frame_arrives_after_a_fill) {
  auto ws = private_stream();
  auto req = vu::place_order(buy("fill1", "0.001", "100000000"), krw_btc(), {},
                             creds, nonce());
  ASSERT_TRUE(req);
  auto r = call(*http_, *req);
  ASSERT_EQ(r.status, 201u) << r.body;
  auto f = ws->wait_frame([&](const std::string& s) {
    auto e = vu::decode_frame(ctx_, s, timestamp{});
    auto* o = e ? std::get_if<vu::my_order_frame>(&*e) : nullptr;
    return o && o->state == vu::order_state::trade;
  });
  ASSERT_TRUE(f);
  auto e = vu::decode_frame(ctx_, *f, timestamp{});
  ASSERT_TRUE(e);
  const auto& o = std::get<vu::my_order_frame>(*e);
  EXPECT_EQ(o.identifier, "fill1");
  ASSERT_TRUE(o.update.last_fill);
  EXPECT_EQ(o.update.last_fill->px, px("100000000"));
  EXPECT_EQ(o.update.last_fill->qty, qty("0.001"));
  EXPECT_TRUE(ws->wait_containing("\"type\":\"myAsset\""));
  EXPECT_TRUE(ws->all_binary());
}

TEST_F(upbit_service_test, public_frames_are_binary_and_decode_with_our_codec) {
  ws_probe ws{runner_, svc_->urls().ws_public, ca()};
  ASSERT_TRUE(ws.wait_connected());
  vu::public_subscription sub;
  sub.ticker_codes = {"KRW-BTC"};
  sub.orderbook_codes = {"KRW-BTC"};
  sub.orderbook_levels = 15;
  auto frame = vu::subscribe_public("public-ticket", sub);
  ASSERT_TRUE(frame);
  ws.send_text(*frame);
  // Snapshots first.
  ASSERT_TRUE(ws.wait_frame([](const std::string& s) {
    return s.find("\"type\":\"orderbook\"") != std::string::npos
           && s.find("SNAPSHOT") != std::string::npos;
  }));
  ASSERT_TRUE(ws.wait_frame([](const std::string& s) {
    return s.find("\"type\":\"ticker\"") != std::string::npos
           && s.find("SNAPSHOT") != std::string::npos;
  }));
  auto seen = ws.count();
  // 20 levels a side; the stream sends the 15 asked for.
  std::vector<sim::upbit::quote_level> bids, asks;
  for (int i = 0; i < 20; ++i) {
    auto step = price::from_raw(price::unit * 1000 * i);
    bids.push_back({px("100999000") - step, qty("0.1")});
    asks.push_back({px("101000000") + step, qty("0.1")});
  }
  svc_->set_book("KRW-BTC", bids, asks);
  auto f = ws.wait_frame(
    [](const std::string& s) {
      return s.find("\"type\":\"orderbook\"") != std::string::npos;
    },
    seen);
  ASSERT_TRUE(f);
  auto e = vu::decode_frame(ctx_, *f, timestamp{});
  ASSERT_TRUE(e) << *f;
  const auto& ob = std::get<vu::orderbook>(*e);
  EXPECT_EQ(ob.depth.symbol, "KRW-BTC");
  std::size_t units = 0;
  for (auto p = f->find("ask_price"); p != std::string::npos;
       p = f->find("ask_price", p + 1))
    ++units;
  EXPECT_EQ(units, 15u);
  EXPECT_EQ(ob.depth.asks.size(), 15u);
  ASSERT_TRUE(ob.top);
  EXPECT_EQ(ob.top->ask, px("101000000"));
  EXPECT_EQ(ob.top->bid, px("100999000"));
  auto t = ws.wait_frame(
    [](const std::string& s) {
      return s.find("\"type\":\"ticker\"") != std::string::npos;
    },
    seen);
  ASSERT_TRUE(t);
  auto te = vu::decode_frame(ctx_, *t, timestamp{});
  ASSERT_TRUE(te) << *t;
  EXPECT_EQ(std::get<vu::ticker>(*te).symbol, "KRW-BTC");
  EXPECT_TRUE(ws.all_binary());
}

TEST_F(upbit_service_test, the_drop_fault_drops_the_private_stream_once) {
  auto ws = private_stream();
  svc_->with_venue([](auto& v) { v.faults().drop_private_stream = true; });
  auto why = ws->wait_error();
  ASSERT_TRUE(why);
  // The client reconnects with a fresh token; the stream works again.
  ASSERT_TRUE(ws->wait_connected(2));
  auto seen = ws->count();
  subscribe(*ws, seen);
  auto req = vu::place_order(buy("afterdrop", "0.001", "100000000"), krw_btc(),
                             {}, creds, nonce());
  ASSERT_TRUE(req);
  ASSERT_EQ(call(*http_, *req).status, 201u);
  EXPECT_TRUE(ws->wait_containing("afterdrop", seen));
  EXPECT_FALSE(
    svc_->with_venue([](auto& v) { return v.faults().drop_private_stream; }));
}

TEST_F(upbit_service_test, a_bad_request_frame_gets_upbits_error_frame) {
  ws_probe ws{runner_, svc_->urls().ws_public, ca()};
  ASSERT_TRUE(ws.wait_connected());
  ws.send_text(R"([{"type":"ticker","codes":["KRW-BTC"]}])");
  auto f = ws.wait_containing("\"error\"");
  ASSERT_TRUE(f);
  auto e = vu::decode_frame(ctx_, *f, timestamp{});
  ASSERT_TRUE(e);
  EXPECT_EQ(std::get<vu::ws_error_frame>(*e).name, "NO_TICKET");
}

TEST_F(upbit_service_test, batch_cancel_over_loopback_pushes_each_cancel) {
  auto ws = private_stream();
  for (auto id : {"bulk1", "bulk2", "bulk3"}) {
    auto req = vu::place_order(buy(id, "0.001", "99000000"), krw_btc(), {},
                               creds, nonce());
    ASSERT_TRUE(req) << req.error().detail;
    ASSERT_EQ(call(*http_, *req).status, 201u);
  }
  vu::cancel_open_query q;
  q.pairs = {"KRW-BTC"};
  q.count = 2;
  q.order_by = vu::cancel_order_by::oldest_first;
  auto req = vu::cancel_open_orders(q, creds, nonce());
  ASSERT_TRUE(req) << req.error().detail;
  auto r = call(*http_, *req);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(
    r.header("Remaining-Req"),
    std::optional<std::string>{"group=order-cancel-all; min=1800; sec=0"});
  auto a = vu::parse_cancel_open(ctx_, r.body);
  ASSERT_TRUE(a) << r.body;
  ASSERT_EQ(a->success_count, 2);
  EXPECT_EQ(a->cancelled[0].identifier, "bulk1");
  EXPECT_EQ(a->cancelled[1].identifier, "bulk2");
  // Each cancelled order ends on the private stream, as a single cancel.
  for (auto id : {"bulk1", "bulk2"})
    EXPECT_TRUE(ws->wait_frame([&](const std::string& f) {
      return f.find("\"state\":\"cancel\"") != std::string::npos
             && f.find(std::string{"\"identifier\":\""} + id + "\"")
                  != std::string::npos;
    }))
      << id;
  EXPECT_EQ(svc_->with_venue([](auto& v) {
    return v.state().open_orders(std::string{access_key}, "KRW-BTC").size();
  }),
            1u);
}
