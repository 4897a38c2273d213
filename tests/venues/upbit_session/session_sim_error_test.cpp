// Failure paths of the Upbit session against the simulated Upbit: typed
// refusals, answers that leave an order's fate unknown (settled by a
// query), a reused identifier, and a 418 block.
#include "tests/venues/upbit_session/sim_fixture.hpp"

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

std::size_t venue_orders_with(sim::runtime::upbit_service& svc,
                              const client_order_id& id) {
  return svc.with_venue([&](sim::upbit::upbit_venue& v) {
    std::size_t n = 0;
    for (const auto* o : v.state().open_orders(std::string{access_key}, ""))
      if (o->identifier == id.view())
        ++n;
    return n;
  });
}

} // namespace

TEST_F(upbit_session_sim, below_minimum_is_refused_before_sending) {
  const auto sent = counters().rest_sent;
  // 0.00001 BTC at 99,000,000 KRW is 990 KRW, under the 5,000 KRW minimum.
  auto r = place(
    order("tdm-e-1", side::buy, order_type::limit, "0.00001", "99000000"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::below_minimum);
  EXPECT_NE(r.error().detail.find("refused before sending"), std::string::npos);
  EXPECT_EQ(counters().rest_sent, sent);
}

TEST_F(upbit_session_sim, off_tick_price_is_refused_before_sending) {
  auto r = place(
    order("tdm-e-2", side::buy, order_type::limit, "0.001", "99000500"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::price_off_tick);
}

TEST_F(upbit_session_sim, insufficient_funds_from_the_venue) {
  // 2 BTC at 99,000,000 KRW; the account holds 100,000,000 KRW.
  auto r
    = place(order("tdm-e-3", side::buy, order_type::limit, "2", "99000000"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::insufficient_funds);
  EXPECT_NE(r.error().detail.find("upbit http=400 name=insufficient_funds_bid"),
            std::string::npos)
    << r.error().detail;
  // Selling more BTC than held is the same reason on the other side.
  auto s
    = place(order("tdm-e-4", side::sell, order_type::limit, "2", "110000000"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, venue_error::insufficient_funds);
}

TEST_F(upbit_session_sim, unknown_market_is_refused) {
  auto o = order("tdm-e-5", side::buy, order_type::limit, "0.001", "99000000");
  o.symbol = "KRW-ETH";
  auto r = place(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::invalid_parameter);
}

TEST_F(upbit_session_sim, server_error_after_applying_is_settled_by_query) {
  svc_->with_venue(
    [](sim::upbit::upbit_venue& v) { v.faults().fail_after_apply = 1; });
  auto o = order("tdm-u-1", side::buy, order_type::limit, "0.01", "90000000");
  auto r = place(o);
  // The 500 hid an order that exists: place answers the venue's state.
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->id, o.id);
  EXPECT_EQ(r->event, order_event::accepted);
  EXPECT_FALSE(r->venue_order_id.empty());
  EXPECT_EQ(venue_orders_with(*svc_, o.id), 1u);
}

TEST_F(upbit_session_sim, server_error_before_applying_is_not_an_order) {
  svc_->with_venue(
    [](sim::upbit::upbit_venue& v) { v.faults().fail_before_apply = 1; });
  auto o = order("tdm-u-2", side::buy, order_type::limit, "0.01", "90000000");
  auto r = place(o);
  ASSERT_FALSE(r);
  // Known now not to have acted: the engine may retry with the same id.
  EXPECT_EQ(r.error().code, venue_error::server_error);
  EXPECT_NE(r.error().detail.find("no order with identifier=tdm-u-2"),
            std::string::npos)
    << r.error().detail;
  EXPECT_EQ(venue_orders_with(*svc_, o.id), 0u);
  auto again = place(o);
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(venue_orders_with(*svc_, o.id), 1u);
}

TEST_F(upbit_session_sim, reused_identifier_answers_the_existing_order) {
  auto o = order("tdm-u-3", side::buy, order_type::limit, "0.01", "90000000");
  auto first = place(o);
  ASSERT_TRUE(first) << first.error().detail;
  // A retry with the same client id never makes a second order.
  auto retry = place(o);
  ASSERT_TRUE(retry) << retry.error().detail;
  EXPECT_EQ(retry->venue_order_id, first->venue_order_id);
  EXPECT_EQ(venue_orders_with(*svc_, o.id), 1u);
}

TEST_F(upbit_session_sim, reused_identifier_of_a_refused_order_stays_refused) {
  // Upbit burns an identifier even when the order is refused.
  auto big = order("tdm-u-4", side::buy, order_type::limit, "2", "99000000");
  auto r = place(big);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::insufficient_funds);
  auto small
    = order("tdm-u-4", side::buy, order_type::limit, "0.01", "90000000");
  auto again = place(small);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, venue_error::duplicate_client_id);
}

// -- rate limits the venue enforces -------------------------------------------

class upbit_session_ban : public upbit_session_sim {
 protected:
  void SetUp() override {
    auto cfg = sim::upbit::default_config();
    cfg.limits.violations_before_block = 2;
    cfg.limits.block_duration = std::chrono::seconds{1};
    // The session believes in a budget far above the venue's 8/s.
    start_with(std::move(cfg),
               [](session_options& o) { o.limits.order_per_second = 100; });
  }
};

TEST_F(upbit_session_ban, block_fails_queued_orders_then_trading_resumes) {
  constexpr int n = 30;
  std::vector<answer<order_update>> answers(n);
  for (int i = 0; i < n; ++i)
    session_->place(order("tdm-x-" + std::to_string(i), side::buy,
                          order_type::limit, "0.0001", "80000000"),
                    answers[static_cast<std::size_t>(i)].cb());
  int banned = 0;
  for (auto& a : answers) {
    auto r = a.get();
    if (!r && r.error().code == venue_error::ip_banned) {
      ++banned;
      ASSERT_TRUE(r.error().retry_after);
      EXPECT_GT(r.error().retry_after->count(), 0);
    }
  }
  EXPECT_GT(banned, 0);
  auto c = counters();
  EXPECT_GT(c.rate_limited, 0u);
  EXPECT_GT(c.banned, 0u);
  ASSERT_TRUE(rec_.wait([&] {
    for (const auto& s : rec_.statuses)
      if (s.stream == "rest" && s.state == link_state::halted)
        return true;
    return false;
  }));
  // The block ends (1 s here): the REST link comes back and orders go.
  ASSERT_TRUE(
    rec_.wait([&] { return rec_.is("rest", link_state::connected); }));
  auto after = place(
    order("tdm-x-after", side::buy, order_type::limit, "0.0001", "80000000"));
  EXPECT_TRUE(after) << (after ? "" : after.error().detail);
}

// -- answers that never come --------------------------------------------------

class upbit_session_timeout : public upbit_session_sim {
 protected:
  void SetUp() override {
    start_with(sim::upbit::default_config(), [](session_options& o) {
      o.request_timeout = std::chrono::milliseconds{500};
    });
  }
};

TEST_F(upbit_session_timeout, timeout_after_sending_is_settled_by_query) {
  // The venue takes the order, but its REST answer is late: the request
  // times out after it was written, so its outcome is unknown.
  svc_->set_latency(std::chrono::milliseconds{5000});
  auto o = order("tdm-t-1", side::buy, order_type::limit, "0.01", "90000000");
  answer<order_update> a;
  session_->place(o, a.cb());
  // The order exists: its myOrder event is on the (undelayed) stream.
  ASSERT_TRUE(wait_event(o.id, order_event::accepted));
  // The session gave up waiting (the REST link reports the timeout); from
  // now on the venue answers at once, so its queries can settle the order.
  ASSERT_TRUE(
    rec_.wait([&] { return rec_.is("rest", link_state::disconnected); }));
  svc_->set_latency(std::chrono::milliseconds{0});
  auto r = a.get();
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->id, o.id);
  EXPECT_FALSE(r->venue_order_id.empty());
  EXPECT_EQ(venue_orders_with(*svc_, o.id), 1u);
  EXPECT_GE(counters().transport_errors, 1u);
}
