#include "sim/upbit/ids.hpp"

#include <array>
#include <cstdio>

namespace tandem::sim::upbit {

namespace {

struct civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
  std::int64_t hour;
  std::int64_t minute;
  std::int64_t second;
};

// Howard Hinnant's days_from_civil inverse, for days since 1970-01-01.
civil to_civil(timestamp t, int offset_hours) {
  std::int64_t secs
    = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch())
        .count()
      + std::int64_t{offset_hours} * 3600;
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe
    = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  civil c;
  c.year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  c.month = static_cast<unsigned>(m);
  c.day = static_cast<unsigned>(d);
  c.hour = rem / 3600;
  c.minute = rem % 3600 / 60;
  c.second = rem % 60;
  return c;
}

} // namespace

std::uint64_t uuid_source::next_word() noexcept {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string uuid_source::next() {
  std::array<std::uint8_t, 16> b{};
  for (std::size_t half = 0; half < 2; ++half) {
    auto w = next_word();
    for (std::size_t i = 0; i < 8; ++i)
      b[half * 8 + i] = static_cast<std::uint8_t>(w >> (8 * i));
  }
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40); // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80); // RFC 4122 variant
  constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      out.push_back('-');
    out.push_back(hex[b[i] >> 4]);
    out.push_back(hex[b[i] & 0x0f]);
  }
  return out;
}

std::string kst_iso8601(timestamp t) {
  auto c = to_civil(t, 9);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld+09:00",
                static_cast<long long>(c.year), c.month, c.day,
                static_cast<long long>(c.hour),
                static_cast<long long>(c.minute),
                static_cast<long long>(c.second));
  return buf;
}

std::string date_compact(timestamp t, int offset_hours) {
  auto c = to_civil(t, offset_hours);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04lld%02u%02u",
                static_cast<long long>(c.year), c.month, c.day);
  return buf;
}

std::string time_compact(timestamp t, int offset_hours) {
  auto c = to_civil(t, offset_hours);
  char buf[24];
  std::snprintf(
    buf, sizeof buf, "%02lld%02lld%02lld", static_cast<long long>(c.hour),
    static_cast<long long>(c.minute), static_cast<long long>(c.second));
  return buf;
}

} // namespace tandem::sim::upbit
