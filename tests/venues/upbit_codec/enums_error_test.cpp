#include "venues/upbit/enums.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues;
using namespace tandem::venues::upbit;

namespace {

template<class R>
void expect_unknown(const R& r) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::unknown_enum_value);
}

} // namespace

TEST(venues_upbit_enums_error, unknown_state) {
  expect_unknown(parse_order_state("filled"));
  expect_unknown(parse_order_state("WAIT")); // case matters on the wire
  expect_unknown(parse_order_state(""));
}

TEST(venues_upbit_enums_error, unknown_side_or_wrong_case) {
  expect_unknown(parse_side("buy"));
  expect_unknown(parse_side("BID"));    // REST is lowercase
  expect_unknown(parse_ask_bid("bid")); // WebSocket is uppercase
  expect_unknown(parse_ask_bid(""));
}

TEST(venues_upbit_enums_error, unknown_ord_type) {
  expect_unknown(parse_ord_type("stop_limit"));
  expect_unknown(parse_ord_type("best_ioc")); // a chance bid_type, not ord_type
}

TEST(venues_upbit_enums_error, unknown_time_in_force) {
  expect_unknown(parse_tif("gtc"));
  expect_unknown(parse_tif("gtd"));
  expect_unknown(parse_tif("postonly"));
}

TEST(venues_upbit_enums_error, unknown_smp_and_stream_type) {
  expect_unknown(parse_smp_type("cancel_both"));
  expect_unknown(parse_stream_type("realtime"));
}
