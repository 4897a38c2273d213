#include "venues/net/backoff.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace tandem::net;
using namespace std::chrono_literals;

TEST(net_backoff, ceiling_doubles_up_to_the_cap) {
  backoff b{100ms, 5000ms};
  std::vector<std::int64_t> caps;
  for (int i = 0; i < 8; ++i) {
    caps.push_back(b.ceiling().count());
    (void)b.next(0);
  }
  EXPECT_EQ(caps, (std::vector<std::int64_t>{100, 200, 400, 800, 1600, 3200,
                                             5000, 5000}));
}

TEST(net_backoff, jitter_stays_within_zero_and_the_ceiling) {
  backoff b{100ms, 5000ms};
  std::mt19937_64 rng{42};
  for (int i = 0; i < 1000; ++i) {
    auto cap = b.ceiling();
    auto d = b.next(rng());
    EXPECT_GE(d, 1ms);
    EXPECT_LE(d, std::max(cap, 1ms));
  }
}

TEST(net_backoff, jitter_spreads_reconnects) {
  // Two clients failing together must not retry in lockstep.
  std::mt19937_64 rng{7};
  backoff a{1000ms, 60000ms}, c{1000ms, 60000ms};
  for (int i = 0; i < 3; ++i) {
    (void)a.next(rng());
    (void)c.next(rng());
  }
  EXPECT_NE(a.next(rng()), c.next(rng()));
}

TEST(net_backoff, reset_after_success) {
  backoff b{100ms, 5000ms};
  for (int i = 0; i < 5; ++i)
    (void)b.next(0);
  EXPECT_EQ(b.attempts(), 5u);
  b.reset();
  EXPECT_EQ(b.ceiling(), 100ms);
}

TEST(net_backoff, huge_attempt_counts_do_not_overflow) {
  backoff b{100ms, 5000ms};
  for (int i = 0; i < 100; ++i)
    (void)b.next(~0ULL);
  EXPECT_EQ(b.ceiling(), 5000ms);
}
