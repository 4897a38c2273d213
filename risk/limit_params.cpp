#include "risk/limit_params.hpp"

#include <array>
#include <charconv>
#include <system_error>

namespace tandem::risk {

namespace {

using config::risk_config;

/// One limit: its [risk] key and member (an integer or a KRW amount).
struct limit_field {
  std::string_view key;
  std::int64_t risk_config::*integer = nullptr;
  money risk_config::*amount = nullptr;
};

// clang-format off
constexpr std::array<limit_field, 9> fields{{
  {"capital_krw",                  nullptr, &risk_config::capital_krw},
  {"daily_loss_pct",               &risk_config::daily_loss_pct, nullptr},
  {"max_consecutive_venue_errors", &risk_config::max_consecutive_venue_errors, nullptr},
  {"max_leverage",                 &risk_config::max_leverage, nullptr},
  {"max_open_orders",              &risk_config::max_open_orders, nullptr},
  {"max_order_notional_krw",       nullptr, &risk_config::max_order_notional_krw},
  {"max_orders_per_s",             &risk_config::max_orders_per_s, nullptr},
  {"max_position_pct",             &risk_config::max_position_pct, nullptr},
  {"stop_loss_pct",                &risk_config::stop_loss_pct, nullptr},
}};
// clang-format on

const limit_field* find(std::string_view key) {
  for (const auto& f : fields)
    if (f.key == key)
      return &f;
  return nullptr;
}

} // namespace

result<risk_config, std::string>
with_limit(risk_config cfg, std::string_view key, const limit_value& v) {
  const auto* f = find(key);
  std::string name = "risk." + std::string{key};
  if (!f)
    return failure{"no such risk limit: " + name};
  if (f->integer) {
    const auto* n = std::get_if<std::int64_t>(&v);
    if (!n)
      return failure{name + " expects a whole number"};
    cfg.*(f->integer) = *n;
  } else {
    const auto* m = std::get_if<money>(&v);
    if (!m)
      return failure{name + " expects a KRW amount"};
    cfg.*(f->amount) = *m;
  }
  if (cfg.max_order_notional_krw > cfg.capital_krw)
    return failure{name + ": risk.max_order_notional_krw ("
                   + cfg.max_order_notional_krw.to_string()
                   + ") must stay at most risk.capital_krw ("
                   + cfg.capital_krw.to_string() + ")"};
  return cfg;
}

result<limit_value, std::string> parse_limit(std::string_view key,
                                             std::string_view text) {
  const auto* f = find(key);
  std::string name = "risk." + std::string{key};
  if (!f)
    return failure{"no such risk limit: " + name};
  if (f->integer) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size())
      return failure{name + " expects a whole number, not \""
                     + std::string{text} + "\""};
    return limit_value{n};
  }
  auto m = money::parse(text);
  if (!m.has_value())
    return failure{name + " expects a KRW amount, not \"" + std::string{text}
                   + "\""};
  return limit_value{m.value()};
}

std::string limit_text(const risk_config& cfg, std::string_view key) {
  const auto* f = find(key);
  if (!f)
    return {};
  return f->integer ? std::to_string(cfg.*(f->integer))
                    : (cfg.*(f->amount)).to_string();
}

std::string limit_changes(const risk_config& from, const risk_config& to) {
  std::string out;
  for (const auto& f : fields) {
    auto a = limit_text(from, f.key);
    auto b = limit_text(to, f.key);
    if (a != b)
      out += (out.empty() ? "" : " ") + std::string{f.key} + "=" + a + "->" + b;
  }
  return out;
}

} // namespace tandem::risk
