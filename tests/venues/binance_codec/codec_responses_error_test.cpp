#include "venues/binance/codec_responses.hpp"

#include "tests/venues/binance_codec/bad_payloads.hpp"
#include "tests/venues/binance_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace tandem::venues::binance {
namespace {

namespace fs = std::filesystem;

TEST(venues_binance_codec_responses_error, every_bad_fixture_is_malformed) {
  simdjson::dom::parser parser;
  auto dir = fs::path{TANDEM_TEST_DATA_DIR} / "binance" / "bad";
  int files = 0;
  for (const auto& entry : fs::directory_iterator{dir}) {
    auto name = entry.path().filename().string();
    auto body = test::payload("bad/" + name);
    ++files;
    int targeted = 0;
    for (const auto& p : test::all_parsers()) {
      // Every parser sees every file: none may crash or throw.
      auto err = p.run(parser, body);
      const bool target
        = name.starts_with("any_") || name.starts_with(p.prefix);
      if (!target)
        continue;
      ++targeted;
      ASSERT_TRUE(err) << name << " parsed by " << p.prefix;
      EXPECT_EQ(*err, venue_error::malformed_response)
        << name << " by " << p.prefix << ": " << to_string(*err);
    }
    EXPECT_GT(targeted, 0) << name << " targets no parser";
  }
  EXPECT_GE(files, 20);
}

// Every proper prefix of a valid object or array is invalid JSON.
TEST(venues_binance_codec_responses_error, every_truncation_is_malformed) {
  simdjson::dom::parser parser;
  const std::pair<std::string_view, std::string_view> fixtures[] = {
    {"order_", "ok/order_new_limit_result.json"},
    {"open_orders", "ok/open_orders.json"},
    {"exchange_info", "ok/exchange_info.json"},
    {"server_time", "ok/server_time.json"},
    {"position_risk", "ok/position_risk_v2.json"},
    {"balance", "ok/balance_v3.json"},
    {"account", "ok/account_v3.json"},
    {"book_ticker", "ok/book_ticker_rest.json"},
    {"depth", "ok/depth.json"},
    {"leverage", "ok/leverage.json"},
    {"countdown", "ok/countdown.json"},
    {"listen_key", "ok/listen_key.json"},
  };
  auto parsers = test::all_parsers();
  int checked = 0;
  for (auto [prefix, file] : fixtures) {
    auto body = test::payload(file);
    for (const auto& p : parsers) {
      if (p.prefix != prefix)
        continue;
      ASSERT_FALSE(p.run(parser, body)) << file << " must parse whole";
      ++checked;
      for (std::size_t n = 0; n < body.size(); ++n) {
        auto err = p.run(parser, std::string_view{body}.substr(0, n));
        ASSERT_TRUE(err) << file << " cut at " << n;
        ASSERT_EQ(*err, venue_error::malformed_response)
          << file << " cut at " << n;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(std::size(fixtures)));
}

TEST(venues_binance_codec_responses_error, unknown_status_is_unknown_enum) {
  simdjson::dom::parser parser;
  auto body = test::payload("ok/order_new_limit_result.json");
  body.replace(body.find("\"NEW\""), 5, "\"PENDING_CANCEL\"");
  auto u = parse_order(parser, body);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error(), venue_error::unknown_enum_value);
  auto side = test::payload("ok/order_new_limit_result.json");
  side.replace(side.find("\"SELL\""), 6, "\"sell\"");
  auto s = parse_order(parser, side);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error(), venue_error::unknown_enum_value);
}

TEST(venues_binance_codec_responses_error, exchange_info_without_symbol_name) {
  simdjson::dom::parser parser;
  auto x = parse_exchange_info(parser, R"({"symbols":[{"status":"TRADING"}]})");
  ASSERT_FALSE(x);
  EXPECT_EQ(x.error(), venue_error::malformed_response);
}

TEST(venues_binance_codec_responses_error, exchange_info_missing_lot_filter) {
  simdjson::dom::parser parser;
  auto x = parse_exchange_info(
    parser,
    R"({"symbols":[{"symbol":"XUSDT","status":"TRADING","contractType":"PERPETUAL","baseAsset":"X","quoteAsset":"USDT","filters":[{"filterType":"PRICE_FILTER","minPrice":"0.1","maxPrice":"0","tickSize":"0.1"}]}]})");
  ASSERT_TRUE(x);
  EXPECT_TRUE(x->instruments.empty());
  ASSERT_EQ(x->skipped.size(), 1u);
  EXPECT_EQ(x->skipped[0].detail, "reason=missing_filter");
}

TEST(venues_binance_codec_responses_error, bad_leverage_and_countdown) {
  simdjson::dom::parser parser;
  EXPECT_FALSE(parse_leverage(
    parser, R"({"leverage":0,"maxNotionalValue":"1","symbol":"BTCUSDT"})"));
  EXPECT_FALSE(
    parse_countdown(parser, R"({"symbol":"BTCUSDT","countdownTime":"-5"})"));
  EXPECT_FALSE(parse_listen_key(parser, R"({"listenKey":""})"));
}

} // namespace
} // namespace tandem::venues::binance
