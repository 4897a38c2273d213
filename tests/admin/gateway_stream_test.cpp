// The event stream (WS /v1/events), /healthz, /metrics, and TLS.
#include "tests/admin/gateway_fixture.hpp"
#include "tests/admin/prometheus_text_parser.hpp"
#include "tests/venues/net_io/test_pki.hpp"

#include "config/load.hpp"

#include <cstdlib>
#include <sys/stat.h>

namespace tandem::admin::test {
namespace {

class admin_gateway_stream_test : public gateway_fixture {
 protected:
  void SetUp() override {
    gateway_fixture::SetUp();
    start_gateway();
  }

  /// Connects an event client with `token`; waits until it is connected.
  std::unique_ptr<net::ws_client> connect(ws_log& log, std::string_view token) {
    net::ws_client::options o;
    o.url = gw_->base_url(true) + "/v1/events";
    o.headers.emplace_back("Authorization", "Bearer " + std::string(token));
    auto c = net::ws_client::make(runner_, o, log.handlers());
    EXPECT_TRUE(c.has_value());
    if (!c)
      return nullptr;
    (*c)->start();
    EXPECT_TRUE(log.wait([&] { return log.connected > 0; }));
    return std::move(*c);
  }
};

TEST_F(admin_gateway_stream_test, events_stream_as_json_frames) {
  ws_log log;
  auto ws = connect(log, readonly_token);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(gw_->event_clients(), 1u);

  fill f;
  f.order_id = *client_order_id::make("tdm-1-5");
  f.trade_id = "t1";
  f.venue = venue::upbit;
  f.symbol = "KRW-BTC";
  f.side = side::buy;
  f.qty = quantity::must_parse("0.001");
  f.px = price::must_parse("145000000");
  steer(fake_publish{fill_event{f, "pair-9"}});
  steer(fake_publish{pair_settlement_event{
    "pair-9", "sig-9", settlement_outcome::hedged, money::zero(), "", {}}});
  // A halt from the console shows up as a status change and an alert.
  ASSERT_EQ(post("/v1/halt", R"({"reason":"drill"})").status, 200u);
  ASSERT_TRUE(log.wait([&] { return log.frames.size() >= 4; }))
    << log.frames.size();
  std::lock_guard lock{log.mtx};
  json_body a(log.frames[0]);
  EXPECT_EQ(a.str("/type"), "fill");
  EXPECT_EQ(a.str("/order_id"), "tdm-1-5");
  EXPECT_EQ(a.str("/pair_id"), "pair-9");
  json_body b(log.frames[1]);
  EXPECT_EQ(b.str("/type"), "pair_settlement");
  EXPECT_EQ(b.str("/outcome"), "hedged");
  json_body c(log.frames[2]);
  EXPECT_EQ(c.str("/type"), "status_change");
  EXPECT_EQ(c.str("/change"), "halted");
  EXPECT_EQ(c.str("/detail"), "drill");
  json_body d(log.frames[3]);
  EXPECT_EQ(d.str("/type"), "alert");
  EXPECT_EQ(d.str("/severity"), "critical");
  for (const auto& frame : log.frames)
    EXPECT_EQ(frame.find('\n'), std::string::npos) << "one line per event";
}

TEST_F(admin_gateway_stream_test, every_event_client_gets_every_event) {
  ws_log one;
  ws_log two;
  auto a = connect(one, readonly_token);
  auto b = connect(two, operator_token);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  steer(fake_publish{
    alert_event{alert_severity::warning, "rate limit", "upbit 429", {}}});
  EXPECT_TRUE(one.wait([&] { return one.frames.size() == 1; }));
  EXPECT_TRUE(two.wait([&] { return two.frames.size() == 1; }));
  a->shutdown();
  // The gateway notices the closed connection.
  auto m = get("/metrics");
  EXPECT_NE(m.body.find("tandem_admin_events_total{type=\"alert\"} 1"),
            std::string::npos)
    << m.body;
}

TEST_F(admin_gateway_stream_test, event_upgrade_needs_a_token) {
  std::vector<net::http_header> upgrade{
    {"Connection", "Upgrade"},
    {"Upgrade", "websocket"},
    {"Sec-WebSocket-Version", "13"},
    {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
  auto none = call("GET", "/v1/events", {}, "", upgrade);
  EXPECT_EQ(none.status, 401u);
  auto wrong = call("GET", "/v1/events", {}, "nope-nope-nope", upgrade);
  EXPECT_EQ(wrong.status, 401u);
  auto elsewhere = call("GET", "/v1/other", {}, readonly_token, upgrade);
  EXPECT_EQ(elsewhere.status, 404u);
  EXPECT_EQ(gw_->event_clients(), 0u);

  ws_log log;
  net::ws_client::options o;
  o.url = gw_->base_url(true) + "/v1/events";
  o.reconnect_base = std::chrono::milliseconds{1000};
  auto c = net::ws_client::make(runner_, o, log.handlers());
  ASSERT_TRUE(c.has_value());
  (*c)->start();
  EXPECT_TRUE(log.wait([&] { return !log.drops.empty(); }));
  (*c)->shutdown();
  EXPECT_EQ(log.connected, 0);
}

TEST_F(admin_gateway_stream_test, healthz_follows_venues_and_halt) {
  // No token needed.
  auto ok = get("/healthz", "");
  ASSERT_EQ(ok.status, 200u) << ok.body;
  json_body j(ok.body);
  EXPECT_TRUE(j.flag("/healthy"));
  EXPECT_EQ(j.size("/problems"), 0u);

  steer(fake_venue{venue::binance, false});
  auto down = get("/healthz", "");
  EXPECT_EQ(down.status, 503u);
  EXPECT_EQ(json_body(down.body).str("/problems/0"),
            "venue binance disconnected");
  steer(fake_venue{venue::binance, true});
  EXPECT_EQ(get("/healthz", "").status, 200u);

  ASSERT_EQ(post("/v1/halt", R"({"reason":"x"})").status, 200u);
  auto halted = get("/healthz", "");
  EXPECT_EQ(halted.status, 503u);
  json_body h(halted.body);
  EXPECT_EQ(h.str("/problems/0"), "halted");
  // It says halted, not why: the reason is for authenticated readers.
  EXPECT_EQ(halted.body.find("\"x\""), std::string::npos);
  ASSERT_EQ(post("/v1/halt/clear", R"({"reason":"y"})").status, 200u);
  EXPECT_EQ(get("/healthz", "").status, 200u);
  EXPECT_EQ(post("/healthz").status, 405u);
}

TEST_F(admin_gateway_stream_test, metrics_parse_as_prometheus_text) {
  ASSERT_EQ(get("/v1/status").status, 200u);
  EXPECT_EQ(get("/metrics", "").status, 401u);
  auto m = get("/metrics");
  ASSERT_EQ(m.status, 200u) << m.body;
  EXPECT_EQ(m.content_type, "text/plain; version=0.0.4; charset=utf-8");
  auto parsed = parse_prometheus_text(m.body);
  ASSERT_TRUE(parsed.ok()) << parsed.error << "\n" << m.body;
  // The engine's families...
  const auto* orders = parsed.find("tandem_orders_total");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->samples.at(0).labels.at("venue"), "upbit");
  EXPECT_EQ(orders->samples.at(0).value, 3);
  ASSERT_NE(parsed.find("tandem_tick_to_trade_seconds"), nullptr);
  EXPECT_EQ(parsed.find("tandem_tick_to_trade_seconds")->type, "histogram");
  EXPECT_EQ(parsed.find("tandem_halted")->samples.at(0).value, 0);
  // ...and the gateway's, counting the requests before this one.
  const auto* req = parsed.find("tandem_admin_requests_total");
  ASSERT_NE(req, nullptr);
  bool status_ok = false;
  bool unauthenticated = false;
  for (const auto& s : req->samples) {
    status_ok = status_ok
                || (s.labels.at("route") == "status"
                    && s.labels.at("code") == "200" && s.value == 1);
    unauthenticated = unauthenticated
                      || (s.labels.at("route") == "unauthenticated"
                          && s.labels.at("code") == "401");
  }
  EXPECT_TRUE(status_ok) << m.body;
  EXPECT_TRUE(unauthenticated) << m.body;
}

class admin_gateway_tls_test : public gateway_fixture {
 protected:
  net::testing::test_pki pki_;
};

TEST_F(admin_gateway_tls_test, serves_https_and_wss) {
  ca_file_ = pki_.ca_file();
  start_gateway(std::chrono::milliseconds{5000},
                actors::admin_tls_files{pki_.cert_file(), pki_.key_file()});
  EXPECT_EQ(gw_->base_url(false).substr(0, 8), "https://");
  auto r = get("/v1/status");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(json_body(r.body).str("/instance"), "fake");
  EXPECT_EQ(get("/v1/status", "").status, 401u);

  ws_log log;
  net::ws_client::options o;
  o.url = gw_->base_url(true) + "/v1/events";
  o.ca_file = pki_.ca_file();
  o.headers.emplace_back("Authorization",
                         "Bearer " + std::string(readonly_token));
  auto c = net::ws_client::make(runner_, o, log.handlers());
  ASSERT_TRUE(c.has_value());
  (*c)->start();
  ASSERT_TRUE(log.wait([&] { return log.connected > 0; }));
  steer(fake_publish{alert_event{alert_severity::info, "hello", "", {}}});
  EXPECT_TRUE(log.wait([&] { return log.frames.size() == 1; }));
  (*c)->shutdown();
}

// [console] as an operator writes it: TLS from cert_file/key_file (checked
// by the loader), bound to every address; a request over TLS on loopback.
TEST_F(admin_gateway_tls_test, tls_and_bind_address_from_the_console_config) {
  ASSERT_EQ(::chmod(pki_.key_file().c_str(), 0600), 0);
  ::setenv("TDM_GW_TEST_OP", std::string(operator_token).c_str(), 1);
  ::setenv("TDM_GW_TEST_RO", std::string(readonly_token).c_str(), 1);
  auto cfg = config::load_config_text(
    "[console]\nbind = \"0.0.0.0\"\nport = 8787\ntls = true\n"
    "cert_file = \""
      + pki_.cert_file() + "\"\nkey_file = \"" + pki_.key_file()
      + "\"\noperator_token_env = \"TDM_GW_TEST_OP\"\n"
        "readonly_token_env = \"TDM_GW_TEST_RO\"\n",
    "console.toml");
  ::unsetenv("TDM_GW_TEST_OP");
  ::unsetenv("TDM_GW_TEST_RO");
  ASSERT_TRUE(cfg.has_value()) << tandem::to_string(cfg.error());
  auto o = actors::admin_gateway_options_from(cfg->console);
  ASSERT_TRUE(o.has_value()) << o.error();
  EXPECT_EQ(o->bind, "0.0.0.0");
  o->port = 0; // a free port, not 8787
  ca_file_ = pki_.ca_file();
  start_gateway_with(std::move(*o));
  // Every address includes loopback, which the URL names.
  EXPECT_EQ(gw_->base_url(false).substr(0, 18), "https://127.0.0.1:");
  auto r = get("/v1/status", readonly_token);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(json_body(r.body).str("/instance"), "fake");
  EXPECT_EQ(get("/v1/status", "").status, 401u);
}

} // namespace
} // namespace tandem::admin::test
