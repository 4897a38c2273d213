#include "venues/common/percent_encoding.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues;

TEST(venues_common_percent_encoding, keeps_unreserved_only) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("a b+c&d=e/f:g"), "a%20b%2Bc%26d%3De%2Ff%3Ag");
}

TEST(venues_common_percent_encoding, encodes_utf8_bytes_uppercase) {
  // Binance spot docs, vector S2: the fullwidth digit 1 (U+FF11).
  EXPECT_EQ(percent_encode("\xef\xbc\x91"), "%EF%BC%91");
}

TEST(venues_common_percent_encoding, decodes_and_leaves_plus_alone) {
  EXPECT_EQ(percent_decode("states%5B%5D=wait"), "states[]=wait");
  EXPECT_EQ(percent_decode("a%2bb+c"), "a+b+c");
}

TEST(venues_common_percent_encoding, rejects_truncated_escapes) {
  EXPECT_FALSE(percent_decode("abc%"));
  EXPECT_FALSE(percent_decode("abc%4"));
  EXPECT_FALSE(percent_decode("abc%zz"));
}
