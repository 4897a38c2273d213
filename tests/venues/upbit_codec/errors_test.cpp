#include "venues/upbit/errors.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace tandem::venues;
using namespace tandem::venues::upbit;

namespace {

std::string body(std::string_view name) {
  return R"({"error":{"name":")" + std::string{name}
         + R"(","message":"message"}})";
}

struct documented {
  std::uint16_t status;
  std::string_view name;
  venue_error code;
};

// Every documented error name (protocol reference A8, errors.hpp).
constexpr documented documented_errors[] = {
  {400, "insufficient_funds_bid", venue_error::insufficient_funds},
  {400, "insufficient_funds_ask", venue_error::insufficient_funds},
  {400, "under_min_total_bid", venue_error::below_minimum},
  {400, "under_min_total_ask", venue_error::below_minimum},
  {400, "invalid_price_bid", venue_error::price_off_tick},
  {400, "invalid_price_ask", venue_error::price_off_tick},
  {400, "invalid_volume", venue_error::bad_quantity},
  {400, "invalid_volume_bid", venue_error::bad_quantity},
  {400, "invalid_volume_ask", venue_error::bad_quantity},
  {400, "create_bid_error", venue_error::invalid_parameter},
  {400, "create_ask_error", venue_error::invalid_parameter},
  {400, "validation_error", venue_error::invalid_parameter},
  {400, "duplicate_identifier", venue_error::duplicate_client_id},
  {401, "invalid_query_payload", venue_error::auth_failed},
  {401, "jwt_verification", venue_error::auth_failed},
  {401, "expired_access_key", venue_error::auth_failed},
  {401, "nonce_used", venue_error::auth_failed},
  {401, "no_authorization_i_p", venue_error::auth_failed},
  {401, "out_of_scope", venue_error::auth_failed},
  {404, "order_not_found", venue_error::unknown_order},
  {429, "too_many_requests", venue_error::rate_limited},
};

} // namespace

TEST(venues_upbit_errors, every_documented_body_maps_to_its_venue_error) {
  for (const auto& d : documented_errors) {
    auto e = parse_error(d.status, body(d.name), request_kind::place_order);
    EXPECT_EQ(e.code, d.code) << d.name;
    EXPECT_EQ(e.name, d.name);
    EXPECT_EQ(e.message, "message");
    EXPECT_EQ(e.http_status, d.status);
    EXPECT_EQ(map_error_name(d.name), d.code) << d.name;
  }
}

TEST(venues_upbit_errors, recorded_bodies_keep_korean_message) {
  auto e = parse_error(400, test::ok_file("error_invalid_price_bid.json"),
                       request_kind::place_order);
  EXPECT_EQ(e.code, venue_error::price_off_tick);
  EXPECT_EQ(e.name, "invalid_price_bid");
  EXPECT_EQ(e.message,
            "주문가격 단위를 잘못 입력하셨습니다. 확인 후 시도해주세요.");
  auto f = parse_error(400, test::ok_file("error_insufficient_funds_bid.json"),
                       request_kind::place_order);
  EXPECT_EQ(f.code, venue_error::insufficient_funds);
}

TEST(venues_upbit_errors, identifier_names_read_as_duplicates) {
  // UNCONFIRMED wire name: anything about the identifier leads to a query.
  EXPECT_EQ(map_error_name("identifier_already_used"),
            venue_error::duplicate_client_id);
  EXPECT_EQ(
    parse_error(400, body("duplicated_identifier"), request_kind::place_order)
      .code,
    venue_error::duplicate_client_id);
}

TEST(venues_upbit_errors, status_429_and_418_decide_whatever_the_body) {
  EXPECT_EQ(parse_error(429, "", request_kind::query).code,
            venue_error::rate_limited);
  EXPECT_EQ(
    parse_error(429, body("something_else"), request_kind::place_order).code,
    venue_error::rate_limited);
  auto banned = parse_error(418, "blocked for 60s", request_kind::query);
  EXPECT_EQ(banned.code, venue_error::ip_banned);
  EXPECT_EQ(banned.http_status, 418);
}

TEST(venues_upbit_errors, server_errors_depend_on_the_request) {
  EXPECT_EQ(parse_error(500, body("internal"), request_kind::place_order).code,
            venue_error::outcome_unknown);
  EXPECT_EQ(parse_error(503, "", request_kind::cancel_order).code,
            venue_error::outcome_unknown);
  EXPECT_EQ(
    parse_error(502, "<html>bad gateway</html>", request_kind::query).code,
    venue_error::server_error);
}

TEST(venues_upbit_errors, status_fallbacks_for_unknown_names) {
  EXPECT_EQ(parse_error(401, body("new_auth_thing"), request_kind::query).code,
            venue_error::auth_failed);
  EXPECT_EQ(
    parse_error(403, body("blocked_member_id"), request_kind::query).code,
    venue_error::auth_failed);
  EXPECT_EQ(parse_error(404, body("not_here"), request_kind::cancel_order).code,
            venue_error::unknown_order);
  EXPECT_EQ(parse_error(400, body("thirdparty_agreement_required"),
                        request_kind::place_order)
              .code,
            venue_error::rejected_other);
}

TEST(venues_upbit_errors, numeric_name_is_kept_as_text) {
  auto e = parse_error(400, R"({"error":{"name":400,"message":"Missing"}})",
                       request_kind::query);
  EXPECT_EQ(e.name, "400");
  EXPECT_EQ(e.code, venue_error::rejected_other);
}

TEST(venues_upbit_errors, websocket_error_names) {
  EXPECT_EQ(map_ws_error_name("INVALID_AUTH"), venue_error::auth_failed);
  for (auto n : {"WRONG_FORMAT", "NO_TICKET", "NO_TYPE", "NO_CODES",
                 "INVALID_PARAM", "SOMETHING_NEW"})
    EXPECT_EQ(map_ws_error_name(n), venue_error::invalid_parameter) << n;
}
