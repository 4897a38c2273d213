#include "core/decimal.hpp"

#include <cstdio>

namespace tandem::detail {

namespace {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

result<std::int64_t, decimal_error> parse_raw(std::string_view s,
                                              int scale) noexcept {
  if (s.empty())
    return failure{decimal_error::empty};
  std::size_t i = 0;
  bool negative = false;
  if (s[0] == '-') {
    negative = true;
    ++i;
  }
  // Mantissa: int_digits [ '.' frac_digits ], at least one digit before and
  // after a dot ("5." and ".5" never come from a venue; refuse them).
  std::size_t int_begin = i;
  while (i < s.size() && is_digit(s[i]))
    ++i;
  std::string_view int_digits = s.substr(int_begin, i - int_begin);
  if (int_digits.empty())
    return failure{decimal_error::malformed};
  std::string_view frac_digits;
  if (i < s.size() && s[i] == '.') {
    std::size_t frac_begin = ++i;
    while (i < s.size() && is_digit(s[i]))
      ++i;
    frac_digits = s.substr(frac_begin, i - frac_begin);
    if (frac_digits.empty())
      return failure{decimal_error::malformed};
  }
  // Exponent, applied exactly ("1.0E-4" appears in some venue payloads).
  long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      exp_negative = s[i] == '-';
      ++i;
    }
    std::size_t exp_begin = i;
    while (i < s.size() && is_digit(s[i])) {
      if (i - exp_begin >= 4) // |exponent| <= 9999 is plenty
        return failure{decimal_error::malformed};
      exponent = exponent * 10 + (s[i] - '0');
      ++i;
    }
    if (i == exp_begin)
      return failure{decimal_error::malformed};
    if (exp_negative)
      exponent = -exponent;
  }
  if (i != s.size())
    return failure{decimal_error::malformed};

  // value = D * 10^k where D is all mantissa digits, k = exp - |frac| + scale.
  long k = exponent - static_cast<long>(frac_digits.size()) + scale;
  // Walk the digits of D, dropping the last -k of them (must be zeros).
  std::size_t total = int_digits.size() + frac_digits.size();
  auto digit_at = [&](std::size_t n) {
    return n < int_digits.size() ? int_digits[n]
                                 : frac_digits[n - int_digits.size()];
  };
  std::size_t keep = total;
  if (k < 0) {
    auto drop = static_cast<std::size_t>(-k);
    if (drop > total)
      drop = total;
    for (std::size_t n = total - drop; n < total; ++n)
      if (digit_at(n) != '0')
        return failure{decimal_error::precision_loss};
    keep = total - drop;
    k = 0;
  }
  // Magnitude limit: 2^63 for negatives, 2^63 - 1 for positives.
  constexpr u128 pos_limit
    = static_cast<u128>(std::numeric_limits<std::int64_t>::max());
  const u128 limit = negative ? pos_limit + 1 : pos_limit;
  u128 mag = 0;
  for (std::size_t n = 0; n < keep; ++n) {
    mag = mag * 10 + static_cast<unsigned>(digit_at(n) - '0');
    if (mag > limit)
      return failure{decimal_error::overflow};
  }
  if (mag != 0) {
    for (long e = 0; e < k; ++e) {
      mag *= 10;
      if (mag > limit)
        return failure{decimal_error::overflow};
    }
  }
  if (negative) {
    if (mag == pos_limit + 1)
      return std::numeric_limits<std::int64_t>::min();
    return -static_cast<std::int64_t>(mag);
  }
  return static_cast<std::int64_t>(mag);
}

std::string format_raw(std::int64_t raw, int scale) {
  // Magnitude as unsigned so that INT64_MIN formats correctly.
  bool negative = raw < 0;
  std::uint64_t mag = negative ? ~static_cast<std::uint64_t>(raw) + 1
                               : static_cast<std::uint64_t>(raw);
  char digits[32];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + mag % 10);
    mag /= 10;
  } while (mag != 0);
  while (n <= scale) // at least one integer digit
    digits[n++] = '0';
  // Trailing fractional zeros are noise: skip them.
  int frac_end = 0; // index (from the right) of the first kept fraction digit
  while (frac_end < scale && digits[frac_end] == '0')
    ++frac_end;
  std::string out;
  out.reserve(static_cast<std::size_t>(n + 2));
  if (negative)
    out.push_back('-');
  for (int p = n - 1; p >= scale; --p)
    out.push_back(digits[p]);
  if (frac_end < scale) {
    out.push_back('.');
    for (int p = scale - 1; p >= frac_end; --p)
      out.push_back(digits[p]);
  }
  return out;
}

void fixed_point_violation(const char* what) noexcept {
  std::fprintf(stderr, "tandem: fixed-point violation: %s\n", what);
  std::abort();
}

} // namespace tandem::detail
