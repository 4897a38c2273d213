// The console's risk.* parameters against the two places that must agree
// with them: the config loader (a value settable live is one a config file
// could hold) and the engine's risk limits (every risk.* name is one it
// can change, so `set` never answers "unknown" for a listed parameter).
#include "admin/params.hpp"
#include "config/load.hpp"
#include "risk/limit_params.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tandem::admin {
namespace {

bool loads(const std::string& key, std::int64_t v) {
  auto r = config::load_config_text(
    "[risk]\n" + key + " = " + std::to_string(v) + "\n", "params.toml");
  return r.has_value();
}

TEST(admin_params_risk, every_risk_parameter_is_a_limit_the_engine_changes) {
  int seen = 0;
  config::risk_config defaults;
  for (const auto& p : param_table()) {
    if (!p.name.starts_with("risk."))
      continue;
    ++seen;
    auto key = p.name.substr(5);
    EXPECT_EQ(p.config_key, "risk." + std::string{key});
    EXPECT_FALSE(risk::limit_text(defaults, key).empty()) << p.name;
    risk::limit_value v = std::int64_t{p.max};
    if (p.type == param_type::money)
      v = defaults.max_order_notional_krw; // within capital either way
    auto changed = risk::with_limit(defaults, key, v);
    EXPECT_TRUE(changed.has_value()) << p.name << ": " << changed.error();
  }
  EXPECT_EQ(seen, 9) << "every [risk] limit is settable";
}

TEST(admin_params_risk, integer_ranges_are_the_loaders) {
  for (const auto& p : param_table()) {
    if (!p.name.starts_with("risk.") || p.type != param_type::integer)
      continue;
    std::string key{p.name.substr(5)};
    EXPECT_TRUE(loads(key, p.min)) << p.name;
    EXPECT_TRUE(loads(key, p.max)) << p.name;
    EXPECT_FALSE(loads(key, p.min - 1)) << p.name;
    EXPECT_FALSE(parse_param(p.name, std::to_string(p.min - 1)).has_value());
    EXPECT_FALSE(parse_param(p.name, std::to_string(p.max + 1)).has_value());
  }
}

} // namespace
} // namespace tandem::admin
