#include "venues/upbit/rate_headers.hpp"

#include <gtest/gtest.h>

#include <string_view>

using namespace tandem::venues;
using namespace tandem::venues::upbit;

TEST(venues_upbit_rate_headers_error, malformed_values) {
  for (std::string_view v : {
         "",
         "group=default",                 // no sec
         "sec=29",                        // no group
         "group=default; min=1800",       // no sec
         "group=default; sec=",           // empty count
         "group=default; sec=-1",         // negative
         "group=default; sec=2.5",        // not an integer
         "group=default; sec=1234567890", // out of range
         "group=default; sec=29; sec=28", // repeated
         "group=; sec=29",                // empty group
         "group=Default Group; sec=29",   // odd group
         "group=default; min=x; sec=29",  // bad min
         "group=default sec=29",          // missing separator
         "group=default;; sec=29",        // empty pair
         "=default; sec=29",              // empty key
       }) {
    auto r = parse_remaining_req(v);
    ASSERT_FALSE(r) << v;
    EXPECT_EQ(r.error(), venue_error::malformed_response) << v;
  }
}
