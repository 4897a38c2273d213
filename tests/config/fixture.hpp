// Test helpers: a private temp directory with real files, and issue matchers.
#pragma once

#include "config/load.hpp"
#include "log/redact.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>

namespace tandem::config::test {

/// A temp directory removed at the end of each test.
class config_fixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl
      = (std::filesystem::temp_directory_path() / "tandem-config-XXXXXX")
          .string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    logging::clear_registered_secrets_for_testing();
  }

  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    logging::clear_registered_secrets_for_testing();
  }

  /// Writes `text` to `name` in the temp dir with `mode`; returns its path.
  std::string write(const std::string& name, const std::string& text,
                    mode_t mode = 0600) {
    auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    ::chmod(path.c_str(), mode);
    return path;
  }

  /// Writes `text` as config.toml and loads it.
  result<engine_config, config_issues> load(const std::string& text) {
    path_ = write("config.toml", text, 0644);
    return load_config(path_);
  }

  /// Loads `text`, expecting failure; returns the issues.
  config_issues errors(const std::string& text) {
    auto r = load(text);
    EXPECT_FALSE(r.has_value()) << "expected the config to be refused";
    return r ? config_issues{} : r.error();
  }

  std::filesystem::path dir_;
  std::string path_;
};

/// Returns true if some issue has `code`, `key` and a message containing
/// every fragment; the formatted issue must also name the file.
inline ::testing::AssertionResult
has_issue(const config_issues& issues, config_error code,
          const std::string& key, std::initializer_list<std::string> fragments,
          const std::string& file = {}) {
  for (const auto& i : issues) {
    if (i.code != code || i.key != key)
      continue;
    auto text = to_string(i);
    bool all = true;
    for (const auto& f : fragments)
      all = all && text.find(f) != std::string::npos;
    if (all && (file.empty() || text.find(file) == 0))
      return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "no issue " << to_string(code) << " at \"" << key
         << "\" with the expected text among:\n"
         << to_string(issues);
}

} // namespace tandem::config::test
