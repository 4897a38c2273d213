#include "venues/binance/errors.hpp"

#include "tests/venues/binance_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tandem::venues::binance {
namespace {

TEST(venues_binance_errors_error, unreadable_4xx_body_is_malformed) {
  simdjson::dom::parser parser;
  for (std::string_view body :
       {"", "{", "not json", R"({"code":"-2019","msg":"x"})",
        R"({"code":-2019})", R"({"msg":"no code"})", "[1,2]",
        R"({"code":99999999999,"msg":"too big"})"}) {
    auto e = parse_error(parser, 400, body);
    EXPECT_EQ(e.error, venue_error::malformed_response) << body;
    EXPECT_FALSE(e.code) << body;
  }
}

TEST(venues_binance_errors_error, truncated_bodies_never_crash) {
  simdjson::dom::parser parser;
  auto body = test::payload("ok/error_timeout.json");
  for (std::size_t n = 0; n < body.size(); ++n) {
    auto e = parse_error(parser, 400, std::string_view{body}.substr(0, n));
    EXPECT_EQ(e.error, venue_error::malformed_response) << n;
    // On 503 an unreadable body must not be read as a definite failure.
    auto u = parse_error(parser, 503, std::string_view{body}.substr(0, n));
    EXPECT_EQ(u.error, venue_error::outcome_unknown) << n;
  }
}

TEST(venues_binance_errors_error, long_non_json_body_is_cut_for_the_log) {
  simdjson::dom::parser parser;
  std::string html(5000, 'x');
  auto e = parse_error(parser, 502, html);
  EXPECT_EQ(e.error, venue_error::outcome_unknown);
  EXPECT_LE(e.message.size(), 200u);
}

} // namespace
} // namespace tandem::venues::binance
