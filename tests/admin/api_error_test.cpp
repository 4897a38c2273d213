#include "admin/api.hpp"

#include <gtest/gtest.h>

namespace tandem::admin {
namespace {

api_error refusal(std::string_view method, std::string_view path,
                  std::string_view body) {
  auto r = find_route(method, path);
  if (!r)
    return r.error();
  auto c = parse_command(**r, body);
  EXPECT_FALSE(c.has_value()) << path << ' ' << body;
  return c ? api_error{} : c.error();
}

TEST(admin_api_error, unknown_path_is_404_naming_the_path) {
  auto e = refusal("GET", "/v1/nope", "");
  EXPECT_EQ(e.status, 404u);
  EXPECT_EQ(e.field, "path");
  EXPECT_NE(e.message.find("/v1/nope"), std::string::npos);
  EXPECT_EQ(refusal("GET", "/v1/status/", "").status, 404u);
  EXPECT_EQ(refusal("GET", "/V1/STATUS", "").status, 404u);
}

TEST(admin_api_error, wrong_method_is_405_with_allow) {
  auto e = refusal("GET", "/v1/halt", "");
  EXPECT_EQ(e.status, 405u);
  EXPECT_EQ(e.allow, "POST");
  EXPECT_EQ(refusal("POST", "/v1/status", "").allow, "GET");
  EXPECT_EQ(refusal("DELETE", "/v1/params", "").status, 405u);
  EXPECT_EQ(refusal("HEAD", "/v1/status", "").status, 405u);
}

TEST(admin_api_error, malformed_json_names_the_body) {
  for (auto body : {"{", "{\"reason\":}", "[1,2]", "\"text\"", "{} {}",
                    "{\"reason\":\"x\",}", "nul"}) {
    auto e = refusal("POST", "/v1/halt", body);
    EXPECT_EQ(e.status, 400u) << body;
    EXPECT_EQ(e.field, "body") << body;
  }
}

TEST(admin_api_error, unknown_and_repeated_members_are_named) {
  auto e = refusal("POST", "/v1/halt", R"({"reason":"x","force":true})");
  EXPECT_EQ(e.field, "force");
  EXPECT_NE(e.message.find("unknown field \"force\""), std::string::npos);
  auto twice = refusal("POST", "/v1/halt", R"({"reason":"a","reason":"b"})");
  EXPECT_EQ(twice.field, "reason");
  EXPECT_NE(twice.message.find("twice"), std::string::npos);
  EXPECT_EQ(refusal("POST", "/v1/cancel-all", R"({"venue":"upbit"})").field,
            "venue");
}

TEST(admin_api_error, halt_and_clear_need_a_real_reason) {
  EXPECT_EQ(refusal("POST", "/v1/halt", "").field, "reason");
  EXPECT_EQ(refusal("POST", "/v1/halt", "{}").field, "reason");
  EXPECT_EQ(refusal("POST", "/v1/halt", R"({"reason":"   "})").field, "reason");
  EXPECT_EQ(refusal("POST", "/v1/halt", R"({"reason":42})").field, "reason");
  EXPECT_EQ(refusal("POST", "/v1/halt/clear", R"({"reason":"a\nb"})").field,
            "reason");
  std::string longest = R"({"reason":")" + std::string(501, 'x') + "\"}";
  EXPECT_EQ(refusal("POST", "/v1/halt/clear", longest).field, "reason");
}

TEST(admin_api_error, set_names_the_field_at_fault) {
  EXPECT_EQ(refusal("POST", "/v1/params", R"({"value":1})").field, "name");
  EXPECT_EQ(
    refusal("POST", "/v1/params", R"({"name":"kimchi.entry_bps"})").field,
    "value");
  EXPECT_EQ(
    refusal("POST", "/v1/params", R"({"name":"kimchi.nope","value":1})").field,
    "name");
  auto range = refusal("POST", "/v1/params",
                       R"({"name":"kimchi.entry_bps","value":"20000"})");
  EXPECT_EQ(range.status, 400u);
  EXPECT_EQ(range.field, "kimchi.entry_bps");
  // A JSON float would pass through double: decimals go in quotes.
  auto flt = refusal("POST", "/v1/params",
                     R"({"name":"kimchi.order_qty","value":0.002})");
  EXPECT_EQ(flt.field, "value");
  EXPECT_NE(flt.message.find("quotes"), std::string::npos);
  EXPECT_EQ(
    refusal("POST", "/v1/params", R"({"name":"kimchi.entry_bps","value":true})")
      .field,
    "value");
}

TEST(admin_api_error, strategy_names_are_checked) {
  EXPECT_EQ(
    refusal("POST", "/v1/strategy/pause", R"({"strategy":"Kimchi!"})").field,
    "strategy");
  EXPECT_EQ(refusal("POST", "/v1/strategy/pause", R"({"strategy":7})").field,
            "strategy");
}

} // namespace
} // namespace tandem::admin
