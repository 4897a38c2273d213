#include "venues/net/io/ws_client.hpp"

#include "test_pki.hpp"
#include "test_server.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::net;
using namespace tandem::net::testing;
using namespace std::chrono_literals;

namespace {

struct net_io_ws_client_error : ::testing::Test {
  test_pki pki;
  io_runner runner;
  ws_events events;

  void SetUp() override { runner.start(); }

  ws_client::options opts(std::string url) {
    ws_client::options o;
    o.url = std::move(url);
    o.ca_file = pki.ca_file();
    o.reconnect_base = 10ms;
    o.reconnect_max = 100ms;
    return o;
  }

  std::unique_ptr<ws_client> client(ws_client::options o) {
    auto c = ws_client::make(runner, std::move(o), events.handlers());
    EXPECT_TRUE(c) << to_string(c.error());
    return c ? std::move(*c) : nullptr;
  }
};

} // namespace

TEST_F(net_io_ws_client_error, stalled_stream_is_idle_timeout) {
  test_server srv{&pki, ws_behavior::silent};
  auto o = opts(srv.url("wss"));
  o.idle_timeout = 200ms; // and no pings: nothing arrives at all
  auto c = client(std::move(o));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(events.wait([&] { return !events.drops.empty(); }));
  EXPECT_EQ(events.drops[0], net_error::idle_timeout);
  EXPECT_EQ(events.connected, 1);
}

TEST_F(net_io_ws_client_error, untrusted_ca_is_certificate_rejected) {
  test_server srv{&pki, ws_behavior::echo};
  auto o = opts(srv.url("wss"));
  o.ca_file.reset();
  auto c = client(std::move(o));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(events.wait([&] { return !events.drops.empty(); }));
  EXPECT_EQ(events.drops[0], net_error::certificate_rejected);
  EXPECT_EQ(events.connected, 0);
}

TEST_F(net_io_ws_client_error, non_websocket_answer_is_upgrade_refused) {
  test_server srv{&pki, [](const received_request&) {
                    return canned_response{200, {}, "not a websocket", true};
                  }};
  auto c = client(opts(srv.url("wss")));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(events.wait([&] { return !events.drops.empty(); }));
  EXPECT_EQ(events.drops[0], net_error::upgrade_refused);
}

TEST_F(net_io_ws_client_error, retries_with_backoff_until_closed) {
  std::string url;
  {
    test_server gone{&pki, ws_behavior::echo};
    url = gone.url("wss");
  }
  auto c = client(opts(url));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(events.wait([&] { return events.drops.size() >= 3; }));
  c->close();
  ASSERT_TRUE(events.wait([&] { return events.closed == 1; }));
  EXPECT_EQ(events.drops[0], net_error::connect_failed);
  EXPECT_EQ(events.connected, 0);
}

TEST_F(net_io_ws_client_error, plain_ws_to_a_remote_host_refused_at_make) {
  ws_client::options o;
  o.url = "ws://stream.binance.com:9443/ws";
  auto c = ws_client::make(runner, o, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), net_error::insecure_scheme_refused);
}

TEST_F(net_io_ws_client_error, http_scheme_is_bad_url) {
  ws_client::options o;
  o.url = "https://api.upbit.com/websocket/v1";
  auto c = ws_client::make(runner, o, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), net_error::bad_url);
}

TEST_F(net_io_ws_client_error, oversized_message_is_message_too_large) {
  test_server srv{&pki, ws_behavior::echo};
  auto o = opts(srv.url("wss"));
  o.max_message_bytes = 16;
  ws_client* self = nullptr;
  auto c = ws_client::make(runner, std::move(o), events.handlers([&self] {
    self->send_text(std::string(16, 'a'));  // exactly the limit: delivered
    self->send_text(std::string(100, 'x')); // echoed back: too big for us
  }));
  ASSERT_TRUE(c);
  self = c->get();
  (*c)->start();
  ASSERT_TRUE(events.wait([&] { return !events.drops.empty(); }));
  EXPECT_EQ(events.drops[0], net_error::message_too_large);
  ASSERT_EQ(events.messages.size(), 1u);
  EXPECT_EQ(events.messages[0].first, std::string(16, 'a'));
}
