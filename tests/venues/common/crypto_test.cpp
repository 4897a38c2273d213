#include "venues/common/crypto.hpp"

#include "venues/common/hex.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues;

// RFC 4231 test case 2 and FIPS 180-2 "abc".
TEST(venues_common_crypto, hmac_sha256_matches_rfc4231) {
  auto tag = hmac_sha256("Jefe", "what do ya want for nothing?");
  ASSERT_TRUE(tag);
  EXPECT_EQ(to_hex(*tag), "5bdcc146bf60754e6a042426089575c75a003f089d27398"
                          "39dec58b964ec3843");
}

TEST(venues_common_crypto, hmac_sha512_matches_rfc4231) {
  auto tag = hmac_sha512("Jefe", "what do ya want for nothing?");
  ASSERT_TRUE(tag);
  EXPECT_EQ(to_hex(*tag),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

TEST(venues_common_crypto, sha512_matches_fips_vector) {
  auto d = sha512("abc");
  ASSERT_TRUE(d);
  EXPECT_EQ(to_hex(*d),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(venues_common_crypto, empty_inputs_are_fine) {
  EXPECT_TRUE(sha512(""));
  EXPECT_TRUE(hmac_sha256("key", ""));
}

TEST(venues_common_crypto, constant_time_equal_compares_length_and_bytes) {
  EXPECT_TRUE(constant_time_equal(std::string_view{"abc"}, "abc"));
  EXPECT_FALSE(constant_time_equal(std::string_view{"abc"}, "abd"));
  EXPECT_FALSE(constant_time_equal(std::string_view{"abc"}, "abcd"));
  EXPECT_TRUE(constant_time_equal(std::string_view{""}, ""));
}
