// Upbit rate groups, the arrival pacer and 429/418 wait times.
#include "venues/upbit/session_limits.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace std::chrono_literals;

namespace {

timestamp at_ms(std::int64_t ms) { return from_unix_ms(ms); }

} // namespace

TEST(venues_upbit_session_limits, groups_follow_the_reference) {
  EXPECT_EQ(rate_group("POST", "/v1/orders"), "order");
  EXPECT_EQ(rate_group("DELETE", "/v1/order"), "default");
  EXPECT_EQ(rate_group("GET", "/v1/order"), "default");
  EXPECT_EQ(rate_group("GET", "/v1/orders/open"), "default");
  EXPECT_EQ(rate_group("DELETE", "/v1/orders/open"), "order-cancel-all");
  EXPECT_EQ(rate_group("GET", "/v1/accounts"), "default");
  EXPECT_EQ(rate_group("GET", "/v1/orders/chance"), "default");
  EXPECT_EQ(rate_group("GET", "/v1/orderbook/instruments"), "orderbook");
  EXPECT_EQ(rate_group("GET", "/v1/orderbook"), "orderbook");
  EXPECT_EQ(rate_group("GET", "/v1/ticker"), "ticker");
  EXPECT_EQ(rate_group("GET", "/v1/market/all"), "market");
}

TEST(venues_upbit_session_limits, documented_limits_per_group) {
  rate_budget b;
  EXPECT_EQ(group_limit(b, "order"), 8);
  EXPECT_EQ(group_limit(b, "default"), 30);
  EXPECT_EQ(group_limit(b, "ticker"), 10);
  EXPECT_EQ(group_limit(b, "order-cancel-all"), 1);
  EXPECT_FALSE(group_limit(b, "candles"));
  auto rules = rate_rules(b);
  ASSERT_EQ(rules.size(), 6u);
  for (const auto& r : rules)
    EXPECT_EQ(r.window, r.group == "order-cancel-all" ? 2000ms : 1000ms)
      << r.group;
}

TEST(venues_upbit_session_limits, batch_cancel_waits_two_seconds_and_guard) {
  // One batch cancel per 2 s: the next waits out the window and the
  // arrival guard, whatever the 2 s epoch alignment.
  rate_budget b;
  send_pacer p{b};
  const auto t0 = at_ms(1'001'999);
  ASSERT_EQ(p.wait("order-cancel-all", t0).count(), 0);
  p.record("order-cancel-all", t0);
  EXPECT_EQ(p.wait("order-cancel-all", t0), std::chrono::nanoseconds{2100ms});
  EXPECT_GT(p.wait("order-cancel-all", t0 + 2000ms).count(), 0);
  EXPECT_EQ(p.wait("order-cancel-all", t0 + 2100ms).count(), 0);
  // Other groups do not wait for it.
  EXPECT_EQ(p.wait("default", t0).count(), 0);
}

TEST(venues_upbit_session_limits, pacer_allows_the_headroom_budget_at_once) {
  rate_budget b; // order: 8/s at 90% -> 7
  send_pacer p{b};
  const auto t0 = at_ms(1'000'500);
  for (int i = 0; i < 7; ++i) {
    ASSERT_EQ(p.wait("order", t0).count(), 0) << i;
    p.record("order", t0);
  }
  // The eighth waits until the first leaves the 1.1 s span.
  EXPECT_EQ(p.wait("order", t0), std::chrono::nanoseconds{1100ms});
  EXPECT_EQ(p.wait("order", t0 + 1099ms), std::chrono::nanoseconds{1ms});
  EXPECT_EQ(p.wait("order", t0 + 1100ms).count(), 0);
}

TEST(venues_upbit_session_limits, pacer_spans_the_second_boundary) {
  // Seven sends at the end of one second keep the next second's start
  // empty: Upbit may count them there.
  rate_budget b;
  send_pacer p{b};
  const auto late = at_ms(1'000'990);
  for (int i = 0; i < 7; ++i)
    p.record("order", late);
  EXPECT_GT(p.wait("order", at_ms(1'001'000)).count(), 0);
  EXPECT_GT(p.wait("order", at_ms(1'002'000)).count(), 0);
  EXPECT_EQ(p.wait("order", at_ms(1'002'090)).count(), 0);
  // Groups are independent.
  EXPECT_EQ(p.wait("default", late).count(), 0);
}

TEST(venues_upbit_session_limits, retry_after_seconds) {
  EXPECT_EQ(parse_retry_after("3"),
            std::optional{std::chrono::milliseconds{3000}});
  EXPECT_EQ(parse_retry_after(" 0 "),
            std::optional{std::chrono::milliseconds{0}});
  EXPECT_FALSE(parse_retry_after(""));
  EXPECT_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
  EXPECT_FALSE(parse_retry_after("-1"));
}

TEST(venues_upbit_session_limits, ban_duration_sources_in_order) {
  upbit_error e;
  e.code = venue_error::ip_banned;
  e.http_status = 418;
  e.message = "blocked for 42 seconds after repeated 429 answers";
  EXPECT_EQ(ban_duration(e, std::string_view{"7"}), 7s);
  EXPECT_EQ(ban_duration(e, std::nullopt), 42s);
  e.message = "차단되었습니다";
  EXPECT_EQ(ban_duration(e, std::nullopt), 60s);
  EXPECT_EQ(ban_duration(e, std::string_view{"soon"}, 5s), 5s);
}
