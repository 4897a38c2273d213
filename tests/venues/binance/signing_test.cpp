#include "venues/binance/signing.hpp"

#include "tests/venues/test_data.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <vector>

using namespace tandem::venues;
using namespace tandem::venues::binance;

namespace {

constexpr std::string_view spot_secret
  = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr std::string_view futures_secret
  = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

const param ltcbtc[] = {
  {"symbol", "LTCBTC"},   {"side", "BUY"},   {"type", "LIMIT"},
  {"timeInForce", "GTC"}, {"quantity", "1"}, {"price", "0.1"},
};

const signing_input spot_input{1499827319559, 5000};
const signing_input futures_input{1591702613943, 5000};

} // namespace

// Every official vector of the protocol reference venues/upbit-binance.md (B2),
// from the recorded file, so the test and the data cannot drift apart.
TEST(venues_binance_signing, every_official_vector_in_the_data_file) {
  auto json = test_data::read_data("binance/ok/signing_vectors.json");
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_FALSE(parser.parse(json).get(root));
  simdjson::dom::array vectors;
  ASSERT_FALSE(root["vectors"].get_array().get(vectors));
  std::size_t count = 0;
  for (auto v : vectors) {
    std::string_view id, secret, payload, expected;
    ASSERT_FALSE(v["id"].get_string().get(id));
    ASSERT_FALSE(v["secret"].get_string().get(secret));
    ASSERT_FALSE(v["total_params"].get_string().get(payload));
    ASSERT_FALSE(v["signature"].get_string().get(expected));
    auto sig = sign_payload(secret, payload);
    ASSERT_TRUE(sig) << id;
    EXPECT_EQ(*sig, expected) << id;
    ++count;
  }
  EXPECT_EQ(count, 5u);
}

TEST(venues_binance_signing, spot_s1_ltcbtc_vector) {
  auto sig = sign_payload(spot_secret,
                          "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&"
                          "quantity=1&price=0.1&recvWindow=5000&"
                          "timestamp=1499827319559");
  ASSERT_TRUE(sig);
  EXPECT_EQ(*sig,
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
}

TEST(venues_binance_signing, builds_the_s1_query_string) {
  auto r = sign_request(ltcbtc, {}, spot_input, spot_secret);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->signature,
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  EXPECT_EQ(r->query,
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&"
            "price=0.1&recvWindow=5000&timestamp=1499827319559&signature="
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  EXPECT_TRUE(r->body.empty());
}

TEST(venues_binance_signing, percent_encodes_non_ascii_before_signing_s2) {
  std::vector<param> params(std::begin(ltcbtc), std::end(ltcbtc));
  // Fullwidth digits 1-6 (U+FF11..U+FF16), as in the spot docs.
  params[0].value = "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc"
                    "\x95\xef\xbc\x96";
  auto r = sign_request(params, {}, spot_input, spot_secret);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->query.starts_with(
    "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&"));
  EXPECT_EQ(r->signature,
            "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
}

TEST(venues_binance_signing, futures_f1_in_the_body) {
  const param order[] = {
    {"symbol", "BTCUSDT"}, {"side", "BUY"},   {"type", "LIMIT"},
    {"quantity", "1"},     {"price", "9000"}, {"timeInForce", "GTC"},
  };
  auto r = sign_request({}, order, futures_input, futures_secret);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->query.empty());
  EXPECT_EQ(r->signature,
            "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9");
  EXPECT_TRUE(r->body.ends_with(
    "&timestamp=1591702613943&signature="
    "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"));
}

TEST(venues_binance_signing, futures_f3_query_and_body_concatenated) {
  const param in_query[] = {{"symbol", "BTCUSDT"},
                            {"side", "BUY"},
                            {"type", "LIMIT"},
                            {"timeInForce", "GTC"}};
  const param in_body[] = {{"quantity", "1"}, {"price", "9000"}};
  auto r = sign_request(in_query, in_body, futures_input, futures_secret);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->query, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC");
  EXPECT_EQ(r->body, "quantity=1&price=9000&recvWindow=5000&timestamp="
                     "1591702613943&signature=30baaf0fab549bbeda7f5ef201898b3"
                     "4122da25fd23c646cac2c529aebe670a4");
  EXPECT_EQ(r->signature,
            "30baaf0fab549bbeda7f5ef201898b34122da25fd23c646cac2c529aebe670a4");
}

TEST(venues_binance_signing, recv_window_is_optional) {
  auto r
    = sign_request(ltcbtc, {}, signing_input{1499827319559, {}}, spot_secret);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->query.find("recvWindow"), std::string::npos);
  EXPECT_NE(r->query.find("price=0.1&timestamp=1499827319559&signature="),
            std::string::npos);
}

TEST(venues_binance_signing, verifies_what_it_signs) {
  auto r = sign_request(ltcbtc, {}, spot_input, spot_secret);
  ASSERT_TRUE(r);
  auto v = verify_request(r->query, r->body, spot_secret);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->total_params, "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce="
                             "GTC&quantity=1&price=0.1&recvWindow=5000&"
                             "timestamp=1499827319559");
}

TEST(venues_binance_signing, verifies_mixed_query_and_body) {
  const param in_query[] = {{"symbol", "BTCUSDT"}, {"side", "BUY"}};
  const param in_body[] = {{"quantity", "1"}, {"price", "9000"}};
  auto r = sign_request(in_query, in_body, futures_input, futures_secret);
  ASSERT_TRUE(r);
  EXPECT_TRUE(verify_request(r->query, r->body, futures_secret));
}

TEST(venues_binance_signing, signature_hex_is_case_insensitive) {
  std::string query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&"
                      "quantity=1&price=0.1&recvWindow=5000&timestamp="
                      "1499827319559&signature=C8DB56825AE71D6D79447849E617115"
                      "F4A920FA2ACDCAB2B053C4B2838BD6B71";
  EXPECT_TRUE(verify_request(query, "", spot_secret));
}

TEST(venues_binance_signing, maps_failures_to_binance_codes) {
  EXPECT_EQ(binance_error_code(auth_error::missing_signature), -1102);
  EXPECT_EQ(binance_error_code(auth_error::signature_mismatch), -1022);
  EXPECT_EQ(binance_error_code(auth_error::malformed_signature), -1022);
}
