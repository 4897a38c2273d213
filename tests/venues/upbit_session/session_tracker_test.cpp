// The order tracker: no fill lost across a stream gap, none reported twice.
#include "venues/upbit/session_tracker.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;

namespace {

quantity qty(std::string_view s) { return quantity::must_parse(s); }

client_order_id cid(std::string_view s) { return *client_order_id::make(s); }

order_update upd(std::string_view id, order_event e, std::string_view cum) {
  order_update u;
  u.symbol = "KRW-BTC";
  u.id = cid(id);
  u.venue_order_id = "uuid-" + std::string{id};
  u.event = e;
  u.order_qty = qty("0.03");
  u.cum_qty = qty(cum);
  return u;
}

fill fl(std::string_view trade, std::string_view q) {
  fill f;
  f.trade_id = std::string{trade};
  f.symbol = "KRW-BTC";
  f.qty = qty(q);
  f.px = price::must_parse("100000000");
  return f;
}

order_update trade(std::string_view id, std::string_view trade_id,
                   std::string_view q, std::string_view cum) {
  auto u = upd(id, order_event::partial_fill, cum);
  u.last_fill = fl(trade_id, q);
  return u;
}

} // namespace

TEST(venues_upbit_session_tracker, a_fill_passes_once) {
  order_tracker t;
  EXPECT_TRUE(t.accept(upd("a", order_event::accepted, "0")));
  EXPECT_TRUE(t.accept(trade("a", "t1", "0.01", "0.01")));
  EXPECT_FALSE(t.accept(trade("a", "t1", "0.01", "0.01")));
  EXPECT_TRUE(t.accept(trade("a", "t2", "0.01", "0.02")));
  EXPECT_EQ(t.reported_qty(cid("a")), qty("0.02"));
}

TEST(venues_upbit_session_tracker, the_end_passes_once) {
  order_tracker t;
  EXPECT_TRUE(t.accept(upd("a", order_event::canceled, "0")));
  EXPECT_FALSE(t.accept(upd("a", order_event::canceled, "0")));
  EXPECT_FALSE(t.accept(upd("a", order_event::accepted, "0")));
  EXPECT_TRUE(t.live().empty());
}

TEST(venues_upbit_session_tracker, foreign_orders_pass_untracked) {
  order_tracker t;
  order_update u;
  u.symbol = "KRW-BTC";
  u.event = order_event::fill;
  EXPECT_TRUE(t.accept(u));
  EXPECT_TRUE(t.accept(u));
  EXPECT_TRUE(t.live().empty());
}

TEST(venues_upbit_session_tracker, placed_orders_are_live_until_they_end) {
  order_tracker t;
  t.track(upd("a", order_event::accepted, "0"));
  t.track(upd("b", order_event::accepted, "0"));
  // A reply is not an event: only the stream or a resync ends an order.
  t.track(upd("b", order_event::canceled, "0"));
  EXPECT_EQ(t.live().size(), 2u);
  EXPECT_TRUE(t.accept(upd("b", order_event::canceled, "0")));
  ASSERT_EQ(t.live().size(), 1u);
  EXPECT_EQ(t.live().front(), cid("a"));
}

TEST(venues_upbit_session_tracker, reconcile_reports_what_the_gap_hid) {
  order_tracker t;
  t.track(upd("a", order_event::accepted, "0"));
  ASSERT_TRUE(t.accept(trade("a", "t1", "0.01", "0.01")));
  // While the stream was down: a second fill, then the rest and done.
  order_snapshot s;
  s.update = upd("a", order_event::fill, "0.03");
  s.state = order_state::done;
  s.fills = {fl("t1", "0.01"), fl("t2", "0.015"), fl("t3", "0.005")};
  auto out = t.reconcile(s);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].event, order_event::partial_fill);
  ASSERT_TRUE(out[0].last_fill);
  EXPECT_EQ(out[0].last_fill->trade_id, "t2");
  EXPECT_EQ(out[0].last_fill->order_id, cid("a"));
  EXPECT_EQ(out[0].cum_qty, qty("0.025"));
  EXPECT_EQ(out[1].last_fill->trade_id, "t3");
  EXPECT_EQ(out[1].cum_qty, qty("0.03"));
  EXPECT_EQ(out[2].event, order_event::fill);
  EXPECT_FALSE(out[2].last_fill);
  EXPECT_TRUE(t.live().empty());
  // The stream, back, repeats the end and a fill: both dropped.
  EXPECT_FALSE(t.accept(trade("a", "t3", "0.005", "0.03")));
  EXPECT_FALSE(t.accept(upd("a", order_event::fill, "0.03")));
  // A second resync finds nothing new.
  EXPECT_TRUE(t.reconcile(s).empty());
}

TEST(venues_upbit_session_tracker, reconcile_of_an_unchanged_order_is_quiet) {
  order_tracker t;
  t.track(upd("a", order_event::accepted, "0"));
  order_snapshot s;
  s.update = upd("a", order_event::accepted, "0");
  EXPECT_TRUE(t.reconcile(s).empty());
  EXPECT_EQ(t.live().size(), 1u);
}

TEST(venues_upbit_session_tracker, reconcile_without_trades_keeps_quantity) {
  order_tracker t;
  t.track(upd("a", order_event::accepted, "0"));
  order_snapshot s;
  s.update = upd("a", order_event::partial_fill, "0.01");
  auto out = t.reconcile(s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].cum_qty, qty("0.01"));
  EXPECT_TRUE(t.reconcile(s).empty());
}

TEST(venues_upbit_session_tracker, ended_orders_are_forgotten_in_order) {
  order_tracker t{2};
  for (auto id : {"a", "b", "c"})
    ASSERT_TRUE(t.accept(upd(id, order_event::canceled, "0")));
  // "a" is forgotten: its repeat passes again; "c" is remembered.
  EXPECT_TRUE(t.accept(upd("a", order_event::canceled, "0")));
  EXPECT_FALSE(t.accept(upd("c", order_event::canceled, "0")));
}
