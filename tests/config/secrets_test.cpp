// Credentials: never inline, env vars or owner-only secrets files, live mode
// requires them, every one registered with the log redactor.
#include "config/secrets.hpp"

#include "fixture.hpp"

namespace tandem::config::test {
namespace {

using config_secrets = config_fixture;

std::string upbit_table(const std::string& extra) {
  return "[venues.upbit]\nenabled = true\n"
         "rest_url = \"http://127.0.0.1:18080/v1\"\n"
         "ws_url = \"ws://127.0.0.1:18081/websocket/v1\"\n"
         "ws_private_url = \"ws://127.0.0.1:18081/websocket/v1/private\"\n"
         "maker_fee = \"0.0005\"\ntaker_fee = \"0.0005\"\n"
         + extra;
}

std::string live_upbit(const std::string& extra) {
  return "[engine]\nmode = \"live\"\n[venues.upbit]\nenabled = true\n"
         "rest_url = \"https://api.upbit.com/v1\"\n"
         "ws_url = \"wss://api.upbit.com/websocket/v1\"\n"
         "ws_private_url = \"wss://api.upbit.com/websocket/v1/private\"\n"
         "maker_fee = \"0.0005\"\ntaker_fee = \"0.0005\"\n"
         + extra + "[console]\ntoken_file = \"" + "TOKENS" + "\"\n";
}

const std::string key_file_text = "api_key = \"upbit-access-AAAA1111\"\n"
                                  "api_secret = \"upbit-secret-BBBB2222\"\n";

TEST_F(config_secrets, inline_secret_is_refused_without_echoing_it) {
  auto e = errors(upbit_table("api_key = \"inline-value-XYZ\"\n"
                              "api_secret = \"inline-secret-XYZ\"\n"));
  EXPECT_TRUE(has_issue(
    e, config_error::inline_secret, "venues.upbit.api_key",
    {"must not be written inline", "api_key_env, api_secret_env, secrets_file"},
    path_ + ":8:"));
  EXPECT_TRUE(has_issue(e, config_error::inline_secret,
                        "venues.upbit.api_secret", {"inline"}));
  EXPECT_EQ(to_string(e).find("XYZ"), std::string::npos) << to_string(e);
}

TEST_F(config_secrets, inline_secret_in_every_section) {
  auto e = errors("[alerts.discord]\nwebhook_url = \"https://discord.com/x\"\n"
                  "[console]\ntoken = \"t\"\noperator_token = \"t\"\n"
                  "[engine]\npassword = \"p\"\n");
  EXPECT_TRUE(has_issue(e, config_error::inline_secret,
                        "alerts.discord.webhook_url",
                        {"webhook_url_env, secrets_file"}));
  EXPECT_TRUE(has_issue(e, config_error::inline_secret, "console.token",
                        {"operator_token_env"}));
  EXPECT_TRUE(has_issue(e, config_error::inline_secret,
                        "console.operator_token", {"token_file"}));
  EXPECT_TRUE(
    has_issue(e, config_error::inline_secret, "engine.password", {"inline"}));
}

TEST_F(config_secrets, secret_pasted_into_an_env_key_is_not_echoed) {
  auto e = errors("[alerts.discord]\nwebhook_url_env = "
                  "\"https://discord.com/api/webhooks/1/SECRETTOKEN\"\n");
  EXPECT_TRUE(has_issue(e, config_error::inline_secret,
                        "alerts.discord.webhook_url_env",
                        {"expected the NAME of an environment variable"}));
  EXPECT_EQ(to_string(e).find("SECRETTOKEN"), std::string::npos);
}

TEST_F(config_secrets, secrets_file_mode_0644_is_refused) {
  auto f = write("upbit.toml", key_file_text, 0644);
  auto e = errors(upbit_table("secrets_file = \"" + f + "\"\n"));
  EXPECT_TRUE(has_issue(
    e, config_error::insecure_secrets_file, "venues.upbit.secrets_file",
    {"secrets file " + f + " is mode 0644; run chmod 600 " + f},
    path_ + ":8:"));
  EXPECT_EQ(logging::registered_secret_count(), 0u);
}

TEST_F(config_secrets, secrets_file_mode_0600_is_accepted_and_registered) {
  auto f = write("upbit.toml", key_file_text, 0600);
  auto r = load(upbit_table("secrets_file = \"" + f + "\"\n"));
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->venues.upbit.api_key.expose(), "upbit-access-AAAA1111");
  EXPECT_EQ(r->venues.upbit.api_secret.expose(), "upbit-secret-BBBB2222");
  EXPECT_EQ(logging::redact_registered("sig upbit-secret-BBBB2222 done"),
            "sig *** done");
}

TEST_F(config_secrets, secrets_file_0400_ok_group_readable_refused) {
  auto f = write("k.toml", key_file_text, 0400);
  EXPECT_TRUE(load(upbit_table("secrets_file = \"" + f + "\"\n")).has_value());
  ::chmod(f.c_str(), 0640);
  auto e = errors(upbit_table("secrets_file = \"" + f + "\"\n"));
  EXPECT_TRUE(has_issue(e, config_error::insecure_secrets_file,
                        "venues.upbit.secrets_file", {"is mode 0640"}));
}

TEST_F(config_secrets, secrets_file_symlink_missing_and_bad_content) {
  auto f = write("real.toml", key_file_text, 0600);
  auto link = (dir_ / "link.toml").string();
  ASSERT_EQ(::symlink(f.c_str(), link.c_str()), 0);
  auto e = errors(upbit_table("secrets_file = \"" + link + "\"\n"));
  EXPECT_TRUE(has_issue(e, config_error::insecure_secrets_file,
                        "venues.upbit.secrets_file", {"symbolic link"}));

  e = errors(
    upbit_table("secrets_file = \"" + (dir_ / "none").string() + "\"\n"));
  EXPECT_TRUE(has_issue(e, config_error::unreadable,
                        "venues.upbit.secrets_file",
                        {"cannot open secrets file", "No such file"}));

  auto bad = write("bad.toml", "api_key = \"upbit-access-AAAA1111\"\n", 0600);
  e = errors(upbit_table("secrets_file = \"" + bad + "\"\n"));
  EXPECT_TRUE(has_issue(e, config_error::bad_secrets_file,
                        "venues.upbit.secrets_file",
                        {"has no \"api_secret\""}));

  bad = write("bad2.toml", key_file_text + "apikey = \"x\"\n", 0600);
  e = errors(upbit_table("secrets_file = \"" + bad + "\"\n"));
  EXPECT_TRUE(has_issue(e, config_error::bad_secrets_file,
                        "venues.upbit.secrets_file",
                        {"unknown key \"apikey\"", "api_key, api_secret"}));

  bad = write("bad3.toml", "api_key = \"upbit-sec\nret\"\n", 0600);
  e = errors(upbit_table("secrets_file = \"" + bad + "\"\n"));
  EXPECT_TRUE(has_issue(e, config_error::bad_secrets_file,
                        "venues.upbit.secrets_file",
                        {"not valid TOML (line 1", "text not shown"}));
  EXPECT_EQ(to_string(e).find("upbit-sec"), std::string::npos);
}

TEST_F(config_secrets, env_and_file_together_are_refused) {
  auto f = write("k.toml", key_file_text, 0600);
  auto e = errors(
    upbit_table("secrets_file = \"" + f + "\"\napi_key_env = \"X\"\n"));
  EXPECT_TRUE(has_issue(e, config_error::inconsistent,
                        "venues.upbit.secrets_file",
                        {"use either api_key_env/api_secret_env or "
                         "secrets_file, not both"}));
}

TEST_F(config_secrets, paper_mode_needs_no_credentials) {
  auto r = load(upbit_table("api_key_env = \"TDM_UNSET_A\"\n"
                            "api_secret_env = \"TDM_UNSET_B\"\n"));
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_TRUE(r->venues.upbit.api_key.empty());
}

TEST_F(config_secrets, live_mode_missing_env_var_is_an_error) {
  auto tokens
    = write("console.toml", "operator_token = \"operator-token-0123456789\"\n");
  auto text = live_upbit("api_key_env = \"TDM_TEST_UPBIT_KEY\"\n"
                         "api_secret_env = \"TDM_TEST_UPBIT_SECRET\"\n");
  text.replace(text.find("TOKENS"), 6, tokens);
  ::setenv("TDM_TEST_UPBIT_KEY", "live-access-key-0001", 1);
  ::unsetenv("TDM_TEST_UPBIT_SECRET");
  auto e = errors(text);
  EXPECT_TRUE(has_issue(e, config_error::missing_secret,
                        "venues.upbit.api_secret_env",
                        {"environment variable TDM_TEST_UPBIT_SECRET is not "
                         "set or empty; live mode needs it"},
                        path_ + ":"));

  ::setenv("TDM_TEST_UPBIT_SECRET", "live-secret-key-0002", 1);
  auto r = load(text);
  ::unsetenv("TDM_TEST_UPBIT_KEY");
  ::unsetenv("TDM_TEST_UPBIT_SECRET");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->venues.upbit.api_secret.expose(), "live-secret-key-0002");
  EXPECT_EQ(r->console.operator_token.expose(), "operator-token-0123456789");
  EXPECT_EQ(logging::registered_secret_count(), 3u);
}

TEST_F(config_secrets, live_mode_without_any_credentials_is_an_error) {
  auto text = live_upbit("");
  text.replace(text.find("TOKENS"), 6, (dir_ / "missing.toml").string());
  auto e = errors(text);
  EXPECT_TRUE(has_issue(e, config_error::missing_secret,
                        "venues.upbit.api_key_env",
                        {"live mode needs this credential",
                         "api_key_env = \"ENV_VAR_NAME\" or secrets_file"}));
  EXPECT_TRUE(has_issue(e, config_error::unreadable, "console.token_file",
                        {"missing.toml"}));
}

TEST_F(config_secrets, short_secret_is_refused) {
  ::setenv("TDM_SHORT", "abc", 1);
  auto e = errors(upbit_table("api_key_env = \"TDM_SHORT\"\n"
                              "api_secret_env = \"TDM_SHORT\"\n"));
  ::unsetenv("TDM_SHORT");
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "venues.upbit.api_key_env",
                        {"3 characters long; expected at least 8"}));
}

TEST_F(config_secrets, read_secrets_file_directly) {
  auto f = write("d.toml",
                 "webhook_url = \"https://discord.com/api/webhooks/1/t\"\n");
  std::string_view allowed[] = {"webhook_url"};
  auto r = read_secrets_file(f, allowed);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->at("webhook_url").expose(),
            "https://discord.com/api/webhooks/1/t");
}

} // namespace
} // namespace tandem::config::test
