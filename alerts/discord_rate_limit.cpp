#include "alerts/discord_rate_limit.hpp"

#include <simdjson.h>

#include <cstdint>
#include <string>

namespace tandem::alerts {

namespace {

namespace od = simdjson::ondemand;

constexpr std::uint64_t clamp_ms
  = static_cast<std::uint64_t>(longest_parsed_wait.count());

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty()
         && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'
             || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty()
         && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'
             || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

} // namespace

std::optional<std::chrono::milliseconds>
parse_seconds_as_ms(std::string_view text) noexcept {
  // Grammar: int [ "." digits ] [ ("e"|"E") ["+"|"-"] digits ], no sign.
  std::string_view s = trim(text);
  std::size_t i = 0;
  std::string digits; // significant digits of int and fraction, in order
  auto take_digits = [&](bool keep) {
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) {
      if (keep)
        digits += s[i];
      ++i;
    }
    return i - start;
  };
  if (take_digits(true) == 0)
    return std::nullopt;
  long long exp10 = 0; // value = digits * 10^exp10 seconds
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t n = take_digits(true);
    if (n == 0)
      return std::nullopt;
    exp10 -= static_cast<long long>(n);
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      neg = s[i++] == '-';
    std::size_t start = i;
    long long e = 0;
    while (i < s.size() && is_digit(s[i])) {
      if (e < 100000)
        e = e * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start)
      return std::nullopt;
    exp10 += neg ? -e : e;
  }
  if (i != s.size())
    return std::nullopt;
  exp10 += 3; // seconds -> milliseconds
  // Drop leading zeros so the length says the magnitude.
  std::size_t nz = digits.find_first_not_of('0');
  if (nz == std::string::npos)
    return std::chrono::milliseconds{0};
  digits.erase(0, nz);
  // Whole part: the digits left of the decimal point after the shift; any
  // non-zero digit right of it rounds up.
  long long int_len = static_cast<long long>(digits.size()) + exp10;
  if (int_len > 12) // more than 10^12 ms: clamp
    return longest_parsed_wait;
  std::uint64_t whole = 0;
  bool frac_nonzero = false;
  for (long long k = 0; k < static_cast<long long>(digits.size()); ++k) {
    if (k < int_len)
      whole = whole * 10
              + static_cast<std::uint64_t>(digits[static_cast<std::size_t>(k)]
                                           - '0');
    else if (digits[static_cast<std::size_t>(k)] != '0')
      frac_nonzero = true;
  }
  for (long long k = static_cast<long long>(digits.size()); k < int_len; ++k)
    whole *= 10; // trailing zeros from a positive exponent
  if (frac_nonzero)
    ++whole;
  if (whole > clamp_ms)
    whole = clamp_ms;
  return std::chrono::milliseconds{static_cast<std::int64_t>(whole)};
}

std::optional<rate_limit_body>
parse_rate_limit_body(std::string_view json) noexcept {
  simdjson::padded_string buf(json);
  od::parser parser;
  od::document doc;
  if (parser.iterate(buf).get(doc))
    return std::nullopt;
  od::object root;
  if (doc.get_object().get(root))
    return std::nullopt;
  std::optional<std::chrono::milliseconds> retry;
  bool global = false;
  for (auto member : root) {
    std::string_view key;
    od::value v;
    if (member.unescaped_key().get(key) || member.value().get(v))
      return std::nullopt;
    if (key == "retry_after") {
      od::json_type t;
      if (v.type().get(t) || t != od::json_type::number)
        return std::nullopt;
      retry = parse_seconds_as_ms(v.raw_json_token());
      if (!retry)
        return std::nullopt;
    } else if (key == "global") {
      bool g = false;
      if (!v.get_bool().get(g))
        global = g;
    }
  }
  if (!retry)
    return std::nullopt;
  return rate_limit_body{*retry, global};
}

std::optional<std::chrono::milliseconds>
bucket_exhausted_wait(std::optional<std::string_view> remaining,
                      std::optional<std::string_view> reset_after) noexcept {
  if (!remaining || !reset_after || trim(*remaining) != "0")
    return std::nullopt;
  return parse_seconds_as_ms(*reset_after);
}

} // namespace tandem::alerts
