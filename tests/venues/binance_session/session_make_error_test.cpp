// session::make refuses unusable options with a clear message that never
// names the secret, and requests before start() fail at once.
#include "venues/binance/session.hpp"

#include <gtest/gtest.h>

#include <future>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::binance;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view secret = "make-test-secret-do-not-log";

session_options valid() {
  session_options o;
  o.rest_url = "https://127.0.0.1:1";
  o.ws_url = "wss://127.0.0.1:1/ws";
  o.ws_user_url = "wss://127.0.0.1:1/ws";
  o.api_key = "make-test-key";
  o.secret = std::string{secret};
  o.symbols = {"BTCUSDT"};
  return o;
}

std::string refusal(session_options o) {
  auto s = session::make(std::move(o));
  EXPECT_FALSE(s);
  if (s)
    return {};
  EXPECT_EQ(s.error().find(secret), std::string::npos) << s.error();
  return s.error();
}

TEST(session_make, valid_options_make_a_binance_session) {
  auto s = session::make(valid());
  ASSERT_TRUE(s) << s.error();
  EXPECT_EQ((*s)->venue(), venue::binance);
  EXPECT_FALSE((*s)->instrument_of("BTCUSDT").has_value());
}

TEST(session_make, refuses_missing_credentials) {
  auto o = valid();
  o.api_key.clear();
  EXPECT_NE(refusal(o).find("API key"), std::string::npos);
  o = valid();
  o.secret.clear();
  EXPECT_NE(refusal(o).find("secret"), std::string::npos);
}

TEST(session_make, refuses_out_of_range_settings) {
  auto o = valid();
  o.recv_window_ms = 60001;
  EXPECT_NE(refusal(o).find("recv_window_ms"), std::string::npos);
  o = valid();
  o.leverage = 0;
  EXPECT_NE(refusal(o).find("leverage"), std::string::npos);
  o = valid();
  o.leverage = 126;
  EXPECT_NE(refusal(o).find("leverage"), std::string::npos);
  o = valid();
  o.countdown = 1000ms;
  o.countdown_refresh = 1000ms;
  EXPECT_NE(refusal(o).find("countdown_refresh"), std::string::npos);
  o = valid();
  o.symbols = {""};
  EXPECT_NE(refusal(o).find("symbol"), std::string::npos);
}

TEST(session_make, refuses_plain_urls_off_loopback) {
  auto o = valid();
  o.rest_url = "http://fapi.binance.com";
  EXPECT_NE(refusal(o).find("insecure_scheme_refused"), std::string::npos);
  o = valid();
  o.ws_url = "ws://fstream.binance.com/ws";
  EXPECT_NE(refusal(o).find("insecure_scheme_refused"), std::string::npos);
  o = valid();
  o.ws_user_url = "ftp://x";
  EXPECT_NE(refusal(o).find("bad_url"), std::string::npos);
}

TEST(session_make, refuses_an_unreadable_ca_file) {
  auto o = valid();
  o.ca_file = "/nonexistent/ca.pem";
  EXPECT_NE(refusal(o).find("ca_file_unreadable"), std::string::npos);
}

TEST(session_make, requests_before_start_fail_at_once) {
  auto s = session::make(valid());
  ASSERT_TRUE(s) << s.error();
  std::promise<venue_result<std::vector<balance>>> p;
  auto f = p.get_future();
  (*s)->balances(
    [&](venue_result<std::vector<balance>> r) { p.set_value(std::move(r)); });
  ASSERT_EQ(f.wait_for(30s), std::future_status::ready);
  auto r = f.get();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("not started"), std::string::npos);
}

} // namespace
