// Every callback runs exactly once, also when the session stops.
#include "venues/upbit/session_replies.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;

TEST(venues_upbit_session_replies, first_answer_wins) {
  reply_registry r;
  int calls = 0;
  std::size_t seen = 0;
  auto cb = r.track<std::size_t>([&](venue_result<std::size_t> v) {
    ++calls;
    seen = v.value_or(0);
  });
  EXPECT_EQ(r.pending(), 1u);
  cb(std::size_t{3});
  cb(std::size_t{4});
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seen, 3u);
  EXPECT_EQ(r.pending(), 0u);
  r.fail_all(venue_failure{});
  EXPECT_EQ(calls, 1);
}

TEST(venues_upbit_session_replies, stop_answers_what_is_pending) {
  reply_registry r;
  std::vector<venue_error> errors;
  auto a = r.track<std::size_t>([&](venue_result<std::size_t> v) {
    ASSERT_FALSE(v);
    errors.push_back(v.error().code);
  });
  auto b = r.track<std::size_t>([&](venue_result<std::size_t> v) {
    ASSERT_FALSE(v);
    errors.push_back(v.error().code);
  });
  r.fail_all(venue_failure{venue_error::outcome_unknown, "stopped", {}});
  EXPECT_EQ(errors.size(), 2u);
  // A late real answer after stop is dropped.
  a(std::size_t{1});
  b(std::size_t{1});
  EXPECT_EQ(errors.size(), 2u);
  // And so is anything tracked after stop.
  int late = 0;
  r.track<std::size_t>([&](venue_result<std::size_t>) { ++late; })(
    std::size_t{1});
  EXPECT_EQ(late, 0);
}
