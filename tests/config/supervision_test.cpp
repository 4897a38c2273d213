// [supervision]: defaults from the schema, values from the shipped files,
// and every range refused with the key named.
#include "config/load.hpp"

#include "fixture.hpp"

#include <fstream>
#include <iterator>
#include <string>

namespace tandem::config::test {
namespace {

using config_supervision = config_fixture;

TEST_F(config_supervision, defaults_apply_when_the_table_is_absent) {
  auto r = load("");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  const supervision_config defaults;
  EXPECT_EQ(r->supervision.restart_base_ms, defaults.restart_base_ms);
  EXPECT_EQ(r->supervision.restart_max_ms, defaults.restart_max_ms);
  EXPECT_EQ(r->supervision.stable_after_ms, defaults.stable_after_ms);
  EXPECT_EQ(r->supervision.down_alarm_after_ms, defaults.down_alarm_after_ms);
  EXPECT_EQ(r->supervision.away_unhedged_limit_ms,
            defaults.away_unhedged_limit_ms);
}

TEST_F(config_supervision, values_are_read) {
  auto r = load("[supervision]\nrestart_base_ms = 50\nrestart_max_ms = 800\n"
                "stable_after_ms = 9000\ndown_alarm_after_ms = 700\n"
                "away_unhedged_limit_ms = 1500\n");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->supervision.restart_base_ms, 50);
  EXPECT_EQ(r->supervision.restart_max_ms, 800);
  EXPECT_EQ(r->supervision.stable_after_ms, 9000);
  EXPECT_EQ(r->supervision.down_alarm_after_ms, 700);
  EXPECT_EQ(r->supervision.away_unhedged_limit_ms, 1500);
}

TEST_F(config_supervision, shipped_files_set_every_key) {
  for (const char* f : {"/config/paper.toml", "/config/live.example.toml"}) {
    // The live example needs its credentials' variables; only the table
    // matters here, so read the text and load that table alone.
    std::ifstream in(std::string{TANDEM_SOURCE_DIR} + f);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto at = text.find("[supervision]");
    ASSERT_NE(at, std::string::npos) << f;
    auto end = text.find("\n[", at + 1);
    auto r = load(text.substr(at, end - at));
    ASSERT_TRUE(r.has_value()) << f << ": " << to_string(r.error());
    EXPECT_GT(r->supervision.away_unhedged_limit_ms, 0) << f;
    EXPECT_GE(r->supervision.restart_max_ms, r->supervision.restart_base_ms);
  }
}

TEST_F(config_supervision, out_of_range_values_name_the_key) {
  auto e = errors("[supervision]\nrestart_base_ms = 0\n"
                  "away_unhedged_limit_ms = -5\n"
                  "stable_after_ms = 100000000\n");
  EXPECT_TRUE(
    has_issue(e, config_error::out_of_range, "supervision.restart_base_ms",
              {"expected an integer in [1, 600000], got 0"}, path_ + ":2:"));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "supervision.away_unhedged_limit_ms",
                        {"[1, 3600000], got -5"}, path_ + ":3:"));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "supervision.stable_after_ms",
                        {"[1, 86400000], got 100000000"}));
}

TEST_F(config_supervision, restart_max_below_base_is_refused) {
  auto e = errors("[supervision]\nrestart_base_ms = 5000\n"
                  "restart_max_ms = 1000\n");
  EXPECT_TRUE(has_issue(
    e, config_error::inconsistent, "supervision.restart_max_ms",
    {"expected at least restart_base_ms (5000), got 1000"}, path_ + ":3:"));
}

TEST_F(config_supervision, unknown_key_is_refused) {
  auto e = errors("[supervision]\naway_limit_ms = 5\n");
  EXPECT_TRUE(has_issue(e, config_error::unknown_key,
                        "supervision.away_limit_ms", {"unknown key"}));
}

} // namespace
} // namespace tandem::config::test
