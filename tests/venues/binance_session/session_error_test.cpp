// The Binance session's failure paths against the simulated venue over TLS
// loopback: refusals with typed codes, outcome-unknown answers resolved by
// a query, clock drift resolved by a resync, unknown orders, requests
// after stop.
#include "fixture.hpp"

#include "sim/binance/faults.hpp"

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::binance::testing;

namespace {

using binance_session_error = session_fixture;

TEST_F(binance_session_error, insufficient_margin_is_a_typed_refusal) {
  // 10 BTC at 42,000 USDT and 2x needs 210,000 USDT of margin; the wallet
  // holds 10,000.
  auto r = place(limit("t-margin-1", side::buy, "10", "42000.0"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::insufficient_funds);
  EXPECT_NE(r.error().detail.find("binance code=-2019"), std::string::npos)
    << r.error().detail;
  EXPECT_EQ(venue_open_orders(), 0u);
}

TEST_F(binance_session_error, injected_refusal_keeps_the_venue_code) {
  svc_->with_venue([](sim::binance::binance_venue& v) {
    v.faults().reject_next_orders(1, -2019, "Margin is insufficient.");
  });
  auto r = place(limit("t-reject-1", side::buy, "0.010", "42000.0"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::insufficient_funds);
  EXPECT_EQ(r.error().detail, "binance code=-2019 msg=Margin is insufficient.");
}

TEST_F(binance_session_error, off_tick_price_is_refused_before_sending) {
  auto sent_before = binance().counters().rest_requests;
  auto r = place(limit("t-tick-1", side::buy, "0.010", "42000.05"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::price_off_tick);
  // The codec refused it: nothing went to the venue.
  EXPECT_EQ(binance().counters().rest_requests, sent_before);
  EXPECT_EQ(
    rec_.read([&] { return rec_.count_rest("POST", "/fapi/v1/order", 400); }),
    0u);
}

TEST_F(binance_session_error, unknown_symbol_is_invalid_parameter) {
  auto o = limit("t-sym-1", side::buy, "0.010", "42000.0");
  o.symbol = "ETHUSDT";
  auto r = place(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::invalid_parameter);
}

TEST_F(binance_session_error, outcome_unknown_that_applied_answers_the_order) {
  svc_->with_venue([](sim::binance::binance_venue& v) {
    v.faults().unknown_error_next(1,
                                  sim::binance::unknown_outcome::after_apply);
  });
  auto r = place(limit("t-unknown-1", side::buy, "0.010", "42000.0"));
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->event, order_event::accepted);
  EXPECT_EQ(r->id.view(), "t-unknown-1");
  rec_.read([&] {
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 503), 1u);
    EXPECT_EQ(rec_.count_rest("GET", "/fapi/v1/order", 200), 1u);
    // Never a second new order: the state came from the query.
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 200), 0u);
    return 0;
  });
  EXPECT_EQ(venue_open_orders(), 1u);
}

TEST_F(binance_session_error, outcome_unknown_that_did_not_apply_is_no_order) {
  svc_->with_venue([](sim::binance::binance_venue& v) {
    v.faults().unknown_error_next(1,
                                  sim::binance::unknown_outcome::without_apply);
  });
  auto r = place(limit("t-unknown-2", side::buy, "0.010", "42000.0"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::unknown_order);
  EXPECT_NE(r.error().detail.find("t-unknown-2"), std::string::npos);
  rec_.read([&] {
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 503), 1u);
    // Asked as often as configured (4) before concluding.
    EXPECT_EQ(rec_.count_rest("GET", "/fapi/v1/order", 400), 4u);
    return 0;
  });
  EXPECT_EQ(venue_open_orders(), 0u);
}

TEST_F(binance_session_error, unknown_order_on_query_and_cancel) {
  auto id = client_order_id::make("t-nosuch-1").value();
  auto q
    = await<order_update>([&](auto cb) { session_->query("BTCUSDT", id, cb); });
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, venue_error::unknown_order);
  auto c = await<order_update>(
    [&](auto cb) { session_->cancel("BTCUSDT", id, cb); });
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, venue_error::unknown_order);
  EXPECT_NE(c.error().detail.find("binance code=-2011"), std::string::npos)
    << c.error().detail;
}

TEST_F(binance_session_error, requests_after_stop_fail_at_once) {
  session_->stop();
  auto r = place(limit("t-stop-1", side::buy, "0.010", "42000.0"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::server_error);
  EXPECT_NE(r.error().detail.find("stopped"), std::string::npos);
  ASSERT_TRUE(rec_.wait([&] { return rec_.is("user", link_state::halted); }));
}

// -- clock drift
// ---------------------------------------------------------------

class binance_session_clock : public session_fixture {
 protected:
  void configure(binance::session_options& o) override { o.clock = &clock_; }
  skewed_clock clock_;
};

TEST_F(binance_session_clock, stale_timestamp_resyncs_and_resends_same_id) {
  // Our clock steps 20 s back after start: the next signed request is
  // outside recvWindow (-1021), the session resyncs and resends once.
  clock_.skew_ns = -std::chrono::nanoseconds{20s}.count();
  auto r = place(limit("t-clock-1", side::buy, "0.010", "42000.0"));
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->id.view(), "t-clock-1");
  rec_.read([&] {
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 400), 1u);
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 200), 1u);
    EXPECT_GE(rec_.count_rest("GET", "/fapi/v1/time", 200), 2u);
    return 0;
  });
  EXPECT_EQ(venue_open_orders(), 1u);
}

} // namespace

// -- transport timeout after the request was sent
// --------------------------------------------------------------

class binance_session_timeout : public session_fixture {
 protected:
  void configure(binance::session_options& o) override {
    o.request_timeout = 300ms;
  }
};

TEST_F(binance_session_timeout, timeout_after_sending_queries_the_order) {
  // The venue takes the order at once but answers after our timeout: the
  // outcome is unknown, so the session asks before it answers.
  svc_->set_latency(1000ms);
  auto p = std::make_shared<std::promise<venue_result<order_update>>>();
  auto f = p->get_future();
  session_->place(
    limit("t-timeout-1", side::buy, "0.010", "42000.0"),
    [p](venue_result<order_update> r) { p->set_value(std::move(r)); });
  ASSERT_TRUE(rec_.wait(
    [&] { return rec_.count_rest("POST", "/fapi/v1/order", 0) == 1; }));
  svc_->set_latency(0ms);
  ASSERT_EQ(f.wait_for(guard), std::future_status::ready);
  auto r = f.get();
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->id.view(), "t-timeout-1");
  EXPECT_EQ(r->event, order_event::accepted);
  EXPECT_GE(
    rec_.read([&] { return rec_.count_rest("GET", "/fapi/v1/order", 200); }),
    1u);
  EXPECT_EQ(venue_open_orders(), 1u);
}
