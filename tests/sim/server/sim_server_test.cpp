#include "sim/server/sim_server.hpp"

#include "test_pki.hpp"
#include "venues/net/io/http_client.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/io/ws_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>

using namespace tandem;
using namespace std::chrono_literals;

namespace {

// A failure guard for waits; the synchronisation is the future itself.
constexpr auto guard = 10s;

sim::server_options plain() { return sim::server_options{}; }

sim::server_options bind_any() {
  sim::server_options o;
  o.bind = "0.0.0.0";
  return o;
}

net::ws_client::options fast_reconnect(net::ws_client::options o) {
  o.reconnect_base = 10ms;
  o.reconnect_max = 50ms;
  return o;
}

net::ws_client::options idle(net::ws_client::options o,
                             std::chrono::milliseconds d) {
  o.idle_timeout = d;
  return o;
}

sim::server_options with_tls(sim::tls_files f) {
  sim::server_options o;
  o.tls = std::move(f);
  return o;
}

net::http_client::options http_opts(std::string url,
                                    std::optional<std::string> ca = {}) {
  net::http_client::options o;
  o.base_url = std::move(url);
  o.ca_file = std::move(ca);
  return o;
}

net::ws_client::options ws_opts(std::string url,
                                std::optional<std::string> ca = {}) {
  net::ws_client::options o;
  o.url = std::move(url);
  o.ca_file = std::move(ca);
  return o;
}

class sim_server_test : public ::testing::Test {
 protected:
  void SetUp() override { runner_.start(); }
  void TearDown() override { runner_.stop(); }

  sim::tls_files tls() const { return {pki_.cert_file(), pki_.key_file()}; }

  net::http_client::response get(net::http_client& c,
                                 net::http_client::request req) {
    std::promise<
      result<net::http_client::response, net::http_client::error_info>>
      p;
    auto f = p.get_future();
    c.async_request(std::move(req), [&p](auto r) { p.set_value(r); });
    EXPECT_EQ(f.wait_for(guard), std::future_status::ready);
    auto r = f.get();
    EXPECT_TRUE(r) << (r ? "" : std::string{net::to_string(r.error().code)});
    return r ? *r : net::http_client::response{};
  }

  net::testing::test_pki pki_;
  net::io_runner runner_;
};

} // namespace

TEST_F(sim_server_test, https_request_reaches_the_handler_and_back) {
  auto srv
    = sim::sim_server::start(with_tls(tls()), [](const sim::server_request& r) {
        return sim::server_response{
          201,
          {{"X-MBX-USED-WEIGHT-1M", "7"}},
          std::string{r.method} + " " + std::string{r.path()} + " "
            + std::string{r.query()} + " " + r.body + " "
            + std::string{r.header("x-mbx-apikey")}};
      });
  ASSERT_TRUE(srv) << srv.error();
  auto c = net::http_client::make(
    runner_, http_opts((*srv)->base_url(false), pki_.ca_file()));
  ASSERT_TRUE(c);
  auto res = get(
    **c,
    {"POST", "/fapi/v1/order?symbol=BTCUSDT", {{"X-MBX-APIKEY", "k1"}}, "a=1"});
  EXPECT_EQ(res.status, 201u);
  EXPECT_EQ(res.body, "POST /fapi/v1/order symbol=BTCUSDT a=1 k1");
  EXPECT_EQ(res.header("x-mbx-used-weight-1m"), "7");
}

TEST_F(sim_server_test, keep_alive_serves_many_requests_on_one_connection) {
  auto srv = sim::sim_server::start(with_tls(tls()), [](const auto&) {
    return sim::server_response{200, {}, "ok"};
  });
  ASSERT_TRUE(srv);
  auto c = net::http_client::make(
    runner_, http_opts((*srv)->base_url(false), pki_.ca_file()));
  ASSERT_TRUE(c);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(get(**c, {}).body, "ok");
  EXPECT_EQ((*srv)->accepted(), 1u);
}

TEST_F(sim_server_test, added_latency_delays_but_answers) {
  auto srv = sim::sim_server::start(plain(), [](const auto&) {
    return sim::server_response{200, {}, "late"};
  });
  ASSERT_TRUE(srv);
  (*srv)->set_latency(20ms);
  auto c = net::http_client::make(runner_, http_opts((*srv)->base_url(false)));
  ASSERT_TRUE(c);
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(get(**c, {}).body, "late");
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 20ms);
}

TEST_F(sim_server_test, websocket_push_and_resubscribe_after_a_drop) {
  std::mutex mu;
  std::vector<std::string> subscriptions;
  sim::sim_server* raw = nullptr;
  sim::ws_handlers ws;
  ws.on_open
    = [](std::uint64_t,
         const sim::server_request& up) -> std::optional<sim::server_response> {
    if (up.path() != "/ws")
      return sim::server_response{404, {}, "no such stream"};
    return std::nullopt;
  };
  ws.on_message = [&](std::uint64_t conn, std::string_view data, bool) {
    {
      std::lock_guard lk{mu};
      subscriptions.emplace_back(data);
    }
    // Answer each subscription with one binary market-data frame.
    raw->send(conn, "book:" + std::string{data}, true);
  };
  auto srv = sim::sim_server::start(
    with_tls(tls()), [](const auto&) { return sim::server_response{}; }, ws);
  ASSERT_TRUE(srv);
  raw = srv->get();

  std::promise<void> first, second;
  std::atomic<int> frames{0};
  std::atomic<int> connects{0};
  std::atomic<bool> saw_binary{false};
  net::ws_client* client = nullptr;
  net::ws_client::handlers h;
  h.on_connected = [&] {
    ++connects;
    client->send_text("sub:BTCUSDT");
  };
  std::atomic<int> drops{0};
  h.on_disconnected = [&](net::net_error) {
    ++drops;
  };
  h.on_message = [&](std::string_view data, bool binary) {
    if (data == "book:sub:BTCUSDT" && binary)
      saw_binary = true;
    auto n = ++frames;
    if (n == 1)
      first.set_value();
    if (n == 2)
      second.set_value();
  };
  auto c = net::ws_client::make(
    runner_,
    fast_reconnect(ws_opts((*srv)->base_url(true) + "/ws", pki_.ca_file())), h);
  ASSERT_TRUE(c);
  client = c->get();
  client->start();
  ASSERT_EQ(first.get_future().wait_for(guard), std::future_status::ready);
  EXPECT_TRUE(saw_binary);
  (*srv)->drop_all(); // the venue crashes; the client must come back
  ASSERT_EQ(second.get_future().wait_for(guard), std::future_status::ready)
    << "connects=" << connects << " frames=" << frames << " drops=" << drops
    << " accepted=" << (*srv)->accepted();
  EXPECT_EQ(connects.load(), 2);
  EXPECT_EQ(drops.load(), 1);
  std::lock_guard lk{mu};
  EXPECT_EQ(subscriptions,
            (std::vector<std::string>{"sub:BTCUSDT", "sub:BTCUSDT"}));
  client->shutdown();
}

TEST_F(sim_server_test, refused_upgrade_is_seen_by_the_client) {
  sim::ws_handlers ws;
  ws.on_open = [](std::uint64_t, const sim::server_request&) {
    return std::optional{sim::server_response{401, {}, "bad token"}};
  };
  auto srv = sim::sim_server::start(
    plain(), [](const auto&) { return sim::server_response{}; }, ws);
  ASSERT_TRUE(srv);
  std::promise<net::net_error> why;
  std::atomic<bool> once{false};
  net::ws_client::handlers h;
  h.on_disconnected = [&](net::net_error e) {
    if (!once.exchange(true))
      why.set_value(e);
  };
  auto c = net::ws_client::make(
    runner_, ws_opts((*srv)->base_url(true) + "/private"), h);
  ASSERT_TRUE(c);
  (*c)->start();
  auto f = why.get_future();
  ASSERT_EQ(f.wait_for(guard), std::future_status::ready);
  EXPECT_EQ(f.get(), net::net_error::upgrade_refused);
  (*c)->shutdown();
}

TEST_F(sim_server_test, a_stalled_stream_trips_the_clients_idle_timeout) {
  sim::sim_server* raw = nullptr;
  sim::ws_handlers ws;
  ws.on_message = [&](std::uint64_t conn, std::string_view, bool) {
    raw->send(conn, "never arrives while stalled", false);
  };
  auto srv = sim::sim_server::start(
    plain(), [](const auto&) { return sim::server_response{}; }, ws);
  ASSERT_TRUE(srv);
  raw = srv->get();
  (*srv)->set_stalled(true);
  std::promise<net::net_error> why;
  std::atomic<bool> once{false};
  std::atomic<int> got{0};
  net::ws_client* client = nullptr;
  net::ws_client::handlers h;
  h.on_connected = [&] {
    client->send_text("sub");
  };
  h.on_message = [&](std::string_view, bool) {
    ++got;
  };
  h.on_disconnected = [&](net::net_error e) {
    if (!once.exchange(true))
      why.set_value(e);
  };
  auto c = net::ws_client::make(
    runner_, idle(ws_opts((*srv)->base_url(true) + "/ws"), 200ms), h);
  ASSERT_TRUE(c);
  client = c->get();
  client->start();
  auto f = why.get_future();
  ASSERT_EQ(f.wait_for(guard), std::future_status::ready);
  EXPECT_EQ(f.get(), net::net_error::idle_timeout);
  EXPECT_EQ(got.load(), 0);
  client->shutdown();
}

TEST(sim_server_error, refuses_a_non_loopback_bind_address) {
  auto srv = sim::sim_server::start(
    bind_any(), [](const auto&) { return sim::server_response{}; });
  ASSERT_FALSE(srv);
  EXPECT_NE(srv.error().find("not a loopback address"), std::string::npos);
}

TEST(sim_server_error, refuses_an_unreadable_certificate) {
  auto srv = sim::sim_server::start(
    with_tls(sim::tls_files{"/nonexistent/cert.pem", "/nonexistent/key.pem"}),
    [](const auto&) { return sim::server_response{}; });
  ASSERT_FALSE(srv);
  EXPECT_NE(srv.error().find("/nonexistent/cert.pem"), std::string::npos);
}
