#include "venues/binance/signing.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace tandem::venues;
using namespace tandem::venues::binance;

namespace {

constexpr std::string_view secret
  = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr std::string_view payload
  = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&"
    "recvWindow=5000&timestamp=1499827319559";
constexpr std::string_view sig
  = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

std::string signed_query() {
  return std::string(payload) + "&signature=" + std::string(sig);
}

auth_error verify_error(std::string_view query, std::string_view body,
                        std::string_view key = secret) {
  auto r = verify_request(query, body, key);
  EXPECT_FALSE(r);
  return r ? auth_error::crypto_failure : r.error();
}

} // namespace

TEST(venues_binance_signing_error, a_changed_parameter_fails) {
  auto query = signed_query();
  query.replace(query.find("price=0.1"), 9, "price=0.2");
  EXPECT_EQ(verify_error(query, ""), auth_error::signature_mismatch);
}

TEST(venues_binance_signing_error, a_changed_signature_fails) {
  auto query = signed_query();
  query.back() = query.back() == '1' ? '2' : '1';
  EXPECT_EQ(verify_error(query, ""), auth_error::signature_mismatch);
}

TEST(venues_binance_signing_error, the_wrong_secret_fails) {
  EXPECT_EQ(verify_error(signed_query(), "", "not-the-secret"),
            auth_error::signature_mismatch);
}

TEST(venues_binance_signing_error, moving_a_param_from_body_to_query_fails) {
  // query+body is signed as one string, so which side a param sits on
  // matters only through the bytes: `a=1` + `&b=2` differs from `a=1&b=2`.
  auto r = sign_request({}, std::array{param{"a", "1"}, param{"b", "2"}},
                        signing_input{1, {}}, secret);
  ASSERT_TRUE(r);
  auto body = r->body;
  EXPECT_EQ(verify_error("a=1", body.substr(4)),
            auth_error::signature_mismatch);
}

TEST(venues_binance_signing_error, a_missing_signature_is_reported) {
  EXPECT_EQ(verify_error(payload, ""), auth_error::missing_signature);
  EXPECT_EQ(verify_error("", ""), auth_error::missing_signature);
  // "signatures=" is another parameter, not the signature.
  EXPECT_EQ(
    verify_error(std::string(payload) + "&signatures=" + std::string(sig), ""),
    auth_error::missing_signature);
}

TEST(venues_binance_signing_error, the_signature_must_be_last_and_single) {
  auto not_last = "signature=" + std::string(sig) + "&" + std::string(payload);
  EXPECT_EQ(verify_error(not_last, ""), auth_error::misplaced_signature);
  auto twice = signed_query() + "&signature=" + std::string(sig);
  EXPECT_EQ(verify_error(twice, ""), auth_error::misplaced_signature);
  EXPECT_EQ(verify_error(signed_query(), signed_query()),
            auth_error::misplaced_signature);
  // In the query while a body follows: not last of query + body.
  EXPECT_EQ(verify_error(signed_query(), "extra=1"),
            auth_error::misplaced_signature);
}

TEST(venues_binance_signing_error, a_signature_of_the_wrong_shape_is_reported) {
  auto short_sig
    = std::string(payload) + "&signature=" + std::string(sig.substr(0, 63));
  EXPECT_EQ(verify_error(short_sig, ""), auth_error::malformed_signature);
  auto not_hex = std::string(payload)
                 + "&signature=" + std::string(sig.substr(0, 63)) + "z";
  EXPECT_EQ(verify_error(not_hex, ""), auth_error::malformed_signature);
  EXPECT_EQ(verify_error(std::string(payload) + "&signature=", ""),
            auth_error::malformed_signature);
}

TEST(venues_binance_signing_error, an_empty_secret_is_refused) {
  EXPECT_EQ(verify_error(signed_query(), "", ""), auth_error::empty_secret);
  auto r = sign_payload("", payload);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), auth_error::empty_secret);
}
