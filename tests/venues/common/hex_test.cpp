#include "venues/common/hex.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace tandem::venues;

TEST(venues_common_hex, encodes_lowercase) {
  const unsigned char bytes[] = {0x00, 0xab, 0xff, 0x10};
  EXPECT_EQ(to_hex(bytes), "00abff10");
}

TEST(venues_common_hex, decodes_either_case_to_exact_length) {
  std::array<unsigned char, 2> out{};
  ASSERT_TRUE(from_hex("aBfF", out));
  EXPECT_EQ(out[0], 0xab);
  EXPECT_EQ(out[1], 0xff);
}

TEST(venues_common_hex, rejects_wrong_length_or_digit) {
  std::array<unsigned char, 2> out{};
  EXPECT_FALSE(from_hex("abc", out));
  EXPECT_FALSE(from_hex("abcdef", out));
  EXPECT_FALSE(from_hex("abcg", out));
}
