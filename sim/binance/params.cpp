#include "sim/binance/params.hpp"

#include "venues/common/percent_encoding.hpp"

#include <charconv>

namespace tandem::sim::binance {

namespace {

using item = std::pair<std::string, std::string>;

// Splits "a=1&b=2" into decoded pairs; false on a bad escape or a repeat.
result<std::vector<item>, sim_error> split(std::string_view part) {
  std::vector<item> out;
  while (!part.empty()) {
    auto amp = part.find('&');
    auto kv = part.substr(0, amp);
    part = amp == std::string_view::npos ? std::string_view{}
                                         : part.substr(amp + 1);
    if (kv.empty())
      continue;
    auto eq = kv.find('=');
    auto k = venues::percent_decode(kv.substr(0, eq));
    auto v = venues::percent_decode(
      eq == std::string_view::npos ? std::string_view{} : kv.substr(eq + 1));
    if (!k || !v)
      return failure{
        sim_error{400, -1100, "Illegal characters found in a parameter."}};
    for (const auto& [key, value] : out)
      if (key == *k)
        return failure{
          sim_error{400, -1101, "Duplicate values for a parameter detected."}};
    out.emplace_back(std::move(*k), std::move(*v));
  }
  return out;
}

} // namespace

result<params, sim_error> params::parse(std::string_view query,
                                        std::string_view body) {
  auto q = split(query);
  if (!q)
    return failure{q.error()};
  auto b = split(body);
  if (!b)
    return failure{b.error()};
  params out;
  out.items_ = std::move(*q);
  for (auto& [k, v] : *b)
    if (!out.has(k)) // the query string wins (reference B2)
      out.items_.emplace_back(std::move(k), std::move(v));
  return out;
}

std::optional<std::string_view> params::get(std::string_view key) const {
  for (const auto& [k, v] : items_)
    if (k == key)
      return std::string_view{v};
  return std::nullopt;
}

result<std::string_view, sim_error>
params::required(std::string_view key) const {
  auto v = get(key);
  if (!v || v->empty())
    return failure{mandatory(key)};
  return *v;
}

result<std::optional<std::int64_t>, sim_error>
params::integer(std::string_view key) const {
  auto v = get(key);
  if (!v)
    return std::optional<std::int64_t>{};
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc{} || end != v->data() + v->size())
    return failure{illegal_chars(key)};
  return std::optional<std::int64_t>{n};
}

bool params::is_plain_decimal(std::string_view v) {
  auto dot = v.find('.');
  auto whole = v.substr(0, dot);
  auto frac
    = dot == std::string_view::npos ? std::string_view{} : v.substr(dot + 1);
  auto digits = [](std::string_view s) {
    if (s.empty() || s.size() > 20)
      return false;
    for (char c : s)
      if (c < '0' || c > '9')
        return false;
    return true;
  };
  return digits(whole) && (dot == std::string_view::npos || digits(frac));
}

sim_error params::mandatory(std::string_view key) {
  return {400, -1102,
          "Mandatory parameter '" + std::string{key}
            + "' was not sent, was empty/null, or malformed."};
}

sim_error params::illegal_chars(std::string_view key) {
  return {400, -1100,
          "Illegal characters found in parameter '" + std::string{key}
            + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'."};
}

sim_error params::invalid_value(std::string_view key) {
  return {400, -1130,
          "Data sent for parameter '" + std::string{key} + "' is not valid."};
}

sim_error params::too_precise() {
  return {400, -1111, "Precision is over the maximum defined for this asset."};
}

} // namespace tandem::sim::binance
