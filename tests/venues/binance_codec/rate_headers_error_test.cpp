#include "venues/binance/rate_headers.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace tandem::venues::binance {
namespace {

TEST(venues_binance_rate_headers_error, malformed_values) {
  for (std::string_view bad :
       {"", " ", "-1", "+3", "1.5", "12a", "0x10", "1 2", "abc",
        "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT"}) {
    for (std::string_view name :
         {"X-MBX-USED-WEIGHT-1M", "X-MBX-ORDER-COUNT-10S",
          "X-MBX-ORDER-COUNT-1M", "Retry-After"}) {
      std::vector<header_view> h{{name, bad}};
      auto r = parse_rate_headers(h);
      ASSERT_FALSE(r) << name << ": '" << bad << "'";
      EXPECT_EQ(r.error(), venue_error::malformed_response);
    }
  }
}

TEST(venues_binance_rate_headers_error, conflicting_repeats) {
  std::vector<header_view> h{{"X-MBX-ORDER-COUNT-1M", "5"},
                             {"X-MBX-ORDER-COUNT-1M", "6"}};
  auto r = parse_rate_headers(h);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::malformed_response);
}

TEST(venues_binance_rate_headers_error, unrelated_garbage_is_ignored) {
  std::vector<header_view> h{{"X-MBX-USED-WEIGHT", "junk"},
                             {"X-MBX-ORDER-COUNT-1D", "junk"}};
  EXPECT_TRUE(parse_rate_headers(h));
}

} // namespace
} // namespace tandem::venues::binance
