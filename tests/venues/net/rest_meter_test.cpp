// The limiter's window usage and the REST meter that carries it, with the
// round trips, to venue_session::stats().
#include "venues/net/rest_meter.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::net;
using namespace std::chrono_literals;

namespace {

timestamp at_ms(std::int64_t ms) { return from_unix_ms(ms); }

rate_limiter binance() {
  return rate_limiter{
    {{"REQUEST_WEIGHT", 2400, 60000ms}, {"ORDERS_10S", 300, 10000ms}}, 90};
}

const venues::limit_usage* group(const venues::session_stats& s,
                                 std::string_view name) {
  for (const auto& g : s.limits)
    if (g.group == name)
      return &g;
  return nullptr;
}

} // namespace

TEST(net_rate_limiter, usage_is_ours_or_the_venues_count_whichever_is_higher) {
  auto rl = binance();
  ASSERT_TRUE(rl.acquire({{"REQUEST_WEIGHT", 5}}, at_ms(61'000)).granted());
  auto u = rl.usage(at_ms(61'500));
  ASSERT_EQ(u.size(), 2u);
  EXPECT_EQ(u[0].group, "REQUEST_WEIGHT");
  EXPECT_EQ(u[0].limit, 2400);
  EXPECT_EQ(u[0].effective_limit, 2160);
  EXPECT_EQ(u[0].used, 5);
  EXPECT_EQ(u[0].window_end, at_ms(120'000));
  EXPECT_EQ(u[1].used, 0);
  // The venue saw more (another process on the IP): its count wins.
  rl.observe_used("REQUEST_WEIGHT", 40, at_ms(62'000));
  EXPECT_EQ(rl.usage(at_ms(62'000))[0].used, 40);
  // Less than ours never lowers it.
  rl.observe_used("REQUEST_WEIGHT", 3, at_ms(62'000));
  EXPECT_EQ(rl.usage(at_ms(62'000))[0].used, 40);
  // A new window starts empty.
  EXPECT_EQ(rl.usage(at_ms(120'000))[0].used, 0);
  EXPECT_EQ(rl.usage(at_ms(120'000))[0].window_end, at_ms(180'000));
}

TEST(net_rest_meter, nothing_measured_reads_minus_one) {
  rest_meter m;
  auto s = m.snapshot(at_ms(0));
  EXPECT_TRUE(s.limits.empty());
  EXPECT_EQ(s.rest_rtt_us, -1);
  EXPECT_EQ(s.rest_rtt_last_us, -1);
  EXPECT_EQ(s.rest_rtt_samples, 0u);
}

TEST(net_rest_meter, round_trips_are_a_one_eighth_weighted_mean) {
  rest_meter m;
  m.record_rtt(800us);
  auto s = m.snapshot(at_ms(0));
  EXPECT_EQ(s.rest_rtt_us, 800);
  EXPECT_EQ(s.rest_rtt_last_us, 800);
  m.record_rtt(1600us); // 800 + (1600 - 800) / 8
  s = m.snapshot(at_ms(0));
  EXPECT_EQ(s.rest_rtt_us, 900);
  EXPECT_EQ(s.rest_rtt_last_us, 1600);
  EXPECT_EQ(s.rest_rtt_samples, 2u);
}

TEST(net_rest_meter, headroom_is_the_documented_limit_minus_the_window_used) {
  auto rl = binance();
  ASSERT_TRUE(rl.acquire({{"REQUEST_WEIGHT", 1}, {"ORDERS_10S", 1}},
                         at_ms(61'000))
                .granted());
  rl.observe_used("REQUEST_WEIGHT", 377, at_ms(61'000));
  rest_meter m;
  // The limiter runs on the venue's clock, 2 s ahead of ours.
  m.publish(rl, at_ms(61'000), at_ms(59'000));
  auto s = m.snapshot(at_ms(59'100));
  const auto* w = group(s, "REQUEST_WEIGHT");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->limit, 2400);
  EXPECT_EQ(w->used, 377);
  EXPECT_EQ(w->remaining(), 2400 - 377);
  EXPECT_EQ(w->window, 60000ms);
  EXPECT_EQ(group(s, "ORDERS_10S")->remaining(), 299);
  // 9 s later on the venue's clock (local 68 s) the 10 s window has ended;
  // the minute has not.
  s = m.snapshot(at_ms(68'000));
  EXPECT_EQ(group(s, "ORDERS_10S")->used, 0);
  EXPECT_EQ(group(s, "REQUEST_WEIGHT")->used, 377);
  s = m.snapshot(at_ms(118'000)); // venue 120 s: a new minute
  EXPECT_EQ(group(s, "REQUEST_WEIGHT")->remaining(), 2400);
}
