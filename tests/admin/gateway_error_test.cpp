// The gateway's refusals: tokens, roles, routes, bodies, a silent or dead
// engine. None of them may reach the engine, and none may log a token.
#include "log/logging.hpp"
#include "tests/admin/gateway_fixture.hpp"

#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

namespace tandem::admin::test {
namespace {

class admin_gateway_error_test : public gateway_fixture {
 protected:
  void SetUp() override {
    gateway_fixture::SetUp();
    logging::log_settings s;
    s.level = logging::log_level::debug;
    logging::init_with_sinks(
      s, {std::make_shared<spdlog::sinks::ostream_sink_mt>(log_, true)});
    start_gateway();
  }
  void TearDown() override {
    gateway_fixture::TearDown();
    (void)logging::init({});
  }
  std::string log_text() {
    logging::flush();
    return log_.str();
  }

  std::ostringstream log_;
};

void expect_error(const http_answer& r, unsigned status,
                  std::string_view field = {}) {
  EXPECT_EQ(r.status, status) << r.body;
  json_body j(r.body);
  EXPECT_FALSE(j.str("/error").empty());
  if (field.empty())
    EXPECT_TRUE(j.root.at_pointer("/field").is_null()) << r.body;
  else
    EXPECT_EQ(j.str("/field"), field) << r.body;
}

TEST_F(admin_gateway_error_test, no_token_is_401_with_a_bearer_challenge) {
  auto r = get("/v1/status", "");
  expect_error(r, 401, "Authorization");
  EXPECT_EQ(r.header("WWW-Authenticate"), "Bearer realm=\"tandem\"");
  EXPECT_TRUE(journal().empty());
}

TEST_F(admin_gateway_error_test, wrong_token_is_401_and_never_logged) {
  auto r = get("/v1/status", "wrong-token-9876543210");
  expect_error(r, 401, "Authorization");
  auto basic = call("GET", "/v1/status", {}, "",
                    {{"Authorization", "Basic b3A6dG9rZW4="}});
  expect_error(basic, 401, "Authorization");
  auto text = log_text();
  EXPECT_NE(text.find("event=admin.auth_refused"), std::string::npos) << text;
  EXPECT_NE(text.find("reason=unknown_token"), std::string::npos) << text;
  EXPECT_NE(text.find("reason=not_bearer"), std::string::npos) << text;
  EXPECT_EQ(text.find("wrong-token-9876543210"), std::string::npos) << text;
  EXPECT_EQ(text.find("b3A6dG9rZW4"), std::string::npos) << text;
  EXPECT_TRUE(journal().empty());
}

TEST_F(admin_gateway_error_test, tokens_never_reach_the_log_on_success) {
  ASSERT_EQ(post("/v1/halt", R"({"reason":"x"})").status, 200u);
  ASSERT_EQ(get("/v1/status").status, 200u);
  auto text = log_text();
  EXPECT_NE(text.find("event=admin.request"), std::string::npos) << text;
  EXPECT_EQ(text.find(operator_token), std::string::npos);
  EXPECT_EQ(text.find(readonly_token), std::string::npos);
}

TEST_F(admin_gateway_error_test, read_only_token_cannot_halt_or_trade) {
  for (auto path :
       {"/v1/halt", "/v1/halt/clear", "/v1/strategy/pause",
        "/v1/strategy/resume", "/v1/params", "/v1/cancel-all", "/v1/flatten"}) {
    auto r = post(path, R"({"reason":"x"})", readonly_token);
    expect_error(r, 403);
  }
  EXPECT_TRUE(journal().empty()) << "a refused command reached the engine";
  EXPECT_NE(log_text().find("event=admin.forbidden"), std::string::npos);
  EXPECT_FALSE(json_body(get("/v1/status").body).flag("/halted"));
}

TEST_F(admin_gateway_error_test, bad_parameters_are_400_naming_the_field) {
  expect_error(post("/v1/params", R"({"name":"kimchi.entry_bps","value":"x"})"),
               400, "kimchi.entry_bps");
  expect_error(
    post("/v1/params", R"({"name":"kimchi.entry_bps","value":99999})"), 400,
    "kimchi.entry_bps");
  expect_error(post("/v1/params", R"({"name":"kimchi.bogus","value":1})"), 400,
               "name");
  expect_error(
    post("/v1/params", R"({"name":"kimchi.order_qty","value":"-1"})"), 400,
    "kimchi.order_qty");
  expect_error(post("/v1/params", R"({"name":"kimchi.entry_bps"})"), 400,
               "value");
  expect_error(post("/v1/halt", "{}"), 400, "reason");
  expect_error(post("/v1/halt", R"({"reason":""})"), 400, "reason");
  expect_error(post("/v1/halt/clear", R"({"why":"x"})"), 400, "why");
  EXPECT_TRUE(journal().empty());
}

TEST_F(admin_gateway_error_test, malformed_json_is_400_and_the_engine_runs_on) {
  expect_error(post("/v1/halt", R"({"reason":)"), 400, "body");
  expect_error(post("/v1/params", "[]"), 400, "body");
  expect_error(post("/v1/halt", "\xff\xfe"), 400, "body");
  EXPECT_EQ(get("/v1/status").status, 200u);
}

TEST_F(admin_gateway_error_test, unknown_routes_and_methods) {
  expect_error(get("/v1/bogus"), 404, "path");
  expect_error(post("/v1/status/extra"), 404, "path");
  // Without a token the route is not even looked at.
  expect_error(get("/v1/bogus", ""), 401, "Authorization");
  auto wrong = get("/v1/halt", operator_token);
  expect_error(wrong, 405, "method");
  EXPECT_EQ(wrong.header("Allow"), "POST");
  expect_error(call("DELETE", "/v1/params", {}, operator_token), 405, "method");
  // The event stream only speaks WebSocket.
  expect_error(get("/v1/events"), 426);
  EXPECT_TRUE(journal().empty());
}

TEST_F(admin_gateway_error_test, a_dead_engine_is_503) {
  caf::scoped_actor self{*sys_};
  self->send_exit(engine_, caf::exit_reason::kill);
  self->wait_for(engine_);
  expect_error(get("/v1/status"), 503);
  auto h = get("/healthz", "");
  EXPECT_EQ(h.status, 503u);
  EXPECT_EQ(json_body(h.body).str("/problems/0"), "engine not answering");
}

class admin_gateway_timeout_test : public gateway_fixture {
 protected:
  void SetUp() override {
    gateway_fixture::SetUp();
    start_gateway(std::chrono::milliseconds{200});
  }
};

TEST_F(admin_gateway_timeout_test, a_silent_engine_is_504_and_counted) {
  steer(fake_stall{true});
  auto r = get("/v1/status");
  expect_error(r, 504);
  EXPECT_NE(json_body(r.body).str("/error").find("200 ms"), std::string::npos);
  auto h = post("/v1/halt", R"({"reason":"x"})");
  expect_error(h, 504);
  auto health = get("/healthz", "");
  EXPECT_EQ(health.status, 503u);
  steer(fake_stall{false});
  auto m = get("/metrics");
  ASSERT_EQ(m.status, 200u) << m.body;
  EXPECT_NE(m.body.find("tandem_admin_engine_timeouts_total 3\n"),
            std::string::npos)
    << m.body;
  EXPECT_NE(
    m.body.find("tandem_admin_requests_total{route=\"status\",code=\"504\"} 1"),
    std::string::npos)
    << m.body;
}

TEST(admin_gateway_start, refuses_bad_settings) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto engine = spawn_fake_engine(sys);
  auto typed = caf::actor_cast<actors::engine_control_actor>(engine);
  actors::admin_gateway_options o;
  o.port = 0;
  auto none = actors::admin_gateway::start(sys, typed, o);
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().find("no console token"), std::string::npos);
  o.tokens.operator_token = secret{"op-token-0123456789"};
  o.bind = "console.example";
  auto bad = actors::admin_gateway::start(sys, typed, o);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().find("bad bind address console.example"),
            std::string::npos)
    << bad.error();
  caf::anon_send_exit(engine, caf::exit_reason::user_shutdown);
}

TEST(admin_gateway_start, options_come_from_the_console_config) {
  config::console_config c;
  c.port = 9999;
  c.operator_token = secret{"op-token-0123456789"};
  auto o = actors::admin_gateway_options_from(c);
  ASSERT_TRUE(o.has_value()) << o.error();
  EXPECT_EQ(o->bind, "127.0.0.1");
  EXPECT_EQ(o->port, 9999);
  EXPECT_FALSE(o->tls.has_value());
  c.tls = true;
  auto no_files = actors::admin_gateway_options_from(c);
  ASSERT_FALSE(no_files.has_value());
  EXPECT_NE(no_files.error().find("console.tls"), std::string::npos);
  EXPECT_NE(no_files.error().find("console.cert_file"), std::string::npos);
  c.cert_file = "console.crt";
  c.key_file = "console.key";
  auto from_config = actors::admin_gateway_options_from(c);
  ASSERT_TRUE(from_config.has_value()) << from_config.error();
  EXPECT_EQ(from_config->tls->cert_chain_file, "console.crt");
  EXPECT_EQ(from_config->tls->private_key_file, "console.key");
  auto with_files = actors::admin_gateway_options_from(
    c, actors::admin_tls_files{"cert.pem", "key.pem"});
  ASSERT_TRUE(with_files.has_value());
  EXPECT_EQ(with_files->tls->cert_chain_file, "cert.pem");
  c.operator_token = secret{};
  EXPECT_FALSE(actors::admin_gateway_options_from(c).has_value());
}

} // namespace
} // namespace tandem::admin::test
