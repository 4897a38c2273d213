#include "admin/params.hpp"

#include <gtest/gtest.h>

#include <set>

namespace tandem::admin {
namespace {

TEST(admin_params, table_covers_the_kimchi_and_risk_knobs) {
  std::set<std::string_view> names;
  for (const auto& p : param_table()) {
    names.insert(p.name);
    EXPECT_FALSE(p.help.empty()) << p.name;
    EXPECT_FALSE(p.unit.empty()) << p.name;
    EXPECT_TRUE(p.config_key.ends_with(p.name.substr(p.name.find('.'))))
      << p.name;
    if (p.type == param_type::integer) {
      EXPECT_LT(p.min, p.max) << p.name;
    }
  }
  for (auto n : {"kimchi.entry_bps", "kimchi.exit_bps", "kimchi.order_qty",
                 "kimchi.max_quote_age_ms", "risk.max_open_orders",
                 "risk.daily_loss_pct", "risk.max_order_notional_krw"})
    EXPECT_TRUE(names.count(n)) << n;
}

TEST(admin_params, integers_within_range_are_accepted) {
  auto v = parse_param("kimchi.entry_bps", "180");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->name, "kimchi.entry_bps");
  EXPECT_EQ(std::get<std::int64_t>(v->value), 180);
  EXPECT_EQ(to_text(v->value), "180");
  auto neg = parse_param("kimchi.exit_bps", "-25");
  ASSERT_TRUE(neg.has_value());
  EXPECT_EQ(std::get<std::int64_t>(neg->value), -25);
  // The bounds themselves are in range.
  EXPECT_TRUE(parse_param("kimchi.entry_bps", "10000").has_value());
  EXPECT_TRUE(parse_param("kimchi.entry_bps", "-10000").has_value());
  EXPECT_TRUE(parse_param("risk.max_leverage", "1").has_value());
}

TEST(admin_params, decimals_stay_exact) {
  auto q = parse_param("kimchi.order_qty", "0.002");
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(std::get<quantity>(q->value), quantity::must_parse("0.002"));
  EXPECT_EQ(to_text(q->value), "0.002");
  auto m = parse_param("risk.max_order_notional_krw", "1500000");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(std::get<money>(m->value), money::must_parse("1500000"));
}

TEST(admin_params, find_param_finds_exact_names_only) {
  ASSERT_NE(find_param("risk.max_leverage"), nullptr);
  EXPECT_EQ(find_param("risk.max_leverage")->max, 20);
  EXPECT_EQ(find_param("risk.max"), nullptr);
  EXPECT_EQ(find_param(""), nullptr);
}

} // namespace
} // namespace tandem::admin
