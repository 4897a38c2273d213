#include "core/order.hpp"

#include <gtest/gtest.h>

using namespace tandem;

namespace {

order_request buy(const char* q) {
  order_request r;
  r.id = *client_order_id::make("tdm-1-1");
  r.venue = venue::binance;
  r.symbol = "BTCUSDT";
  r.side = side::buy;
  r.type = order_type::limit;
  r.limit_price = price::must_parse("97000");
  r.qty = quantity::must_parse(q);
  return r;
}

fill make_fill(const char* trade_id, const char* q, const char* p,
               const char* fee = "0") {
  fill f;
  f.order_id = *client_order_id::make("tdm-1-1");
  f.trade_id = trade_id;
  f.venue = venue::binance;
  f.symbol = "BTCUSDT";
  f.qty = quantity::must_parse(q);
  f.px = price::must_parse(p);
  f.fee = money::must_parse(fee);
  return f;
}

} // namespace

TEST(core_order, partial_then_full_fill_with_vwap) {
  order o{buy("0.003")};
  EXPECT_EQ(o.status(), order_status::pending_new);
  EXPECT_EQ(o.avg_fill_price(), std::nullopt);
  ASSERT_TRUE(o.apply(order_event::accepted));
  auto s = o.apply_fill(make_fill("t1", "0.001", "97000", "0.0194"));
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, order_status::partially_filled);
  EXPECT_EQ(o.leaves_qty().to_string(), "0.002");
  s = o.apply_fill(make_fill("t2", "0.002", "96999.9", "0.0388"));
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, order_status::filled);
  EXPECT_EQ(o.filled_qty().to_string(), "0.003");
  EXPECT_EQ(o.leaves_qty().to_string(), "0");
  // (97000 x 1 + 96999.9 x 2) / 3 = 96999.93333333...
  EXPECT_EQ(o.avg_fill_price()->to_string(), "96999.93333333");
  EXPECT_EQ(o.fees().to_string(), "0.0582");
  EXPECT_EQ(o.fill_count(), 2u);
}

TEST(core_order, overfill_is_reported_and_not_applied) {
  order o{buy("0.002")};
  ASSERT_TRUE(o.apply(order_event::accepted));
  ASSERT_TRUE(o.apply_fill(make_fill("t1", "0.001", "97000")));
  auto r = o.apply_fill(make_fill("t2", "0.002", "97000"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), order_error::overfill);
  EXPECT_EQ(o.filled_qty().to_string(), "0.001");
  EXPECT_EQ(o.status(), order_status::partially_filled);
  EXPECT_EQ(o.fill_count(), 1u);
}

TEST(core_order, duplicate_trade_id_is_reported_and_not_applied_twice) {
  order o{buy("0.003")};
  ASSERT_TRUE(o.apply(order_event::accepted));
  ASSERT_TRUE(o.apply_fill(make_fill("t1", "0.001", "97000", "0.01")));
  auto r = o.apply_fill(make_fill("t1", "0.001", "97000", "0.01"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), order_error::duplicate_fill);
  EXPECT_EQ(o.filled_qty().to_string(), "0.001");
  EXPECT_EQ(o.fees().to_string(), "0.01");
  // Also after the order completed: still a duplicate, not "after terminal".
  ASSERT_TRUE(o.apply_fill(make_fill("t2", "0.002", "97000")));
  EXPECT_EQ(o.apply_fill(make_fill("t2", "0.002", "97000")).error(),
            order_error::duplicate_fill);
}

TEST(core_order, fill_after_terminal_state_is_reported) {
  order o{buy("0.003")};
  ASSERT_TRUE(o.apply(order_event::accepted));
  ASSERT_TRUE(o.apply(order_event::cancel_requested));
  ASSERT_TRUE(o.apply(order_event::canceled));
  auto r = o.apply_fill(make_fill("t9", "0.001", "97000"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), order_error::fill_after_terminal);
  EXPECT_TRUE(o.filled_qty().is_zero());
  EXPECT_EQ(o.status(), order_status::canceled);
}

TEST(core_order, bad_fills_are_refused) {
  order o{buy("0.003")};
  EXPECT_EQ(o.apply_fill(make_fill("t1", "0", "97000")).error(),
            order_error::bad_fill);
  EXPECT_EQ(o.apply_fill(make_fill("t1", "0.001", "0")).error(),
            order_error::bad_fill);
  EXPECT_EQ(o.apply(order_event::fill).error(), order_error::bad_fill);
  EXPECT_EQ(o.apply(order_event::partial_fill).error(), order_error::bad_fill);
}

TEST(core_order, fill_during_pending_cancel_keeps_waiting_then_completes) {
  order o{buy("0.002")};
  ASSERT_TRUE(o.apply(order_event::accepted));
  ASSERT_TRUE(o.apply(order_event::cancel_requested));
  EXPECT_EQ(*o.apply_fill(make_fill("t1", "0.001", "97000")),
            order_status::pending_cancel);
  EXPECT_EQ(*o.apply_fill(make_fill("t2", "0.001", "97000")),
            order_status::filled);
}

TEST(core_order, refused_cancel_restores_partially_filled) {
  order o{buy("0.002")};
  ASSERT_TRUE(o.apply(order_event::accepted));
  ASSERT_TRUE(o.apply_fill(make_fill("t1", "0.001", "97000")));
  ASSERT_TRUE(o.apply(order_event::cancel_requested));
  EXPECT_EQ(*o.apply(order_event::cancel_rejected),
            order_status::partially_filled);
  // Without fills it is plain accepted.
  order p{buy("0.002")};
  ASSERT_TRUE(p.apply(order_event::accepted));
  ASSERT_TRUE(p.apply(order_event::replace_requested));
  EXPECT_EQ(*p.apply(order_event::replace_rejected), order_status::accepted);
}

TEST(core_order, illegal_event_changes_nothing) {
  order o{buy("0.002")};
  ASSERT_TRUE(o.apply(order_event::accepted));
  auto r = o.apply(order_event::replaced); // no replace was requested
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), order_error::invalid_transition);
  EXPECT_EQ(o.status(), order_status::accepted);
}

TEST(core_order, stream_fill_before_rest_ack) {
  order o{buy("0.001")};
  EXPECT_EQ(*o.apply_fill(make_fill("t1", "0.001", "97000")),
            order_status::filled);
  EXPECT_EQ(*o.apply(order_event::accepted), order_status::filled);
}
