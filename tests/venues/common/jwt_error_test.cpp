#include "venues/common/jwt.hpp"

#include "venues/common/base64url.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues;

namespace {

std::string token_with_header(std::string_view header,
                              std::string_view signature_b64 = "c2ln") {
  return base64url_encode(header) + "." + base64url_encode("{}") + "."
         + std::string(signature_b64);
}

} // namespace

TEST(venues_common_jwt_error, refuses_alg_none) {
  auto r = jwt_decode(token_with_header(R"({"alg":"none","typ":"JWT"})", ""));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), auth_error::unsupported_algorithm);
}

TEST(venues_common_jwt_error, refuses_rs256_and_lowercase_names) {
  for (auto header : {R"({"alg":"RS256","typ":"JWT"})", R"({"alg":"hs512"})",
                      R"({"alg":"HS384"})", R"({"alg":"ES256"})"}) {
    auto r = jwt_decode(token_with_header(header));
    ASSERT_FALSE(r) << header;
    EXPECT_EQ(r.error(), auth_error::unsupported_algorithm) << header;
  }
}

TEST(venues_common_jwt_error, refuses_a_header_without_one_string_alg) {
  for (auto header :
       {R"({"typ":"JWT"})", R"({"alg":512})", R"({"alg":"HS512","alg":"none"})",
        R"(["HS512"])", R"({"alg":"HS512")"}) {
    auto r = jwt_decode(token_with_header(header));
    ASSERT_FALSE(r) << header;
    EXPECT_EQ(r.error(), auth_error::malformed_json) << header;
  }
}

TEST(venues_common_jwt_error, refuses_wrong_segment_counts) {
  for (auto token : {"", "abc", "a.b", "a.b.c.d", ".b.c", "a..c"}) {
    auto r = jwt_decode(token);
    ASSERT_FALSE(r) << token;
    EXPECT_EQ(r.error(), auth_error::malformed_token) << token;
  }
}

TEST(venues_common_jwt_error, refuses_bad_base64) {
  auto good = token_with_header(R"({"alg":"HS256"})");
  auto r = jwt_decode("e30=." + good.substr(good.find('.') + 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), auth_error::bad_base64);
  r = jwt_decode(good + "*");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), auth_error::bad_base64);
}

TEST(venues_common_jwt_error, verify_refuses_other_secrets_and_empty_secret) {
  auto token = jwt_encode("{}", "right", jwt_alg::hs512);
  ASSERT_TRUE(token);
  auto decoded = jwt_decode(*token);
  ASSERT_TRUE(decoded);
  auto r = jwt_verify(*decoded, "wrong");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), auth_error::signature_mismatch);
  r = jwt_verify(*decoded, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), auth_error::empty_secret);
}

TEST(venues_common_jwt_error, verify_refuses_a_downgraded_alg) {
  // An HS512 tag relabelled HS256: the header is signed, so it fails.
  auto token = jwt_encode("{}", "k", jwt_alg::hs512);
  ASSERT_TRUE(token);
  auto rest = token->substr(token->find('.'));
  auto forged = base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + rest;
  auto decoded = jwt_decode(forged);
  ASSERT_TRUE(decoded);
  auto r = jwt_verify(*decoded, "k");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), auth_error::signature_mismatch);
}
