#include "core/decimal.hpp"

#include <gtest/gtest.h>

using namespace tandem;

TEST(core_decimal, parses_venue_strings_exactly) {
  auto p = price::parse("25.35190000");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->raw(), 2'535'190'000);
  EXPECT_EQ(price::parse("143250000")->raw(), 14'325'000'000'000'000);
  EXPECT_EQ(quantity::parse("0.00000001")->raw(), 1);
  EXPECT_EQ(quantity::parse("-0.5")->raw(), -50'000'000);
  EXPECT_EQ(quantity::parse("0")->raw(), 0);
  EXPECT_EQ(quantity::parse("-0.0")->raw(), 0);
  EXPECT_EQ(quantity::parse("007.10")->raw(), 710'000'000);
}

TEST(core_decimal, trailing_zeros_beyond_scale_are_exact) {
  // More decimals than the scale are fine when they are zeros.
  EXPECT_EQ(price::parse("0.100000000000000")->raw(), 10'000'000);
}

TEST(core_decimal, exponents_are_applied_exactly) {
  EXPECT_EQ(quantity::parse("1.5e-3")->raw(), 150'000);
  EXPECT_EQ(quantity::parse("1.0E-4")->raw(), 10'000);
  EXPECT_EQ(quantity::parse("2E+3")->raw(), 200'000'000'000);
  EXPECT_EQ(quantity::parse("1e-8")->raw(), 1);
  EXPECT_EQ(quantity::parse("0e-999")->raw(), 0);
}

TEST(core_decimal, formats_without_trailing_noise) {
  EXPECT_EQ(price::must_parse("25.35190000").to_string(), "25.3519");
  EXPECT_EQ(price::must_parse("100000000").to_string(), "100000000");
  EXPECT_EQ(price::must_parse("0.01").to_string(), "0.01");
  EXPECT_EQ(price::must_parse("-0.5").to_string(), "-0.5");
  EXPECT_EQ(price::zero().to_string(), "0");
  EXPECT_EQ(price::from_raw(1).to_string(), "0.00000001");
  EXPECT_EQ(price::min().to_string(), "-92233720368.54775808");
  EXPECT_EQ(price::max().to_string(), "92233720368.54775807");
  EXPECT_EQ(rate::must_parse("0.0005").to_string(), "0.0005");
}

TEST(core_decimal, format_then_parse_round_trips) {
  for (std::int64_t raw : {0LL, 1LL, -1LL, 123456789LL, -987654321012LL,
                           9'223'372'036'854'775'807LL}) {
    auto p = price::from_raw(raw);
    EXPECT_EQ(price::parse(p.to_string())->raw(), raw) << raw;
  }
}

TEST(core_decimal, same_type_arithmetic_and_comparison) {
  auto a = money::must_parse("1.25");
  auto b = money::must_parse("0.75");
  EXPECT_EQ((a + b).to_string(), "2");
  EXPECT_EQ((a - b).to_string(), "0.5");
  EXPECT_EQ((-a).to_string(), "-1.25");
  EXPECT_LT(b, a);
  auto c = a;
  c += b;
  c -= a;
  EXPECT_EQ(c, b);
}

TEST(core_decimal, price_times_quantity_is_exact_then_rounded) {
  auto px = price::must_parse("143250000");  // KRW per BTC
  auto qty = quantity::must_parse("0.0123"); // BTC
  auto n = mul<money>(px, qty, rounding::half_even);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->to_string(), "1761975");
  // 0.12345678 x 0.12345678 = 0.0152415765279684: needs rounding to 8 dp.
  auto p2 = price::must_parse("0.12345678");
  auto q2 = quantity::must_parse("0.12345678");
  EXPECT_EQ(mul<money>(p2, q2, rounding::down)->to_string(), "0.01524157");
  EXPECT_EQ(mul<money>(p2, q2, rounding::up)->to_string(), "0.01524158");
  EXPECT_EQ(mul<money>(p2, q2, rounding::half_even)->to_string(), "0.01524158");
}

TEST(core_decimal, product_overflow_is_detected) {
  auto px = price::must_parse("90000000000");
  auto qty = quantity::must_parse("2");
  auto n = mul<money>(px, qty, rounding::down);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error(), decimal_error::overflow);
}

TEST(core_decimal, division_with_stated_rounding) {
  // How much BTC do 1,000,000 KRW buy at 143,250,000 KRW?
  auto budget = money::must_parse("1000000");
  auto px = price::must_parse("143250000");
  EXPECT_EQ(div<quantity>(budget, px, rounding::down)->to_string(),
            "0.0069808");
  EXPECT_EQ(div<quantity>(budget, px, rounding::up)->to_string(), "0.00698081");
  auto z = div<quantity>(budget, price::zero(), rounding::down);
  ASSERT_FALSE(z);
  EXPECT_EQ(z.error(), decimal_error::division_by_zero);
}

TEST(core_decimal, rounding_modes_on_negative_values) {
  auto v = money::must_parse("-0.5");
  auto two = money::must_parse("2");
  auto q = [&](rounding r) {
    return div<money>(money::must_parse("-0.00000001"), two, r)->raw();
  };
  EXPECT_EQ(q(rounding::down), -1);
  EXPECT_EQ(q(rounding::up), 0);
  EXPECT_EQ(q(rounding::toward_zero), 0);
  EXPECT_EQ(q(rounding::half_even), 0); // -0.5 raw -> even 0
  EXPECT_EQ(div<money>(v, two, rounding::half_even)->to_string(), "-0.25");
}

TEST(core_decimal, half_even_breaks_ties_to_even) {
  auto step = price::must_parse("1");
  EXPECT_EQ(
    round_to_step(price::must_parse("2.5"), step, rounding::half_even)->raw(),
    price::must_parse("2").raw());
  EXPECT_EQ(
    round_to_step(price::must_parse("3.5"), step, rounding::half_even)->raw(),
    price::must_parse("4").raw());
  EXPECT_EQ(
    round_to_step(price::must_parse("3.4"), step, rounding::half_even)->raw(),
    price::must_parse("3").raw());
}

TEST(core_decimal, round_to_step_both_directions) {
  auto tick = price::must_parse("0.1");
  auto p = price::must_parse("65000.17");
  EXPECT_EQ(round_to_step(p, tick, rounding::down)->to_string(), "65000.1");
  EXPECT_EQ(round_to_step(p, tick, rounding::up)->to_string(), "65000.2");
  auto on = price::must_parse("65000.2");
  EXPECT_EQ(round_to_step(on, tick, rounding::up)->to_string(), "65000.2");
  EXPECT_TRUE(is_multiple_of(on, tick));
  EXPECT_FALSE(is_multiple_of(p, tick));
}

TEST(core_decimal, integer_multiplier) {
  auto pts = price::must_parse("0.05");
  EXPECT_EQ(checked_mul(pts, 250000)->to_string(), "12500");
  auto big = checked_mul(price::max(), 2);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error(), decimal_error::overflow);
}

TEST(core_decimal, from_units) {
  EXPECT_EQ(money::from_units(5000)->to_string(), "5000");
  EXPECT_FALSE(money::from_units(100'000'000'000));
}

// Scale assumptions are compile-time facts.
static_assert(price::scale == 8);
static_assert(rate::scale == 10);
static_assert(!std::is_convertible_v<price, quantity>);
static_assert(!std::is_convertible_v<money, price>);
