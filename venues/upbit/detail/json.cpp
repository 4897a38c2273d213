#include "venues/upbit/detail/json.hpp"

#include "venues/upbit/json_context.hpp"

#include <cstring>

namespace tandem::venues::upbit {

json_context::json_context() : state_(std::make_unique<detail::json_state>()) {}
json_context::~json_context() = default;
json_context::json_context(json_context&&) noexcept = default;
json_context& json_context::operator=(json_context&&) noexcept = default;

} // namespace tandem::venues::upbit

namespace tandem::venues::upbit::detail {

namespace {

std::string_view trim_right(std::string_view s) {
  while (!s.empty()
         && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'
             || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `pos` into `out`.
bool digits(std::string_view s, std::size_t& pos, int n, int& out) {
  if (pos + static_cast<std::size_t>(n) > s.size())
    return false;
  out = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos++];
    if (!is_digit(c))
      return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c)
    return false;
  ++pos;
  return true;
}

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int days[]
    = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

} // namespace

bool start(json_state& s, std::string_view bytes, od::document& doc) {
  s.buffer.resize(bytes.size() + simdjson::SIMDJSON_PADDING);
  if (!bytes.empty())
    std::memcpy(s.buffer.data(), bytes.data(), bytes.size());
  std::memset(s.buffer.data() + bytes.size(), 0, simdjson::SIMDJSON_PADDING);
  return !s.parser.iterate(s.buffer.data(), bytes.size(), s.buffer.size())
            .get(doc);
}

bool finish(od::document& doc) {
  // simdjson 3.0 has no document::at_end(); current_location() reports
  // OUT_OF_BOUNDS exactly when every token was consumed without error.
  return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

bool read_string(od::value& v, std::string_view& out) {
  return !v.get_string().get(out);
}

bool read_optional_string(od::value& v, std::optional<std::string_view>& out) {
  bool null = false;
  if (v.is_null().get(null))
    return false;
  if (null) {
    out.reset();
    return true;
  }
  std::string_view s;
  if (v.get_string().get(s))
    return false;
  out = s;
  return true;
}

bool read_int(od::value& v, std::int64_t& out) {
  return !v.get_int64().get(out);
}

bool read_bool(od::value& v, bool& out) { return !v.get_bool().get(out); }

bool read_optional_bool(od::value& v, std::optional<bool>& out) {
  bool null = false;
  if (v.is_null().get(null))
    return false;
  if (null) {
    out.reset();
    return true;
  }
  bool b = false;
  if (v.get_bool().get(b))
    return false;
  out = b;
  return true;
}

bool read_epoch_ms(od::value& v, timestamp& out) {
  std::int64_t ms = 0;
  // Reject negatives and values past year ~2286 (ns would overflow int64).
  if (v.get_int64().get(ms) || ms < 0 || ms > 9'000'000'000'000)
    return false;
  out = from_unix_ms(ms);
  return true;
}

bool read_iso8601(od::value& v, timestamp& out) {
  std::string_view s;
  if (v.get_string().get(s))
    return false;
  auto t = parse_iso8601(s);
  if (!t)
    return false;
  out = *t;
  return true;
}

bool read_decimal_text(od::value& v, wire_type t,
                       std::optional<std::string_view>& out) {
  od::json_type type;
  if (v.type().get(type))
    return false;
  if (type == od::json_type::null) {
    bool null = false;
    if (v.is_null().get(null) || !null)
      return false;
    out.reset();
    return true;
  }
  const bool string_ok
    = t == wire_type::string_decimal || t == wire_type::any_decimal;
  const bool number_ok
    = t == wire_type::number_decimal || t == wire_type::any_decimal;
  if (type == od::json_type::string && string_ok) {
    std::string_view s;
    if (v.get_string().get(s))
      return false;
    out = s;
    return true;
  }
  if (type == od::json_type::number && number_ok) {
    auto s = trim_right(v.raw_json_token());
    if (!is_json_number(s))
      return false;
    out = s;
    return true;
  }
  return false;
}

bool is_json_number(std::string_view s) noexcept {
  std::size_t i = 0;
  const auto n = s.size();
  if (i < n && s[i] == '-')
    ++i;
  if (i >= n)
    return false;
  if (s[i] == '0') {
    ++i;
  } else if (is_digit(s[i])) {
    while (i < n && is_digit(s[i]))
      ++i;
  } else {
    return false;
  }
  if (i < n && s[i] == '.') {
    ++i;
    if (i >= n || !is_digit(s[i]))
      return false;
    while (i < n && is_digit(s[i]))
      ++i;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-'))
      ++i;
    if (i >= n || !is_digit(s[i]))
      return false;
    while (i < n && is_digit(s[i]))
      ++i;
  }
  return i == n;
}

std::optional<timestamp> parse_iso8601(std::string_view s) noexcept {
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, mo)
      || !expect(s, pos, '-') || !digits(s, pos, 2, d) || !expect(s, pos, 'T')
      || !digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi)
      || !expect(s, pos, ':') || !digits(s, pos, 2, sec))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23
      || mi > 59 || sec > 59)
    return std::nullopt;
  std::int64_t nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int count = 0;
    while (pos < s.size() && is_digit(s[pos])) {
      // Digits past nanoseconds are dropped (truncation, not rounding).
      if (count < 9)
        nanos = nanos * 10 + (s[pos] - '0');
      ++count;
      ++pos;
    }
    if (count == 0)
      return std::nullopt;
    for (int i = count; i < 9; ++i)
      nanos *= 10;
  }
  // The offset is required: without it the time could be KST or UTC.
  if (pos >= s.size())
    return std::nullopt;
  int offset_min = 0;
  if (s[pos] == 'Z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om)
        || oh > 23 || om > 59)
      return std::nullopt;
    offset_min = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size())
    return std::nullopt;
  const std::int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600
                            + mi * 60 + sec - offset_min * 60;
  return timestamp{std::chrono::seconds{secs}
                   + std::chrono::nanoseconds{nanos}};
}

} // namespace tandem::venues::upbit::detail
