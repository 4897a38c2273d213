// 429 bodies and rate-limit headers parsed exactly, and the delivery
// meaning of each kind of answer.
#include "alerts/discord_rate_limit.hpp"
#include "alerts/webhook_outcome.hpp"

#include <gtest/gtest.h>

using namespace tandem::alerts;
using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;

TEST(alerts_rate_limit, seconds_text_becomes_milliseconds_rounded_up) {
  EXPECT_EQ(parse_seconds_as_ms("1"), ms{1000});
  EXPECT_EQ(parse_seconds_as_ms("0.524"), ms{524});
  EXPECT_EQ(parse_seconds_as_ms("64.57"), ms{64570});
  EXPECT_EQ(parse_seconds_as_ms("0.0001"), ms{1});
  EXPECT_EQ(parse_seconds_as_ms("1.0001"), ms{1001});
  EXPECT_EQ(parse_seconds_as_ms("0.3"), ms{300}); // 0.3 is not 0.29999...
  EXPECT_EQ(parse_seconds_as_ms("5e-1"), ms{500});
  EXPECT_EQ(parse_seconds_as_ms("1E3"), ms{1'000'000});
  EXPECT_EQ(parse_seconds_as_ms("2.5e+1"), ms{25'000});
  EXPECT_EQ(parse_seconds_as_ms("0"), ms{0});
  EXPECT_EQ(parse_seconds_as_ms("0.000"), ms{0});
  EXPECT_EQ(parse_seconds_as_ms(" 2.5 \n"), ms{2500});
}

TEST(alerts_rate_limit, huge_waits_are_clamped) {
  EXPECT_EQ(parse_seconds_as_ms("1e999"), longest_parsed_wait);
  EXPECT_EQ(parse_seconds_as_ms("99999999999999999999999"),
            longest_parsed_wait);
  EXPECT_EQ(parse_seconds_as_ms("86401"), longest_parsed_wait);
}

TEST(alerts_rate_limit, malformed_seconds_are_refused) {
  for (auto s : {"", "-1", "1.", ".5", "abc", "1e", "1e+", "1.2.3", "0x10",
                 "1 2", "+1", "NaN"})
    EXPECT_EQ(parse_seconds_as_ms(s), std::nullopt) << s;
}

TEST(alerts_rate_limit, body_of_a_429) {
  auto b = parse_rate_limit_body(
    R"({"message": "You are being rate limited.", "retry_after": 0.524,)"
    R"( "global": false})");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->retry_after, 524ms);
  EXPECT_FALSE(b->global);
  auto g = parse_rate_limit_body(R"({"global":true,"retry_after":3})");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->retry_after, 3000ms);
  EXPECT_TRUE(g->global);
  auto small = parse_rate_limit_body(R"({"retry_after":1e-3,"code":0})");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->retry_after, 1ms);
}

TEST(alerts_rate_limit, unusable_429_bodies) {
  EXPECT_EQ(parse_rate_limit_body(""), std::nullopt);
  EXPECT_EQ(parse_rate_limit_body("<html>slow down</html>"), std::nullopt);
  EXPECT_EQ(parse_rate_limit_body(R"({"message":"x"})"), std::nullopt);
  EXPECT_EQ(parse_rate_limit_body(R"({"retry_after":"1.5"})"), std::nullopt);
  EXPECT_EQ(parse_rate_limit_body(R"({"retry_after":-1})"), std::nullopt);
  EXPECT_EQ(parse_rate_limit_body(R"([1,2])"), std::nullopt);
  EXPECT_EQ(parse_rate_limit_body(R"({"retry_after":1)"), std::nullopt);
}

TEST(alerts_rate_limit, exhausted_bucket_from_headers) {
  EXPECT_EQ(bucket_exhausted_wait("0", "1.25"), ms{1250});
  EXPECT_EQ(bucket_exhausted_wait("1", "1.25"), std::nullopt);
  EXPECT_EQ(bucket_exhausted_wait("0", std::nullopt), std::nullopt);
  EXPECT_EQ(bucket_exhausted_wait(std::nullopt, "1"), std::nullopt);
}

TEST(alerts_outcome, success_statuses_are_delivered) {
  for (unsigned s : {200u, 204u}) {
    auto o = classify_answer({s, "", {}, {}, {}, {}});
    EXPECT_EQ(o.what, send_outcome::kind::delivered) << s;
    EXPECT_EQ(o.wait, 0ms);
  }
  auto held = classify_answer({204, "", {}, "0", "2", {}});
  EXPECT_EQ(held.what, send_outcome::kind::delivered);
  EXPECT_EQ(held.wait, 2000ms);
}

TEST(alerts_outcome, a_429_waits_for_the_body_then_the_headers) {
  auto body
    = classify_answer({429,
                       R"({"message":"m","retry_after":1.5,"global":false})",
                       "9",
                       {},
                       "7",
                       {}});
  EXPECT_EQ(body.what, send_outcome::kind::rate_limited);
  EXPECT_EQ(body.wait, 1500ms);
  auto header = classify_answer({429, "", "3", {}, "7", "true"});
  EXPECT_EQ(header.wait, 3000ms);
  EXPECT_TRUE(header.global);
  auto reset = classify_answer({429, "", {}, "0", "0.75", {}});
  EXPECT_EQ(reset.wait, 750ms);
  auto none = classify_answer({429, "", {}, {}, {}, {}});
  EXPECT_EQ(none.wait, default_retry_after);
}

TEST(alerts_outcome, server_errors_retry_client_errors_do_not) {
  for (unsigned s : {500u, 502u, 503u, 504u, 408u, 0u})
    EXPECT_EQ(classify_answer({s, "", {}, {}, {}, {}}).what,
              send_outcome::kind::failed)
      << s;
  for (unsigned s : {400u, 401u, 403u, 404u, 413u, 301u})
    EXPECT_EQ(classify_answer({s, "", {}, {}, {}, {}}).what,
              send_outcome::kind::rejected)
      << s;
}
