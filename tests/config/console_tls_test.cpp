// [console] tls: cert_file and key_file are required with tls = true, must
// exist, and the key must be owner-only; every refusal names the key.
#include "fixture.hpp"

#include <filesystem>

namespace tandem::config::test {
namespace {

using config_console_tls = config_fixture;

std::string console(const std::string& cert, const std::string& key,
                    const std::string& bind = "127.0.0.1") {
  return "[console]\nbind = \"" + bind + "\"\ntls = true\ncert_file = \""
         + cert + "\"\nkey_file = \"" + key + "\"\n";
}

TEST_F(config_console_tls, tls_needs_both_files) {
  auto e = errors("[console]\ntls = true\n");
  EXPECT_TRUE(has_issue(e, config_error::inconsistent, "console.cert_file",
                        {"console.tls = true needs cert_file"}));
  EXPECT_TRUE(has_issue(e, config_error::inconsistent, "console.key_file",
                        {"needs key_file", "0600"}));
}

TEST_F(config_console_tls, files_are_read_and_kept) {
  auto cert = write("console.crt", "-----BEGIN CERTIFICATE-----\n", 0644);
  auto key = write("console.key", "-----BEGIN PRIVATE KEY-----\n", 0600);
  // Beyond loopback with TLS is allowed.
  auto r = load(console(cert, key, "0.0.0.0"));
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_TRUE(r->console.tls);
  EXPECT_EQ(r->console.bind, "0.0.0.0");
  EXPECT_EQ(r->console.cert_file, cert);
  EXPECT_EQ(r->console.key_file, key);
}

TEST_F(config_console_tls, missing_files_name_the_key) {
  auto key = write("console.key", "k", 0600);
  auto e = errors(console((dir_ / "none.crt").string(), key));
  EXPECT_TRUE(has_issue(e, config_error::unreadable, "console.cert_file",
                        {"cannot open certificate chain", "none.crt"}));
  auto cert = write("console.crt", "c", 0644);
  e = errors(console(cert, (dir_ / "none.key").string()));
  EXPECT_TRUE(has_issue(e, config_error::unreadable, "console.key_file",
                        {"cannot open private key", "none.key"}));
}

TEST_F(config_console_tls, a_key_others_can_read_is_refused) {
  auto cert = write("console.crt", "c", 0644);
  auto key = write("console.key", "k", 0640);
  auto e = errors(console(cert, key));
  EXPECT_TRUE(has_issue(e, config_error::insecure_secrets_file,
                        "console.key_file",
                        {"is mode 0640", "run chmod 600 " + key}));
  auto link = (dir_ / "link.key").string();
  ::chmod(key.c_str(), 0600);
  std::filesystem::create_symlink(key, link);
  e = errors(console(cert, link));
  EXPECT_TRUE(has_issue(e, config_error::insecure_secrets_file,
                        "console.key_file", {"symbolic link"}));
}

TEST_F(config_console_tls, without_tls_the_files_are_not_looked_at) {
  auto r = load("[console]\ncert_file = \"/nonexistent.crt\"\n");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
}

} // namespace
} // namespace tandem::config::test
