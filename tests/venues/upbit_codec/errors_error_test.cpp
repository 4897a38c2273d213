// Error answers whose body cannot be read: classified by status and by what
// the request was, never a crash.
#include "venues/upbit/errors.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace tandem::venues;
using namespace tandem::venues::upbit;

TEST(venues_upbit_errors_error, unreadable_body_on_a_place_is_unknown) {
  for (std::string_view b :
       {"", "not json", R"({"error":{"name":"insufficient_funds_bid")",
        R"({"error":"flat string"})", R"({"message":"no error object"})",
        R"([1,2,3])"}) {
    auto e = parse_error(400, b, request_kind::place_order);
    EXPECT_EQ(e.code, venue_error::outcome_unknown) << b;
    EXPECT_TRUE(e.name.empty());
    auto c = parse_error(400, b, request_kind::cancel_order);
    EXPECT_EQ(c.code, venue_error::outcome_unknown) << b;
  }
}

TEST(venues_upbit_errors_error, unreadable_body_on_a_query_is_malformed) {
  auto e = parse_error(400, "{\"error\":{\"name\":", request_kind::query);
  EXPECT_EQ(e.code, venue_error::malformed_response);
}

TEST(venues_upbit_errors_error, error_body_with_trailing_garbage) {
  auto e = parse_error(400, R"({"error":{"name":"nonce_used"}}xx)",
                       request_kind::query);
  EXPECT_EQ(e.code, venue_error::malformed_response);
}

TEST(venues_upbit_errors_error, name_of_wrong_type) {
  auto e = parse_error(401, R"({"error":{"name":["jwt_verification"]}})",
                       request_kind::query);
  EXPECT_EQ(e.code, venue_error::malformed_response);
}
