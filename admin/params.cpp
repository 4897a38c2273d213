#include "admin/params.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace tandem::admin {

namespace {

constexpr auto int_max = std::numeric_limits<std::int32_t>::max();

// The ranges are config/detail/sections.cpp's; keep them in step.
// clang-format off
constexpr param_spec table[] = {
  {"kimchi.entry_bps",        "strategy.kimchi.entry_bps",        param_type::integer,  -10'000, 10'000,        "bps", "premium that opens a pair (must stay above exit_bps)"},
  {"kimchi.exit_bps",         "strategy.kimchi.exit_bps",         param_type::integer,  -10'000, 10'000,        "bps", "premium at or below which an open pair closes"},
  {"kimchi.leg_timeout_ms",   "strategy.kimchi.leg_timeout_ms",   param_type::integer,  1, 600'000,             "ms",  "a leg without a final answer after this long is resolved"},
  {"kimchi.max_holding_s",    "strategy.kimchi.max_holding_s",    param_type::integer,  1, 30LL * 86'400,       "s",   "a pair still open after this long is closed"},
  {"kimchi.max_quote_age_ms", "strategy.kimchi.max_quote_age_ms", param_type::integer,  1, 60'000,              "ms",  "quotes older than this are not traded on"},
  {"kimchi.order_qty",        "strategy.kimchi.order_qty",        param_type::quantity, 0, 0,                   "BTC", "BTC per leg"},
  {"risk.capital_krw",        "risk.capital_krw",                 param_type::money,    0, 0,                   "KRW", "capital the percentage limits refer to"},
  {"risk.daily_loss_pct",     "risk.daily_loss_pct",              param_type::integer,  1, 100,                 "%",   "halt when the day's loss reaches this % of capital"},
  {"risk.max_consecutive_venue_errors", "risk.max_consecutive_venue_errors", param_type::integer, 1, int_max, "count", "halt after this many venue errors in a row"},
  {"risk.max_leverage",       "risk.max_leverage",                param_type::integer,  1, 20,                  "x",   "largest gross exposure / capital"},
  {"risk.max_open_orders",    "risk.max_open_orders",             param_type::integer,  1, 10'000,              "count", "open orders across all venues"},
  {"risk.max_order_notional_krw", "risk.max_order_notional_krw",  param_type::money,    0, 0,                   "KRW", "largest single order (at most capital_krw)"},
  {"risk.max_orders_per_s",   "risk.max_orders_per_s",            param_type::integer,  1, 1'000,               "count", "new orders per second across all venues"},
  {"risk.max_position_pct",   "risk.max_position_pct",            param_type::integer,  1, 100,                 "%",   "largest gross position per instrument, % of capital"},
  {"risk.stop_loss_pct",      "risk.stop_loss_pct",               param_type::integer,  1, 100,                 "%",   "halt when a hedged pair (both legs' notional) or a lone leg loses this %"},
};
// clang-format on

static_assert(std::is_sorted(std::begin(table), std::end(table),
                             [](const param_spec& a, const param_spec& b) {
                               return a.name < b.name;
                             }),
              "param table must stay sorted by name");

std::string range_text(const param_spec& p) {
  switch (p.type) {
    case param_type::integer:
      return "an integer in [" + std::to_string(p.min) + ", "
             + std::to_string(p.max) + "] " + std::string(p.unit);
    case param_type::quantity:
      return "a positive BTC quantity as a decimal (\"0.001\")";
    case param_type::money:
      return "a positive KRW amount as a decimal (\"1000000\")";
  }
  return "a value";
}

std::string quoted(std::string_view s) {
  constexpr std::size_t max_echo = 40;
  std::string out = "\"";
  for (char c : s.substr(0, max_echo))
    out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  if (s.size() > max_echo)
    out += "...";
  return out + '"';
}

param_problem bad_value(const param_spec& p, std::string_view text) {
  return {std::string(p.name), std::string(p.name) + " must be " + range_text(p)
                                 + ", got " + quoted(text)};
}

template<class Fixed>
result<param_value, param_problem> parse_decimal(const param_spec& p,
                                                 std::string_view text) {
  auto v = Fixed::parse(text);
  if (!v || !v->is_positive())
    return failure{bad_value(p, text)};
  return param_value{std::string(p.name), *v};
}

} // namespace

std::string_view to_string(param_type t) noexcept {
  switch (t) {
    case param_type::integer: return "integer";
    case param_type::quantity: return "quantity";
    case param_type::money: return "money";
  }
  return "unknown";
}

std::span<const param_spec> param_table() noexcept { return table; }

const param_spec* find_param(std::string_view name) noexcept {
  auto it = std::lower_bound(
    std::begin(table), std::end(table), name,
    [](const param_spec& p, std::string_view n) { return p.name < n; });
  if (it == std::end(table) || it->name != name)
    return nullptr;
  return it;
}

std::string to_text(const param_number& v) {
  struct visitor {
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(quantity q) const { return q.to_string(); }
    std::string operator()(money m) const { return m.to_string(); }
  };
  return std::visit(visitor{}, v);
}

result<param_value, param_problem> parse_param(std::string_view name,
                                               std::string_view text) {
  const auto* p = find_param(name);
  if (!p) {
    std::string names;
    for (const auto& s : table)
      names += (names.empty() ? "" : ", ") + std::string(s.name);
    return failure{param_problem{"name", "unknown parameter " + quoted(name)
                                           + "; settable: " + names}};
  }
  switch (p->type) {
    case param_type::integer: {
      std::int64_t n = 0;
      const char* first = text.data();
      const char* last = text.data() + text.size();
      // from_chars accepts a leading '-' but no '+', spaces or exponent:
      // exactly the plain form wanted here.
      auto [ptr, ec] = std::from_chars(first, last, n);
      if (text.empty() || ec != std::errc{} || ptr != last || n < p->min
          || n > p->max)
        return failure{bad_value(*p, text)};
      return param_value{std::string(p->name), n};
    }
    case param_type::quantity: return parse_decimal<quantity>(*p, text);
    case param_type::money: return parse_decimal<money>(*p, text);
  }
  return failure{bad_value(*p, text)};
}

} // namespace tandem::admin
