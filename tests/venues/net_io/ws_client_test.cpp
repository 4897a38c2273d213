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

struct net_io_ws_client : ::testing::Test {
  test_pki pki;
  io_runner runner;
  ws_events events; // outlives the clients, which tests declare later

  void SetUp() override { runner.start(); }

  ws_client::options opts(std::string url) {
    ws_client::options o;
    o.url = std::move(url);
    o.ca_file = pki.ca_file();
    o.reconnect_base = 10ms; // reconnect tests should not idle
    o.reconnect_max = 100ms;
    return o;
  }

  std::unique_ptr<ws_client> client(ws_client::options o,
                                    std::function<void()> on_connected = {}) {
    auto c = ws_client::make(runner, std::move(o),
                             events.handlers(std::move(on_connected)));
    EXPECT_TRUE(c) << to_string(c.error());
    return c ? std::move(*c) : nullptr;
  }
};

} // namespace

TEST_F(net_io_ws_client, wss_echoes_text_and_binary) {
  test_server srv{&pki, ws_behavior::echo};
  auto c = client(opts(srv.url("wss") + "/ws"));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(events.wait([&] { return events.connected == 1; }));
  c->send_text(R"({"method":"SUBSCRIBE"})");
  c->send_binary(std::string{"\x00\x01\xff", 3});
  ASSERT_TRUE(events.wait([&] { return events.messages.size() == 2; }));
  EXPECT_EQ(events.messages[0].first, R"({"method":"SUBSCRIBE"})");
  EXPECT_FALSE(events.messages[0].second);
  EXPECT_EQ(events.messages[1].first, (std::string{"\x00\x01\xff", 3}));
  EXPECT_TRUE(events.messages[1].second);
  EXPECT_EQ(srv.handshakes().at(0).target, "/ws");
  EXPECT_TRUE(events.drops.empty());
}

TEST_F(net_io_ws_client, plain_ws_works_to_loopback) {
  test_server srv{nullptr, ws_behavior::echo};
  auto c = client(opts(srv.url("ws")));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(events.wait([&] { return events.connected == 1; }));
  c->send_text("ping?");
  ASSERT_TRUE(events.wait([&] { return events.messages.size() == 1; }));
  EXPECT_EQ(events.messages[0].first, "ping?");
}

TEST_F(net_io_ws_client, handshake_carries_static_and_fresh_headers) {
  test_server srv{&pki, ws_behavior::echo};
  auto o = opts(srv.url("wss"));
  o.headers = {{"X-Static", "s"}};
  int minted = 0; // runs on the runner thread only
  o.make_headers = [&minted] {
    return ws_client::header_list{
      {"Authorization", "Bearer token-" + std::to_string(++minted)}};
  };
  auto c = client(std::move(o));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(events.wait([&] { return events.connected == 1; }));
  auto hs = srv.handshakes();
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].header("X-Static"), "s");
  EXPECT_EQ(hs[0].header("Authorization"), "Bearer token-1");
}

TEST_F(net_io_ws_client, owner_resubscribes_after_the_server_drops) {
  test_server srv{&pki, ws_behavior::echo};
  ws_client* self = nullptr;
  auto c = client(opts(srv.url("wss")), [&self] {
    self->send_text(R"({"type":"ticker","codes":["KRW-BTC"]})");
  });
  ASSERT_TRUE(c);
  self = c.get();
  c->start();
  ASSERT_TRUE(srv.wait_messages(1));
  srv.drop_connections();
  // Reconnected with backoff, and on_connected subscribed again.
  ASSERT_TRUE(srv.wait_messages(2));
  ASSERT_TRUE(events.wait([&] { return events.connected == 2; }));
  auto seen = srv.messages();
  EXPECT_EQ(seen[0], seen[1]);
  EXPECT_EQ(srv.accepted(), 2);
  std::lock_guard lock{events.mtx};
  ASSERT_EQ(events.drops.size(), 1u);
  EXPECT_EQ(events.drops[0], net_error::connection_closed);
}

TEST_F(net_io_ws_client, client_pings_keep_a_quiet_stream_alive) {
  // The server sends no data, only pongs; with pings at 20 ms, a 150 ms
  // idle timeout must never fire while the server counts many pings.
  test_server srv{&pki, ws_behavior::silent};
  auto o = opts(srv.url("wss"));
  o.ping_interval = 20ms;
  o.idle_timeout = 150ms;
  auto c = client(std::move(o));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(srv.wait_pings(20)); // >= 400 ms of silence but for pongs
  std::lock_guard lock{events.mtx};
  EXPECT_TRUE(events.drops.empty());
  EXPECT_EQ(events.connected, 1);
}

TEST_F(net_io_ws_client, close_sends_the_code_and_stops_reconnecting) {
  test_server srv{&pki, ws_behavior::echo};
  auto c = client(opts(srv.url("wss")));
  ASSERT_TRUE(c);
  c->start();
  ASSERT_TRUE(events.wait([&] { return events.connected == 1; }));
  c->close(4000, "bye");
  ASSERT_TRUE(events.wait([&] { return events.closed == 1; }));
  ASSERT_TRUE(srv.wait_close_codes(1));
  EXPECT_EQ(srv.close_codes()[0], 4000);
  // A send after close goes nowhere, and nothing reconnects.
  c->send_text("late");
  c->shutdown();
  EXPECT_EQ(srv.accepted(), 1);
  EXPECT_TRUE(srv.messages().empty());
  std::lock_guard lock{events.mtx};
  EXPECT_TRUE(events.drops.empty());
}
