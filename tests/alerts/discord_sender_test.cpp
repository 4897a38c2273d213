// The Discord sender against a local webhook server on real loopback
// sockets with TLS: the path, method, content type and payload it POSTs,
// how each answer is classified, and that the webhook URL (a secret) never
// reaches a log line.
#include "alerts/discord_sender.hpp"

#include "alerts/discord_payload.hpp"
#include "venues/net/io/io_runner.hpp"
#include "webhook_fixture.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <future>

using namespace tandem;
using namespace tandem::alerts;
using namespace tandem::alerts::testing;
using namespace std::chrono_literals;

namespace {

class alerts_discord_sender : public ::testing::Test {
 protected:
  void SetUp() override { runner_.start(); }
  void TearDown() override {
    sender_.reset(); // shut down before the runner stops
    runner_.stop();
  }

  discord_sender& sender(std::string url) {
    discord_sender::options o;
    o.ca_file = pki_.ca_file();
    auto s = discord_sender::make(runner_, secret{std::move(url)}, o);
    EXPECT_TRUE(s) << net::to_string(s.error());
    sender_ = std::move(*s);
    return *sender_;
  }

  /// Sends `body` and waits for its outcome.
  send_outcome send(discord_sender& s, std::string body) {
    auto p = std::make_shared<std::promise<send_outcome>>();
    auto f = p->get_future();
    s.send(std::move(body), [p](send_outcome o) { p->set_value(o); });
    if (f.wait_for(guard) != std::future_status::ready) {
      ADD_FAILURE() << "no outcome within the guard timeout";
      return {};
    }
    return f.get();
  }

  alert sample() {
    alert a;
    a.severity = severity::critical;
    a.kind = alert_kind::halt;
    a.title = "Trading HALTED: daily_loss_limit";
    a.summary = "loss \"-3.1%\"\nof capital";
    a.fields = {{"pair", "p-1", true}};
    return a;
  }

  log_capture log_; // first: outlives every thread that logs
  net::testing::test_pki pki_;
  net::io_runner runner_;
  std::unique_ptr<discord_sender> sender_;
};

std::string rate_limit_body(std::string_view retry_after) {
  return R"({"message": "You are being rate limited.", "retry_after": )"
         + std::string{retry_after} + R"(, "global": false})";
}

} // namespace

TEST_F(alerts_discord_sender, posts_the_payload_as_json_to_the_webhook_path) {
  webhook_server hook{pki_};
  auto& s = sender(hook.webhook_url());
  auto body = build_discord_payload(sample());
  auto o = send(s, body);
  EXPECT_EQ(o.what, send_outcome::kind::delivered);
  EXPECT_EQ(o.status, 204u);
  auto seen = hook.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, std::string{posted_path} + "?wait=true");
  EXPECT_EQ(seen[0].content_type, "application/json");
  EXPECT_EQ(seen[0].body, body);
  // What the server parses is what the alert said.
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(seen[0].body).get(root), simdjson::SUCCESS);
  std::string_view content, description;
  ASSERT_EQ(root["content"].get(content), simdjson::SUCCESS);
  EXPECT_EQ(content, "[CRITICAL] Trading HALTED: daily_loss_limit");
  ASSERT_EQ(root["embeds"].at(0)["description"].get(description),
            simdjson::SUCCESS);
  EXPECT_EQ(description, "loss \"-3.1%\"\nof capital");
}

TEST_F(alerts_discord_sender, existing_query_gets_wait_appended) {
  webhook_server hook{pki_};
  auto& s = sender(hook.webhook_url() + "?thread_id=42");
  EXPECT_EQ(send(s, "{}").what, send_outcome::kind::delivered);
  ASSERT_EQ(hook.seen().size(), 1u);
  EXPECT_EQ(hook.seen()[0].target,
            std::string{posted_path} + "?thread_id=42&wait=true");
}

TEST_F(alerts_discord_sender, a_versioned_path_is_kept_as_given) {
  webhook_server hook{pki_};
  auto url = hook.webhook_url();
  url.replace(url.find("/api/webhooks/"), 14, "/api/v9/webhooks/");
  auto& s = sender(url);
  EXPECT_EQ(send(s, "{}").what, send_outcome::kind::delivered);
  ASSERT_EQ(hook.seen().size(), 1u);
  EXPECT_EQ(
    hook.seen()[0].target.rfind("/api/v9/webhooks/112233445566778899/", 0), 0u)
    << hook.seen()[0].target;
}

TEST_F(alerts_discord_sender, a_429_carries_the_bodys_retry_after) {
  webhook_server hook{pki_};
  hook.script(
    {{429, {{"Content-Type", "application/json"}}, rate_limit_body("0.35")}});
  auto& s = sender(hook.webhook_url());
  auto o = send(s, "{}");
  EXPECT_EQ(o.what, send_outcome::kind::rate_limited);
  EXPECT_EQ(o.wait, 350ms);
  EXPECT_FALSE(o.global);
  EXPECT_EQ(send(s, "{}").what, send_outcome::kind::delivered);
  EXPECT_NE(log_.text().find("event=alert.rate_limited status=429 "
                             "retry_after_ms=350"),
            std::string::npos)
    << log_.text();
}

TEST_F(alerts_discord_sender, exhausted_bucket_headers_ask_for_a_hold) {
  webhook_server hook{pki_};
  hook.script(
    {{200,
      {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset-After", "2.125"}},
      R"({"id":"1"})"}});
  auto& s = sender(hook.webhook_url());
  auto o = send(s, "{}");
  EXPECT_EQ(o.what, send_outcome::kind::delivered);
  EXPECT_EQ(o.wait, 2125ms);
}

TEST_F(alerts_discord_sender, server_errors_fail_client_errors_are_rejected) {
  webhook_server hook{pki_};
  hook.script(
    {{503, {}, "upstream"},
     {400, {}, R"({"message": "Invalid Form Body", "code": 50035})"}});
  auto& s = sender(hook.webhook_url());
  auto a = send(s, "{}");
  EXPECT_EQ(a.what, send_outcome::kind::failed);
  EXPECT_EQ(a.status, 503u);
  auto b = send(s, "{}");
  EXPECT_EQ(b.what, send_outcome::kind::rejected);
  EXPECT_EQ(b.status, 400u);
  EXPECT_NE(log_.text().find("event=alert.rejected status=400 body=\"{\"message"
                             "\": \"Invalid Form Body\""),
            std::string::npos)
    << log_.text();
}

TEST_F(alerts_discord_sender, no_listener_is_a_failure_to_retry) {
  std::string url;
  {
    webhook_server gone{pki_};
    url = gone.webhook_url();
  } // closed: nothing listens on that port any more
  auto& s = sender(url);
  auto o = send(s, "{}");
  EXPECT_EQ(o.what, send_outcome::kind::failed);
  EXPECT_EQ(o.status, 0u);
  EXPECT_NE(log_.text().find("event=alert.send_failed error=connect_failed"),
            std::string::npos)
    << log_.text();
}

TEST_F(alerts_discord_sender, webhook_url_and_token_never_reach_the_log) {
  webhook_server hook{pki_};
  // Answers that echo the request target, as a proxy's error page might.
  auto echo = std::string{"not found: "} + std::string{webhook_path}
              + "?wait=true token=" + std::string{webhook_token};
  hook.script({{429, {}, rate_limit_body("0.001")},
               {500, {}, echo},
               {404, {}, echo},
               {401, {}, std::string{webhook_token}}});
  auto& s = sender(hook.webhook_url());
  for (int i = 0; i < 4; ++i)
    send(s, build_discord_payload(sample()));
  auto text = log_.text();
  // Something was logged for each answer...
  EXPECT_NE(text.find("status=429"), std::string::npos) << text;
  EXPECT_NE(text.find("status=500"), std::string::npos) << text;
  EXPECT_NE(text.find("status=404"), std::string::npos) << text;
  EXPECT_NE(text.find("status=401"), std::string::npos) << text;
  // ...and none of it names the secret.
  EXPECT_EQ(text.find(webhook_token), std::string::npos) << text;
  EXPECT_EQ(text.find("112233445566778899"), std::string::npos) << text;
  EXPECT_EQ(text.find(hook.webhook_url()), std::string::npos) << text;
}

TEST_F(alerts_discord_sender, bad_urls_are_refused_without_echoing_them) {
  discord_sender::options o;
  auto plain = discord_sender::make(
    runner_, secret{"http://discord.com/api/webhooks/1/tok-abcdefgh"}, o);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error(), net::net_error::insecure_scheme_refused);
  auto junk = discord_sender::make(runner_, secret{"discord webhook"}, o);
  ASSERT_FALSE(junk);
  EXPECT_EQ(junk.error(), net::net_error::bad_url);
  EXPECT_EQ(log_.text().find("tok-abcdefgh"), std::string::npos);
}
