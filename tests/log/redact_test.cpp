#include "log/redact.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tandem::logging {
namespace {

std::string r(std::string_view s) { return redact(s); }

TEST(log_redact, registered_secret_values_are_replaced) {
  std::vector<std::string> secrets{"s3cr3t-VALUE", "s3cr3t-VALUE-longer"};
  EXPECT_EQ(redact("a=s3cr3t-VALUE-longer b=s3cr3t-VALUE c", secrets),
            "a=*** b=*** c");
}

TEST(log_redact, authorization_bearer_header) {
  EXPECT_EQ(r("Authorization: Bearer abc.def-123"),
            "Authorization: Bearer ***");
  EXPECT_EQ(r("header authorization=Basic dXNlcjpwdw== x"),
            "header authorization=Basic *** x");
  EXPECT_EQ(r("curl -H \"Authorization: Bearer zzz\""),
            "curl -H \"Authorization: Bearer ***\"");
  EXPECT_EQ(r("bearer tok123 sent"), "bearer *** sent");
}

TEST(log_redact, binance_api_key_header) {
  EXPECT_EQ(r("X-MBX-APIKEY: dbefbc809e3e83c2 next"), "X-MBX-APIKEY: *** next");
  EXPECT_EQ(r("{\"X-MBX-APIKEY\":\"abc\"}"), "{\"X-MBX-APIKEY\":\"***\"}");
}

TEST(log_redact, signature_in_query_string) {
  EXPECT_EQ(r("GET /fapi/v1/order?symbol=BTCUSDT&timestamp=1&signature="
              "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
              "&recvWindow=5000"),
            "GET /fapi/v1/order?symbol=BTCUSDT&timestamp=1&signature=***"
            "&recvWindow=5000");
}

TEST(log_redact, credential_key_values) {
  EXPECT_EQ(r("secret=abc"), "secret=***");
  EXPECT_EQ(r("token=abc other=1"), "token=*** other=1");
  EXPECT_EQ(r("api_key=abc"), "api_key=***");
  EXPECT_EQ(r("apikey=abc"), "apikey=***");
  EXPECT_EQ(r("api_secret=abc"), "api_secret=***");
  EXPECT_EQ(r("access_token=abc&x=1"), "access_token=***&x=1");
  EXPECT_EQ(r("{\"secret\": \"abc\"}"), "{\"secret\": \"***\"}");
  EXPECT_EQ(r("password=hunter2"), "password=***");
  EXPECT_EQ(r("listenKey=pqia91ma19a5s61"), "listenKey=***");
}

TEST(log_redact, jwt) {
  std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJhY2Nlc3Nfa2V5IjoiYSJ9."
                    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  EXPECT_EQ(r("jwt " + jwt + " end"), "jwt *** end");
  EXPECT_EQ(r("unsigned " + jwt.substr(0, jwt.rfind('.') + 1)), "unsigned ***");
}

TEST(log_redact, discord_webhook_keeps_id) {
  EXPECT_EQ(r("post https://discord.com/api/webhooks/123456789/AbC-def_G"
              "?wait=true"),
            "post https://discord.com/api/webhooks/123456789/***?wait=true");
  EXPECT_EQ(r("https://discordapp.com/api/webhooks/42/tok"),
            "https://discordapp.com/api/webhooks/42/***");
}

TEST(log_redact, normal_text_is_untouched) {
  for (std::string_view s : {
         "level=info event=order.sent venue=upbit cid=tdm-000001 px=1000",
         "api_key_env=UPBIT_ACCESS_KEY secrets_file=/etc/tandem/upbit.toml",
         "tokens=5 secrets=0 signatures_checked=3",
         "https://api.upbit.com/v1/orders?market=KRW-BTC",
         "https://example.com/webhooks/1/abc",
         "eyJ alone and a.b.c",
         "",
       })
    EXPECT_EQ(r(s), s);
}

TEST(log_redact, registry_is_used_by_redact_registered) {
  clear_registered_secrets_for_testing();
  register_secret("registry-secret-1");
  register_secret("registry-secret-1");
  register_secret("");
  EXPECT_EQ(registered_secret_count(), 1u);
  EXPECT_EQ(redact_registered("x registry-secret-1 y"), "x *** y");
  clear_registered_secrets_for_testing();
  EXPECT_EQ(redact_registered("x registry-secret-1 y"),
            "x registry-secret-1 y");
}

} // namespace
} // namespace tandem::logging
