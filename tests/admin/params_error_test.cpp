#include "admin/params.hpp"

#include <gtest/gtest.h>

namespace tandem::admin {
namespace {

param_problem problem(std::string_view name, std::string_view text) {
  auto r = parse_param(name, text);
  EXPECT_FALSE(r.has_value()) << name << " = " << text;
  return r ? param_problem{} : r.error();
}

TEST(admin_params_error, unknown_name_names_the_field_and_lists_the_known) {
  auto p = problem("kimchi.entry", "1");
  EXPECT_EQ(p.field, "name");
  EXPECT_NE(p.message.find("unknown parameter \"kimchi.entry\""),
            std::string::npos);
  EXPECT_NE(p.message.find("kimchi.entry_bps"), std::string::npos);
}

TEST(admin_params_error, out_of_range_names_the_parameter_and_the_range) {
  auto p = problem("kimchi.entry_bps", "10001");
  EXPECT_EQ(p.field, "kimchi.entry_bps");
  EXPECT_NE(p.message.find("[-10000, 10000]"), std::string::npos) << p.message;
  EXPECT_NE(p.message.find("\"10001\""), std::string::npos);
  EXPECT_EQ(problem("risk.max_leverage", "0").field, "risk.max_leverage");
  EXPECT_EQ(problem("risk.max_leverage", "21").field, "risk.max_leverage");
  EXPECT_EQ(problem("kimchi.max_quote_age_ms", "0").field,
            "kimchi.max_quote_age_ms");
}

TEST(admin_params_error, integers_must_be_plain_digits) {
  for (auto bad : {"", " 180", "180 ", "+180", "1.8e2", "180.0", "0x10", "abc",
                   "99999999999999999999"})
    EXPECT_EQ(problem("kimchi.entry_bps", bad).field, "kimchi.entry_bps")
      << bad;
}

TEST(admin_params_error, decimals_must_be_positive_and_exact) {
  EXPECT_EQ(problem("kimchi.order_qty", "0").field, "kimchi.order_qty");
  EXPECT_EQ(problem("kimchi.order_qty", "-0.001").field, "kimchi.order_qty");
  EXPECT_EQ(problem("kimchi.order_qty", "0.000000001").field,
            "kimchi.order_qty"); // 9 places: more than a quantity holds
  EXPECT_EQ(problem("kimchi.order_qty", "one").field, "kimchi.order_qty");
  EXPECT_EQ(problem("risk.capital_krw", "").field, "risk.capital_krw");
}

TEST(admin_params_error, echoed_values_are_cut_and_printable) {
  auto p = problem("kimchi.entry_bps", std::string(200, 'x') + "\n");
  EXPECT_LT(p.message.size(), 200u);
  EXPECT_EQ(p.message.find('\n'), std::string::npos);
}

} // namespace
} // namespace tandem::admin
