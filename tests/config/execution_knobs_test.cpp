// The execution knobs: [settlement] (queries, corrections, leg retries,
// correction slippage), strategy.kimchi.leg_slippage_bps and
// risk.day_utc_offset_min. Defaults from the schema, values from the
// shipped files, every range refused with the key named.
#include "config/load.hpp"

#include "fixture.hpp"

#include <fstream>
#include <iterator>
#include <string>

namespace tandem::config::test {
namespace {

using config_execution = config_fixture;

TEST_F(config_execution, defaults_apply_when_the_keys_are_absent) {
  auto r = load("");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->settlement.max_leg_queries, 3);
  EXPECT_EQ(r->settlement.max_corrections, 3);
  EXPECT_EQ(r->settlement.max_leg_retries, 0);
  EXPECT_EQ(r->settlement.correction_slippage_bps, 50);
  EXPECT_EQ(r->strategy.kimchi.leg_slippage_bps, 10);
  EXPECT_EQ(r->risk.day_utc_offset_min, 9 * 60) << "KST";
}

TEST_F(config_execution, values_are_read) {
  auto r = load("[strategy.kimchi]\nleg_slippage_bps = 0\n"
                "[risk]\nday_utc_offset_min = -300\n"
                "[settlement]\nmax_leg_queries = 5\nmax_corrections = 0\n"
                "max_leg_retries = 2\ncorrection_slippage_bps = 120\n");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->strategy.kimchi.leg_slippage_bps, 0);
  EXPECT_EQ(r->risk.day_utc_offset_min, -300);
  EXPECT_EQ(r->settlement.max_leg_queries, 5);
  EXPECT_EQ(r->settlement.max_corrections, 0);
  EXPECT_EQ(r->settlement.max_leg_retries, 2);
  EXPECT_EQ(r->settlement.correction_slippage_bps, 120);
}

TEST_F(config_execution, shipped_files_set_every_key) {
  for (const char* f : {"/config/paper.toml", "/config/live.example.toml"}) {
    // The live example needs its credentials' variables; only these
    // tables matter here, so load them alone from the file's text.
    std::ifstream in(std::string{TANDEM_SOURCE_DIR} + f);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    std::string tables;
    for (const char* t : {"[settlement]", "[risk]"}) {
      auto at = text.find(t);
      ASSERT_NE(at, std::string::npos) << f << " " << t;
      tables += text.substr(at, text.find("\n[", at + 1) - at) + "\n";
    }
    for (const char* key :
         {"max_leg_queries", "max_corrections", "max_leg_retries",
          "correction_slippage_bps", "day_utc_offset_min"})
      EXPECT_NE(tables.find(std::string{key} + " = "), std::string::npos)
        << f << " " << key;
    EXPECT_NE(text.find("leg_slippage_bps = "), std::string::npos) << f;
    auto r = load(tables);
    ASSERT_TRUE(r.has_value()) << f << ": " << to_string(r.error());
    EXPECT_EQ(r->settlement.correction_slippage_bps, 50) << f;
    EXPECT_EQ(r->risk.day_utc_offset_min, 540) << f;
  }
}

TEST_F(config_execution, out_of_range_values_name_the_key) {
  auto e = errors("[strategy.kimchi]\nleg_slippage_bps = 1001\n"
                  "[risk]\nday_utc_offset_min = 900\n"
                  "[settlement]\nmax_leg_queries = 0\nmax_corrections = -1\n"
                  "max_leg_retries = 11\ncorrection_slippage_bps = -5\n");
  EXPECT_TRUE(
    has_issue(e, config_error::out_of_range, "strategy.kimchi.leg_slippage_bps",
              {"expected an integer in [0, 1000], got 1001"}, path_ + ":2:"));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "risk.day_utc_offset_min", {"[-720, 840], got 900"},
                        path_ + ":4:"));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "settlement.max_leg_queries", {"[1, 100], got 0"}));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "settlement.max_corrections", {"[0, 100], got -1"}));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "settlement.max_leg_retries", {"[0, 10], got 11"}));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "settlement.correction_slippage_bps",
                        {"[0, 1000], got -5"}));
}

TEST_F(config_execution, unknown_settlement_key_is_refused) {
  auto e = errors("[settlement]\nmax_rollbacks = 5\n");
  EXPECT_FALSE(e.empty());
  bool named = false;
  for (const auto& i : e)
    named = named || to_string(i).find("max_rollbacks") != std::string::npos;
  EXPECT_TRUE(named) << to_string(e);
}

} // namespace
} // namespace tandem::config::test
