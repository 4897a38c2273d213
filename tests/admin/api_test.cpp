#include "admin/api.hpp"

#include <gtest/gtest.h>

namespace tandem::admin {
namespace {

command parse(std::string_view method, std::string_view path,
              std::string_view body = {}) {
  auto r = find_route(method, path);
  EXPECT_TRUE(r.has_value()) << method << ' ' << path;
  if (!r)
    return status_request{};
  auto c = parse_command(**r, body);
  EXPECT_TRUE(c.has_value()) << (c ? "" : c.error().message);
  return c ? *c : command{status_request{}};
}

TEST(admin_api, every_query_route_needs_read_only) {
  for (auto path : {"/v1/status", "/v1/premium", "/v1/positions", "/v1/orders",
                    "/v1/pairs", "/v1/pnl", "/metrics", "/v1/events"}) {
    auto r = find_route("GET", path);
    ASSERT_TRUE(r.has_value()) << path;
    EXPECT_EQ((*r)->needs, role::read_only) << path;
  }
}

TEST(admin_api, every_post_route_needs_operator) {
  for (const auto& r : routes()) {
    if (r.method == "POST") {
      EXPECT_EQ(r.needs, role::operator_) << r.path;
    }
  }
  EXPECT_EQ((*find_route("GET", "/healthz"))->needs, role::anonymous);
}

TEST(admin_api, queries_become_their_requests) {
  EXPECT_TRUE(
    std::holds_alternative<status_request>(parse("GET", "/v1/status")));
  EXPECT_TRUE(
    std::holds_alternative<premium_request>(parse("GET", "/v1/premium")));
  EXPECT_TRUE(
    std::holds_alternative<positions_request>(parse("GET", "/v1/positions")));
  EXPECT_TRUE(
    std::holds_alternative<orders_request>(parse("GET", "/v1/orders")));
  EXPECT_TRUE(std::holds_alternative<pairs_request>(parse("GET", "/v1/pairs")));
  EXPECT_TRUE(std::holds_alternative<pnl_request>(parse("GET", "/v1/pnl")));
  EXPECT_TRUE(
    std::holds_alternative<metrics_request>(parse("GET", "/metrics")));
}

TEST(admin_api, pause_and_resume_default_to_kimchi) {
  auto p = parse("POST", "/v1/strategy/pause");
  ASSERT_TRUE(std::holds_alternative<pause_command>(p));
  EXPECT_EQ(std::get<pause_command>(p).strategy, "kimchi");
  auto r = parse("POST", "/v1/strategy/resume", R"({"strategy":"staged"})");
  ASSERT_TRUE(std::holds_alternative<resume_command>(r));
  EXPECT_EQ(std::get<resume_command>(r).strategy, "staged");
  EXPECT_EQ(name_of(r), "resume");
}

TEST(admin_api, set_takes_strings_and_integers) {
  auto s
    = parse("POST", "/v1/params", R"({"name":"kimchi.entry_bps","value":180})");
  ASSERT_TRUE(std::holds_alternative<set_param_command>(s));
  const auto& p = std::get<set_param_command>(s).param;
  EXPECT_EQ(p.name, "kimchi.entry_bps");
  EXPECT_EQ(std::get<std::int64_t>(p.value), 180);
  auto q = parse("POST", "/v1/params",
                 R"({"value":"0.002", "name":"kimchi.order_qty"})");
  EXPECT_EQ(std::get<quantity>(std::get<set_param_command>(q).param.value),
            quantity::must_parse("0.002"));
}

TEST(admin_api, commands_without_parameters_take_an_empty_body) {
  EXPECT_TRUE(std::holds_alternative<cancel_all_command>(
    parse("POST", "/v1/cancel-all")));
  EXPECT_TRUE(std::holds_alternative<cancel_all_command>(
    parse("POST", "/v1/cancel-all", " {} ")));
  EXPECT_TRUE(std::holds_alternative<flatten_command>(
    parse("POST", "/v1/flatten", "\n")));
}

TEST(admin_api, halt_and_clear_carry_the_trimmed_reason) {
  auto h = parse("POST", "/v1/halt", R"({"reason":"  exchange maintenance "})");
  ASSERT_TRUE(std::holds_alternative<halt_command>(h));
  EXPECT_EQ(std::get<halt_command>(h).reason, "exchange maintenance");
  auto c = parse("POST", "/v1/halt/clear", R"({"reason":"\ud55c\uad6d ok"})");
  ASSERT_TRUE(std::holds_alternative<clear_halt_command>(c));
  EXPECT_EQ(std::get<clear_halt_command>(c).reason,
            "\xed\x95\x9c\xea\xb5\xad ok");
  EXPECT_EQ(name_of(c), "clear");
}

TEST(admin_api, who_of_reaches_the_requester_of_any_command) {
  command c = halt_command{{}, "x"};
  who_of(c).name = "alice";
  EXPECT_EQ(std::get<halt_command>(c).who.name, "alice");
}

} // namespace
} // namespace tandem::admin
