#include "risk/limit_params.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::risk;

TEST(risk_limit_params, each_limit_is_set_by_its_key) {
  config::risk_config cfg;
  auto r = with_limit(cfg, "max_open_orders", std::int64_t{5});
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(r->max_open_orders, 5);
  EXPECT_EQ(limit_text(*r, "max_open_orders"), "5");
  EXPECT_EQ(limit_text(cfg, "max_open_orders"), "10") << "a copy changed";
  for (std::string_view key :
       {"daily_loss_pct", "max_consecutive_venue_errors", "max_leverage",
        "max_orders_per_s", "max_position_pct", "stop_loss_pct"}) {
    auto x = with_limit(cfg, key, std::int64_t{2});
    ASSERT_TRUE(x.has_value()) << key;
    EXPECT_EQ(limit_text(*x, key), "2") << key;
  }
  auto m
    = with_limit(cfg, "max_order_notional_krw", money::must_parse("500000"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->max_order_notional_krw, money::must_parse("500000"));
  EXPECT_EQ(limit_text(cfg, "capital_krw"), "10000000");
}

TEST(risk_limit_params, changes_are_listed_for_the_log) {
  config::risk_config a;
  auto b = a;
  EXPECT_EQ(limit_changes(a, b), "");
  b.max_open_orders = 5;
  b.capital_krw = money::must_parse("20000000");
  EXPECT_EQ(limit_changes(a, b),
            "capital_krw=10000000->20000000 max_open_orders=10->5");
}

TEST(risk_limit_params, refusals_name_the_limit) {
  config::risk_config cfg;
  auto unknown = with_limit(cfg, "max_fun", std::int64_t{1});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error(), "no such risk limit: risk.max_fun");
  EXPECT_EQ(limit_text(cfg, "max_fun"), "");
  auto type = with_limit(cfg, "max_open_orders", money::must_parse("5"));
  ASSERT_FALSE(type.has_value());
  EXPECT_EQ(type.error(), "risk.max_open_orders expects a whole number");
  // The order limit may not exceed the capital, from either side.
  auto big
    = with_limit(cfg, "max_order_notional_krw", money::must_parse("20000000"));
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error(),
            "risk.max_order_notional_krw: risk.max_order_notional_krw "
            "(20000000) must stay at most risk.capital_krw (10000000)");
  auto small = with_limit(cfg, "capital_krw", money::must_parse("999999"));
  ASSERT_FALSE(small.has_value());
  EXPECT_NE(small.error().find("risk.capital_krw: "), std::string::npos);
}
