// Fixed-point decimals for money and quantities: a raw int64 with a
// compile-time scale and a tag, so that a price and a quantity cannot be mixed
// by accident (`price + quantity` does not compile; see
// tests/core/compile_fail/). Values come from strings, never from double.
//
// Scale choice: 8 decimals everywhere. That covers Binance's and Upbit's
// 1e-8 steps; int64 at scale 8 holds up to 92,233,720,368 (9.2e10) units,
// e.g. a KRW notional of 92 billion KRW, far above any single order here.
// Products go through 128-bit intermediates, so price x quantity is exact
// before it is rounded to the result's scale.
#pragma once

#include "core/errors.hpp"
#include "core/result.hpp"

#include <compare>
#include <cstdint>
#include <cstdlib>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>

namespace tandem {

/// How a value that does not fit the target scale or step is rounded.
enum class rounding : std::uint8_t {
  /// Toward negative infinity (floor).
  down,
  /// Toward positive infinity (ceiling).
  up,
  /// Toward zero (truncate).
  toward_zero,
  /// To nearest, ties to even (banker's rounding).
  half_even,
};

namespace detail {

// 128-bit intermediates; __extension__ keeps -Wpedantic quiet about them.
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

constexpr std::int64_t pow10(int n) {
  std::int64_t r = 1;
  for (int i = 0; i < n; ++i)
    r *= 10;
  return r;
}

constexpr detail::i128 pow10_128(int n) {
  detail::i128 r = 1;
  for (int i = 0; i < n; ++i)
    r *= 10;
  return r;
}

/// Divides num by den (den != 0) with the given rounding, 128-bit.
constexpr detail::i128 div_round(detail::i128 num, detail::i128 den,
                                 rounding mode) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  detail::i128 q = num / den; // truncates toward zero
  detail::i128 r = num % den; // same sign as num
  if (r == 0)
    return q;
  switch (mode) {
    case rounding::down: return num < 0 ? q - 1 : q;
    case rounding::up: return num > 0 ? q + 1 : q;
    case rounding::toward_zero: return q;
    case rounding::half_even: {
      detail::i128 twice = (r < 0 ? -r : r) * 2;
      bool away = twice > den || (twice == den && (q % 2 != 0));
      if (!away)
        return q;
      return num < 0 ? q - 1 : q + 1;
    }
  }
  return q;
}

constexpr bool fits_int64(detail::i128 v) {
  return v >= std::numeric_limits<std::int64_t>::min()
         && v <= std::numeric_limits<std::int64_t>::max();
}

/// Parses a decimal string into a raw integer at `scale`. Exact: a value
/// with more significant decimals than the scale is an error, not rounded.
/// Accepts an optional leading '-', digits with an optional '.', and an
/// optional exponent ("1.5e-3"), which is applied exactly.
result<std::int64_t, decimal_error> parse_raw(std::string_view s,
                                              int scale) noexcept;

/// Formats a raw integer at `scale` without trailing zeros ("25.3519").
std::string format_raw(std::int64_t raw, int scale);

/// Aborts with a message; used by the unchecked operators on overflow.
[[noreturn]] void fixed_point_violation(const char* what) noexcept;

} // namespace detail

/// A fixed-point number: `raw / 10^Scale`, tagged with its meaning.
template<class Tag, int Scale>
class fixed {
 public:
  static_assert(Scale >= 0 && Scale <= 18, "scale must fit int64");

  using tag_type = Tag;
  static constexpr int scale = Scale;
  /// The raw value of 1.
  static constexpr std::int64_t unit = detail::pow10(Scale);

  constexpr fixed() noexcept = default;

  /// Returns the value whose raw integer is `raw`.
  static constexpr fixed from_raw(std::int64_t raw) noexcept {
    fixed f;
    f.raw_ = raw;
    return f;
  }

  /// Returns `whole` units, or overflow.
  static constexpr result<fixed, decimal_error>
  from_units(std::int64_t whole) noexcept {
    detail::i128 v = static_cast<detail::i128>(whole) * unit;
    if (!detail::fits_int64(v))
      return failure{decimal_error::overflow};
    return from_raw(static_cast<std::int64_t>(v));
  }

  /// Parses a venue string exactly ("25.35190000", "-0.5", "1e-3").
  static result<fixed, decimal_error> parse(std::string_view s) noexcept {
    auto r = detail::parse_raw(s, Scale);
    if (!r)
      return failure{r.error()};
    return from_raw(*r);
  }

  /// Parses a string known to be valid (constants, tests); aborts otherwise.
  static fixed must_parse(std::string_view s) noexcept {
    auto r = parse(s);
    if (!r)
      detail::fixed_point_violation("must_parse: invalid decimal literal");
    return *r;
  }

  static constexpr fixed zero() noexcept { return fixed{}; }
  static constexpr fixed max() noexcept {
    return from_raw(std::numeric_limits<std::int64_t>::max());
  }
  static constexpr fixed min() noexcept {
    return from_raw(std::numeric_limits<std::int64_t>::min());
  }

  constexpr std::int64_t raw() const noexcept { return raw_; }
  constexpr bool is_zero() const noexcept { return raw_ == 0; }
  constexpr bool is_positive() const noexcept { return raw_ > 0; }
  constexpr bool is_negative() const noexcept { return raw_ < 0; }

  /// Returns the canonical decimal string, without trailing zeros.
  std::string to_string() const { return detail::format_raw(raw_, Scale); }

  friend constexpr auto operator<=>(fixed, fixed) noexcept = default;

  // Same-type arithmetic. These abort on overflow (a programming or config
  // error at these magnitudes); use checked_* on untrusted input.
  friend constexpr fixed operator+(fixed a, fixed b) noexcept {
    std::int64_t r;
    if (__builtin_add_overflow(a.raw_, b.raw_, &r))
      detail::fixed_point_violation("fixed + overflow");
    return from_raw(r);
  }
  friend constexpr fixed operator-(fixed a, fixed b) noexcept {
    std::int64_t r;
    if (__builtin_sub_overflow(a.raw_, b.raw_, &r))
      detail::fixed_point_violation("fixed - overflow");
    return from_raw(r);
  }
  friend constexpr fixed operator-(fixed a) noexcept {
    if (a.raw_ == std::numeric_limits<std::int64_t>::min())
      detail::fixed_point_violation("fixed negate overflow");
    return from_raw(-a.raw_);
  }
  constexpr fixed& operator+=(fixed b) noexcept { return *this = *this + b; }
  constexpr fixed& operator-=(fixed b) noexcept { return *this = *this - b; }

 private:
  std::int64_t raw_ = 0;
};

/// Writes the canonical string (for test diagnostics).
template<class Tag, int Scale>
std::ostream& operator<<(std::ostream& os, fixed<Tag, Scale> x) {
  return os << x.to_string();
}

// -- the vocabulary ----------------------------------------------------------

struct price_tag {};
struct quantity_tag {};
struct money_tag {};
struct rate_tag {};

/// A price per unit of base asset, in the quote currency (KRW, USDT).
using price = fixed<price_tag, 8>;
/// A quantity of base asset (BTC) or of contracts.
using quantity = fixed<quantity_tag, 8>;
/// An amount of a currency (KRW, USDT): notionals, fees, P&L, balances.
using money = fixed<money_tag, 8>;
/// A dimensionless ratio (fee rate 0.0005, FX-free). Scale 10 keeps
/// sub-basis-point precision.
using rate = fixed<rate_tag, 10>;

// -- checked arithmetic ------------------------------------------------------

/// Returns a + b, or overflow.
template<class T, int S>
constexpr result<fixed<T, S>, decimal_error> checked_add(fixed<T, S> a,
                                                         fixed<T, S> b) {
  std::int64_t r;
  if (__builtin_add_overflow(a.raw(), b.raw(), &r))
    return failure{decimal_error::overflow};
  return fixed<T, S>::from_raw(r);
}

/// Returns a - b, or overflow.
template<class T, int S>
constexpr result<fixed<T, S>, decimal_error> checked_sub(fixed<T, S> a,
                                                         fixed<T, S> b) {
  std::int64_t r;
  if (__builtin_sub_overflow(a.raw(), b.raw(), &r))
    return failure{decimal_error::overflow};
  return fixed<T, S>::from_raw(r);
}

/// Returns a * n for an integer n (e.g. a contract multiplier), or overflow.
template<class T, int S>
constexpr result<fixed<T, S>, decimal_error> checked_mul(fixed<T, S> a,
                                                         std::int64_t n) {
  std::int64_t r;
  if (__builtin_mul_overflow(a.raw(), n, &r))
    return failure{decimal_error::overflow};
  return fixed<T, S>::from_raw(r);
}

/// Returns a x b expressed as R, rounded with `mode`. The product is exact in
/// 128 bits before rounding: `mul<money>(px, qty, rounding::up)`.
template<class R, class A, class B>
constexpr result<R, decimal_error> mul(A a, B b, rounding mode) {
  detail::i128 p = static_cast<detail::i128>(a.raw()) * b.raw();
  constexpr int shift = R::scale - A::scale - B::scale;
  detail::i128 v;
  if constexpr (shift >= 0) {
    constexpr detail::i128 f = detail::pow10_128(shift);
    // |p| < 2^126, so overflow shows as leaving int64 range after a check.
    if (p != 0
        && (p > std::numeric_limits<std::int64_t>::max()
            || p < std::numeric_limits<std::int64_t>::min()))
      return failure{decimal_error::overflow};
    v = p * f;
  } else {
    v = detail::div_round(p, detail::pow10_128(-shift), mode);
  }
  if (!detail::fits_int64(v))
    return failure{decimal_error::overflow};
  return R::from_raw(static_cast<std::int64_t>(v));
}

/// Returns a / b expressed as R, rounded with `mode`:
/// `div<quantity>(budget_krw, px, rounding::down)`.
template<class R, class A, class B>
constexpr result<R, decimal_error> div(A a, B b, rounding mode) {
  if (b.raw() == 0)
    return failure{decimal_error::division_by_zero};
  constexpr int shift = R::scale - A::scale + B::scale;
  static_assert(shift <= 18 && shift >= -18, "scales too far apart");
  detail::i128 num = a.raw();
  detail::i128 den = b.raw();
  if constexpr (shift >= 0)
    num *= detail::pow10_128(shift); // < 2^63 * 10^18 < 2^127: fits
  else
    den *= detail::pow10_128(-shift);
  detail::i128 v = detail::div_round(num, den, mode);
  if (!detail::fits_int64(v))
    return failure{decimal_error::overflow};
  return R::from_raw(static_cast<std::int64_t>(v));
}

/// Rounds v to a multiple of a positive step ("tick", "lot") with `mode`.
template<class T, int S>
constexpr result<fixed<T, S>, decimal_error>
round_to_step(fixed<T, S> v, fixed<T, S> step, rounding mode) {
  if (step.raw() <= 0)
    return failure{decimal_error::invalid_step};
  detail::i128 q = detail::div_round(v.raw(), step.raw(), mode);
  detail::i128 r = q * step.raw();
  if (!detail::fits_int64(r))
    return failure{decimal_error::overflow};
  return fixed<T, S>::from_raw(static_cast<std::int64_t>(r));
}

/// Returns true if v is an exact multiple of a positive step.
template<class T, int S>
constexpr bool is_multiple_of(fixed<T, S> v, fixed<T, S> step) {
  return step.raw() > 0 && v.raw() % step.raw() == 0;
}

/// Returns |v|, or overflow for the most negative value.
template<class T, int S>
constexpr result<fixed<T, S>, decimal_error> checked_abs(fixed<T, S> v) {
  if (v.raw() == std::numeric_limits<std::int64_t>::min())
    return failure{decimal_error::overflow};
  return fixed<T, S>::from_raw(v.raw() < 0 ? -v.raw() : v.raw());
}

// Scale assumptions the rest of the engine relies on.
static_assert(price::scale == 8 && quantity::scale == 8 && money::scale == 8);
static_assert(price::unit == 100'000'000);
static_assert(rate::unit == 10'000'000'000);

} // namespace tandem
