// The decoders' internal helpers: ISO-8601 with offsets and the JSON
// number grammar that guards decimal text.
#include "venues/upbit/detail/json.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::venues::upbit::detail;

TEST(venues_upbit_detail_json, iso8601_with_kst_offset) {
  auto t = parse_iso8601("2025-07-04T15:00:00+09:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, from_unix_ms(1751608800000)); // 06:00:00Z
  EXPECT_EQ(*parse_iso8601("2025-07-04T06:00:00Z"), *t);
  EXPECT_EQ(*parse_iso8601("2025-07-04T01:30:00-04:30"), *t);
  EXPECT_EQ(*parse_iso8601("2025-07-04T15:00:00.250+09:00"),
            from_unix_ms(1751608800250));
  EXPECT_EQ(*parse_iso8601("2024-02-29T09:00:00+09:00"),
            from_unix_ms(1709164800000));
  EXPECT_EQ(*parse_iso8601("1970-01-01T09:00:00+09:00"), from_unix_ms(0));
}

TEST(venues_upbit_detail_json, iso8601_rejects) {
  for (auto s : {"", "2025-07-04T15:00:00", "2025-07-04 15:00:00+09:00",
                 "2025-13-01T00:00:00+09:00", "2025-02-29T00:00:00+09:00",
                 "2025-07-04T24:00:00+09:00", "2025-07-04T15:00:00+0900",
                 "2025-07-04T15:00:00.+09:00", "2025-07-04T15:00:00+09:00x",
                 "25-07-04T15:00:00+09:00"})
    EXPECT_FALSE(parse_iso8601(s)) << s;
}

TEST(venues_upbit_detail_json, json_number_grammar) {
  for (auto s : {"0", "-0", "1", "137002000", "0.10623869", "1.2e-7", "2.5E10",
                 "1e+3", "-1.5"})
    EXPECT_TRUE(is_json_number(s)) << s;
  for (auto s : {"", "-", "01", ".5", "1.", "1e", "1e+", "+1", "NaN",
                 "Infinity", "0x10", "1 ", "1.2.3"})
    EXPECT_FALSE(is_json_number(s)) << s;
}
