// The simulated Binance venue over real loopback sockets with TLS (a CA
// minted at test time): requests built by OUR codec and sent by OUR
// http_client, streams read by OUR ws_client and parsed by OUR codec.
#include "sim/runtime/binance_service.hpp"

#include "loopback.hpp"
#include "test_pki.hpp"
#include "venues/binance/codec_cancel_all.hpp"
#include "venues/binance/codec_requests.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/binance/codec_stream.hpp"
#include "venues/binance/errors.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

using namespace tandem;
using namespace std::chrono_literals;
using sim::testing::call;
using sim::testing::ws_probe;

namespace vb = venues::binance;

namespace {

constexpr std::string_view key = "test-binance-key";
constexpr std::string_view secret = "test-binance-secret";

instrument btcusdt() {
  instrument i;
  i.venue = venue::binance;
  i.symbol = "BTCUSDT";
  i.base = "BTC";
  i.quote = "USDT";
  i.kind = instrument_kind::perpetual;
  i.tick = tick_rule::fixed(price::must_parse("0.1"));
  i.lot = quantity::must_parse("0.001");
  i.min_qty = quantity::must_parse("0.001");
  i.min_notional = money::must_parse("100");
  i.reduce_only_skips_min_notional = true;
  return i;
}

order_request order(std::string_view id, side s, std::string_view qty,
                    std::string_view px, time_in_force tif) {
  order_request o;
  o.id = *client_order_id::make(id);
  o.venue = venue::binance;
  o.symbol = "BTCUSDT";
  o.side = s;
  o.type = order_type::limit;
  o.tif = tif;
  o.qty = quantity::must_parse(qty);
  o.limit_price = price::must_parse(px);
  return o;
}

class binance_service_test : public ::testing::Test {
 protected:
  void SetUp() override {
    sim::binance::venue_config cfg;
    cfg.accounts.push_back(
      {std::string{key}, std::string{secret}, money::must_parse("10000")});
    sim::runtime::service_options opts;
    opts.tls = sim::tls_files{pki_.cert_file(), pki_.key_file()};
    opts.pump_interval = 20ms;
    auto s = sim::runtime::binance_service::start(std::move(cfg), opts);
    ASSERT_TRUE(s) << s.error();
    svc_ = std::move(*s);
    svc_->set_book("BTCUSDT", price::must_parse("43000.0"),
                   quantity::must_parse("1"), price::must_parse("43010.0"),
                   quantity::must_parse("1"));
    runner_.start();
    http_ = sim::testing::make_http(runner_, svc_->urls().rest, ca());
  }
  void TearDown() override {
    http_.reset();
    runner_.stop();
  }

  std::optional<std::string> ca() const { return pki_.ca_file(); }
  static vb::credentials creds() { return {key, secret}; }
  static vb::signing_input signing(std::chrono::milliseconds skew = 0ms) {
    auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now());
    return {(now + skew).time_since_epoch().count(), {}};
  }

  net::http_client::response
  send(const result<venues::http_request, venues::venue_error>& r) {
    EXPECT_TRUE(r.has_value());
    return r ? call(*http_, *r) : net::http_client::response{};
  }

  std::string listen_key() {
    auto r = send(vb::listen_key_create(key));
    EXPECT_EQ(r.status, 200u) << r.body;
    auto k = vb::parse_listen_key(parser_, r.body);
    EXPECT_TRUE(k.has_value()) << r.body;
    return k ? *k : std::string{};
  }

  vb::api_error error_of(const net::http_client::response& r) {
    return vb::parse_error(parser_, static_cast<int>(r.status), r.body);
  }

  net::testing::test_pki pki_;
  std::unique_ptr<sim::runtime::binance_service> svc_;
  net::io_runner runner_;
  std::unique_ptr<net::http_client> http_;
  simdjson::dom::parser parser_;
};

} // namespace

TEST_F(binance_service_test, urls_are_tls_loopback_urls) {
  EXPECT_TRUE(svc_->urls().rest.starts_with("https://127.0.0.1:"));
  EXPECT_TRUE(svc_->urls().ws.starts_with("wss://127.0.0.1:"));
  EXPECT_EQ(svc_->urls().ws_user, svc_->urls().ws + "/ws");
}

TEST_F(binance_service_test, order_built_by_our_codec_is_accepted) {
  auto r = send(vb::new_order(
    order("accept1", side::buy, "0.01", "42000.0", time_in_force::gtc),
    btcusdt(), signing(), creds()));
  ASSERT_EQ(r.status, 200u) << r.body;
  auto u = vb::parse_order(parser_, r.body);
  ASSERT_TRUE(u.has_value()) << r.body;
  EXPECT_EQ(u->id.view(), "accept1");
  EXPECT_EQ(u->event, order_event::accepted);
  EXPECT_TRUE(r.header("X-MBX-USED-WEIGHT-1M").has_value());
  EXPECT_EQ(svc_->with_venue([](auto& v) { return v.open_order_count(key); }),
            1u);
}

TEST_F(binance_service_test, a_tampered_parameter_is_refused_with_1022) {
  auto req = vb::new_order(
    order("tamper1", side::buy, "0.01", "42000.0", time_in_force::gtc),
    btcusdt(), signing(), creds());
  ASSERT_TRUE(req);
  auto pos = req->query.find("quantity=0.01");
  ASSERT_NE(pos, std::string::npos) << req->query;
  req->query.replace(pos, 13, "quantity=0.02");
  auto r = call(*http_, *req);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(error_of(r).code, -1022) << r.body;
  EXPECT_EQ(svc_->with_venue([](auto& v) { return v.open_order_count(key); }),
            0u);
}

TEST_F(binance_service_test, a_stale_timestamp_is_refused_with_1021) {
  auto r = send(vb::new_order(
    order("stale1", side::buy, "0.01", "42000.0", time_in_force::gtc),
    btcusdt(), signing(-10min), creds()));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(error_of(r).code, -1021) << r.body;
}

TEST_F(binance_service_test, book_ticker_frames_follow_set_book) {
  ws_probe ws{runner_, svc_->urls().ws + "/ws/btcusdt@bookTicker", ca()};
  ASSERT_TRUE(ws.wait_connected());
  svc_->set_book("BTCUSDT", price::must_parse("43100.0"),
                 quantity::must_parse("2"), price::must_parse("43100.5"),
                 quantity::must_parse("3"));
  auto f = ws.wait_containing("43100.5");
  ASSERT_TRUE(f);
  auto m = vb::parse_market_frame(parser_, *f, timestamp{});
  ASSERT_TRUE(m.has_value()) << *f;
  auto* top = std::get_if<venues::book_top>(&*m);
  ASSERT_NE(top, nullptr);
  EXPECT_EQ(top->symbol, "BTCUSDT");
  EXPECT_EQ(top->bid, price::must_parse("43100"));
  EXPECT_EQ(top->bid_qty, quantity::must_parse("2"));
  EXPECT_EQ(top->ask, price::must_parse("43100.5"));
  EXPECT_EQ(top->ask_qty, quantity::must_parse("3"));
}

TEST_F(binance_service_test, dropped_streams_reconnect_and_flow_again) {
  ws_probe ws{runner_, svc_->urls().ws + "/ws/btcusdt@bookTicker", ca()};
  ASSERT_TRUE(ws.wait_connected());
  svc_->drop_streams();
  ASSERT_TRUE(ws.wait_error());
  ASSERT_TRUE(ws.wait_connected(2));
  auto seen = ws.count();
  svc_->set_book("BTCUSDT", price::must_parse("43000.0"),
                 quantity::must_parse("1"), price::must_parse("43003.0"),
                 quantity::must_parse("1"));
  EXPECT_TRUE(ws.wait_containing("43003", seen));
}

TEST_F(binance_service_test, a_stalled_stream_holds_frames_until_released) {
  ws_probe ws{runner_, svc_->urls().ws + "/ws/btcusdt@bookTicker", ca()};
  ASSERT_TRUE(ws.wait_connected());
  svc_->set_streams_stalled(true);
  svc_->set_book("BTCUSDT", price::must_parse("43000.0"),
                 quantity::must_parse("1"), price::must_parse("43004.0"),
                 quantity::must_parse("1"));
  // A REST round trip gives a frame that was not held time to arrive.
  EXPECT_EQ(call(*http_, vb::server_time()).status, 200u);
  EXPECT_EQ(ws.count(), 0u);
  svc_->set_streams_stalled(false);
  EXPECT_TRUE(ws.wait_containing("43004"));
}

TEST_F(binance_service_test, combined_streams_wrap_frames) {
  ws_probe ws{runner_,
              svc_->urls().ws
                + "/stream?streams=btcusdt@bookTicker/btcusdt@aggTrade",
              ca()};
  ASSERT_TRUE(ws.wait_connected());
  svc_->set_book("BTCUSDT", price::must_parse("43000.0"),
                 quantity::must_parse("1"), price::must_parse("43001.0"),
                 quantity::must_parse("1"));
  auto f = ws.wait_containing("43001");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->starts_with(R"({"stream":"btcusdt@bookTicker","data":{)"))
    << *f;
  auto m = vb::parse_market_frame(parser_, *f, timestamp{});
  ASSERT_TRUE(m.has_value()) << *f;
  EXPECT_NE(std::get_if<venues::book_top>(&*m), nullptr);
}

TEST_F(binance_service_test, subscribe_is_answered_as_binance_does) {
  ws_probe ws{runner_, svc_->urls().ws + "/ws", ca()};
  ASSERT_TRUE(ws.wait_connected());
  ws.send_text(
    R"({"method":"SUBSCRIBE","params":["btcusdt@bookTicker"],"id":7})");
  auto reply = ws.wait_containing("\"id\":7");
  ASSERT_TRUE(reply);
  EXPECT_EQ(*reply, R"({"result":null,"id":7})");
  ws.send_text(R"({"method":"LIST_SUBSCRIPTIONS","id":8})");
  auto list = ws.wait_containing("\"id\":8");
  ASSERT_TRUE(list);
  EXPECT_EQ(*list, R"({"result":["btcusdt@bookTicker"],"id":8})");
  svc_->set_book("BTCUSDT", price::must_parse("43000.0"),
                 quantity::must_parse("1"), price::must_parse("43002.0"),
                 quantity::must_parse("1"));
  ASSERT_TRUE(ws.wait_containing("\"e\":\"bookTicker\""));
  ws.send_text(
    R"({"method":"UNSUBSCRIBE","params":["btcusdt@bookTicker"],"id":9})");
  ASSERT_TRUE(ws.wait_containing(R"({"result":null,"id":9})"));
  ws.send_text("not json");
  auto err = ws.wait_containing("\"code\":3");
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("Invalid JSON"), std::string::npos);
}

TEST_F(binance_service_test, user_stream_gets_order_trade_update_after_fill) {
  auto lk = listen_key();
  ASSERT_FALSE(lk.empty());
  ws_probe ws{runner_, svc_->urls().ws_user + "/" + lk, ca()};
  ASSERT_TRUE(ws.wait_connected());
  auto r = send(vb::new_order(
    order("fill1", side::buy, "0.01", "43010.0", time_in_force::ioc), btcusdt(),
    signing(), creds()));
  ASSERT_EQ(r.status, 200u) << r.body;
  const instrument insts[] = {btcusdt()};
  auto f = ws.wait_frame([&](const std::string& s) {
    auto e = vb::parse_user_frame(parser_, s, insts);
    auto* u = e ? std::get_if<vb::order_trade_update>(&*e) : nullptr;
    return u && u->execution == vb::execution_type::trade;
  });
  ASSERT_TRUE(f);
  auto e = vb::parse_user_frame(parser_, *f, insts);
  ASSERT_TRUE(e.has_value());
  auto& u = std::get<vb::order_trade_update>(*e);
  EXPECT_EQ(u.update.id.view(), "fill1");
  EXPECT_EQ(u.update.cum_qty, quantity::must_parse("0.01"));
  ASSERT_TRUE(u.update.last_fill);
  EXPECT_EQ(u.update.last_fill->px, price::must_parse("43010"));
  // ACCOUNT_UPDATE follows the fill on the same stream.
  EXPECT_TRUE(ws.wait_containing("\"e\":\"ACCOUNT_UPDATE\""));
}

TEST_F(binance_service_test, an_unknown_listen_key_is_refused) {
  ws_probe ws{runner_, svc_->urls().ws_user + "/" + std::string(64, 'f'), ca()};
  auto e = ws.wait_error();
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, net::net_error::upgrade_refused);
}

TEST_F(binance_service_test,
       an_expired_listen_key_sends_its_event_then_is_refused) {
  auto lk = listen_key();
  ws_probe ws{runner_, svc_->urls().ws_user + "/" + lk, ca()};
  ASSERT_TRUE(ws.wait_connected());
  svc_->with_venue([](auto& v) { v.faults().expire_listen_keys_now(); });
  auto f = ws.wait_containing("listenKeyExpired");
  ASSERT_TRUE(f);
  const instrument insts[] = {btcusdt()};
  auto e = vb::parse_user_frame(parser_, *f, insts);
  ASSERT_TRUE(e.has_value());
  EXPECT_NE(std::get_if<vb::listen_key_expired>(&*e), nullptr);
  ws_probe again{runner_, svc_->urls().ws_user + "/" + lk, ca()};
  auto err = again.wait_error();
  ASSERT_TRUE(err);
  EXPECT_EQ(*err, net::net_error::upgrade_refused);
}

TEST_F(binance_service_test, the_pump_fires_count_down_cancel_all) {
  auto lk = listen_key();
  ws_probe ws{runner_, svc_->urls().ws_user + "/" + lk, ca()};
  ASSERT_TRUE(ws.wait_connected());
  auto r = send(vb::new_order(
    order("rest1", side::buy, "0.01", "42000.0", time_in_force::gtc), btcusdt(),
    signing(), creds()));
  ASSERT_EQ(r.status, 200u) << r.body;
  r = send(vb::countdown_cancel_all("BTCUSDT", 50ms, signing(), creds()));
  ASSERT_EQ(r.status, 200u) << r.body;
  // Nothing but the pump can cancel it: no further request is sent.
  ASSERT_TRUE(ws.wait_containing("\"X\":\"CANCELED\""));
  EXPECT_EQ(svc_->with_venue([](auto& v) { return v.open_order_count(key); }),
            0u);
}

TEST_F(binance_service_test,
       all_open_orders_cancels_every_order_of_the_symbol) {
  auto lk = listen_key();
  ws_probe ws{runner_, svc_->urls().ws_user + "/" + lk, ca()};
  ASSERT_TRUE(ws.wait_connected());
  net::http_client::response last;
  for (auto id : {"all1", "all2", "all3"}) {
    last = send(
      vb::new_order(order(id, side::buy, "0.01", "42000.0", time_in_force::gtc),
                    btcusdt(), signing(), creds()));
    ASSERT_EQ(last.status, 200u) << last.body;
  }
  auto r = send(vb::cancel_all_orders("BTCUSDT", signing(), creds()));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.body, "{\"code\":200,\"msg\":\"The operation of cancel all open "
                    "order is done.\"}");
  EXPECT_TRUE(vb::parse_cancel_all(parser_, r.body).has_value());
  // Weight 1, like the real endpoint (a new order costs no IP weight).
  auto used = [](const net::http_client::response& x) {
    return std::stoll(std::string{x.header("X-MBX-USED-WEIGHT-1M").value()});
  };
  EXPECT_EQ(used(r) - used(last), 1);
  EXPECT_EQ(svc_->with_venue([](auto& v) { return v.open_order_count(key); }),
            0u);
  // One ORDER_TRADE_UPDATE CANCELED per order, as single cancels push.
  for (auto id : {"all1", "all2", "all3"})
    ASSERT_TRUE(ws.wait_frame([&](const std::string& f) {
      return f.find("\"X\":\"CANCELED\"") != std::string::npos
             && f.find(std::string{"\"c\":\""} + id + "\"")
                  != std::string::npos;
    }))
      << id;
  // Nothing left: the same request succeeds and cancels nothing.
  r = send(vb::cancel_all_orders("BTCUSDT", signing(), creds()));
  EXPECT_EQ(r.status, 200u) << r.body;
  // An unknown symbol is refused like every symbol-taking endpoint.
  r = send(vb::cancel_all_orders("ETHUSDT", signing(), creds()));
  EXPECT_EQ(r.status, 400u) << r.body;
  EXPECT_EQ(error_of(r).code, std::optional<int>{-1121});
}
