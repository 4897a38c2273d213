// The Upbit session against the simulated Upbit over loopback TLS: rules
// loaded at start, quotes, orders placed, filled in parts and in full,
// canceled, and read back.
#include "tests/venues/upbit_session/sim_fixture.hpp"

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

TEST_F(upbit_session_sim, start_loads_rules_and_streams_quotes) {
  auto btc = session_->instrument_of("KRW-BTC");
  ASSERT_TRUE(btc);
  EXPECT_EQ(btc->tick.tick_at(px("100000000")), px("1000"));
  EXPECT_EQ(btc->min_notional, money::must_parse("5000"));
  auto usdt = session_->instrument_of("KRW-USDT");
  ASSERT_TRUE(usdt);
  // KRW-USDT's half-won tick comes from /v1/orderbook/instruments.
  EXPECT_EQ(usdt->tick.tick_at(px("1400")), px("0.5"));
  EXPECT_FALSE(session_->instrument_of("KRW-ETH"));

  quote_btc("100999000", "101000000");
  // One orderbook frame gives both the top and the depth.
  std::optional<book_top> top;
  std::optional<book_depth> depth;
  ASSERT_TRUE(rec_.wait([&] {
    for (const auto& q : rec_.quotes)
      if (q.symbol == "KRW-BTC" && q.ask == px("101000000"))
        top = q;
    for (const auto& d : rec_.depths)
      if (d.symbol == "KRW-BTC" && !d.asks.empty()
          && d.asks.front().px == px("101000000"))
        depth = d;
    return top && depth;
  }));
  EXPECT_EQ(top->venue, venue::upbit);
  EXPECT_EQ(top->bid, px("100999000"));
  EXPECT_EQ(top->bid_qty, qty("0.5"));
  EXPECT_EQ(top->ask_qty, qty("0.5"));
  ASSERT_FALSE(depth->bids.empty());
  EXPECT_EQ(depth->bids.front().px, px("100999000"));
}

TEST_F(upbit_session_sim, resting_order_fills_in_parts_then_in_full) {
  auto o = order("tdm-s-1", side::buy, order_type::limit, "0.3", "99000000");
  auto placed = place(o);
  ASSERT_TRUE(placed) << placed.error().detail;
  EXPECT_EQ(placed->event, order_event::accepted);
  EXPECT_EQ(placed->id, o.id);
  EXPECT_FALSE(placed->venue_order_id.empty());
  EXPECT_EQ(placed->order_qty, qty("0.3"));

  // A seller arrives at our price for 0.1 BTC: a partial fill.
  svc_->set_book("KRW-BTC", {}, {{px("99000000"), qty("0.1")}});
  auto part = wait_event(o.id, order_event::partial_fill);
  ASSERT_TRUE(part);
  ASSERT_TRUE(part->last_fill);
  EXPECT_EQ(part->last_fill->qty, qty("0.1"));
  EXPECT_EQ(part->last_fill->px, px("99000000"));
  EXPECT_EQ(part->last_fill->order_id, o.id);
  EXPECT_EQ(part->cum_qty, qty("0.1"));

  // The rest: 0.2 BTC more completes the order.
  svc_->set_book("KRW-BTC", {}, {{px("99000000"), qty("0.2")}});
  auto done = wait_event(o.id, order_event::fill);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->cum_qty, qty("0.3"));
  ASSERT_TRUE(done->avg_px);
  EXPECT_EQ(*done->avg_px, px("99000000"));

  // Every fill reported once: the fills add up to the order.
  quantity filled;
  for (const auto& u : rec_.of(o.id))
    if (u.last_fill)
      filled += u.last_fill->qty;
  EXPECT_EQ(filled, qty("0.3"));

  // The balances followed on the private stream.
  ASSERT_TRUE(rec_.wait([&] {
    for (const auto& b : rec_.balances)
      for (const auto& x : b)
        if (x.asset == "BTC" && x.free == money::must_parse("1.3"))
          return true;
    return false;
  }));
}

TEST_F(upbit_session_sim, taker_limit_ioc_fills_at_once) {
  auto o = order("tdm-s-2", side::buy, order_type::limit, "0.01", "100000000",
                 time_in_force::ioc);
  auto placed = place(o);
  ASSERT_TRUE(placed) << placed.error().detail;
  auto done = wait_event(o.id, order_event::fill);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->cum_qty, qty("0.01"));
}

TEST_F(upbit_session_sim, market_buy_goes_as_limit_ioc_for_exact_qty) {
  // Two ask levels; 0.6 BTC needs both.
  svc_->set_book(
    "KRW-BTC", {{px("99999000"), qty("0.5")}},
    {{px("100000000"), qty("0.5")}, {px("100001000"), qty("0.5")}});
  ASSERT_TRUE(rec_.wait([&] {
    for (const auto& d : rec_.depths)
      if (d.symbol == "KRW-BTC" && d.asks.size() >= 2)
        return true;
    return false;
  }));
  auto o = order("tdm-s-3", side::buy, order_type::market, "0.6");
  auto placed = place(o);
  ASSERT_TRUE(placed) << placed.error().detail;
  auto done = wait_event(o.id, order_event::fill);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->cum_qty, qty("0.6"));
  quantity at_best;
  for (const auto& u : rec_.of(o.id))
    if (u.last_fill && u.last_fill->px == px("100000000"))
      at_best += u.last_fill->qty;
  EXPECT_EQ(at_best, qty("0.5")); // the best level first
}

TEST_F(upbit_session_sim, market_sell_by_volume) {
  auto o = order("tdm-s-4", side::sell, order_type::market, "0.02");
  auto placed = place(o);
  ASSERT_TRUE(placed) << placed.error().detail;
  auto done = wait_event(o.id, order_event::fill);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->cum_qty, qty("0.02"));
}

TEST_F(upbit_session_sim, cancel_a_resting_order) {
  auto o = order("tdm-s-5", side::buy, order_type::limit, "0.01", "90000000");
  ASSERT_TRUE(place(o));
  answer<order_update> a;
  session_->cancel("KRW-BTC", o.id, a.cb());
  auto c = a.get();
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->event, order_event::canceled);
  EXPECT_EQ(c->id, o.id);
  EXPECT_TRUE(wait_event(o.id, order_event::canceled));

  // Canceling it again: Upbit no longer has it open.
  answer<order_update> again;
  session_->cancel("KRW-BTC", o.id, again.cb());
  auto r = again.get();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venue_error::unknown_order);
  EXPECT_NE(r.error().detail.find("upbit http=404"), std::string::npos);
}

TEST_F(upbit_session_sim, query_open_orders_balances_positions) {
  auto a = order("tdm-s-6", side::buy, order_type::limit, "0.01", "90000000");
  auto b = order("tdm-s-7", side::sell, order_type::limit, "0.01", "110000000");
  ASSERT_TRUE(place(a));
  ASSERT_TRUE(place(b));

  answer<order_update> q;
  session_->query("KRW-BTC", a.id, q.cb());
  auto got = q.get();
  ASSERT_TRUE(got) << got.error().detail;
  EXPECT_EQ(got->id, a.id);
  EXPECT_EQ(got->event, order_event::accepted);

  answer<order_update> missing;
  session_->query("KRW-BTC", *client_order_id::make("tdm-never"), missing.cb());
  auto m = missing.get();
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, venue_error::unknown_order);

  answer<std::vector<order_update>> open;
  session_->open_orders("", open.cb());
  auto list = open.get();
  ASSERT_TRUE(list) << list.error().detail;
  EXPECT_EQ(list->size(), 2u);

  answer<std::vector<balance>> bal;
  session_->balances(bal.cb());
  auto bs = bal.get();
  ASSERT_TRUE(bs) << bs.error().detail;
  bool krw = false;
  for (const auto& x : *bs)
    if (x.asset == "KRW") {
      krw = true;
      EXPECT_GT(x.locked, money{}); // the bid holds KRW
    }
  EXPECT_TRUE(krw);

  answer<std::vector<position_snapshot>> pos;
  session_->positions(pos.cb());
  auto ps = pos.get();
  ASSERT_TRUE(ps);
  EXPECT_TRUE(ps->empty());

  answer<std::size_t> all;
  session_->cancel_all("KRW-BTC", all.cb());
  auto n = all.get();
  ASSERT_TRUE(n) << n.error().detail;
  EXPECT_EQ(*n, 2u);
  EXPECT_TRUE(wait_event(a.id, order_event::canceled));
  EXPECT_TRUE(wait_event(b.id, order_event::canceled));

  answer<std::size_t> none;
  session_->cancel_all("", none.cb());
  auto zero = none.get();
  ASSERT_TRUE(zero);
  EXPECT_EQ(*zero, 0u);
}

TEST_F(upbit_session_sim, burst_stays_inside_the_order_rate_limit) {
  // 20 orders at once: Upbit allows 8 per second; the session spreads
  // them and the venue never answers 429.
  constexpr int n = 20;
  std::vector<answer<order_update>> answers(n);
  for (int i = 0; i < n; ++i)
    session_->place(order("tdm-b-" + std::to_string(i), side::buy,
                          order_type::limit, "0.0001", "80000000"),
                    answers[static_cast<std::size_t>(i)].cb());
  for (auto& a : answers) {
    auto r = a.get();
    EXPECT_TRUE(r) << (r ? "" : r.error().detail);
  }
  auto c = counters();
  EXPECT_EQ(c.rate_limited, 0u);
  EXPECT_EQ(c.banned, 0u);
  auto open = svc_->with_venue([](sim::upbit::upbit_venue& v) {
    return v.state().open_orders(std::string{access_key}, "KRW-BTC").size();
  });
  EXPECT_EQ(open, static_cast<std::size_t>(n));
}

TEST_F(upbit_session_sim, stop_answers_pending_and_goes_quiet) {
  answer<std::vector<balance>> a;
  session_->balances(a.cb());
  session_->stop();
  (void)a.get(); // answered (by the venue or by stop), never lost
  const auto seen = [&] {
    std::lock_guard lock{rec_.mtx};
    return rec_.quotes.size();
  }();
  quote_btc("99998000", "100002000");
  // Nothing arrives after stop: a later call is simply not run.
  answer<std::vector<balance>> late;
  session_->balances(late.cb());
  svc_->pump_now();
  std::lock_guard lock{rec_.mtx};
  EXPECT_EQ(rec_.quotes.size(), seen);
}

TEST_F(upbit_session_sim, cancel_all_is_one_batch_request) {
  std::vector<client_order_id> ids;
  for (int i = 0; i < 5; ++i) {
    auto o = order("tdm-ca-" + std::to_string(i), side::buy, order_type::limit,
                   "0.0001", "80000000");
    ids.push_back(o.id);
    ASSERT_TRUE(place(o));
  }
  answer<std::size_t> all;
  session_->cancel_all("", all.cb());
  auto n = all.get();
  ASSERT_TRUE(n) << n.error().detail;
  EXPECT_EQ(*n, 5u);
  // One DELETE /v1/orders/open, no single cancel, no open-orders read.
  EXPECT_EQ(requests_read("DELETE /v1/orders/open"), 1u);
  EXPECT_EQ(requests_read("DELETE /v1/order"), 0u);
  EXPECT_EQ(requests_read("GET /v1/orders/open"), 0u);
  for (const auto& id : ids)
    EXPECT_TRUE(wait_event(id, order_event::canceled)) << id.view();
  EXPECT_EQ(counters().rate_limited, 0u);
}

TEST_F(upbit_session_sim, cancel_all_falls_back_to_single_cancels) {
  svc_->with_venue(
    [](sim::upbit::upbit_venue& v) { v.faults().no_batch_cancel = true; });
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(place(order("tdm-fb-" + std::to_string(i), side::buy,
                            order_type::limit, "0.0001", "80000000")));
  answer<std::size_t> all;
  session_->cancel_all("KRW-BTC", all.cb());
  auto n = all.get();
  ASSERT_TRUE(n) << n.error().detail;
  EXPECT_EQ(*n, 3u);
  EXPECT_EQ(requests_read("DELETE /v1/orders/open"), 1u);
  EXPECT_EQ(requests_read("DELETE /v1/order"), 3u);
  EXPECT_EQ(svc_->with_venue([](sim::upbit::upbit_venue& v) {
    return v.state().open_orders(std::string{access_key}, "").size();
  }),
            0u);
}

class upbit_session_sim_fast : public upbit_session_sim {
 protected:
  // Orders as fast as loopback allows, on both sides of the wire, so that
  // more than one batch (300) of orders rests quickly.
  void SetUp() override {
    auto cfg = sim::upbit::default_config();
    cfg.limits.order_per_second = 100'000;
    start_with(std::move(cfg),
               [](session_options& o) { o.limits.order_per_second = 100'000; });
  }
};

TEST_F(upbit_session_sim_fast, cancel_all_repeats_while_batches_are_full) {
  constexpr int n = 301;
  std::vector<answer<order_update>> answers(n);
  for (int i = 0; i < n; ++i)
    session_->place(order("tdm-big-" + std::to_string(i), side::buy,
                          order_type::limit, "0.0001", "80000000"),
                    answers[static_cast<std::size_t>(i)].cb());
  for (auto& a : answers)
    ASSERT_TRUE(a.get());
  answer<std::size_t> all;
  session_->cancel_all("", all.cb());
  auto cancelled = all.get();
  ASSERT_TRUE(cancelled) << cancelled.error().detail;
  EXPECT_EQ(*cancelled, static_cast<std::size_t>(n));
  // 300, then the one left, two seconds apart: never a 429.
  EXPECT_EQ(requests_read("DELETE /v1/orders/open"), 2u);
  EXPECT_EQ(requests_read("DELETE /v1/order"), 0u);
  EXPECT_EQ(counters().rate_limited, 0u);
  EXPECT_EQ(svc_->with_venue([](sim::upbit::upbit_venue& v) {
    return v.state().open_orders(std::string{access_key}, "").size();
  }),
            0u);
}

TEST_F(upbit_session_sim, places_queued_before_a_drop_are_refused_not_sent) {
  // Twenty at once: the pacer lets seven go, the rest wait in the queue
  // when the halt gate asks the session to drop them; one (an unwind) is
  // kept.
  constexpr int n = 20;
  std::vector<answer<order_update>> answers(n);
  for (int i = 0; i < n; ++i)
    session_->place(order("tdm-h-" + std::to_string(i), side::buy,
                          order_type::limit, "0.0001", "80000000"),
                    answers[static_cast<std::size_t>(i)].cb());
  session_->drop_queued_places({*client_order_id::make("tdm-h-19")},
                               "test halt");
  std::size_t accepted = 0, blocked = 0;
  for (int i = 0; i < n; ++i) {
    auto r = answers[static_cast<std::size_t>(i)].get();
    if (r) {
      ++accepted;
      continue;
    }
    EXPECT_EQ(r.error().code, venue_error::blocked) << r.error().detail;
    EXPECT_NE(i, 19) << "the kept order is sent";
    ++blocked;
  }
  EXPECT_GE(blocked, 1u);
  EXPECT_EQ(accepted + blocked, static_cast<std::size_t>(n));
  // Only the accepted ones reached the venue.
  EXPECT_EQ(requests_read("POST /v1/orders"), accepted);
  EXPECT_EQ(svc_->with_venue([](sim::upbit::upbit_venue& v) {
    return v.state().open_orders(std::string{access_key}, "KRW-BTC").size();
  }),
            accepted);
  // A place issued after the drop goes as usual.
  EXPECT_TRUE(place(
    order("tdm-h-after", side::buy, order_type::limit, "0.0001", "80000000")));
  EXPECT_EQ(requests_read("POST /v1/orders"), accepted + 1);
}
