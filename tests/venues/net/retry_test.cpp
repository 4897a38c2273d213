#include "venues/net/retry.hpp"

#include <gtest/gtest.h>

using namespace tandem::net;
using tandem::venues::venue_error;
using namespace std::chrono_literals;

TEST(net_retry, errors_before_sending_are_retried) {
  for (auto e : {net_error::connect_failed, net_error::connect_timeout,
                 net_error::tls_timeout, net_error::resolve_failed})
    EXPECT_EQ(classify(e, false).step, next_step::retry) << to_string(e);
}

TEST(net_retry, a_timeout_after_sending_means_query_first) {
  EXPECT_EQ(classify(net_error::request_timeout, true).step,
            next_step::query_first);
  EXPECT_EQ(classify(net_error::connection_closed, true).step,
            next_step::query_first);
  EXPECT_EQ(classify(net_error::request_timeout, false).step, next_step::retry);
}

TEST(net_retry, configuration_and_trust_errors_do_not_retry) {
  EXPECT_EQ(classify(net_error::insecure_scheme_refused, false).step,
            next_step::give_up);
  EXPECT_EQ(classify(net_error::certificate_rejected, false).step,
            next_step::halt_venue);
}

TEST(net_retry, venue_errors) {
  EXPECT_EQ(classify(venue_error::outcome_unknown).step,
            next_step::query_first);
  auto r = classify(venue_error::rate_limited, 3000ms);
  EXPECT_EQ(r.step, next_step::retry);
  EXPECT_EQ(r.after, 3000ms);
  EXPECT_EQ(classify(venue_error::rate_limited).after, 1000ms);
  EXPECT_EQ(classify(venue_error::ip_banned).step, next_step::halt_venue);
  EXPECT_EQ(classify(venue_error::insufficient_funds).step, next_step::give_up);
  EXPECT_EQ(classify(venue_error::auth_failed).step, next_step::halt_venue);
  EXPECT_EQ(classify(venue_error::malformed_response).step,
            next_step::query_first);
  // Held back by the halt gate: never sent, nothing to retry or query.
  EXPECT_EQ(classify(venue_error::blocked).step, next_step::give_up);
  EXPECT_EQ(to_string(venue_error::blocked), "BLOCKED");
}
