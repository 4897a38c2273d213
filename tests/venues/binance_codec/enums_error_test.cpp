#include "venues/binance/enums.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace tandem::venues::binance {
namespace {

// Wire values are exact and case-sensitive; anything else is unknown.
constexpr std::string_view unknown[]
  = {"",     "new",      "Filled",      "PENDING_CANCEL", "NEW ",
     " NEW", "FILLED\n", "LIQUIDATION", "POST_ONLY",      "GTE_GTC",
     "buy",  "BOTH",     "UNKNOWN"};

TEST(venues_binance_enums_error, unknown_order_status) {
  for (auto s : unknown) {
    auto r = parse_order_status(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(r.error(), venue_error::unknown_enum_value) << s;
  }
}

TEST(venues_binance_enums_error, unknown_execution_type) {
  for (auto s : unknown) {
    auto r = parse_execution_type(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(r.error(), venue_error::unknown_enum_value) << s;
  }
  // REJECTED is a status, not an execution type.
  EXPECT_FALSE(parse_execution_type("REJECTED"));
}

TEST(venues_binance_enums_error, unknown_order_type) {
  for (auto s : unknown) {
    auto r = parse_order_type(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(r.error(), venue_error::unknown_enum_value) << s;
  }
}

TEST(venues_binance_enums_error, unknown_time_in_force) {
  for (auto s : unknown) {
    auto r = parse_time_in_force(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(r.error(), venue_error::unknown_enum_value) << s;
  }
}

TEST(venues_binance_enums_error, unknown_side) {
  for (auto s : unknown) {
    auto r = parse_side(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(r.error(), venue_error::unknown_enum_value) << s;
  }
}

} // namespace
} // namespace tandem::venues::binance
