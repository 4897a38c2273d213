#include "sim/market/premium_script.hpp"

#include <cctype>
#include <limits>
#include <optional>

namespace tandem::sim::market {

namespace {

using std::chrono::milliseconds;

/// Largest premium a script may ask for: +/-90 % (a KRW price at or below
/// zero would follow from -100 %).
constexpr std::int64_t max_bps = 9'000;

bool is_digitish(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-'
         || c == '+';
}

/// Splits one segment into lower-case words, and "5s" / "250bps" into a
/// number and its unit.
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty())
      out.push_back(std::move(cur));
    cur.clear();
  };
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
      continue;
    }
    if (!cur.empty() && is_digitish(cur.back()) && !is_digitish(c)
        && is_digitish(cur.front()))
      flush();
    cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  flush();
  return out;
}

/// Parses a decimal number of basis points into a fraction.
std::optional<rate> parse_bps(std::string_view s) {
  if (!s.empty() && s.front() == '+')
    s.remove_prefix(1);
  auto v = rate::parse(s);
  if (!v)
    return std::nullopt;
  // bps -> fraction divides by 10^4; it must stay exact.
  if (v->raw() % 10'000 != 0)
    return std::nullopt;
  if (v->raw() > max_bps * rate::unit || v->raw() < -max_bps * rate::unit)
    return std::nullopt;
  return rate::from_raw(v->raw() / 10'000);
}

/// Parses "<number> <unit>" into whole milliseconds.
std::optional<milliseconds> parse_duration(std::string_view number,
                                           std::string_view unit) {
  auto v = rate::parse(number); // scale 10: any sane decimal fits
  if (!v || v->is_negative())
    return std::nullopt;
  std::int64_t ms_per_unit = 0;
  if (unit == "ms")
    ms_per_unit = 1;
  else if (unit == "s" || unit == "sec")
    ms_per_unit = 1000;
  else if (unit == "min")
    ms_per_unit = 60'000;
  else
    return std::nullopt;
  __extension__ using i128 = __int128;
  i128 scaled = static_cast<i128>(v->raw()) * ms_per_unit;
  if (scaled % rate::unit != 0)
    return std::nullopt; // finer than a millisecond
  i128 ms = scaled / rate::unit;
  if (ms > std::numeric_limits<std::int32_t>::max())
    return std::nullopt;
  return milliseconds{static_cast<std::int64_t>(ms)};
}

/// Splits the script at ',' and ';'.
std::vector<std::string_view> segments_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == ',' || text[i] == ';') {
      out.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  return out;
}

} // namespace

result<premium_script, std::string> premium_script::parse(std::string_view text,
                                                          rate start) {
  premium_script out{start};
  milliseconds t{0};
  rate current = start;
  int index = 0;
  for (auto seg : segments_of(text)) {
    ++index;
    auto w = words(seg);
    if (w.empty()) {
      if (index == 1 && segments_of(text).size() == 1)
        return out; // an empty script: hold the start forever
      return failure{"premium script segment " + std::to_string(index)
                     + " is empty"};
    }
    auto bad = [&](std::string_view why) {
      return failure{"premium script segment " + std::to_string(index) + " (\""
                     + std::string{seg} + "\"): " + std::string{why}};
    };
    premium_segment s;
    s.start = t;
    s.from = current;
    std::optional<milliseconds> d;
    if (w[0] == "hold") {
      if (w.size() == 6 && w[2] == "bps" && w[3] == "for") {
        auto bps = parse_bps(w[1]);
        if (!bps)
          return bad("bad basis points (decimal, |N| <= 9000)");
        s.from = *bps;
        d = parse_duration(w[4], w[5]);
      } else if (w.size() == 4 && w[1] == "for") {
        d = parse_duration(w[2], w[3]);
      } else if (w.size() == 3) {
        d = parse_duration(w[1], w[2]);
      } else {
        return bad("expected \"hold <N> bps for <D>\" or \"hold <D>\"");
      }
      s.to = s.from;
    } else if (w[0] == "ramp") {
      if (w.size() != 7 || w[1] != "to" || w[3] != "bps" || w[4] != "over")
        return bad("expected \"ramp to <N> bps over <D>\"");
      auto bps = parse_bps(w[2]);
      if (!bps)
        return bad("bad basis points (decimal, |N| <= 9000)");
      s.to = *bps;
      d = parse_duration(w[5], w[6]);
    } else {
      return bad("a segment starts with hold or ramp");
    }
    if (!d)
      return bad("bad duration (a number and ms, s or min)");
    s.length = *d;
    t += *d;
    current = s.to;
    out.segments_.push_back(s);
  }
  return out;
}

rate premium_script::at(milliseconds elapsed) const {
  rate current = start_;
  for (const auto& s : segments_) {
    if (elapsed < s.start)
      return current;
    if (elapsed < s.start + s.length) {
      if (s.from == s.to)
        return s.from;
      // Linear between from and to; 128-bit so long ramps cannot overflow.
      __extension__ using i128 = __int128;
      i128 span = static_cast<i128>(s.to.raw()) - s.from.raw();
      i128 done = (elapsed - s.start).count();
      return rate::from_raw(
        s.from.raw()
        + static_cast<std::int64_t>(span * done / s.length.count()));
    }
    current = s.to;
  }
  return current;
}

milliseconds premium_script::length() const {
  return segments_.empty() ? milliseconds{0}
                           : segments_.back().start + segments_.back().length;
}

std::int64_t to_bps(rate r) {
  constexpr std::int64_t per_bp = rate::unit / 10'000;
  auto q = r.raw() / per_bp;
  auto rem = r.raw() % per_bp;
  if (2 * rem >= per_bp)
    ++q;
  else if (2 * rem <= -per_bp)
    --q;
  return q;
}

} // namespace tandem::sim::market
