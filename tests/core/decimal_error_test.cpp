#include "core/decimal.hpp"

#include <gtest/gtest.h>

using namespace tandem;

namespace {

decimal_error parse_error(std::string_view s) {
  auto r = price::parse(s);
  EXPECT_FALSE(r) << "'" << s << "' parsed as " << (r ? r->to_string() : "");
  return r ? decimal_error{} : r.error();
}

} // namespace

TEST(core_decimal_error, empty) {
  EXPECT_EQ(parse_error(""), decimal_error::empty);
}

TEST(core_decimal_error, malformed_strings) {
  for (auto s : {"-",    ".",     "5.",  ".5",  "1..2",    "1.2.3", "abc", "1a",
                 " 1",   "1 ",    "+1",  "--1", "1e",      "1e+",   "1e-", "e5",
                 "0x10", "1,000", "NaN", "inf", "1e12345", "１"}) {
    EXPECT_EQ(parse_error(s), decimal_error::malformed) << s;
  }
}

TEST(core_decimal_error, more_decimals_than_the_scale) {
  EXPECT_EQ(parse_error("0.000000001"), decimal_error::precision_loss);
  EXPECT_EQ(parse_error("1.5e-9"), decimal_error::precision_loss);
  EXPECT_EQ(parse_error("25.351900001"), decimal_error::precision_loss);
}

TEST(core_decimal_error, overflow) {
  EXPECT_EQ(parse_error("92233720368.54775808"), decimal_error::overflow);
  EXPECT_EQ(parse_error("100000000000"), decimal_error::overflow);
  EXPECT_EQ(parse_error("1e11"), decimal_error::overflow);
  EXPECT_EQ(parse_error("99999999999999999999999999999999"),
            decimal_error::overflow);
  // The extremes themselves fit.
  EXPECT_TRUE(price::parse("92233720368.54775807"));
  EXPECT_TRUE(price::parse("-92233720368.54775808"));
  EXPECT_EQ(parse_error("-92233720368.54775809"), decimal_error::overflow);
}

TEST(core_decimal_error, checked_add_and_sub_overflow) {
  auto a = checked_add(price::max(), price::from_raw(1));
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error(), decimal_error::overflow);
  auto s = checked_sub(price::min(), price::from_raw(1));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error(), decimal_error::overflow);
  EXPECT_FALSE(checked_abs(price::min()));
}

TEST(core_decimal_error, invalid_step) {
  auto r = round_to_step(price::must_parse("1"), price::zero(), rounding::down);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), decimal_error::invalid_step);
  EXPECT_FALSE(round_to_step(price::must_parse("1"), price::must_parse("-1"),
                             rounding::down));
}

TEST(core_decimal_error, unchecked_operators_abort_on_overflow) {
  EXPECT_DEATH((void)(price::max() + price::from_raw(1)), "overflow");
  EXPECT_DEATH((void)(-price::min()), "overflow");
  EXPECT_DEATH((void)price::must_parse("1.2.3"), "must_parse");
}

TEST(core_decimal_error, error_names_are_stable) {
  EXPECT_EQ(to_string(decimal_error::precision_loss), "precision_loss");
  EXPECT_EQ(static_cast<int>(decimal_error::overflow), 103);
}
