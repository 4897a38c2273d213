#include "venues/net/io/http_client.hpp"

#include "test_pki.hpp"
#include "test_server.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::net;
using namespace tandem::net::testing;
using namespace std::chrono_literals;

namespace {

std::optional<canned_response> ok(const received_request&) {
  return canned_response{200, {}, "ok", true};
}

struct net_io_http_client_error : ::testing::Test {
  test_pki pki;
  io_runner runner;

  void SetUp() override { runner.start(); }

  http_client::options opts(std::string base) {
    http_client::options o;
    o.base_url = std::move(base);
    o.ca_file = pki.ca_file();
    return o;
  }

  std::unique_ptr<http_client> client(const http_client::options& o) {
    auto c = http_client::make(runner, o);
    EXPECT_TRUE(c) << to_string(c.error());
    return c ? std::move(*c) : nullptr;
  }
};

} // namespace

TEST_F(net_io_http_client_error, untrusted_ca_is_certificate_rejected) {
  test_server srv{&pki, ok};
  auto o = opts(srv.url("https"));
  o.ca_file.reset(); // system store: does not know our test CA
  auto c = client(o);
  ASSERT_TRUE(c);
  auto r = call(*c, {"GET", "/", {}, {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, net_error::certificate_rejected);
  EXPECT_FALSE(r.error().request_sent);
  EXPECT_TRUE(srv.requests().empty());
}

TEST_F(net_io_http_client_error, host_name_mismatch_is_certificate_rejected) {
  // Trusted CA, but the certificate is for IP 127.0.0.1, not "localhost".
  test_server srv{&pki, ok};
  auto c = client(opts(srv.url("https", "localhost")));
  ASSERT_TRUE(c);
  auto r = call(*c, {"GET", "/", {}, {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, net_error::certificate_rejected);
  EXPECT_FALSE(r.error().request_sent);
}

TEST_F(net_io_http_client_error, plain_http_to_a_remote_host_refused_at_make) {
  http_client::options o;
  o.base_url = "http://api.upbit.com";
  auto c = http_client::make(runner, o);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), net_error::insecure_scheme_refused);
}

TEST_F(net_io_http_client_error, bad_urls_refused_at_make) {
  for (const char* u :
       {"api.upbit.com", "ftp://x.org", "wss://api.upbit.com", "https://"}) {
    http_client::options o;
    o.base_url = u;
    auto c = http_client::make(runner, o);
    ASSERT_FALSE(c) << u;
    EXPECT_EQ(c.error(), net_error::bad_url) << u;
  }
}

TEST_F(net_io_http_client_error, unreadable_ca_file_refused_at_make) {
  auto o = opts("https://127.0.0.1:1");
  o.ca_file = pki.dir() + "/missing.pem";
  auto c = http_client::make(runner, o);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), net_error::ca_file_unreadable);
  o.ca_file = pki.key_file(); // exists, but holds no certificate
  c = http_client::make(runner, o);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), net_error::ca_file_unreadable);
}

TEST_F(net_io_http_client_error, silent_server_is_request_timeout_after_send) {
  test_server srv{&pki, [](const received_request&) {
                    return std::optional<canned_response>{};
                  }};
  auto o = opts(srv.url("https"));
  o.request_timeout = 300ms;
  auto c = client(o);
  ASSERT_TRUE(c);
  auto r = call(*c, {"POST", "/v1/orders", {}, "{}"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, net_error::request_timeout);
  // The venue got it: the order's outcome is unknown, so it is not resent.
  EXPECT_TRUE(r.error().request_sent);
  EXPECT_EQ(srv.requests().size(), 1u);
}

TEST_F(net_io_http_client_error, oversized_body_is_message_too_large) {
  test_server srv{
    &pki, [](const received_request&) {
      return canned_response{200, {}, std::string(4096, 'x'), true};
    }};
  auto o = opts(srv.url("https"));
  o.max_response_body_bytes = 1024;
  auto c = client(o);
  ASSERT_TRUE(c);
  auto r = call(*c, {"GET", "/", {}, {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, net_error::message_too_large);
  EXPECT_TRUE(r.error().request_sent);
}

TEST_F(net_io_http_client_error, refused_connection_is_connect_failed) {
  std::string url;
  {
    test_server gone{&pki, ok};
    url = gone.url("https");
  } // closed: nothing listens on that port any more
  auto c = client(opts(url));
  ASSERT_TRUE(c);
  auto r = call(*c, {"GET", "/", {}, {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, net_error::connect_failed);
  EXPECT_FALSE(r.error().request_sent);
}

TEST_F(net_io_http_client_error, tls_to_a_plain_server_is_handshake_failed) {
  test_server srv{nullptr, ok};
  auto c = client(opts(srv.url("https")));
  ASSERT_TRUE(c);
  auto r = call(*c, {"GET", "/", {}, {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, net_error::tls_handshake_failed);
  EXPECT_FALSE(r.error().request_sent);
}

TEST_F(net_io_http_client_error, shutdown_fails_in_flight_with_shut_down) {
  test_server srv{&pki, [](const received_request&) {
                    return std::optional<canned_response>{};
                  }};
  auto c = client(opts(srv.url("https")));
  ASSERT_TRUE(c);
  auto p = std::make_shared<std::promise<http_result>>();
  auto f = p->get_future();
  c->async_request({"GET", "/", {}, {}},
                   [p](http_result r) { p->set_value(std::move(r)); });
  ASSERT_TRUE(srv.wait_accepted(1));
  c.reset(); // the destructor shuts down and answers before returning
  ASSERT_EQ(f.wait_for(0s), std::future_status::ready);
  auto r = f.get();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, net_error::shut_down);
}
