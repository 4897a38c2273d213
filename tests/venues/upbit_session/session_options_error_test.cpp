// The factory refuses settings it cannot work with, with a clear message
// that never holds the secret.
#include "venues/upbit/session.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;

namespace {

session_options good() {
  session_options o;
  o.access_key = "access";
  o.secret_key = "s3cr3t-never-shown";
  return o;
}

std::string refusal(const session_options& o) {
  auto s = session(o);
  EXPECT_FALSE(s);
  if (s)
    return {};
  EXPECT_EQ(s.error().find("s3cr3t"), std::string::npos);
  return s.error();
}

} // namespace

TEST(venues_upbit_session_options_error, defaults_build) {
  auto s = session(good());
  ASSERT_TRUE(s) << s.error();
  EXPECT_EQ((*s)->venue(), venue::upbit);
  // Not started: no rules yet, and stop is harmless.
  EXPECT_FALSE((*s)->instrument_of("KRW-BTC"));
  (*s)->stop();
  (*s)->stop();
}

TEST(venues_upbit_session_options_error, keys_are_required) {
  auto o = good();
  o.secret_key.clear();
  EXPECT_NE(refusal(o).find("secret_key"), std::string::npos);
  o = good();
  o.access_key.clear();
  EXPECT_NE(refusal(o).find("access_key"), std::string::npos);
}

TEST(venues_upbit_session_options_error, markets_must_be_codes) {
  auto o = good();
  o.markets = {"KRW-BTC", "btc-krw"};
  EXPECT_NE(refusal(o).find("btc-krw"), std::string::npos);
  o.markets.clear();
  EXPECT_NE(refusal(o).find("markets"), std::string::npos);
}

TEST(venues_upbit_session_options_error, plain_urls_only_to_loopback) {
  auto o = good();
  o.rest_url = "http://api.upbit.com";
  EXPECT_NE(refusal(o).find("insecure_scheme_refused"), std::string::npos);
  o = good();
  o.ws_private_url = "ws://example.com/websocket/v1/private";
  EXPECT_NE(refusal(o).find("ws_private_url"), std::string::npos);
  o = good();
  o.ws_url = "ftp://x";
  EXPECT_NE(refusal(o).find("ws_url"), std::string::npos);
}

TEST(venues_upbit_session_options_error, ca_file_must_exist) {
  auto o = good();
  o.ca_file = "/nonexistent/ca.pem";
  EXPECT_NE(refusal(o).find("ca_file_unreadable"), std::string::npos);
}

TEST(venues_upbit_session_options_error, orderbook_levels) {
  auto o = good();
  o.orderbook_levels = 10;
  EXPECT_NE(refusal(o).find("orderbook_levels"), std::string::npos);
  o.orderbook_levels = 15;
  EXPECT_TRUE(session(o));
}
