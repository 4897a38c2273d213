#include "venues/upbit/auth.hpp"

#include "tests/venues/test_data.hpp"
#include "venues/common/base64url.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues;
using namespace tandem::venues::upbit;

namespace {

constexpr std::string_view access_key = "test-access-key";
constexpr std::string_view secret = "test-secret-not-a-real-key";
constexpr std::string_view nonce = "00000000-0000-4000-8000-000000000000";
const credentials creds{access_key, secret};

const param order[] = {
  {"market", "KRW-BTC"},  {"side", "bid"},       {"volume", "0.01"},
  {"price", "100000000"}, {"ord_type", "limit"},
};

auth_error verify_error(const received_request& r,
                        std::string_view key = secret) {
  auto v = verify_request(r, key);
  EXPECT_FALSE(v);
  return v ? auth_error::crypto_failure : v.error();
}

auth_error parse_error(std::string_view authorization) {
  auto v = parse_bearer(authorization);
  EXPECT_FALSE(v);
  return v ? auth_error::crypto_failure : v.error();
}

// A token whose claims are `claims_json`, correctly signed.
std::string bearer_for(std::string_view claims_json) {
  auto t = jwt_encode(claims_json, secret, jwt_alg::hs512);
  EXPECT_TRUE(t);
  return "Bearer " + (t ? *t : std::string{});
}

// Segment i (0 header, 1 claims, 2 signature) of "Bearer a.b.c".
std::string_view segment(std::string_view bearer, int i) {
  auto token = bearer.substr(7);
  for (; i > 0; --i)
    token = token.substr(token.find('.') + 1);
  return token.substr(0, token.find('.'));
}

} // namespace

TEST(venues_upbit_auth_error, a_tampered_payload_byte_fails) {
  auto s = sign_request(http_method::post, order, creds, nonce);
  ASSERT_TRUE(s);
  // Re-encode the claims with one byte changed, keep header and signature.
  auto claims = base64url_decode(segment(s->authorization, 1));
  ASSERT_TRUE(claims);
  (*claims)[claims->find("test-access-key") + 1] = 'X';
  auto forged = "Bearer " + std::string(segment(s->authorization, 0)) + "."
                + base64url_encode(*claims) + "."
                + std::string(segment(s->authorization, 2));
  received_request r{http_method::post, "", s->body, forged};
  EXPECT_EQ(verify_error(r), auth_error::signature_mismatch);
  EXPECT_EQ(upbit_error_name(verify_error(r)), "jwt_verification");
}

TEST(venues_upbit_auth_error, a_tampered_signature_fails) {
  auto s = sign_request(http_method::post, order, creds, nonce);
  ASSERT_TRUE(s);
  auto header = s->authorization;
  auto at = header.rfind('.') + 1; // first signature character: full sextet
  header[at] = header[at] == 'A' ? 'B' : 'A';
  received_request r{http_method::post, "", s->body, header};
  EXPECT_EQ(verify_error(r), auth_error::signature_mismatch);
}

TEST(venues_upbit_auth_error, the_wrong_secret_fails) {
  auto s = sign_request(http_method::post, order, creds, nonce);
  ASSERT_TRUE(s);
  received_request r{http_method::post, "", s->body, s->authorization};
  EXPECT_EQ(verify_error(r, "another-secret"), auth_error::signature_mismatch);
}

TEST(venues_upbit_auth_error, alg_none_is_refused) {
  auto claims = base64url_encode(R"({"access_key":"a","nonce":"n"})");
  auto none = "Bearer " + base64url_encode(R"({"alg":"none","typ":"JWT"})")
              + "." + claims + ".";
  EXPECT_EQ(parse_error(none), auth_error::unsupported_algorithm);
  received_request r{http_method::get, "", "", none};
  EXPECT_EQ(verify_error(r), auth_error::unsupported_algorithm);
  EXPECT_EQ(upbit_error_name(auth_error::unsupported_algorithm),
            "jwt_verification");
}

TEST(venues_upbit_auth_error, rs256_is_refused) {
  auto claims = base64url_encode(R"({"access_key":"a","nonce":"n"})");
  auto rs = "Bearer " + base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + "."
            + claims + ".c2ln";
  EXPECT_EQ(parse_error(rs), auth_error::unsupported_algorithm);
}

TEST(venues_upbit_auth_error, one_changed_get_parameter_mismatches_the_hash) {
  const param query[] = {{"market", "KRW-BTC"}, {"state", "wait"}};
  auto s = sign_request(http_method::get, query, creds, nonce);
  ASSERT_TRUE(s);
  received_request r{http_method::get, "market=KRW-ETH&state=wait", "",
                     s->authorization};
  EXPECT_EQ(verify_error(r), auth_error::query_hash_mismatch);
  EXPECT_EQ(upbit_error_name(auth_error::query_hash_mismatch),
            "invalid_query_payload");
  // Reordering is a change too: the hash covers the order sent.
  r.query = "state=wait&market=KRW-BTC";
  EXPECT_EQ(verify_error(r), auth_error::query_hash_mismatch);
}

TEST(venues_upbit_auth_error, one_changed_post_parameter_mismatches_the_hash) {
  auto s = sign_request(http_method::post, order, creds, nonce);
  ASSERT_TRUE(s);
  auto body = s->body;
  body.replace(body.find("0.01"), 4, "0.02");
  received_request r{http_method::post, "", body, s->authorization};
  EXPECT_EQ(verify_error(r), auth_error::query_hash_mismatch);
}

TEST(venues_upbit_auth_error, unhashed_url_params_on_a_post_are_refused) {
  auto s = sign_request(http_method::post, order, creds, nonce);
  ASSERT_TRUE(s);
  received_request r{http_method::post, "side=ask", s->body, s->authorization};
  EXPECT_EQ(verify_error(r), auth_error::query_hash_mismatch);
}

TEST(venues_upbit_auth_error, params_without_query_hash_are_refused) {
  auto s = sign_request(http_method::get, {}, creds, nonce);
  ASSERT_TRUE(s);
  received_request r{http_method::get, "market=KRW-BTC", "", s->authorization};
  EXPECT_EQ(verify_error(r), auth_error::missing_query_hash);
  EXPECT_EQ(upbit_error_name(auth_error::missing_query_hash),
            "invalid_query_payload");
}

TEST(venues_upbit_auth_error, a_hash_for_params_not_sent_mismatches) {
  const param query[] = {{"market", "KRW-BTC"}};
  auto s = sign_request(http_method::get, query, creds, nonce);
  ASSERT_TRUE(s);
  received_request r{http_method::get, "", "", s->authorization};
  EXPECT_EQ(verify_error(r), auth_error::query_hash_mismatch);
}

TEST(venues_upbit_auth_error, recorded_bad_bodies_are_malformed) {
  for (auto file : {"upbit/bad/post_body_float_volume.json",
                    "upbit/bad/post_body_nested_object.json"}) {
    auto body = test_data::read_data(file);
    auto r = body_hash_input(body);
    ASSERT_FALSE(r) << file;
    EXPECT_EQ(r.error(), auth_error::malformed_body) << file;
  }
  for (auto body : {"not json", "[]", R"({"a":null})", R"({"a":[{"b":1}]})",
                    R"({"a":"1"} trailing)"}) {
    auto r = body_hash_input(body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error(), auth_error::malformed_body) << body;
  }
}

TEST(venues_upbit_auth_error, integers_and_booleans_in_a_body_are_hashed) {
  auto r = body_hash_input(
    R"({"limit":100,"flag":true,"big":18446744073709551615})");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "limit=100&flag=true&big=18446744073709551615");
}

TEST(venues_upbit_auth_error, recorded_bad_payloads_are_refused) {
  EXPECT_EQ(parse_error(bearer_for(
              test_data::read_data("upbit/bad/payload_sha256_hash_alg.json"))),
            auth_error::unsupported_hash_algorithm);
  EXPECT_EQ(parse_error(bearer_for(test_data::read_data(
              "upbit/bad/payload_missing_access_key.json"))),
            auth_error::missing_claim);
  EXPECT_EQ(parse_error(bearer_for(test_data::read_data(
              "upbit/bad/payload_duplicate_access_key.json"))),
            auth_error::malformed_json);
  EXPECT_EQ(parse_error(bearer_for(
              test_data::read_data("upbit/bad/payload_numeric_nonce.json"))),
            auth_error::malformed_json);
}

TEST(venues_upbit_auth_error, malformed_json_payloads_are_refused) {
  for (auto claims : {"not json", "[1,2]", R"({"access_key":"a",)", "",
                      R"({"access_key":"","nonce":"n"})"}) {
    auto header = bearer_for(claims);
    auto v = parse_bearer(header);
    ASSERT_FALSE(v) << claims;
    EXPECT_TRUE(v.error() == auth_error::malformed_json
                || v.error() == auth_error::malformed_token
                || v.error() == auth_error::missing_claim)
      << claims << " " << to_string(v.error());
  }
}

TEST(venues_upbit_auth_error, malformed_headers_are_refused) {
  EXPECT_EQ(parse_error(""), auth_error::missing_bearer);
  EXPECT_EQ(parse_error("Bearer "), auth_error::missing_bearer);
  EXPECT_EQ(parse_error("Basic dXNlcjpwYXNz"), auth_error::missing_bearer);
  EXPECT_EQ(parse_error("Bearer abc"), auth_error::malformed_token);
  EXPECT_EQ(parse_error("Bearer a.b.c.d"), auth_error::malformed_token);
  EXPECT_EQ(parse_error("Bearer e30=.e30.c2ln"), auth_error::bad_base64);
  EXPECT_EQ(parse_error("Bearer !!!!.e30.c2ln"), auth_error::bad_base64);
}

TEST(venues_upbit_auth_error, an_empty_secret_is_refused) {
  auto s
    = sign_request(http_method::get, {}, credentials{access_key, ""}, nonce);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error(), auth_error::empty_secret);
}
