#include "venues/net/rate_limiter.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::net;
using namespace std::chrono_literals;

namespace {

// Binance USD-M: 2400 weight per minute, 300 orders per 10 s.
rate_limiter binance(int headroom = 100) {
  return rate_limiter{
    {{"REQUEST_WEIGHT", 2400, 60000ms}, {"ORDERS_10S", 300, 10000ms}},
    headroom};
}

timestamp at_ms(std::int64_t ms) { return from_unix_ms(ms); }

} // namespace

TEST(net_rate_limiter, grants_until_the_limit_then_says_how_long_to_wait) {
  auto rl = rate_limiter{{{"order", 8, 1000ms}}};
  // 90% headroom of 8 is 7.
  for (int i = 0; i < 7; ++i)
    EXPECT_TRUE(rl.acquire({{"order", 1}}, at_ms(5000 + i)).granted()) << i;
  auto d = rl.acquire({{"order", 1}}, at_ms(5100));
  EXPECT_FALSE(d.granted());
  EXPECT_EQ(d.group, "order");
  EXPECT_EQ(d.wait, 900ms); // the next aligned second starts at 6000
  // A new window grants again.
  EXPECT_TRUE(rl.acquire({{"order", 1}}, at_ms(6000)).granted());
}

TEST(net_rate_limiter, all_or_nothing_across_groups) {
  auto rl = binance();
  // Use up the order group.
  for (int i = 0; i < 300; ++i)
    ASSERT_TRUE(rl.acquire({{"REQUEST_WEIGHT", 1}, {"ORDERS_10S", 1}}, at_ms(0))
                  .granted());
  auto before = *rl.headroom("REQUEST_WEIGHT", at_ms(1));
  auto d = rl.acquire({{"REQUEST_WEIGHT", 1}, {"ORDERS_10S", 1}}, at_ms(1));
  EXPECT_FALSE(d.granted());
  EXPECT_EQ(d.group, "ORDERS_10S");
  // The refused request did not spend weight.
  EXPECT_EQ(*rl.headroom("REQUEST_WEIGHT", at_ms(1)), before);
  EXPECT_EQ(before, 2400 - 300);
}

TEST(net_rate_limiter, venue_usage_header_corrects_our_count_upwards_only) {
  auto rl = binance();
  ASSERT_TRUE(rl.acquire({{"REQUEST_WEIGHT", 10}}, at_ms(1000)).granted());
  rl.observe_used("REQUEST_WEIGHT", 2395, at_ms(1001)); // another process
  EXPECT_EQ(*rl.headroom("REQUEST_WEIGHT", at_ms(1002)), 5);
  EXPECT_FALSE(rl.acquire({{"REQUEST_WEIGHT", 10}}, at_ms(1003)).granted());
  rl.observe_used("REQUEST_WEIGHT", 3, at_ms(1004)); // stale, lower: ignored
  EXPECT_EQ(*rl.headroom("REQUEST_WEIGHT", at_ms(1005)), 5);
}

TEST(net_rate_limiter, a_429_pauses_the_group_for_retry_after) {
  auto rl = binance();
  rl.on_rate_limited("REQUEST_WEIGHT", 7000ms, at_ms(1000));
  auto d = rl.acquire({{"REQUEST_WEIGHT", 1}}, at_ms(2000));
  EXPECT_FALSE(d.granted());
  EXPECT_EQ(d.wait, 6000ms);
  // Other groups are not affected.
  EXPECT_TRUE(rl.acquire({{"ORDERS_10S", 1}}, at_ms(2000)).granted());
  // After the pause (and in a new window) it goes again.
  EXPECT_TRUE(rl.acquire({{"REQUEST_WEIGHT", 1}}, at_ms(60000)).granted());
}

TEST(net_rate_limiter, a_429_without_retry_after_waits_for_the_window) {
  auto rl = binance();
  rl.on_rate_limited("ORDERS_10S", std::nullopt, at_ms(12000));
  auto d = rl.acquire({{"ORDERS_10S", 1}}, at_ms(13000));
  EXPECT_FALSE(d.granted());
  EXPECT_EQ(d.wait, 7000ms); // window 10000..20000
}

TEST(net_rate_limiter, a_418_ban_stops_every_group_until_it_ends) {
  auto rl = binance();
  rl.on_banned(at_ms(120000));
  auto d = rl.acquire({{"ORDERS_10S", 1}}, at_ms(100000));
  EXPECT_FALSE(d.granted());
  EXPECT_EQ(d.group, "BANNED");
  EXPECT_EQ(d.wait, 20000ms);
  EXPECT_TRUE(rl.banned_until(at_ms(100000)));
  EXPECT_FALSE(rl.banned_until(at_ms(120000)));
  EXPECT_TRUE(rl.acquire({{"ORDERS_10S", 1}}, at_ms(120000)).granted());
}

TEST(net_rate_limiter, a_burst_paced_by_the_limiter_never_exceeds_the_venue) {
  // Simulate the venue's own aligned-window counter next to ours: a client
  // that waits whenever told to never goes over the documented limit.
  auto rl = rate_limiter{{{"order", 8, 1000ms}}};
  std::int64_t now_ms = 123;
  std::int64_t venue_window = -1;
  int venue_count = 0;
  int max_seen = 0;
  for (int sent = 0; sent < 200;) {
    auto d = rl.acquire({{"order", 1}}, at_ms(now_ms));
    if (!d.granted()) {
      now_ms += std::chrono::duration_cast<std::chrono::milliseconds>(d.wait)
                  .count();
      continue;
    }
    if (now_ms / 1000 != venue_window) {
      venue_window = now_ms / 1000;
      venue_count = 0;
    }
    max_seen = std::max(max_seen, ++venue_count);
    ++sent;
    now_ms += 3; // the client would fire every 3 ms if allowed
  }
  EXPECT_LE(max_seen, 8);
  EXPECT_EQ(max_seen, 7); // 90% headroom
}

TEST(net_rate_limiter, unknown_groups_are_not_limited) {
  auto rl = binance();
  EXPECT_TRUE(rl.acquire({{"nope", 1000000}}, at_ms(0)).granted());
  EXPECT_FALSE(rl.headroom("nope", at_ms(0)));
}
