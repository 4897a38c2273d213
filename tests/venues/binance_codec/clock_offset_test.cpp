#include "venues/binance/clock_offset.hpp"

#include <gtest/gtest.h>

namespace tandem::venues::binance {
namespace {

using namespace std::chrono_literals;

timestamp at_ms(std::int64_t ms) { return from_unix_ms(ms); }

TEST(venues_binance_clock_offset, empty_tracker) {
  clock_offset c;
  EXPECT_FALSE(c.offset());
  EXPECT_FALSE(c.rtt());
  EXPECT_EQ(c.to_venue(at_ms(1000)), at_ms(1000));
  EXPECT_EQ(c.size(), 0u);
}

TEST(venues_binance_clock_offset, one_sample_uses_the_midpoint) {
  clock_offset c;
  // Sent at 1000, back at 1040: the server read its clock near 1020.
  ASSERT_TRUE(c.add(at_ms(1000), at_ms(1040), at_ms(1520)));
  EXPECT_EQ(c.rtt(), 40ms);
  EXPECT_EQ(c.offset(), 500ms);
  EXPECT_EQ(c.to_venue(at_ms(2000)), at_ms(2500));
}

TEST(venues_binance_clock_offset, smallest_round_trip_wins) {
  clock_offset c{4};
  c.add(at_ms(0), at_ms(200), at_ms(400));      // rtt 200, offset 300
  c.add(at_ms(1000), at_ms(1010), at_ms(995));  // rtt 10, offset -10
  c.add(at_ms(2000), at_ms(2100), at_ms(2000)); // rtt 100, offset -50
  EXPECT_EQ(c.rtt(), 10ms);
  EXPECT_EQ(c.offset(), -10ms);
}

TEST(venues_binance_clock_offset, old_samples_leave_the_window) {
  clock_offset c{2};
  c.add(at_ms(0), at_ms(2), at_ms(101));   // rtt 2, offset 100
  c.add(at_ms(10), at_ms(40), at_ms(225)); // rtt 30, offset 200
  EXPECT_EQ(c.offset(), 100ms);
  c.add(at_ms(50), at_ms(70), at_ms(360)); // rtt 20, offset 300; drops #1
  EXPECT_EQ(c.size(), 2u);
  EXPECT_EQ(c.rtt(), 20ms);
  EXPECT_EQ(c.offset(), 300ms);
}

TEST(venues_binance_clock_offset, odd_round_trip_keeps_nanoseconds) {
  clock_offset c;
  c.add(timestamp{0ns}, timestamp{3ms}, at_ms(10));
  EXPECT_EQ(c.offset(), 10ms - 1500us);
}

TEST(venues_binance_clock_offset, backwards_sample_is_ignored) {
  clock_offset c;
  EXPECT_FALSE(c.add(at_ms(100), at_ms(99), at_ms(5000)));
  EXPECT_EQ(c.size(), 0u);
  EXPECT_FALSE(c.offset());
}

TEST(venues_binance_clock_offset, zero_window_keeps_one) {
  clock_offset c{0};
  c.add(at_ms(0), at_ms(10), at_ms(5));
  c.add(at_ms(0), at_ms(50), at_ms(25));
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(c.rtt(), 50ms); // the newest, not the best ever seen
}

} // namespace
} // namespace tandem::venues::binance
