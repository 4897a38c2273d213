#include "venues/binance/errors.hpp"

#include "tests/venues/binance_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string_view>

namespace tandem::venues::binance {
namespace {

struct case_row {
  int http;
  std::string_view body;
  venue_error expected;
};

// Every error the reference (B7, B8) documents, as Binance sends it.
// clang-format off
constexpr case_row documented[] = {
  {400, R"({"code":-2019,"msg":"Margin is insufficient."})",                         venue_error::insufficient_funds},
  {400, R"({"code":-2018,"msg":"Balance is insufficient."})",                        venue_error::insufficient_funds},
  {400, R"j({"code":-4164,"msg":"Order's notional must be no smaller than 5.0 (unless you choose reduce only)"})j", venue_error::below_minimum},
  {400, R"({"code":-4004,"msg":"Quantity less than min quantity."})",                venue_error::below_minimum},
  {400, R"({"code":-1111,"msg":"Precision is over the maximum defined for this asset."})", venue_error::price_off_tick},
  {400, R"({"code":-4014,"msg":"Price not increased by tick size."})",               venue_error::price_off_tick},
  {400, R"({"code":-4003,"msg":"Quantity less than zero."})",                        venue_error::bad_quantity},
  {400, R"({"code":-4023,"msg":"Qty not increased by step size."})",                 venue_error::bad_quantity},
  {400, R"({"code":-4005,"msg":"Quantity greater than max quantity."})",             venue_error::bad_quantity},
  {400, R"({"code":-1013,"msg":"Filter failure: LOT_SIZE"})",                        venue_error::bad_quantity},
  {400, R"({"code":-1013,"msg":"Filter failure: MARKET_LOT_SIZE"})",                 venue_error::bad_quantity},
  {400, R"({"code":-1013,"msg":"Filter failure: MIN_NOTIONAL"})",                    venue_error::below_minimum},
  {400, R"({"code":-1013,"msg":"Filter failure: PRICE_FILTER"})",                    venue_error::price_off_tick},
  {400, R"({"code":-1013,"msg":"INVALID_MESSAGE."})",                                venue_error::invalid_parameter},
  {400, R"({"code":-2011,"msg":"Unknown order sent."})",                             venue_error::unknown_order},
  {400, R"({"code":-2013,"msg":"Order does not exist."})",                           venue_error::unknown_order},
  {400, R"({"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."})", venue_error::timestamp_outside_window},
  {400, R"({"code":-1021,"msg":"Timestamp for this request was 1000ms ahead of the server's time."})", venue_error::timestamp_outside_window},
  {400, R"({"code":-5028,"msg":"Timestamp for this request is outside of the ME recvWindow."})", venue_error::timestamp_outside_window},
  {400, R"({"code":-1003,"msg":"Too many requests; current limit is 2400 requests per minute."})", venue_error::rate_limited},
  {400, R"({"code":-1003,"msg":"Way too many requests; IP banned until 1717000600000."})", venue_error::ip_banned},
  {429, R"({"code":-1003,"msg":"Too many requests; current limit is 2400 requests per minute."})", venue_error::rate_limited},
  {429, R"({"code":-1015,"msg":"Too many new orders; current limit is 300 orders per TEN_SECONDS."})", venue_error::rate_limited},
  {418, R"({"code":-1003,"msg":"Way too many requests; IP banned until 1717000600000."})", venue_error::ip_banned},
  {503, R"({"code":-1007,"msg":"Timeout waiting for response from backend server. Send status unknown; execution status unknown."})", venue_error::outcome_unknown},
  {400, R"({"code":-1007,"msg":"Timeout waiting for response from backend server. Send status unknown; execution status unknown."})", venue_error::outcome_unknown},
  {400, R"({"code":-1006,"msg":"An unexpected response was received from the message bus. Execution status unknown."})", venue_error::outcome_unknown},
  {500, R"({"code":-1000,"msg":"An unknown error occured while processing the request."})", venue_error::outcome_unknown},
  {503, R"({"code":-1001,"msg":"Internal error; unable to process your request. Please try again."})", venue_error::server_error},
  {503, R"({"code":-1008,"msg":"Request throttled by system-level protection. Reduce-only/close-position orders are exempt. Please try again."})", venue_error::server_error},
  {400, R"({"code":-2022,"msg":"ReduceOnly Order is rejected."})",                   venue_error::reduce_only_rejected},
  {400, R"({"code":-4116,"msg":"ClientOrderId is duplicated."})",                    venue_error::duplicate_client_id},
  {400, R"({"code":-1100,"msg":"Illegal characters found in a parameter."})",        venue_error::invalid_parameter},
  {400, R"({"code":-1102,"msg":"Mandatory parameter 'price' was not sent, was empty/null, or malformed."})", venue_error::invalid_parameter},
  {400, R"({"code":-1106,"msg":"Parameter 'timeInForce' sent when not required."})", venue_error::invalid_parameter},
  {400, R"({"code":-1116,"msg":"Invalid orderType."})",                              venue_error::invalid_parameter},
  {400, R"({"code":-1121,"msg":"Invalid symbol."})",                                 venue_error::invalid_parameter},
  {400, R"({"code":-1130,"msg":"Data sent for parameter 'leverage' is not valid."})", venue_error::invalid_parameter},
  {400, R"({"code":-1136,"msg":"Invalid newOrderRespType."})",                       venue_error::invalid_parameter},
  {400, R"({"code":-1125,"msg":"This listenKey does not exist."})",                  venue_error::listen_key_expired},
  {401, R"({"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."})", venue_error::auth_failed},
  {400, R"({"code":-1022,"msg":"Signature for this request is not valid."})",        venue_error::auth_failed},
  {400, R"({"code":-2014,"msg":"API-key format invalid."})",                         venue_error::auth_failed},
  {400, R"({"code":-2021,"msg":"Order would immediately trigger."})",                venue_error::would_cross},
  {400, R"({"code":-5022,"msg":"Due to the order could not be executed as maker, the Post Only order will be rejected."})", venue_error::would_cross},
  {400, R"({"code":-5021,"msg":"Due to the order could not be filled immediately, the FOK order has been rejected."})", venue_error::rejected_other},
  {400, R"({"code":-2025,"msg":"Reach max open order limit."})",                     venue_error::too_many_open_orders},
  {400, R"({"code":-2010,"msg":"NEW_ORDER_REJECTED"})",                              venue_error::rejected_other},
  {400, R"({"code":-4120,"msg":"Order type not supported for this endpoint. Please use the Algo Order API endpoints instead."})", venue_error::invalid_parameter},
  {400, R"({"code":-4028,"msg":"Leverage 200 is not valid"})",                       venue_error::invalid_parameter},
  {400, R"({"code":-5040,"msg":"The goodTillDate timestamp must be greater than the current time plus 600 seconds and smaller than 253402300799000"})", venue_error::invalid_parameter},
  {400, R"({"code":-1122,"msg":"Invalid symbol status."})",                          venue_error::market_closed},
  {400, R"({"code":-9999,"msg":"Something new."})",                                  venue_error::rejected_other},
  // 503 texts without a code (B7): one is "status unknown", two are failures.
  {503, R"({"code":-1000,"msg":"Unknown error, please check your request or try again later."})", venue_error::outcome_unknown},
  {503, "Unknown error, please check your request or try again later.",             venue_error::outcome_unknown},
  {503, "Service Unavailable.",                                                      venue_error::server_error},
  {503, "Internal error; unable to process your request. Please try again.",         venue_error::server_error},
  {502, "<html><body>Bad Gateway</body></html>",                                     venue_error::outcome_unknown},
  {504, "",                                                                          venue_error::outcome_unknown},
  {408, "",                                                                          venue_error::outcome_unknown},
  {429, "",                                                                          venue_error::rate_limited},
  {418, "",                                                                          venue_error::ip_banned},
};
// clang-format on

TEST(venues_binance_errors, every_documented_answer_maps) {
  simdjson::dom::parser parser;
  for (const auto& row : documented) {
    auto e = parse_error(parser, row.http, row.body);
    EXPECT_EQ(e.error, row.expected)
      << "http=" << row.http << " body=" << row.body
      << " got=" << to_string(e.error);
    EXPECT_EQ(e.http_status, row.http);
  }
}

TEST(venues_binance_errors, keeps_code_and_message_for_the_log) {
  simdjson::dom::parser parser;
  auto e = parse_error(parser, 400,
                       test::payload("ok/error_margin_insufficient.json"));
  EXPECT_EQ(e.error, venue_error::insufficient_funds);
  ASSERT_TRUE(e.code);
  EXPECT_EQ(*e.code, -2019);
  EXPECT_EQ(e.message, "Margin is insufficient.");
}

TEST(venues_binance_errors, recorded_bodies) {
  simdjson::dom::parser parser;
  EXPECT_EQ(
    parse_error(parser, 400, test::payload("ok/error_min_notional.json")).error,
    venue_error::below_minimum);
  EXPECT_EQ(
    parse_error(parser, 400, test::payload("ok/error_timestamp.json")).error,
    venue_error::timestamp_outside_window);
  EXPECT_EQ(
    parse_error(parser, 503, test::payload("ok/error_timeout.json")).error,
    venue_error::outcome_unknown);
}

TEST(venues_binance_errors, code_table_has_each_code_once) {
  std::set<int> seen;
  for (const auto& row : code_table) {
    EXPECT_TRUE(seen.insert(row.code).second) << row.code;
    EXPECT_LT(row.code, 0) << row.name;
    EXPECT_FALSE(row.name.empty());
  }
}

TEST(venues_binance_errors, map_error_without_body) {
  EXPECT_EQ(map_error(429, std::nullopt, ""), venue_error::rate_limited);
  EXPECT_EQ(map_error(418, -2019, "Margin is insufficient."),
            venue_error::ip_banned); // the status wins
  EXPECT_EQ(map_error(401, std::nullopt, ""), venue_error::auth_failed);
  EXPECT_EQ(map_error(400, std::nullopt, ""), venue_error::rejected_other);
}

} // namespace
} // namespace tandem::venues::binance
