#include "venues/upbit/rate_headers.hpp"

namespace tandem::venues::upbit {

namespace {

constexpr failure<venue_error> malformed{venue_error::malformed_response};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// A count of at most 9 digits, so it always fits int32.
std::optional<std::int32_t> parse_count(std::string_view s) {
  if (s.empty() || s.size() > 9)
    return std::nullopt;
  std::int32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9')
      return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool is_group_name(std::string_view s) {
  if (s.empty() || s.size() > 64)
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
          || c == '_' || c == '-'))
      return false;
  return true;
}

} // namespace

result<remaining_req, venue_error> parse_remaining_req(std::string_view value) {
  remaining_req out;
  bool have_group = false, have_sec = false;
  while (true) {
    auto semi = value.find(';');
    auto part = trim(value.substr(0, semi));
    auto eq = part.find('=');
    if (eq == std::string_view::npos)
      return malformed;
    auto k = trim(part.substr(0, eq));
    auto v = trim(part.substr(eq + 1));
    if (k == "group") {
      if (have_group || !is_group_name(v))
        return malformed;
      out.group.assign(v);
      have_group = true;
    } else if (k == "sec") {
      auto n = parse_count(v);
      if (have_sec || !n)
        return malformed;
      out.sec = *n;
      have_sec = true;
    } else if (k == "min") {
      auto n = parse_count(v);
      if (out.min || !n)
        return malformed;
      out.min = *n;
    } else if (k.empty()) {
      return malformed;
    }
    if (semi == std::string_view::npos)
      break;
    value.remove_prefix(semi + 1);
  }
  if (!have_group || !have_sec)
    return malformed;
  return out;
}

} // namespace tandem::venues::upbit
