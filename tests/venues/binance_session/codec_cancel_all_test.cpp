// DELETE /fapi/v1/allOpenOrders: the builder signs what it sends, and the
// answer parser accepts only Binance's {"code":200,...} acknowledgement.
#include "venues/binance/codec_cancel_all.hpp"

#include "venues/binance/signing.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::binance;

namespace {

constexpr std::string_view key = "cancel-all-key";
constexpr std::string_view secret = "cancel-all-secret";

TEST(codec_cancel_all, builds_a_signed_delete_for_one_symbol) {
  auto r = cancel_all_orders("BTCUSDT", {1700000000000, 5000}, {key, secret});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->method, http_method::del);
  EXPECT_EQ(r->path, "/fapi/v1/allOpenOrders");
  EXPECT_TRUE(r->body.empty());
  EXPECT_EQ(r->header("X-MBX-APIKEY"), key);
  EXPECT_TRUE(r->query.starts_with(
    "symbol=BTCUSDT&recvWindow=5000&timestamp=1700000000000&signature="))
    << r->query;
  auto v = verify_request(r->query, r->body, secret);
  ASSERT_TRUE(v) << static_cast<int>(v.error());
  // The secret itself never goes on the wire.
  EXPECT_EQ(r->target().find(secret), std::string::npos);
}

TEST(codec_cancel_all, refuses_what_it_cannot_sign) {
  EXPECT_EQ(cancel_all_orders("", {1700000000000, {}}, {key, secret}).error(),
            venue_error::invalid_parameter);
  EXPECT_EQ(cancel_all_orders("BTCUSDT", {0, {}}, {key, secret}).error(),
            venue_error::invalid_parameter);
  EXPECT_EQ(
    cancel_all_orders("BTCUSDT", {1700000000000, 60001}, {key, secret}).error(),
    venue_error::invalid_parameter);
  EXPECT_EQ(
    cancel_all_orders("BTCUSDT", {1700000000000, {}}, {"", secret}).error(),
    venue_error::invalid_parameter);
  EXPECT_EQ(
    cancel_all_orders("BTCUSDT", {1700000000000, {}}, {key, ""}).error(),
    venue_error::auth_failed);
}

TEST(codec_cancel_all, parses_the_acknowledgement) {
  simdjson::dom::parser p;
  auto ok = parse_cancel_all(
    p,
    R"({"code":200,"msg":"The operation of cancel all open order is done."})");
  ASSERT_TRUE(ok);
  EXPECT_TRUE(*ok);
}

TEST(codec_cancel_all, refuses_anything_else) {
  simdjson::dom::parser p;
  for (std::string_view body :
       {R"({"code":-2011,"msg":"Unknown order sent."})", R"({"msg":"done"})",
        R"({"code":"200"})", "[]", "", "{\"code\":200", "not json"}) {
    auto r = parse_cancel_all(p, body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error(), venue_error::malformed_response) << body;
  }
}

} // namespace
