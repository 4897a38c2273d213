#include "venues/upbit/fields.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues::upbit;

// The table is checked complete at compile time; these pin the meanings
// that differ between messages sharing a key.
static_assert(key(field::order_limit_price) == "price");
static_assert(key(field::my_trade_uuid) == "trade_uuid");
static_assert(spec(field::order_executed_volume).type
              == wire_type::string_decimal);
static_assert(spec(field::unit_ask_price).type == wire_type::number_decimal);

TEST(venues_upbit_fields, rest_decimals_are_strings_ws_are_numbers) {
  EXPECT_EQ(spec(field::order_paid_fee).type, wire_type::string_decimal);
  EXPECT_EQ(spec(field::order_paid_fee).unit, unit::quote);
  EXPECT_EQ(spec(field::my_paid_fee).type, wire_type::number_decimal);
  EXPECT_EQ(spec(field::asset_balance).type, wire_type::number_decimal);
  EXPECT_EQ(spec(field::account_balance).type, wire_type::string_decimal);
}

TEST(venues_upbit_fields, timestamps_iso_on_rest_ms_on_websocket) {
  EXPECT_EQ(spec(field::order_created_at).type, wire_type::iso8601);
  EXPECT_EQ(spec(field::trade_created_at).type, wire_type::iso8601);
  EXPECT_EQ(spec(field::ws_timestamp).type, wire_type::epoch_ms);
  EXPECT_EQ(spec(field::my_trade_timestamp).type, wire_type::epoch_ms);
  EXPECT_EQ(spec(field::book_timestamp).unit, unit::time);
}

TEST(venues_upbit_fields, every_row_has_a_key) {
  for (const auto& row : field_table)
    EXPECT_FALSE(row.key.empty());
}
