#include "core/decimal.hpp"

#include <gtest/gtest.h>

using namespace tandem;

TEST(core_decimal, parses_venue_strings_exactly) {
  auto p = price::parse("25.35190000");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->raw(), 2'535'190'000);
  EXPECT_EQ(p->to_string(), "25.3519");
}
