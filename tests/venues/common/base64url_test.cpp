#include "venues/common/base64url.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues;

TEST(venues_common_base64url, encodes_rfc4648_vectors_without_padding) {
  EXPECT_EQ(base64url_encode(std::string_view{""}), "");
  EXPECT_EQ(base64url_encode(std::string_view{"f"}), "Zg");
  EXPECT_EQ(base64url_encode(std::string_view{"fo"}), "Zm8");
  EXPECT_EQ(base64url_encode(std::string_view{"foo"}), "Zm9v");
  EXPECT_EQ(base64url_encode(std::string_view{"foob"}), "Zm9vYg");
  EXPECT_EQ(base64url_encode(std::string_view{"fooba"}), "Zm9vYmE");
  EXPECT_EQ(base64url_encode(std::string_view{"foobar"}), "Zm9vYmFy");
}

TEST(venues_common_base64url, uses_the_url_alphabet) {
  const unsigned char bytes[] = {0xfb, 0xff};
  EXPECT_EQ(base64url_encode(bytes), "-_8");
  EXPECT_EQ(base64url_decode("-_8"), std::string("\xfb\xff"));
}

TEST(venues_common_base64url, round_trips_every_length) {
  std::string s;
  for (int i = 0; i < 70; ++i) {
    EXPECT_EQ(base64url_decode(base64url_encode(s)), s);
    s.push_back(static_cast<char>(i * 37));
  }
}

TEST(venues_common_base64url, rejects_padding_foreign_characters_and_lengths) {
  EXPECT_FALSE(base64url_decode("Zg=="));
  EXPECT_FALSE(base64url_decode("+/8"));
  EXPECT_FALSE(base64url_decode("Zm9v Yg"));
  EXPECT_FALSE(base64url_decode("Z"));
  EXPECT_FALSE(base64url_decode("Zm9vY"));
}

TEST(venues_common_base64url, rejects_non_canonical_trailing_bits) {
  // "Zg" is 'f'; "Zh" decodes to the same byte with a stray low bit set.
  EXPECT_TRUE(base64url_decode("Zg"));
  EXPECT_FALSE(base64url_decode("Zh"));
  EXPECT_FALSE(base64url_decode("Zm9"));
}
