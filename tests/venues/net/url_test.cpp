#include "venues/net/url.hpp"

#include <gtest/gtest.h>

using namespace tandem::net;

TEST(net_url, parses_venue_urls) {
  auto u = parse_url("https://api.upbit.com/v1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "api.upbit.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->target, "/v1");
  EXPECT_EQ(u->host_header(), "api.upbit.com");
  auto w = parse_url("wss://fstream.binance.com/ws");
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->is_tls());
  auto l = parse_url("http://127.0.0.1:18080");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->port, 18080);
  EXPECT_EQ(l->target, "/");
  EXPECT_EQ(l->host_header(), "127.0.0.1:18080");
  auto v6 = parse_url("ws://[::1]:9000/ws?x=1");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->target, "/ws?x=1");
  EXPECT_EQ(v6->host_header(), "[::1]:9000");
}

TEST(net_url, malformed_urls) {
  for (auto s : {"", "api.upbit.com", "ftp://x", "https://", "https://:443",
                 "https://h:0", "https://h:70000", "https://h:12a",
                 "https://user@h/", "https://[::1/"})
    EXPECT_EQ(parse_url(s).error(), net_error::bad_url) << s;
}

TEST(net_url, plain_schemes_only_to_loopback) {
  EXPECT_TRUE(parse_venue_url("http://127.0.0.1:1"));
  EXPECT_TRUE(parse_venue_url("ws://127.1.2.3:1"));
  EXPECT_TRUE(parse_venue_url("http://localhost:1"));
  EXPECT_TRUE(parse_venue_url("ws://[::1]:1"));
  EXPECT_TRUE(parse_venue_url("https://api.upbit.com"));
  for (auto s : {"http://api.upbit.com", "ws://fstream.binance.com/ws",
                 "http://10.0.0.1", "http://128.0.0.1", "http://127.0.0.1.evil",
                 "http://127.0.0", "http://localhost.evil.com"})
    EXPECT_EQ(parse_venue_url(s).error(), net_error::insecure_scheme_refused)
      << s;
}
