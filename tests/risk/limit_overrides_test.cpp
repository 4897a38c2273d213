// Console changes of risk limits re-applied at start: in order, each only
// while the limit still holds the change's old value (the config file was
// not edited for it since); otherwise the config wins.
#include "risk/limit_overrides.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::risk;

namespace {

journaled_limit set(const char* name, const char* old_value,
                    const char* new_value) {
  return {name, old_value, new_value, "alice"};
}

config::risk_config file_limits() {
  config::risk_config c; // max_open_orders 10, capital 10,000,000 KRW
  return c;
}

} // namespace

TEST(risk_limit_overrides, unchanged_config_takes_the_console_values) {
  std::vector<journaled_limit> j{
    set("risk.max_open_orders", "10", "5"),
    set("kimchi.entry_bps", "200", "250"), // the strategy's, left out
    set("risk.max_order_notional_krw", "1000000", "500000"),
    set("risk.max_open_orders", "5", "3"), // chains on the first
  };
  auto r = restore_limits(file_limits(), j);
  EXPECT_EQ(r.limits.max_open_orders, 3);
  EXPECT_EQ(r.limits.max_order_notional_krw, money::must_parse("500000"));
  ASSERT_EQ(r.steps.size(), 3u);
  for (const auto& s : r.steps)
    EXPECT_EQ(s.outcome, override_outcome::applied) << s.change.name;
  EXPECT_EQ(r.steps[2].config_value, "10");
  EXPECT_EQ(r.steps[2].in_force, "5");
}

TEST(risk_limit_overrides, a_config_edit_since_wins_for_that_limit_only) {
  auto file = file_limits();
  file.max_open_orders = 8; // edited after the console set 10 -> 5 -> 3
  std::vector<journaled_limit> j{
    set("risk.max_open_orders", "10", "5"),
    set("risk.stop_loss_pct", "5", "4"),
    set("risk.max_open_orders", "5", "3"),
  };
  auto r = restore_limits(file, j);
  EXPECT_EQ(r.limits.max_open_orders, 8);
  EXPECT_EQ(r.limits.stop_loss_pct, 4);
  ASSERT_EQ(r.steps.size(), 3u);
  // Only the limit's last change is the operator's current word.
  EXPECT_EQ(r.steps[0].outcome, override_outcome::superseded);
  EXPECT_EQ(r.steps[1].outcome, override_outcome::applied);
  EXPECT_EQ(r.steps[2].outcome, override_outcome::config_wins);
  EXPECT_EQ(r.steps[2].change.new_value, "3");
  EXPECT_EQ(r.steps[2].config_value, "8");
}

TEST(risk_limit_overrides, a_change_made_after_the_config_edit_applies) {
  auto file = file_limits();
  file.max_open_orders = 8;
  // 10 -> 5 under the old file; after the edit, 8 -> 6 from the console.
  std::vector<journaled_limit> j{set("risk.max_open_orders", "10", "5"),
                                 set("risk.max_open_orders", "8", "6")};
  auto r = restore_limits(file, j);
  EXPECT_EQ(r.limits.max_open_orders, 6);
  EXPECT_EQ(r.steps[0].outcome, override_outcome::superseded);
  EXPECT_EQ(r.steps[1].outcome, override_outcome::applied);
}

TEST(risk_limit_overrides, refusals_name_the_limit_and_leave_it_as_it_was) {
  auto file = file_limits();
  file.capital_krw = money::must_parse("2000000"); // lowered in the file
  std::vector<journaled_limit> j{
    set("risk.no_such_limit", "1", "2"),
    set("risk.max_open_orders", "10", "many"),
    // Still the old value, but above the file's new capital.
    set("risk.max_order_notional_krw", "1000000", "3000000"),
  };
  auto r = restore_limits(file, j);
  ASSERT_EQ(r.steps.size(), 3u);
  for (const auto& s : r.steps)
    EXPECT_EQ(s.outcome, override_outcome::refused) << s.change.name;
  EXPECT_NE(r.steps[0].detail.find("risk.no_such_limit"), std::string::npos);
  EXPECT_NE(r.steps[1].detail.find("risk.max_open_orders"), std::string::npos);
  EXPECT_NE(r.steps[2].detail.find("risk.capital_krw"), std::string::npos)
    << r.steps[2].detail;
  EXPECT_EQ(r.limits.max_open_orders, 10);
  EXPECT_EQ(r.limits.max_order_notional_krw, money::must_parse("1000000"));
}

TEST(risk_limit_overrides, nothing_journaled_is_the_config_file) {
  auto r = restore_limits(file_limits(), {});
  EXPECT_TRUE(r.steps.empty());
  EXPECT_EQ(r.limits.max_open_orders, 10);
}
