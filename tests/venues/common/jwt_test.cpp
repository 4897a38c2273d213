#include "venues/common/jwt.hpp"

#include "venues/common/base64url.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues;

TEST(venues_common_jwt, encodes_header_claims_and_signature) {
  auto token = jwt_encode(R"({"a":1})", "secret", jwt_alg::hs512);
  ASSERT_TRUE(token);
  auto first_dot = token->find('.');
  EXPECT_EQ(base64url_decode(token->substr(0, first_dot)),
            std::string(R"({"alg":"HS512","typ":"JWT"})"));
  auto decoded = jwt_decode(*token);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->alg, jwt_alg::hs512);
  EXPECT_EQ(decoded->claims_json, R"({"a":1})");
  EXPECT_EQ(decoded->signature.size(), 64u);
  EXPECT_TRUE(jwt_verify(*decoded, "secret"));
}

TEST(venues_common_jwt, hs256_round_trips) {
  auto token = jwt_encode(R"({"a":1})", "secret", jwt_alg::hs256);
  ASSERT_TRUE(token);
  auto decoded = jwt_decode(*token);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->alg, jwt_alg::hs256);
  EXPECT_EQ(decoded->signature.size(), 32u);
  EXPECT_TRUE(jwt_verify(*decoded, "secret"));
}

// The jwt.io introduction token, an independent HS256 vector.
TEST(venues_common_jwt, verifies_the_jwt_io_example) {
  auto decoded = jwt_decode(
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIy"
    "fQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(jwt_verify(*decoded, "your-256-bit-secret"));
  EXPECT_FALSE(jwt_verify(*decoded, "your-256-bit-secreT"));
}

// RFC 7515 appendix A.1 (HS256, a JWK key and a header with CRLFs).
TEST(venues_common_jwt, verifies_the_rfc7515_a1_example) {
  auto key = base64url_decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-"
                              "1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
  ASSERT_TRUE(key);
  auto decoded = jwt_decode(
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNv"
    "bS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->alg, jwt_alg::hs256);
  EXPECT_TRUE(jwt_verify(*decoded, *key));
}
