// Every class of config error, asserting on file, key and expectation.
#include "config/load.hpp"

#include "fixture.hpp"

namespace tandem::config::test {
namespace {

using config_load_error = config_fixture;

/// A venue table that is valid in paper mode.
const std::string paper_binance = R"([venues.binance]
enabled = true
rest_url = "http://127.0.0.1:18090"
ws_url = "ws://127.0.0.1:18091"
ws_user_url = "ws://127.0.0.1:18091/ws"
maker_fee = "0.0002"
taker_fee = "0.0005"
)";

TEST_F(config_load_error, missing_file) {
  auto r = load_config((dir_ / "nope.toml").string());
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(has_issue(r.error(), config_error::unreadable, "",
                        {"nope.toml", "cannot open config file"}));
}

TEST_F(config_load_error, syntax_error_carries_line_and_column) {
  auto e = errors("[engine]\nmode = \"paper\"\ninstance = \"x\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, config_error::syntax);
  EXPECT_EQ(e[0].line, 3u);
  EXPECT_GT(e[0].column, 0u);
  EXPECT_EQ(to_string(e[0]).find(path_ + ":3:"), 0u) << to_string(e[0]);
}

TEST_F(config_load_error, unknown_key_with_suggestion) {
  auto e = errors(paper_binance + "maker_fe = \"0.0002\"\n");
  EXPECT_TRUE(has_issue(e, config_error::unknown_key, "venues.binance.maker_fe",
                        {"unknown key", "did you mean \"maker_fee\"",
                         "expected one of: enabled, rest_url"},
                        path_ + ":8:"));
}

TEST_F(config_load_error, unknown_table_and_venue_specific_keys) {
  auto e = errors("[engin]\nmode = \"paper\"\n[venues.upbit]\n"
                  "ws_user_url = \"ws://127.0.0.1:1\"\n[venues.kraken]\n");
  EXPECT_TRUE(has_issue(e, config_error::unknown_key, "engin",
                        {"did you mean \"engine\""}));
  // ws_user_url belongs to binance, not upbit.
  EXPECT_TRUE(has_issue(e, config_error::unknown_key,
                        "venues.upbit.ws_user_url", {"ws_private_url"}));
  EXPECT_TRUE(has_issue(e, config_error::unknown_key, "venues.kraken",
                        {"upbit, binance, ls, kiwoom, ibkr"}));
}

TEST_F(config_load_error, wrong_type) {
  auto e = errors("[risk]\nmax_open_orders = \"10\"\n[console]\ntls = 1\n");
  EXPECT_TRUE(has_issue(e, config_error::wrong_type, "risk.max_open_orders",
                        {"expected an integer, got a string \"10\""},
                        path_ + ":2:"));
  EXPECT_TRUE(has_issue(e, config_error::wrong_type, "console.tls",
                        {"expected a boolean", "got an integer 1"}));
}

TEST_F(config_load_error, float_money_is_refused) {
  auto e = errors("[venues.binance]\nmaker_fee = 0.0002\n");
  EXPECT_TRUE(has_issue(e, config_error::float_decimal,
                        "venues.binance.maker_fee",
                        {"expected a decimal string like \"0.0002\", got a "
                         "float: floats are not exact"},
                        path_ + ":2:"));
}

TEST_F(config_load_error, integer_money_and_malformed_decimals) {
  auto e = errors("[risk]\ncapital_krw = 10000000\n"
                  "max_order_notional_krw = \"1,000,000\"\n"
                  "[strategy.kimchi]\norder_qty = \"0.000000001\"\n");
  EXPECT_TRUE(
    has_issue(e, config_error::wrong_type, "risk.capital_krw",
              {"got an integer: write it as a string, \"10000000\""}));
  EXPECT_TRUE(has_issue(e, config_error::bad_decimal,
                        "risk.max_order_notional_krw",
                        {"got \"1,000,000\" (malformed)"}));
  EXPECT_TRUE(has_issue(e, config_error::bad_decimal,
                        "strategy.kimchi.order_qty", {"precision_loss"}));
}

TEST_F(config_load_error, bad_enum_value) {
  auto e = errors("[engine]\nmode = \"demo\"\n[log]\nlevel = \"warning\"\n");
  EXPECT_TRUE(has_issue(e, config_error::bad_enum, "engine.mode",
                        {"expected one of \"paper\", \"live\", got \"demo\""}));
  EXPECT_TRUE(has_issue(e, config_error::bad_enum, "log.level",
                        {"\"warn\"", "got \"warning\""}));
}

TEST_F(config_load_error, out_of_range_numbers) {
  auto e = errors("[risk]\nmax_position_pct = 150\n[console]\nport = 70000\n");
  EXPECT_TRUE(has_issue(e, config_error::out_of_range, "risk.max_position_pct",
                        {"expected an integer in [1, 100], got 150"}));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range, "console.port",
                        {"[1, 65535], got 70000"}));
}

TEST_F(config_load_error, entry_bps_must_exceed_exit_bps) {
  auto e = errors("[strategy.kimchi]\nentry_bps = 50\nexit_bps = 50\n");
  EXPECT_TRUE(has_issue(
    e, config_error::inconsistent, "strategy.kimchi.entry_bps",
    {"expected entry_bps > exit_bps", "entry_bps = 50 and exit_bps = 50"},
    path_ + ":2:"));
}

TEST_F(config_load_error, client_order_id_prefix_rules) {
  auto e = errors("[engine]\ncid_prefix = \"tandem123\"\n");
  EXPECT_TRUE(has_issue(e, config_error::out_of_range, "engine.cid_prefix",
                        {"expected 1 to 8 characters of [a-z0-9]",
                         "\"tandem123\" (9 characters)"}));
  e = errors("[engine]\ncid_prefix = \"TDM\"\n");
  EXPECT_TRUE(has_issue(e, config_error::out_of_range, "engine.cid_prefix",
                        {"[a-z0-9]"}));
}

TEST_F(config_load_error, fees_are_fractions_and_required) {
  const std::string upbit = "[venues.upbit]\nenabled = true\n"
                            "rest_url = \"http://127.0.0.1:1/v1\"\n"
                            "ws_url = \"ws://127.0.0.1:2\"\n"
                            "ws_private_url = \"ws://127.0.0.1:2/private\"\n";
  auto e = errors(upbit + "maker_fee = \"0.0005\"\n");
  EXPECT_TRUE(has_issue(e, config_error::missing_key, "venues.upbit.taker_fee",
                        {"missing required key", "\"0.0005\""}, path_ + ":1:"));
  e = errors(upbit + "maker_fee = \"0.05\"\ntaker_fee = \"0.0005\"\n");
  EXPECT_TRUE(has_issue(e, config_error::out_of_range, "venues.upbit.maker_fee",
                        {"fraction in [-0.001, 0.01]", "got \"0.05\""},
                        path_ + ":6:"));
}

TEST_F(config_load_error, paper_mode_stays_on_loopback_and_live_needs_tls) {
  auto e = errors("[venues.binance]\nenabled = true\n"
                  "rest_url = \"https://fapi.binance.com\"\n"
                  "ws_url = \"ws://127.0.0.1:1\"\n"
                  "ws_user_url = \"ftp://127.0.0.1:1\"\n"
                  "maker_fee = \"0.0002\"\ntaker_fee = \"0.0005\"\n");
  EXPECT_TRUE(has_issue(
    e, config_error::inconsistent, "venues.binance.rest_url",
    {"paper mode talks only to the simulators", "got \"fapi.binance.com\""}));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range,
                        "venues.binance.ws_user_url",
                        {"expected a wss:// or ws:// URL"}));
  e = errors("[venues.binance]\nenabled = true\n"
             "rest_url = \"http://127.0.0.1.nip.io:1\"\n"
             "ws_url = \"ws://127.0.0.1:1\"\n"
             "ws_user_url = \"ws://[::1]:1\"\n"
             "maker_fee = \"0.0002\"\ntaker_fee = \"0.0005\"\n");
  EXPECT_TRUE(has_issue(e, config_error::inconsistent,
                        "venues.binance.rest_url",
                        {"got \"127.0.0.1.nip.io\""}));
  EXPECT_EQ(e.size(), 1u) << to_string(e);
  ::setenv("TDM_TEST_K", "test-key-123456", 1);
  e = errors("[engine]\nmode = \"live\"\n" + paper_binance
             + "api_key_env = \"TDM_TEST_K\"\napi_secret_env = "
               "\"TDM_TEST_K\"\n");
  ::unsetenv("TDM_TEST_K");
  EXPECT_TRUE(has_issue(e, config_error::inconsistent,
                        "venues.binance.rest_url",
                        {"live mode needs TLS: expected https://"}));
}

TEST_F(config_load_error, instrument_rules) {
  auto e = errors(paper_binance + R"(
[[instruments]]
venue = "binanse"
symbol = "BTCUSDT"
base = "BTC"
quote = "USDT"
kind = "perp"
tick = "upbit_krw"
lot = "0"

[[instruments]]
venue = "binance"
symbol = "BTCUSDT"
base = "BTC"
kind = "perpetual"
tick = 0.1
lot = "0.001"
)");
  EXPECT_TRUE(has_issue(e, config_error::bad_enum, "instruments[0].kind",
                        {"\"perpetual\"", "got \"perp\""}));
  EXPECT_TRUE(has_issue(e, config_error::missing_key, "instruments[1].quote",
                        {"missing required key"}));
  EXPECT_TRUE(has_issue(e, config_error::float_decimal, "instruments[1].tick",
                        {"floats are not exact"}));
  // Cross-field rules run once every field parses.
  e = errors(paper_binance + R"(
[[instruments]]
venue = "binanse"
symbol = "BTCUSDT"
base = "BTC"
quote = "USDT"
kind = "perpetual"
tick = "upbit_krw"
lot = "0"

[[instruments]]
venue = "upbit"
symbol = "KRW-BTC"
base = "BTC"
quote = "KRW"
kind = "spot"
tick = "upbit_krw"
lot = "0.00000001"
)");
  EXPECT_TRUE(has_issue(e, config_error::bad_enum, "instruments[0].venue",
                        {"\"binance\"", "got \"binanse\""}, path_ + ":10:"));
  EXPECT_TRUE(has_issue(e, config_error::inconsistent, "instruments[0].tick",
                        {"Upbit's KRW table"}));
  EXPECT_TRUE(has_issue(e, config_error::out_of_range, "instruments[0].lot",
                        {"expected a positive lot step"}));
  EXPECT_TRUE(has_issue(e, config_error::inconsistent, "instruments[1].venue",
                        {"venue \"upbit\" is not enabled"}));
}

TEST_F(config_load_error, enabled_strategy_needs_its_instruments) {
  auto e = errors("[strategy.kimchi]\nenabled = true\n");
  EXPECT_TRUE(has_issue(e, config_error::inconsistent,
                        "strategy.kimchi.binance_symbol",
                        {"needs instrument \"BTCUSDT\" on \"binance\""}));
}

TEST_F(config_load_error, console_beyond_loopback_needs_tls) {
  auto e = errors("[console]\nbind = \"0.0.0.0\"\n");
  EXPECT_TRUE(has_issue(e, config_error::inconsistent, "console.bind",
                        {"expected tls = true"}));
}

TEST_F(config_load_error, every_issue_is_reported_at_once) {
  auto e = errors("[engine]\nmode = \"demo\"\ntypo = 1\n[risk]\n"
                  "capital_krw = 1.5\n");
  EXPECT_EQ(e.size(), 3u) << to_string(e);
}

} // namespace
} // namespace tandem::config::test

namespace tandem::config::test {
namespace {

using config_instrument_rules = config_fixture;

TEST_F(config_instrument_rules, min_qty_off_the_lot_grid_is_refused) {
  auto e = errors(paper_binance + R"(
[[instruments]]
venue = "binance"
symbol = "BTCUSDT"
base = "BTC"
quote = "USDT"
kind = "perpetual"
tick = "0.1"
lot = "0.001"
min_qty = "0.0015"
min_notional = "100"
)");
  EXPECT_TRUE(has_issue(e, config_error::inconsistent, "instruments[0].min_qty",
                        {"quantity off lot", "min_qty=0.0015", "lot=0.001"}));
}

} // namespace
} // namespace tandem::config::test
