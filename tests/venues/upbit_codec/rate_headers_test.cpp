#include "venues/upbit/rate_headers.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues::upbit;

TEST(venues_upbit_rate_headers, documented_example) {
  auto r = parse_remaining_req("group=default; min=1800; sec=29");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->group, "default");
  EXPECT_EQ(r->sec, 29);
  ASSERT_TRUE(r->min);
  EXPECT_EQ(*r->min, 1800);
}

TEST(venues_upbit_rate_headers, order_group_without_min_and_no_spaces) {
  auto r = parse_remaining_req("group=order;sec=0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->group, "order");
  EXPECT_EQ(r->sec, 0);
  EXPECT_FALSE(r->min);
}

TEST(venues_upbit_rate_headers, any_order_and_unknown_keys) {
  auto r = parse_remaining_req(" sec=7 ; burst=3; group=exchange.default ");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->group, "exchange.default");
  EXPECT_EQ(r->sec, 7);
}
