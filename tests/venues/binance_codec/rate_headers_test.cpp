#include "venues/binance/rate_headers.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace tandem::venues::binance {
namespace {

TEST(venues_binance_rate_headers, reads_all_four) {
  std::vector<header_view> h{
    {"Content-Type", "application/json"},
    {"X-MBX-USED-WEIGHT-1M", "37"},
    {"X-MBX-ORDER-COUNT-10S", "2"},
    {"X-MBX-ORDER-COUNT-1M", "15"},
    {"Retry-After", "120"},
  };
  auto r = parse_rate_headers(h);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->used_weight_1m, 37);
  EXPECT_EQ(r->order_count_10s, 2);
  EXPECT_EQ(r->order_count_1m, 15);
  EXPECT_EQ(r->retry_after, std::chrono::seconds{120});
}

TEST(venues_binance_rate_headers, absent_headers_are_nullopt) {
  std::vector<header_view> h{{"x-mbx-used-weight-1m", "1"}};
  auto r = parse_rate_headers(h);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->used_weight_1m, 1);
  EXPECT_FALSE(r->order_count_10s);
  EXPECT_FALSE(r->order_count_1m);
  EXPECT_FALSE(r->retry_after);
  auto none = parse_rate_headers({});
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->used_weight_1m);
}

TEST(venues_binance_rate_headers, names_case_insensitive_values_trimmed) {
  std::vector<header_view> h{{"x-mbx-order-count-10s", " 0 "},
                             {"retry-after", "\t3"},
                             {"X-Mbx-Used-Weight-1m", "2400"}};
  auto r = parse_rate_headers(h);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->order_count_10s, 0);
  EXPECT_EQ(r->retry_after, std::chrono::seconds{3});
  EXPECT_EQ(r->used_weight_1m, 2400);
}

TEST(venues_binance_rate_headers, repeated_with_same_value_is_fine) {
  std::vector<header_view> h{{"X-MBX-USED-WEIGHT-1M", "5"},
                             {"x-mbx-used-weight-1m", "5"}};
  auto r = parse_rate_headers(h);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->used_weight_1m, 5);
}

} // namespace
} // namespace tandem::venues::binance
