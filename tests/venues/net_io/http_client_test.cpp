#include "venues/net/io/http_client.hpp"

#include "test_pki.hpp"
#include "test_server.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::net;
using namespace tandem::net::testing;

namespace {

/// Answers with what it saw, so a test can check both directions at once.
std::optional<canned_response> echo(const received_request& r) {
  canned_response out;
  out.status = 201;
  out.headers = {{"Content-Type", "text/plain"},
                 {"X-Seen-Method", r.method},
                 {"X-Seen-Target", r.target}};
  out.body = r.method + " " + r.target + " " + r.body;
  return out;
}

struct net_io_http_client : ::testing::Test {
  test_pki pki;
  io_runner runner;

  void SetUp() override { runner.start(); }

  std::unique_ptr<http_client> client(std::string base,
                                      std::size_t max_connections = 2) {
    http_client::options o;
    o.base_url = std::move(base);
    o.ca_file = pki.ca_file();
    o.max_connections = max_connections;
    auto c = http_client::make(runner, o);
    EXPECT_TRUE(c) << to_string(c.error());
    return c ? std::move(*c) : nullptr;
  }
};

} // namespace

TEST_F(net_io_http_client, https_get_round_trip_carries_headers_and_body) {
  test_server srv{&pki, echo};
  auto c = client(srv.url("https"));
  ASSERT_TRUE(c);
  auto r
    = call(*c, {"GET", "/v1/ticker?markets=KRW-BTC", {{"X-Test", "1"}}, {}});
  ASSERT_TRUE(r) << to_string(r.error().code);
  EXPECT_EQ(r->status, 201u);
  EXPECT_EQ(r->body, "GET /v1/ticker?markets=KRW-BTC ");
  EXPECT_EQ(r->header("x-seen-method"), "GET");
  EXPECT_EQ(r->header("Content-Type"), "text/plain");
  auto seen = srv.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].header("x-test"), "1");
  // The Host header names the port, as the URL had a non-default one.
  EXPECT_EQ(seen[0].header("Host"), "127.0.0.1:" + std::to_string(srv.port()));
}

TEST_F(net_io_http_client, https_post_sends_body_with_its_length) {
  test_server srv{&pki, echo};
  auto c = client(srv.url("https"));
  ASSERT_TRUE(c);
  std::string body = R"({"market":"KRW-BTC","side":"bid"})";
  auto r = call(
    *c, {"POST", "/v1/orders", {{"Content-Type", "application/json"}}, body});
  ASSERT_TRUE(r) << to_string(r.error().code);
  EXPECT_EQ(r->body, "POST /v1/orders " + body);
  auto seen = srv.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body, body);
  EXPECT_EQ(seen[0].header("Content-Length"), std::to_string(body.size()));
  EXPECT_EQ(seen[0].header("Content-Type"), "application/json");
}

TEST_F(net_io_http_client, base_url_path_prefixes_every_target) {
  test_server srv{&pki, echo};
  auto c = client(srv.url("https") + "/fapi");
  ASSERT_TRUE(c);
  auto r = call(*c, {"DELETE", "/v1/order?symbol=BTCUSDT", {}, {}});
  ASSERT_TRUE(r) << to_string(r.error().code);
  EXPECT_EQ(r->header("X-Seen-Target"), "/fapi/v1/order?symbol=BTCUSDT");
}

TEST_F(net_io_http_client, sequential_requests_reuse_one_connection) {
  test_server srv{&pki, echo};
  auto c = client(srv.url("https"));
  ASSERT_TRUE(c);
  for (int i = 0; i < 3; ++i) {
    auto r = call(*c, {"GET", "/n/" + std::to_string(i), {}, {}});
    ASSERT_TRUE(r) << to_string(r.error().code);
  }
  EXPECT_EQ(srv.requests().size(), 3u);
  EXPECT_EQ(srv.accepted(), 1);
}

TEST_F(net_io_http_client, concurrent_requests_use_at_most_max_connections) {
  test_server srv{&pki, echo};
  auto c = client(srv.url("https"), 2);
  ASSERT_TRUE(c);
  constexpr int n = 6;
  std::vector<std::future<http_result>> results;
  for (int i = 0; i < n; ++i) {
    auto p = std::make_shared<std::promise<http_result>>();
    results.push_back(p->get_future());
    c->async_request({"GET", "/c/" + std::to_string(i), {}, {}},
                     [p](http_result r) { p->set_value(std::move(r)); });
  }
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(results[static_cast<std::size_t>(i)].wait_for(guard),
              std::future_status::ready);
    auto r = results[static_cast<std::size_t>(i)].get();
    ASSERT_TRUE(r) << to_string(r.error().code);
    EXPECT_EQ(r->body, "GET /c/" + std::to_string(i) + " ");
  }
  EXPECT_LE(srv.accepted(), 2);
  EXPECT_GE(srv.accepted(), 1);
}

TEST_F(net_io_http_client, reconnects_when_the_server_closed_an_idle_one) {
  test_server srv{&pki, echo};
  auto c = client(srv.url("https"));
  ASSERT_TRUE(c);
  ASSERT_TRUE(call(*c, {"GET", "/first", {}, {}}));
  // The venue drops the idle keep-alive connection between two requests.
  srv.drop_connections();
  ASSERT_TRUE(srv.wait_closed(1));
  auto r = call(*c, {"GET", "/second", {}, {}});
  ASSERT_TRUE(r) << to_string(r.error().code);
  EXPECT_EQ(r->body, "GET /second ");
  EXPECT_EQ(srv.accepted(), 2);
  EXPECT_EQ(srv.requests().size(), 2u); // sent once, not resent
}

TEST_F(net_io_http_client, connection_close_answer_is_not_reused) {
  test_server srv{&pki, [](const received_request& r) {
                    auto out = echo(r);
                    out->keep_alive = false;
                    return out;
                  }};
  auto c = client(srv.url("https"));
  ASSERT_TRUE(c);
  ASSERT_TRUE(call(*c, {"GET", "/a", {}, {}}));
  ASSERT_TRUE(call(*c, {"GET", "/b", {}, {}}));
  EXPECT_EQ(srv.accepted(), 2);
}

TEST_F(net_io_http_client, plain_http_works_to_loopback) {
  test_server srv{nullptr, echo};
  auto c = client(srv.url("http"));
  ASSERT_TRUE(c);
  auto r = call(*c, {"PUT", "/sim", {}, "x"});
  ASSERT_TRUE(r) << to_string(r.error().code);
  EXPECT_EQ(r->body, "PUT /sim x");
}

TEST_F(net_io_http_client, connection_idle_past_idle_timeout_is_replaced) {
  // Servers drop idle connections on their own schedule; past our idle
  // timeout we do not race them and open a fresh connection instead.
  test_server srv{&pki, echo};
  http_client::options o;
  o.base_url = srv.url("https");
  o.ca_file = pki.ca_file();
  o.idle_timeout = std::chrono::milliseconds{0};
  auto c = http_client::make(runner, o);
  ASSERT_TRUE(c);
  ASSERT_TRUE(call(**c, {"GET", "/a", {}, {}}));
  ASSERT_TRUE(call(**c, {"GET", "/b", {}, {}}));
  EXPECT_EQ(srv.accepted(), 2);
}

TEST_F(net_io_http_client, head_answer_has_no_body_to_wait_for) {
  test_server srv{&pki, echo};
  auto c = client(srv.url("https"));
  ASSERT_TRUE(c);
  auto r = call(*c, {"HEAD", "/exists", {}, {}});
  ASSERT_TRUE(r) << to_string(r.error().code);
  EXPECT_EQ(r->status, 201u);
  EXPECT_TRUE(r->body.empty());
  // And the connection is still in step for the next request.
  auto r2 = call(*c, {"GET", "/next", {}, {}});
  ASSERT_TRUE(r2) << to_string(r2.error().code);
  EXPECT_EQ(r2->body, "GET /next ");
  EXPECT_EQ(srv.accepted(), 1);
}

TEST_F(net_io_http_client, requests_wait_for_the_only_connection) {
  test_server srv{&pki, echo};
  auto c = client(srv.url("https"), 1);
  ASSERT_TRUE(c);
  std::vector<std::future<http_result>> results;
  for (int i = 0; i < 3; ++i) {
    auto p = std::make_shared<std::promise<http_result>>();
    results.push_back(p->get_future());
    c->async_request({"GET", "/q/" + std::to_string(i), {}, {}},
                     [p](http_result r) { p->set_value(std::move(r)); });
  }
  for (auto& f : results) {
    ASSERT_EQ(f.wait_for(guard), std::future_status::ready);
    auto r = f.get();
    ASSERT_TRUE(r) << to_string(r.error().code);
  }
  EXPECT_EQ(srv.accepted(), 1);
  // Queued in order, served in order over the one connection.
  auto seen = srv.requests();
  ASSERT_EQ(seen.size(), 3u);
  for (std::size_t i = 0; i < seen.size(); ++i)
    EXPECT_EQ(seen[i].target, "/q/" + std::to_string(i));
}
