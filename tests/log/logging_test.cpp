#include "log/logging.hpp"
#include "log/redact.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace tandem::logging {
namespace {

class log_logging : public ::testing::Test {
 protected:
  void SetUp() override {
    clear_registered_secrets_for_testing();
    init_with(log_settings{});
  }
  void TearDown() override { clear_registered_secrets_for_testing(); }

  void init_with(const log_settings& s) {
    out_.str("");
    init_with_sinks(
      s, {std::make_shared<spdlog::sinks::ostream_sink_mt>(out_, true)});
  }

  std::string text() { return out_.str(); }

  std::ostringstream out_;
};

TEST_F(log_logging, line_has_utc_timestamp_level_event_and_fields) {
  TLOG_INFO("order.sent", "venue={} cid={} px={}", "upbit", "tdm-1", 1000);
  std::regex line(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z level=info )"
                  R"(event=order\.sent venue=upbit cid=tdm-1 px=1000\n)");
  EXPECT_TRUE(std::regex_match(text(), line)) << text();
}

TEST_F(log_logging, event_without_fields_and_warn_name) {
  TLOG_WARN("venue.down");
  EXPECT_NE(text().find(" level=warn event=venue.down\n"), std::string::npos)
    << text();
}

TEST_F(log_logging, quiet_by_default_debug_is_dropped_unevaluated) {
  int evaluated = 0;
  auto count = [&] {
    return ++evaluated;
  };
  TLOG_DEBUG("noise", "n={}", count());
  EXPECT_EQ(text(), "");
  EXPECT_EQ(evaluated, 0);
}

TEST_F(log_logging, level_from_settings) {
  log_settings s;
  s.level = log_level::error;
  init_with(s);
  TLOG_WARN("dropped");
  TLOG_ERROR("kept");
  EXPECT_EQ(text().find("dropped"), std::string::npos);
  EXPECT_NE(text().find("event=kept"), std::string::npos);
}

TEST_F(log_logging, registered_secret_never_reaches_the_sink) {
  register_secret("Zx9-live-secret-value");
  TLOG_INFO("venue.auth", "key={} note=plain", "Zx9-live-secret-value");
  TLOG_ERROR("venue.error", "body={}", "{\"echo\":\"Zx9-live-secret-value\"}");
  logger().info("raw spdlog call Zx9-live-secret-value");
  EXPECT_EQ(text().find("Zx9-live-secret-value"), std::string::npos) << text();
  EXPECT_NE(text().find("key=*** note=plain"), std::string::npos) << text();
}

TEST_F(log_logging, patterns_are_redacted_through_the_logger) {
  TLOG_INFO("http.request", "hdr=\"Authorization: Bearer abc123\"");
  EXPECT_EQ(text().find("abc123"), std::string::npos) << text();
}

TEST_F(log_logging, rotating_file_sink_gets_redacted_lines) {
  std::string dir
    = (std::filesystem::temp_directory_path() / "tandem-log-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  log_settings s;
  s.file = dir + "/tandem.log";
  s.max_size_mb = 1;
  s.max_files = 2;
  ASSERT_FALSE(init(s).has_value());
  register_secret("file-secret-value-42");
  TLOG_WARN("file.test", "v={}", "file-secret-value-42");
  flush();
  std::ifstream in(s.file);
  std::string line;
  std::getline(in, line);
  EXPECT_NE(line.find("level=warn event=file.test v=***"), std::string::npos)
    << line;
  init_with(log_settings{}); // release the file before removing it
  std::filesystem::remove_all(dir);
}

TEST(log_init, unwritable_file_is_reported) {
  log_settings s;
  s.file = "/dev/null/x/tandem.log";
  auto err = init(s);
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find("/dev/null/x/tandem.log"), std::string::npos);
}

TEST(log_level_names, parse_round_trips) {
  for (auto n : {"trace", "debug", "info", "warn", "error", "critical", "off"})
    EXPECT_EQ(to_string(*parse_log_level(n)), n);
  EXPECT_FALSE(parse_log_level("warning").has_value());
  EXPECT_FALSE(parse_log_level("INFO").has_value());
}

} // namespace
} // namespace tandem::logging
