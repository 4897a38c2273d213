// [alerts.discord] to queue settings and a transport.
#include "alerts/discord_setup.hpp"

#include "webhook_fixture.hpp"

#include <gtest/gtest.h>

#include <future>

using namespace tandem;
using namespace tandem::alerts;
using namespace tandem::alerts::testing;
using namespace std::chrono_literals;

TEST(alerts_setup, queue_settings_come_from_the_config) {
  config::discord_config c;
  c.min_interval_ms = 2500;
  c.dedup_window_s = 30;
  auto o = queue_options_for(c);
  EXPECT_EQ(o.min_interval, 2500ms);
  EXPECT_EQ(o.dedup_window, 30s);
  c.min_interval_ms = -1;
  EXPECT_EQ(queue_options_for(c).min_interval, 0ms);
}

TEST(alerts_setup, defaults_match_the_config_defaults) {
  auto o = queue_options_for(config::discord_config{});
  queue_options d;
  EXPECT_EQ(o.min_interval, d.min_interval);
  EXPECT_EQ(o.dedup_window, d.dedup_window);
}

TEST(alerts_setup, disabled_or_unresolved_means_no_transport) {
  log_capture log;
  net::io_runner runner;
  config::discord_config c;
  auto off = make_discord_transport(runner, c);
  ASSERT_TRUE(off);
  EXPECT_EQ(*off, nullptr);
  c.enabled = true;
  c.webhook_url_env = "TANDEM_DISCORD_WEBHOOK";
  auto unset = make_discord_transport(runner, c);
  ASSERT_TRUE(unset);
  EXPECT_EQ(*unset, nullptr);
  EXPECT_NE(log.text().find("event=alert.discord_disabled "
                            "reason=no_webhook_url env=TANDEM_DISCORD_WEBHOOK"),
            std::string::npos)
    << log.text();
}

TEST(alerts_setup, refused_url_is_an_error_that_does_not_show_it) {
  log_capture log;
  net::io_runner runner;
  config::discord_config c;
  c.enabled = true;
  c.webhook_url = secret{"http://example.com/api/webhooks/1/abcdefgh-secret"};
  auto t = make_discord_transport(runner, c);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error(), net::net_error::insecure_scheme_refused);
  EXPECT_EQ(log.text().find("abcdefgh-secret"), std::string::npos);
}

TEST(alerts_setup, enabled_with_a_url_delivers) {
  net::testing::test_pki pki;
  net::io_runner runner;
  runner.start();
  webhook_server hook{pki};
  config::discord_config c;
  c.enabled = true;
  c.webhook_url = secret{hook.webhook_url()};
  discord_sender::options o;
  o.ca_file = pki.ca_file();
  auto t = make_discord_transport(runner, c, o);
  ASSERT_TRUE(t);
  ASSERT_NE(*t, nullptr);
  std::promise<send_outcome> p;
  (*t)->send("{}", [&p](send_outcome r) { p.set_value(r); });
  auto f = p.get_future();
  ASSERT_EQ(f.wait_for(guard), std::future_status::ready);
  EXPECT_EQ(f.get().what, send_outcome::kind::delivered);
  (*t)->shutdown();
  runner.stop();
}
