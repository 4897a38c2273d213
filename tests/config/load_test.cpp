// The shipped configs load, and defaults apply where tables are absent.
#include "config/load.hpp"

#include "fixture.hpp"

#include <fmt/format.h>

#include <sstream>

namespace tandem::config::test {
namespace {

const std::string source_dir = TANDEM_SOURCE_DIR;

using config_load = config_fixture;

TEST_F(config_load, shipped_paper_config_loads) {
  auto r = load_config(source_dir + "/config/paper.toml");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  const auto& c = *r;
  EXPECT_EQ(c.engine.mode, engine_mode::paper);
  EXPECT_TRUE(c.venues.upbit.enabled);
  EXPECT_TRUE(c.venues.binance.enabled);
  EXPECT_FALSE(c.venues.ls.enabled);
  EXPECT_EQ(c.venues.upbit.taker_fee, rate::must_parse("0.0005"));
  EXPECT_EQ(c.venues.binance.maker_fee, rate::must_parse("0.0002"));
  EXPECT_TRUE(c.venues.upbit.api_key.empty()); // paper needs no keys
  ASSERT_EQ(c.instruments.size(), 3u);
  EXPECT_EQ(c.instruments[0].symbol, "KRW-BTC");
  EXPECT_EQ(c.instruments[0].tick_table, tick_source::upbit_krw);
  EXPECT_EQ(c.instruments[0].min_notional, money::must_parse("5000"));
  EXPECT_EQ(c.instruments[1].tick, price::must_parse("0.5"));
  EXPECT_EQ(c.instruments[2].kind, instrument_kind::perpetual);
  EXPECT_EQ(c.instruments[2].tick, price::must_parse("0.1"));
  EXPECT_EQ(c.instruments[2].lot, quantity::must_parse("0.001"));
  EXPECT_EQ(c.instruments[2].min_notional, money::must_parse("100"));
  EXPECT_TRUE(c.strategy.kimchi.enabled);
  EXPECT_GT(c.strategy.kimchi.entry_bps, c.strategy.kimchi.exit_bps);
}

TEST_F(config_load, shipped_live_example_loads_with_env_credentials) {
  ::setenv("UPBIT_ACCESS_KEY", "upbit-access-key-0001", 1);
  ::setenv("UPBIT_SECRET_KEY", "upbit-secret-key-0002", 1);
  ::setenv("BINANCE_API_KEY", "binance-api-key-0003", 1);
  ::setenv("BINANCE_API_SECRET", "binance-api-secret-0004", 1);
  ::setenv("TANDEM_DISCORD_WEBHOOK",
           "https://discord.com/api/webhooks/1234/webhook-token-0005", 1);
  ::setenv("TANDEM_OPERATOR_TOKEN", "operator-token-0006", 1);
  ::setenv("TANDEM_READONLY_TOKEN", "readonly-token-0007", 1);
  auto r = load_config(source_dir + "/config/live.example.toml");
  for (auto v : {"UPBIT_ACCESS_KEY", "UPBIT_SECRET_KEY", "BINANCE_API_KEY",
                 "BINANCE_API_SECRET", "TANDEM_DISCORD_WEBHOOK",
                 "TANDEM_OPERATOR_TOKEN", "TANDEM_READONLY_TOKEN"})
    ::unsetenv(v);
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->engine.mode, engine_mode::live);
  EXPECT_EQ(r->venues.binance.rest_url, "https://fapi.binance.com");
  EXPECT_EQ(r->venues.binance.api_secret.expose(), "binance-api-secret-0004");
  EXPECT_EQ(r->console.operator_token.expose(), "operator-token-0006");
  // Every resolved secret is registered with the log redactor.
  EXPECT_EQ(logging::registered_secret_count(), 7u);
  EXPECT_EQ(logging::redact_registered("k=upbit-secret-key-0002"), "k=***");
}

TEST_F(config_load, shipped_live_example_without_env_names_each_variable) {
  auto r = load_config(source_dir + "/config/live.example.toml");
  ASSERT_FALSE(r.has_value());
  auto all = to_string(r.error());
  for (auto v : {"UPBIT_ACCESS_KEY", "UPBIT_SECRET_KEY", "BINANCE_API_KEY",
                 "BINANCE_API_SECRET", "TANDEM_DISCORD_WEBHOOK",
                 "TANDEM_OPERATOR_TOKEN"})
    EXPECT_NE(all.find(v), std::string::npos) << v << " in\n" << all;
  // The read-only token is optional.
  EXPECT_EQ(all.find("TANDEM_READONLY_TOKEN"), std::string::npos) << all;
}

TEST_F(config_load, defaults_apply_when_tables_are_absent) {
  auto r = load("[engine]\nmode = \"paper\"\n");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  const engine_config defaults;
  EXPECT_EQ(r->engine.cid_prefix, defaults.engine.cid_prefix);
  EXPECT_EQ(r->log.level, logging::log_level::info);
  EXPECT_EQ(r->risk.max_position_pct, 50);
  EXPECT_EQ(r->risk.max_leverage, 2);
  EXPECT_EQ(r->risk.stop_loss_pct, 5);
  EXPECT_EQ(r->risk.daily_loss_pct, 3);
  EXPECT_EQ(r->risk.max_consecutive_venue_errors, 10);
  EXPECT_EQ(r->console.bind, "127.0.0.1");
  EXPECT_FALSE(r->venues.ibkr.enabled);
  EXPECT_TRUE(r->instruments.empty());
}

TEST_F(config_load, empty_file_is_a_valid_paper_config) {
  auto r = load("");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->engine.mode, engine_mode::paper);
}

TEST_F(config_load, other_venues_take_the_common_keys) {
  auto r = load(R"([venues.ibkr]
enabled = true
rest_url = "http://127.0.0.1:5000/v1/api"
ws_url = "ws://127.0.0.1:5000/v1/api/ws"
maker_fee = "0"
taker_fee = "0.0001"
[[instruments]]
venue = "ibkr"
symbol = "AAPL"
base = "AAPL"
quote = "USD"
kind = "stock"
tick = "0.01"
lot = "1"
)");
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->instruments[0].kind, instrument_kind::stock);
}

TEST(config_secret, prints_as_stars) {
  secret s("do-not-print-me");
  std::ostringstream os;
  os << s;
  EXPECT_EQ(os.str(), "***");
  EXPECT_EQ(fmt::format("{}", s), "***");
  EXPECT_EQ(s.expose(), "do-not-print-me");
}

} // namespace
} // namespace tandem::config::test
