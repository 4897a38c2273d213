#include "venues/upbit/auth.hpp"

#include "tests/venues/test_data.hpp"
#include "venues/common/base64url.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace tandem::venues;
using namespace tandem::venues::upbit;

namespace {

constexpr std::string_view access_key
  = "a7Xd92LmQW3vBtRzYpMj5CxNKeT1HuVs0fFgJcAw";
constexpr std::string_view secret = "test-secret-not-a-real-key";
constexpr std::string_view nonce = "b2f1e3f8-2dc1-4d6f-a838-c74c49b0e39a";
const credentials creds{access_key, secret};

// The reference's POST /v1/orders example, in body order.
const param order[] = {
  {"market", "KRW-BTC"},  {"side", "bid"},       {"volume", "0.01"},
  {"price", "100000000"}, {"ord_type", "limit"},
};

// printf %s
// 'market=KRW-BTC&side=bid&volume=0.01&price=100000000&ord_type=limit'
//   | sha512sum
constexpr std::string_view order_hash
  = "04f10e7f849051645e088a4217a3e1f938268054df0e99b93ac74627b11f6931"
    "e501657d777720f9d19fc2a6649e3afc4a6e4e83ccf3d0569be6bde4633750dc";

// printf %s 'states[]=wait&states[]=watch' | sha512sum
constexpr std::string_view states_hash
  = "ee4ff24f6e4f55cf0b17149ee355ef953d0ffac5219d4763748e49c91d44e063"
    "ec5336f8e1c9e80c42bee7a902745eb5410a09c793486b2b06845accd6765d14";

received_request as_received(http_method m, const signed_request& s) {
  return received_request{m, s.query, s.body, s.authorization};
}

} // namespace

TEST(venues_upbit_auth, post_example_hash_input_and_hash) {
  EXPECT_EQ(hash_input(order),
            "market=KRW-BTC&side=bid&volume=0.01&price=100000000&"
            "ord_type=limit");
  auto h = query_hash(hash_input(order));
  ASSERT_TRUE(h);
  EXPECT_EQ(*h, order_hash);
}

TEST(venues_upbit_auth, post_example_body_matches_the_reference) {
  EXPECT_EQ(json_body(order),
            test_data::read_data("upbit/ok/docs_post_order_body.json"));
}

TEST(venues_upbit_auth, received_post_body_hashes_in_body_order) {
  auto input = body_hash_input(
    test_data::read_data("upbit/ok/docs_post_order_body.json"));
  ASSERT_TRUE(input);
  EXPECT_EQ(*input, "market=KRW-BTC&side=bid&volume=0.01&price=100000000&"
                    "ord_type=limit");
}

TEST(venues_upbit_auth, arrays_use_bracket_keys) {
  const param states[] = {{"states", "wait", true}, {"states", "watch", true}};
  EXPECT_EQ(encode_query(states), "states[]=wait&states[]=watch");
  EXPECT_EQ(hash_input(states), "states[]=wait&states[]=watch");
  EXPECT_EQ(json_body(states), R"({"states":["wait","watch"]})");
  auto h = query_hash(encode_query(states));
  ASSERT_TRUE(h);
  EXPECT_EQ(*h, states_hash);
  // A key that already ends in "[]" is not doubled.
  const param uuids[] = {{"uuids[]", "a", true}, {"uuids[]", "b", true}};
  EXPECT_EQ(encode_query(uuids), "uuids[]=a&uuids[]=b");
  auto body = body_hash_input(R"({"market":"KRW-BTC","uuids":["a","b"]})");
  ASSERT_TRUE(body);
  EXPECT_EQ(*body, "market=KRW-BTC&uuids[]=a&uuids[]=b");
}

TEST(venues_upbit_auth, nonce_is_a_v4_uuid_from_the_given_bytes) {
  std::array<std::uint8_t, 16> zeros{};
  EXPECT_EQ(make_nonce(zeros), "00000000-0000-4000-8000-000000000000");
  std::array<std::uint8_t, 16> ones;
  ones.fill(0xff);
  EXPECT_EQ(make_nonce(ones), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  std::array<std::uint8_t, 16> mixed{0xb2, 0xf1, 0xe3, 0xf8, 0x2d, 0xc1,
                                     0x0d, 0x6f, 0xe8, 0x38, 0xc7, 0x4c,
                                     0x49, 0xb0, 0xe3, 0x9a};
  EXPECT_EQ(make_nonce(mixed), nonce);
}

TEST(venues_upbit_auth, claims_json_matches_the_reference_payload) {
  token_claims c{std::string(access_key), std::string(nonce),
                 "0b3e884d40cc992a85730cf470b4a3286f13d9c46204279ef32153bcdcd4e"
                 "db7c12925e7266636e86a6d6ae5804a6bb394e632e4dba9b4045ad470c93"
                 "720e5e6"};
  EXPECT_EQ(claims_json(c),
            test_data::read_data("upbit/ok/docs_example_payload.json"));
}

TEST(venues_upbit_auth, the_reference_example_payload_parses) {
  auto payload = test_data::read_data("upbit/ok/docs_example_payload.json");
  auto token = jwt_encode(payload, secret, jwt_alg::hs512);
  ASSERT_TRUE(token);
  auto parsed = parse_bearer("Bearer " + *token);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->jwt.alg, jwt_alg::hs512);
  EXPECT_EQ(parsed->claims.access_key, access_key);
  EXPECT_EQ(parsed->claims.nonce, nonce);
  ASSERT_TRUE(parsed->claims.query_hash);
  EXPECT_EQ(parsed->claims.query_hash->size(), 128u);
  EXPECT_TRUE(jwt_verify(parsed->jwt, secret));
}

TEST(venues_upbit_auth, header_is_hs512_jwt) {
  auto s = sign_request(http_method::get, {}, creds, nonce);
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->authorization.starts_with("Bearer "));
  auto token = std::string_view{s->authorization}.substr(7);
  EXPECT_EQ(base64url_decode(token.substr(0, token.find('.'))),
            std::string(R"({"alg":"HS512","typ":"JWT"})"));
}

TEST(venues_upbit_auth, no_params_means_no_query_hash) {
  auto s = sign_request(http_method::get, {}, creds, nonce);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->query.empty());
  auto parsed = parse_bearer(s->authorization);
  ASSERT_TRUE(parsed);
  EXPECT_FALSE(parsed->claims.query_hash);
  auto decoded = jwt_decode(std::string_view{s->authorization}.substr(7));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->claims_json,
            R"({"access_key":"a7Xd92LmQW3vBtRzYpMj5CxNKeT1HuVs0fFgJcAw",)"
            R"("nonce":"b2f1e3f8-2dc1-4d6f-a838-c74c49b0e39a"})");
  EXPECT_TRUE(verify_request(as_received(http_method::get, *s), secret));
}

TEST(venues_upbit_auth, post_round_trip_hs512_and_hs256) {
  for (auto alg : {jwt_alg::hs512, jwt_alg::hs256}) {
    auto s = sign_request(http_method::post, order, creds, nonce, alg);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->query.empty());
    auto parsed = parse_bearer(s->authorization);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->jwt.alg, alg);
    EXPECT_EQ(parsed->claims.query_hash, std::string(order_hash));
    auto v = verify_request(as_received(http_method::post, *s), secret);
    ASSERT_TRUE(v) << to_string(v.error());
    EXPECT_EQ(v->nonce, nonce);
    EXPECT_EQ(v->access_key, access_key);
  }
}

TEST(venues_upbit_auth, get_and_delete_round_trip) {
  const param query[] = {
    {"market", "KRW-BTC"}, {"states", "wait", true}, {"states", "watch", true}};
  for (auto m : {http_method::get, http_method::del}) {
    auto s = sign_request(m, query, creds, nonce);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->query, "market=KRW-BTC&states[]=wait&states[]=watch");
    EXPECT_TRUE(s->body.empty());
    EXPECT_TRUE(verify_request(as_received(m, *s), secret));
  }
}

TEST(venues_upbit_auth, values_needing_escapes_are_hashed_as_sent) {
  const param query[] = {{"identifier", "my id+1"}};
  auto s = sign_request(http_method::get, query, creds, nonce);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->query, "identifier=my%20id%2B1");
  EXPECT_TRUE(verify_request(as_received(http_method::get, *s), secret));
}

TEST(venues_upbit_auth, accepts_the_official_python_escaped_brackets) {
  // Upbit's Python example hashes `states[]=wait&states[]=watch` but sends
  // the brackets escaped.
  token_claims c{std::string(access_key), std::string(nonce),
                 std::string(states_hash)};
  auto token = make_token(c, secret);
  ASSERT_TRUE(token);
  auto header = "Bearer " + *token;
  received_request r{http_method::get, "states%5B%5D=wait&states%5B%5D=watch",
                     "", header};
  EXPECT_TRUE(verify_request(r, secret));
}

TEST(venues_upbit_auth, the_scheme_is_case_insensitive) {
  auto s = sign_request(http_method::get, {}, creds, nonce);
  ASSERT_TRUE(s);
  auto lower = "bearer " + s->authorization.substr(7);
  EXPECT_TRUE(parse_bearer(lower));
}

TEST(venues_upbit_auth, maps_failures_to_upbit_error_names) {
  EXPECT_EQ(upbit_error_name(auth_error::query_hash_mismatch),
            "invalid_query_payload");
  EXPECT_EQ(upbit_error_name(auth_error::missing_query_hash),
            "invalid_query_payload");
  EXPECT_EQ(upbit_error_name(auth_error::signature_mismatch),
            "jwt_verification");
  EXPECT_EQ(upbit_error_name(auth_error::unsupported_algorithm),
            "jwt_verification");
}
