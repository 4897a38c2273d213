#include "venues/binance/rate_headers.hpp"

#include "venues/binance/fields.hpp"

#include <charconv>

namespace tandem::venues::binance {

namespace {

constexpr char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i]))
      return false;
  return true;
}

constexpr std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Digits only: no sign, no spaces inside, no fraction, no overflow.
std::optional<std::int64_t> parse_count(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.front() < '0' || s.front() > '9')
    return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size())
    return std::nullopt;
  return v;
}

// Sets `slot` from `value`; false if malformed or conflicting.
bool set_once(std::optional<std::int64_t>& slot, std::string_view value) {
  auto v = parse_count(value);
  if (!v)
    return false;
  if (slot && *slot != *v)
    return false;
  slot = v;
  return true;
}

} // namespace

result<rate_usage, venue_error>
parse_rate_headers(std::span<const header_view> headers) {
  namespace h = fields::headers;
  std::optional<std::int64_t> weight;
  std::optional<std::int64_t> count_10s;
  std::optional<std::int64_t> count_1m;
  std::optional<std::int64_t> retry;
  for (const auto& hv : headers) {
    std::optional<std::int64_t>* slot = nullptr;
    if (iequals(hv.name, h::used_weight_1m.key))
      slot = &weight;
    else if (iequals(hv.name, h::order_count_10s.key))
      slot = &count_10s;
    else if (iequals(hv.name, h::order_count_1m.key))
      slot = &count_1m;
    else if (iequals(hv.name, h::retry_after.key))
      slot = &retry;
    if (slot && !set_once(*slot, hv.value))
      return failure{venue_error::malformed_response};
  }
  rate_usage out;
  out.used_weight_1m = weight;
  out.order_count_10s = count_10s;
  out.order_count_1m = count_1m;
  if (retry)
    out.retry_after = std::chrono::seconds{*retry};
  return out;
}

} // namespace tandem::venues::binance
