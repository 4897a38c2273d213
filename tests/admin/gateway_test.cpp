// Every command through the real API on loopback, against the fake engine.
#include "tests/admin/gateway_fixture.hpp"

namespace tandem::admin::test {
namespace {

class admin_gateway_test : public gateway_fixture {
 protected:
  void SetUp() override {
    gateway_fixture::SetUp();
    start_gateway();
  }
};

TEST_F(admin_gateway_test, status_with_a_read_only_token) {
  auto r = get("/v1/status");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  json_body j(r.body);
  EXPECT_EQ(j.str("/instance"), "fake");
  EXPECT_FALSE(j.flag("/halted"));
  EXPECT_EQ(j.size("/venues"), 2u);
  EXPECT_EQ(j.str("/venues/1/venue"), "binance");
  EXPECT_EQ(j.str("/strategies/0/state"), "running");
  EXPECT_EQ(j.num("/open_orders"), 2);
}

TEST_F(admin_gateway_test, every_query_answers_its_view) {
  json_body premium(get("/v1/premium").body);
  EXPECT_EQ(premium.str("/entry_premium_bps"), "215");
  EXPECT_EQ(premium.num("/entry_bps"), 200);
  json_body positions(get("/v1/positions").body);
  EXPECT_EQ(positions.size("/positions"), 2u);
  EXPECT_EQ(positions.str("/positions/1/qty"), "-0.001");
  json_body orders(get("/v1/orders").body);
  EXPECT_EQ(orders.str("/orders/0/id"), "tdm-1-1");
  EXPECT_EQ(orders.str("/orders/0/created_at"), "2025-01-02T03:04:05.123Z");
  json_body pairs(get("/v1/pairs").body);
  EXPECT_EQ(pairs.str("/open/0/pair_id"), "pair-1");
  EXPECT_EQ(pairs.size("/recent"), 0u);
  json_body pnl(get("/v1/pnl").body);
  EXPECT_EQ(pnl.str("/total_krw"), "11499.5");
}

TEST_F(admin_gateway_test, the_engine_learns_who_asked) {
  auto r = call("POST", "/v1/halt", R"({"reason":"exchange maintenance"})",
                operator_token, {{"X-Tandem-Client", "alice@ops1"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  (void)get("/v1/status"); // no client name: "unknown"
  auto j = journal();
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0].command, "halt");
  EXPECT_EQ(j[0].role, role::operator_);
  EXPECT_EQ(j[0].client, "alice@ops1");
  EXPECT_EQ(j[0].detail, "exchange maintenance");
  EXPECT_EQ(j[1].role, role::read_only);
  EXPECT_EQ(j[1].client, "unknown");
  EXPECT_LT(j[0].request_id, j[1].request_id);
}

TEST_F(admin_gateway_test, pause_and_resume) {
  auto p = post("/v1/strategy/pause");
  ASSERT_EQ(p.status, 200u) << p.body;
  json_body pj(p.body);
  EXPECT_TRUE(pj.flag("/ok"));
  EXPECT_EQ(pj.str("/command"), "pause");
  EXPECT_EQ(json_body(get("/v1/status").body).str("/strategies/0/state"),
            "paused");
  ASSERT_EQ(post("/v1/strategy/resume", R"({"strategy":"kimchi"})").status,
            200u);
  EXPECT_EQ(json_body(get("/v1/status").body).str("/strategies/0/state"),
            "running");
  // The engine's refusal comes through with its status and field.
  auto unknown = post("/v1/strategy/pause", R"({"strategy":"staged"})");
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(json_body(unknown.body).str("/field"), "strategy");
}

TEST_F(admin_gateway_test, set_reports_old_and_new_values) {
  auto r = post("/v1/params", R"({"name":"kimchi.entry_bps","value":"180"})");
  ASSERT_EQ(r.status, 200u) << r.body;
  json_body j(r.body);
  EXPECT_EQ(j.str("/name"), "kimchi.entry_bps");
  EXPECT_EQ(j.str("/old"), "200");
  EXPECT_EQ(j.str("/new"), "180");
  auto q = post("/v1/params", R"({"name":"kimchi.order_qty","value":"0.002"})");
  ASSERT_EQ(q.status, 200u) << q.body;
  EXPECT_EQ(json_body(q.body).str("/old"), "0.001");
  EXPECT_EQ(json_body(get("/v1/premium").body).num("/entry_bps"), 180);
}

TEST_F(admin_gateway_test, set_refused_by_the_engine_names_the_field) {
  // In range, but not above exit_bps (50): only the engine knows that.
  auto r = post("/v1/params", R"({"name":"kimchi.entry_bps","value":40})");
  EXPECT_EQ(r.status, 400u);
  json_body j(r.body);
  EXPECT_EQ(j.str("/field"), "kimchi.entry_bps");
  EXPECT_NE(j.str("/error").find("exit_bps"), std::string::npos);
}

TEST_F(admin_gateway_test, cancel_all_and_flatten_report_what_they_touched) {
  auto c = post("/v1/cancel-all");
  ASSERT_EQ(c.status, 200u) << c.body;
  EXPECT_EQ(json_body(c.body).num("/affected"), 2);
  EXPECT_EQ(json_body(get("/v1/orders").body).size("/orders"), 0u);
  auto f = post("/v1/flatten", "{}");
  ASSERT_EQ(f.status, 200u) << f.body;
  EXPECT_EQ(json_body(f.body).num("/affected"), 2);
  EXPECT_EQ(json_body(get("/v1/positions").body).size("/positions"), 0u);
}

TEST_F(admin_gateway_test, halt_then_clear) {
  auto h = post("/v1/halt", R"({"reason":"manual stop"})");
  ASSERT_EQ(h.status, 200u) << h.body;
  json_body s(get("/v1/status").body);
  EXPECT_TRUE(s.flag("/halted"));
  EXPECT_EQ(s.str("/halt/reason"), "manual stop");
  // Resume is refused while halted: 409 with the engine's words.
  auto resume = post("/v1/strategy/resume");
  EXPECT_EQ(resume.status, 409u);
  EXPECT_NE(json_body(resume.body).str("/error").find("halted"),
            std::string::npos);
  auto c = post("/v1/halt/clear", R"({"reason":"venue back"})");
  ASSERT_EQ(c.status, 200u) << c.body;
  EXPECT_FALSE(json_body(get("/v1/status").body).flag("/halted"));
  EXPECT_EQ(post("/v1/halt/clear", R"({"reason":"again"})").status, 409u);
}

} // namespace
} // namespace tandem::admin::test
