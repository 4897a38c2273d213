// The simulated Upbit venue accepts what our codec builds and answers what
// our codec parses: orders, fills, private events, balances, quotations.
#include "tests/sim/upbit/venue_fixture.hpp"

#include "venues/upbit/rate_headers.hpp"

namespace tandem::sim::upbit::test {

namespace {

template<class T>
std::vector<T> only(const std::vector<vu::stream_event>& events) {
  std::vector<T> out;
  for (const auto& e : events)
    if (const auto* t = std::get_if<T>(&e))
      out.push_back(*t);
  return out;
}

} // namespace

class upbit_venue_test : public venue_test {};

TEST_F(upbit_venue_test, limit_bid_rests_and_locks_notional_plus_fee) {
  quote_btc();
  auto o
    = order("tdm-a-1", side::buy, order_type::limit, "0.01", px("99000000"));
  auto r = place(o, alice);
  ASSERT_EQ(r.status, 201) << r.body;
  auto snap = parse(r);
  EXPECT_EQ(snap.state, vu::order_state::wait);
  EXPECT_EQ(snap.identifier, "tdm-a-1");
  EXPECT_EQ(snap.update.id, o.id);
  EXPECT_EQ(snap.update.event, order_event::accepted);
  EXPECT_EQ(snap.limit_px, px("99000000"));
  EXPECT_EQ(snap.update.order_qty, qty("0.01"));
  EXPECT_EQ(snap.reserved_fee, krw("495"));
  EXPECT_EQ(snap.locked, krw("990495"));
  EXPECT_EQ(held(alice_key, "KRW").locked, krw("990495"));
  EXPECT_EQ(held(alice_key, "KRW").free, krw("9009505"));

  auto events_now = events(alice_key);
  auto orders = only<vu::my_order_frame>(events_now);
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].state, vu::order_state::wait);
  auto assets = only<vu::my_asset_frame>(events_now);
  ASSERT_EQ(assets.size(), 1u);
  ASSERT_EQ(assets[0].balances.size(), 1u);
  EXPECT_EQ(assets[0].balances[0].asset, "KRW");
  EXPECT_EQ(assets[0].balances[0].locked, krw("990495"));
}

TEST_F(upbit_venue_test, crossing_order_fills_and_events_parse_into_fills) {
  auto bid
    = order("tdm-a-1", side::buy, order_type::limit, "0.01", px("100000000"));
  ASSERT_EQ(place(bid, alice).status, 201);
  (void)events(alice_key);
  auto ask
    = order("tdm-b-1", side::sell, order_type::limit, "0.01", px("100000000"));
  ASSERT_EQ(place(ask, bob).status, 201);

  // Alice (maker): trade, done, myAsset.
  auto a = events(alice_key);
  auto a_orders = only<vu::my_order_frame>(a);
  ASSERT_EQ(a_orders.size(), 2u);
  EXPECT_EQ(a_orders[0].state, vu::order_state::trade);
  ASSERT_TRUE(a_orders[0].update.last_fill);
  const auto& f = *a_orders[0].update.last_fill;
  EXPECT_EQ(f.qty, qty("0.01"));
  EXPECT_EQ(f.px, px("100000000"));
  EXPECT_EQ(f.fee, krw("500"));
  EXPECT_EQ(f.liquidity, liquidity::maker);
  EXPECT_EQ(f.order_id, bid.id);
  EXPECT_EQ(a_orders[1].state, vu::order_state::done);
  EXPECT_EQ(a_orders[1].update.event, order_event::fill);
  EXPECT_EQ(a_orders[1].update.cum_qty, qty("0.01"));
  auto a_assets = only<vu::my_asset_frame>(a);
  ASSERT_EQ(a_assets.size(), 1u);
  EXPECT_EQ(a_assets[0].balances.size(), 2u); // BTC and KRW

  // Bob (taker): wait, trade, done.
  auto b_orders = only<vu::my_order_frame>(events(bob_key));
  ASSERT_EQ(b_orders.size(), 3u);
  EXPECT_EQ(b_orders[1].update.last_fill->liquidity, liquidity::taker);
  EXPECT_EQ(b_orders[2].state, vu::order_state::done);

  EXPECT_EQ(held(alice_key, "BTC").free, krw("1.01"));
  EXPECT_EQ(held(alice_key, "KRW").free, krw("8999500"));
  EXPECT_EQ(held(alice_key, "KRW").locked, krw("0"));
  EXPECT_EQ(held(bob_key, "BTC").free, krw("0.99"));
  EXPECT_EQ(held(bob_key, "KRW").free, krw("10999500"));

  // GET /v1/order carries the trade.
  auto q = parse(query("tdm-a-1", alice));
  EXPECT_EQ(q.state, vu::order_state::done);
  ASSERT_EQ(q.fills.size(), 1u);
  EXPECT_EQ(q.fills[0].qty, qty("0.01"));
  EXPECT_EQ(q.fills[0].fee, krw("500"));
  EXPECT_EQ(q.paid_fee, krw("500"));
  EXPECT_EQ(q.update.avg_px, px("100000000"));
}

TEST_F(upbit_venue_test, fill_at_better_price_releases_the_difference) {
  quote_btc();
  auto bid
    = order("tdm-a-1", side::buy, order_type::limit, "0.01", px("100001000"));
  ASSERT_EQ(place(bid, alice).status, 201);
  auto q = parse(query("tdm-a-1", alice));
  EXPECT_EQ(q.state, vu::order_state::done);
  EXPECT_EQ(q.update.avg_px, px("100000000"));
  EXPECT_EQ(q.paid_fee, krw("500"));
  EXPECT_EQ(held(alice_key, "KRW").free, krw("8999500"));
  EXPECT_EQ(held(alice_key, "KRW").locked, krw("0"));
}

TEST_F(upbit_venue_test, ioc_remainder_is_canceled) {
  venue_.set_book("KRW-BTC", {}, {{px("100000000"), qty("0.05")}}, now_);
  auto o = order("tdm-a-1", side::buy, order_type::limit, "0.08",
                 px("100000000"), time_in_force::ioc);
  ASSERT_EQ(place(o, alice).status, 201);
  auto q = parse(query("tdm-a-1", alice));
  EXPECT_EQ(q.state, vu::order_state::cancel);
  EXPECT_EQ(q.update.event, order_event::canceled);
  EXPECT_EQ(q.update.cum_qty, qty("0.05"));
  EXPECT_EQ(q.tif, vu::wire_tif::ioc);
  EXPECT_EQ(held(alice_key, "KRW").locked, krw("0"));
  EXPECT_EQ(held(alice_key, "KRW").free, krw("4997500"));
  EXPECT_EQ(held(alice_key, "BTC").free, krw("1.05"));
}

TEST_F(upbit_venue_test, best_ioc_sell_remainder_is_canceled) {
  quote_btc();
  auto o = order("tdm-a-1", side::sell, order_type::market, "0.7", std::nullopt,
                 time_in_force::ioc);
  vu::place_options opt;
  opt.best_price = true;
  ASSERT_EQ(place(o, alice, opt).status, 201);
  auto q = parse(query("tdm-a-1", alice));
  EXPECT_EQ(q.type, vu::ord_type::best);
  EXPECT_EQ(q.state, vu::order_state::cancel);
  EXPECT_EQ(q.update.cum_qty, qty("0.5")); // only the best bid level
  EXPECT_EQ(held(alice_key, "BTC").free, krw("0.5"));
  EXPECT_EQ(held(alice_key, "BTC").locked, krw("0"));
}

TEST_F(upbit_venue_test, market_buy_spends_a_krw_amount) {
  quote_btc();
  auto o = order("tdm-a-1", side::buy, order_type::market, "0.01", std::nullopt,
                 time_in_force::ioc);
  vu::place_options opt;
  opt.quote_amount = krw("1000000");
  auto r = place(o, alice, opt);
  ASSERT_EQ(r.status, 201) << r.body;
  auto accepted = parse(r);
  EXPECT_EQ(accepted.type, vu::ord_type::price);
  EXPECT_EQ(accepted.quote_amount, krw("1000000"));
  EXPECT_EQ(accepted.locked, krw("1000500"));

  auto q = parse(query("tdm-a-1", alice));
  EXPECT_EQ(q.state, vu::order_state::done);
  EXPECT_EQ(q.update.cum_qty, qty("0.01"));
  EXPECT_EQ(q.executed_funds, krw("1000000"));
  EXPECT_EQ(held(alice_key, "KRW").free, krw("8999500"));
  EXPECT_EQ(held(alice_key, "BTC").free, krw("1.01"));
}

TEST_F(upbit_venue_test, market_sell_by_volume_walks_the_bids) {
  quote_btc();
  auto o = order("tdm-a-1", side::sell, order_type::market, "0.6", std::nullopt,
                 time_in_force::ioc);
  ASSERT_EQ(place(o, alice).status, 201);
  auto q = parse(query("tdm-a-1", alice));
  EXPECT_EQ(q.type, vu::ord_type::market);
  EXPECT_EQ(q.state, vu::order_state::done);
  ASSERT_EQ(q.fills.size(), 2u);
  EXPECT_EQ(q.fills[1].px, px("99998000"));
  // 0.5 x 99,999,000 + 0.1 x 99,998,000 = 59,999,300; fee 0.05%.
  EXPECT_EQ(q.executed_funds, krw("59999300"));
  EXPECT_EQ(held(alice_key, "KRW").free,
            krw("10000000") + krw("59999300") - krw("29999.65"));
}

TEST_F(upbit_venue_test, cancel_by_identifier_answers_wait_and_unlocks) {
  quote_btc();
  auto o
    = order("tdm-a-1", side::buy, order_type::limit, "0.01", px("99000000"));
  ASSERT_EQ(place(o, alice).status, 201);
  (void)events(alice_key);
  auto r
    = send(*vu::cancel_order(vu::order_ref::identifier(o.id), alice, nonce()));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parse(r).state, vu::order_state::wait); // as accepted
  auto q = parse(query("tdm-a-1", alice));
  EXPECT_EQ(q.state, vu::order_state::cancel);
  EXPECT_EQ(held(alice_key, "KRW").locked, krw("0"));
  EXPECT_EQ(held(alice_key, "KRW").free, krw("10000000"));
  auto orders = only<vu::my_order_frame>(events(alice_key));
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].update.event, order_event::canceled);
}

TEST_F(upbit_venue_test, open_orders_list_resting_orders_newest_first) {
  quote_btc();
  ASSERT_EQ(place(order("tdm-a-1", side::buy, order_type::limit, "0.01",
                        px("90000000")),
                  alice)
              .status,
            201);
  ASSERT_EQ(place(order("tdm-a-2", side::sell, order_type::limit, "0.01",
                        px("110000000")),
                  alice)
              .status,
            201);
  vu::open_orders_query oq;
  oq.market = "KRW-BTC";
  auto r = send(*vu::open_orders(oq, alice, nonce()));
  ASSERT_EQ(r.status, 200) << r.body;
  auto list = vu::parse_orders(ctx_, r.body);
  ASSERT_TRUE(list) << r.body;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].identifier, "tdm-a-2");
  EXPECT_EQ((*list)[1].identifier, "tdm-a-1");
  auto none = send(*vu::open_orders(oq, bob, nonce()));
  EXPECT_EQ(none.body, "[]");
}

TEST_F(upbit_venue_test, accounts_and_chance_parse) {
  auto r = send(*vu::accounts(alice, nonce()));
  ASSERT_EQ(r.status, 200) << r.body;
  auto accts = vu::parse_accounts(ctx_, r.body);
  ASSERT_TRUE(accts) << r.body;
  ASSERT_EQ(accts->size(), 3u);
  EXPECT_EQ((*accts)[1].bal.asset, "KRW");
  EXPECT_EQ((*accts)[1].bal.free, krw("10000000"));

  auto c = send(*vu::chance_request("KRW-BTC", alice, nonce()));
  ASSERT_EQ(c.status, 200) << c.body;
  auto chance = vu::parse_order_chance(ctx_, c.body);
  ASSERT_TRUE(chance) << c.body;
  EXPECT_EQ(chance->market, "KRW-BTC");
  EXPECT_EQ(chance->bid_fee, rate::must_parse("0.0005"));
  EXPECT_EQ(chance->ask_fee, rate::must_parse("0.0005"));
  EXPECT_EQ(chance->bid_min_total, krw("5000"));
  ASSERT_TRUE(chance->ask_account);
  EXPECT_EQ(chance->ask_account->free, krw("1"));
}

TEST_F(upbit_venue_test, every_answer_carries_remaining_req) {
  auto r = send(*vu::accounts(alice, nonce()));
  auto h = vu::parse_remaining_req(r.header("Remaining-Req"));
  ASSERT_TRUE(h) << r.header("Remaining-Req");
  EXPECT_EQ(h->group, "default");
  EXPECT_EQ(h->sec, 29);
  auto o = place(
    order("tdm-a-1", side::buy, order_type::limit, "0.01", px("90000000")),
    alice);
  auto oh = vu::parse_remaining_req(o.header("Remaining-Req"));
  ASSERT_TRUE(oh);
  EXPECT_EQ(oh->group, "order");
  EXPECT_EQ(oh->sec, 7);
}

TEST_F(upbit_venue_test, quotation_endpoints_parse) {
  quote_btc();
  std::vector<std::string> markets{"KRW-BTC", "KRW-USDT"};
  auto all = send(vu::market_all());
  ASSERT_EQ(all.status, 200);
  auto ms = vu::parse_markets(ctx_, all.body);
  ASSERT_TRUE(ms) << all.body;
  EXPECT_EQ(ms->size(), 2u);

  auto t = send(*vu::ticker_request(markets));
  auto ts = vu::parse_tickers(ctx_, t.body);
  ASSERT_TRUE(ts) << t.body;
  ASSERT_EQ(ts->size(), 2u);
  EXPECT_EQ((*ts)[1].last_px, px("1400"));

  auto b = send(*vu::orderbook_request(markets));
  auto bs = vu::parse_orderbooks(ctx_, b.body, now_);
  ASSERT_TRUE(bs) << b.body;
  ASSERT_TRUE((*bs)[0].top);
  EXPECT_EQ((*bs)[0].top->bid, px("99999000"));
  EXPECT_EQ((*bs)[0].top->ask, px("100000000"));
  EXPECT_EQ((*bs)[0].depth.asks.size(), 2u);

  auto i = send(*vu::orderbook_instruments(markets));
  auto is = vu::parse_instruments(ctx_, i.body);
  ASSERT_TRUE(is) << i.body;
  EXPECT_EQ((*is)[0].tick_size, px("1000"));
  EXPECT_EQ((*is)[1].tick_size, px("0.5"));
  EXPECT_EQ(i.header("Remaining-Req"), "group=orderbook; min=1800; sec=8");
}

TEST_F(upbit_venue_test, stream_frames_decode) {
  quote_btc();
  auto book
    = vu::decode_frame(ctx_, venue_.orderbook_frame("KRW-BTC", now_), now_);
  ASSERT_TRUE(book);
  const auto& ob = std::get<struct vu::orderbook>(*book);
  EXPECT_EQ(ob.top->ask, px("100000000"));
  EXPECT_EQ(ob.depth.venue_ts, now_);

  ASSERT_EQ(place(order("tdm-a-1", side::buy, order_type::limit, "0.05",
                        px("100000000")),
                  alice)
              .status,
            201);
  auto tick
    = vu::decode_frame(ctx_, venue_.ticker_frame("KRW-BTC", now_), now_);
  ASSERT_TRUE(tick);
  const auto& t = std::get<struct vu::ticker>(*tick);
  EXPECT_EQ(t.last_px, px("100000000"));
  EXPECT_EQ(t.last_qty, qty("0.05"));
}

TEST_F(upbit_venue_test, partial_fill_cap_leaves_a_gtc_remainder_resting) {
  quote_btc();
  venue_.faults().max_fill_per_match = qty("0.004");
  auto o
    = order("tdm-a-1", side::buy, order_type::limit, "0.01", px("100000000"));
  ASSERT_EQ(place(o, alice).status, 201);
  auto q = parse(query("tdm-a-1", alice));
  EXPECT_EQ(q.state, vu::order_state::wait);
  EXPECT_EQ(q.update.event, order_event::partial_fill);
  EXPECT_EQ(q.update.cum_qty, qty("0.004"));
  EXPECT_EQ(q.remaining_qty, qty("0.006"));
  // 0.006 x 100,000,000 + remaining fee (500 - 200).
  EXPECT_EQ(q.locked, krw("600300"));
}

TEST_F(upbit_venue_test, same_seed_same_uuids) {
  upbit_venue other{test_config()};
  auto o
    = order("tdm-a-1", side::buy, order_type::limit, "0.01", px("90000000"));
  auto r1 = place(o, alice);
  auto req = vu::place_order(o, krw_btc(), {}, alice, nonce());
  auto r2 = other.handle(from_http(*req), now_);
  EXPECT_EQ(parse(r1).update.venue_order_id, parse(r2).update.venue_order_id);
}

TEST_F(upbit_venue_test, batch_cancel_picks_by_side_count_and_order) {
  quote_btc();
  for (auto [id, s, limit] : {std::tuple{"tdm-b-1", side::buy, "90000000"},
                              std::tuple{"tdm-b-2", side::buy, "91000000"},
                              std::tuple{"tdm-b-3", side::sell, "110000000"}})
    ASSERT_EQ(
      place(order(id, s, order_type::limit, "0.01", px(limit)), alice).status,
      201);
  ASSERT_EQ(place(order("tdm-bob-1", side::buy, order_type::limit, "0.01",
                        px("90000000")),
                  bob)
              .status,
            201);
  (void)events(alice_key);

  // The oldest bid only.
  vu::cancel_open_query q;
  q.side = vu::cancel_side::bid;
  q.pairs = {"KRW-BTC"};
  q.count = 1;
  q.order_by = vu::cancel_order_by::oldest_first;
  auto r = send(*vu::cancel_open_orders(q, alice, nonce()));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Remaining-Req"),
            "group=order-cancel-all; min=1800; sec=0");
  auto a = vu::parse_cancel_open(ctx_, r.body);
  ASSERT_TRUE(a) << r.body;
  EXPECT_EQ(a->success_count, 1);
  ASSERT_EQ(a->cancelled.size(), 1u);
  EXPECT_EQ(a->cancelled[0].identifier, "tdm-b-1");
  EXPECT_EQ(a->cancelled[0].market, "KRW-BTC");
  EXPECT_EQ(a->failed_count, 0);
  EXPECT_EQ(parse(query("tdm-b-1", alice)).state, vu::order_state::cancel);
  auto frames = only<vu::my_order_frame>(events(alice_key));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].update.event, order_event::canceled);
  EXPECT_EQ(frames[0].update.id.view(), "tdm-b-1");

  // The next window: everything of alice's, newest first; bob's stays.
  now_ += std::chrono::milliseconds{2100};
  r = send(*vu::cancel_open_orders(vu::cancel_open_query{}, alice, nonce()));
  ASSERT_EQ(r.status, 200) << r.body;
  a = vu::parse_cancel_open(ctx_, r.body);
  ASSERT_TRUE(a) << r.body;
  ASSERT_EQ(a->success_count, 2);
  EXPECT_EQ(a->cancelled[0].identifier, "tdm-b-3");
  EXPECT_EQ(a->cancelled[1].identifier, "tdm-b-2");
  EXPECT_EQ(only<vu::my_order_frame>(events(alice_key)).size(), 2u);
  EXPECT_TRUE(venue_.state().open_orders(std::string{alice_key}, "").empty());
  EXPECT_EQ(venue_.state().open_orders(std::string{bob_key}, "").size(), 1u);
  EXPECT_EQ(held(alice_key, "KRW").locked, krw("0"));
  EXPECT_EQ(held(alice_key, "BTC").locked, krw("0"));

  // Nothing left: an empty success.
  now_ += std::chrono::milliseconds{2100};
  r = send(*vu::cancel_open_orders(vu::cancel_open_query{}, alice, nonce()));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"success":{"count":0,"orders":[]},)"
                    R"("failed":{"count":0,"orders":[]}})");
}

} // namespace tandem::sim::upbit::test
