// The Binance session against the simulated venue over TLS loopback: start
// (clock, instruments, leverage), book tops, place, fills, cancel,
// cancel-all, account reads. Failure paths: session_error_test.cpp;
// streams and timers: session_stream_test.cpp.
#include "fixture.hpp"

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::binance::testing;

namespace {

using binance_session = session_fixture;

TEST_F(binance_session, start_loads_instruments_and_sets_leverage) {
  auto i = session_->instrument_of("BTCUSDT");
  ASSERT_TRUE(i.has_value());
  EXPECT_EQ(i->quote, "USDT");
  EXPECT_EQ(i->lot, qty("0.001"));
  EXPECT_EQ(i->min_notional, money::must_parse("100"));
  EXPECT_FALSE(session_->instrument_of("NOSUCH").has_value());

  EXPECT_EQ(rec_.read([&] {
    return rec_.count_rest("POST", "/fapi/v1/leverage", 200);
  }),
            1u);
  EXPECT_EQ(binance().counters().leverage_set, 1u);
  auto pos = await<std::vector<position_snapshot>>(
    [&](auto cb) { session_->positions(cb); });
  ASSERT_TRUE(pos) << pos.error().detail;
  ASSERT_EQ(pos->size(), 1u);
  EXPECT_EQ(pos->front().symbol, "BTCUSDT");
  EXPECT_EQ(pos->front().leverage, 2);
  EXPECT_TRUE(pos->front().qty.is_zero());
}

TEST_F(binance_session, book_tops_arrive_for_the_traded_symbol) {
  svc_->set_book("BTCUSDT", px("43100.0"), qty("2"), px("43110.0"), qty("3"));
  ASSERT_TRUE(rec_.wait([&] {
    return !rec_.quotes.empty() && rec_.quotes.back().bid == px("43100.0");
  }));
  auto q = rec_.read([&] { return rec_.quotes.back(); });
  EXPECT_EQ(q.venue, venue::binance);
  EXPECT_EQ(q.symbol, "BTCUSDT");
  EXPECT_EQ(q.ask, px("43110.0"));
  EXPECT_EQ(q.ask_qty, qty("3"));
  EXPECT_GT(binance().counters().quotes, 0u);
}

TEST_F(binance_session, place_is_accepted_and_queryable) {
  auto r = place(limit("t-accept-1", side::buy, "0.010", "42000.0"));
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->event, order_event::accepted);
  EXPECT_EQ(r->id.view(), "t-accept-1");
  EXPECT_FALSE(r->venue_order_id.empty());
  EXPECT_EQ(r->order_qty, qty("0.010"));
  EXPECT_EQ(venue_open_orders(), 1u);

  // The user stream reports it too.
  ASSERT_TRUE(rec_.wait(
    [&] { return rec_.has_order_event("t-accept-1", order_event::accepted); }));

  auto q = await<order_update>([&](auto cb) {
    session_->query("BTCUSDT", client_order_id::make("t-accept-1").value(), cb);
  });
  ASSERT_TRUE(q) << q.error().detail;
  EXPECT_EQ(q->venue_order_id, r->venue_order_id);
  EXPECT_EQ(q->event, order_event::accepted);

  auto open = await<std::vector<order_update>>(
    [&](auto cb) { session_->open_orders("", cb); });
  ASSERT_TRUE(open) << open.error().detail;
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().id.view(), "t-accept-1");
}

TEST_F(binance_session, partial_then_full_fill_arrive_through_on_order) {
  auto r = place(limit("t-fill-1", side::buy, "0.010", "42000.0"));
  ASSERT_TRUE(r) << r.error().detail;
  ASSERT_EQ(r->event, order_event::accepted);

  // A house ask at our price for part of the order, then for the rest.
  svc_->set_book("BTCUSDT", px("41000.0"), qty("1"), px("42000.0"),
                 qty("0.004"));
  ASSERT_TRUE(rec_.wait([&] {
    return rec_.has_order_event("t-fill-1", order_event::partial_fill);
  }));
  svc_->set_book("BTCUSDT", px("41000.0"), qty("1"), px("42000.0"), qty("1"));
  ASSERT_TRUE(rec_.wait(
    [&] { return rec_.has_order_event("t-fill-1", order_event::fill); }));

  auto ups = updates_of("t-fill-1");
  const order_update* partial = nullptr;
  const order_update* full = nullptr;
  for (const auto& u : ups) {
    if (u.event == order_event::partial_fill)
      partial = &u;
    if (u.event == order_event::fill)
      full = &u;
  }
  ASSERT_NE(partial, nullptr);
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(partial->cum_qty, qty("0.004"));
  ASSERT_TRUE(partial->last_fill.has_value());
  EXPECT_EQ(partial->last_fill->qty, qty("0.004"));
  EXPECT_EQ(partial->last_fill->px, px("42000.0"));
  EXPECT_EQ(full->cum_qty, qty("0.010"));
  ASSERT_TRUE(full->last_fill.has_value());
  EXPECT_EQ(full->last_fill->qty, qty("0.006"));

  // The position follows from ACCOUNT_UPDATE and from positionRisk.
  ASSERT_TRUE(rec_.wait([&] {
    return !rec_.positions.empty() && rec_.positions.back().qty == qty("0.010");
  }));
  auto pos = await<std::vector<position_snapshot>>(
    [&](auto cb) { session_->positions(cb); });
  ASSERT_TRUE(pos) << pos.error().detail;
  ASSERT_EQ(pos->size(), 1u);
  EXPECT_EQ(pos->front().qty, qty("0.010"));
  EXPECT_EQ(pos->front().entry_px, px("42000.0"));
  EXPECT_EQ(venue_open_orders(), 0u);
}

TEST_F(binance_session, cancel_answers_canceled) {
  auto r = place(limit("t-cancel-1", side::sell, "0.010", "44000.0"));
  ASSERT_TRUE(r) << r.error().detail;
  auto c = await<order_update>([&](auto cb) {
    session_->cancel("BTCUSDT", client_order_id::make("t-cancel-1").value(),
                     cb);
  });
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->event, order_event::canceled);
  EXPECT_EQ(c->id.view(), "t-cancel-1");
  EXPECT_EQ(venue_open_orders(), 0u);
  ASSERT_TRUE(rec_.wait(
    [&] { return rec_.has_order_event("t-cancel-1", order_event::canceled); }));
}

TEST_F(binance_session, cancel_all_cancels_every_open_order) {
  for (auto id : {"t-all-1", "t-all-2", "t-all-3"}) {
    auto r = place(limit(id, side::buy, "0.010", "41000.0"));
    ASSERT_TRUE(r) << r.error().detail;
  }
  ASSERT_EQ(venue_open_orders(), 3u);
  auto n = await<std::size_t>([&](auto cb) { session_->cancel_all("", cb); });
  ASSERT_TRUE(n) << n.error().detail;
  EXPECT_EQ(*n, 3u);
  EXPECT_EQ(venue_open_orders(), 0u);
  // The real endpoint: one DELETE allOpenOrders, no single cancels.
  rec_.read([&] {
    EXPECT_EQ(rec_.count_rest("DELETE", "/fapi/v1/allOpenOrders", 200), 1u);
    EXPECT_EQ(rec_.count_rest("DELETE", "/fapi/v1/order", 200), 0u);
    EXPECT_EQ(rec_.count_rest("DELETE", "/fapi/v1/order", 400), 0u);
  });
  for (auto id : {"t-all-1", "t-all-2", "t-all-3"})
    ASSERT_TRUE(rec_.wait(
      [&] { return rec_.has_order_event(id, order_event::canceled); }))
      << id;

  auto none
    = await<std::size_t>([&](auto cb) { session_->cancel_all("BTCUSDT", cb); });
  ASSERT_TRUE(none) << none.error().detail;
  EXPECT_EQ(*none, 0u);
}

TEST_F(binance_session, balances_report_the_futures_wallet) {
  auto b
    = await<std::vector<balance>>([&](auto cb) { session_->balances(cb); });
  ASSERT_TRUE(b) << b.error().detail;
  const balance* usdt = nullptr;
  for (const auto& x : *b)
    if (x.asset == "USDT")
      usdt = &x;
  ASSERT_NE(usdt, nullptr);
  EXPECT_EQ(usdt->free, money::must_parse("10000"));
  EXPECT_TRUE(usdt->locked.is_zero());
}

} // namespace
