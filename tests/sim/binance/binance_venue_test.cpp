// The simulated Binance venue on its happy paths, driven by OUR codec:
// requests built by codec_requests are accepted, answers parse with
// codec_responses and stream frames with codec_stream.
#include "tests/sim/binance/fixture.hpp"

namespace tandem::sim::binance::test {
namespace {

using namespace std::chrono_literals;

using binance_venue_test = venue_fixture;

TEST_F(binance_venue_test, limit_order_rests_and_parses_as_accepted) {
  auto r = place(
    order("tdm-rest-1", side::buy, order_type::limit, "0.01", "42000.0"));
  auto u = parse_order(r);
  EXPECT_EQ(u.event, order_event::accepted);
  EXPECT_EQ(u.id.view(), "tdm-rest-1");
  EXPECT_EQ(u.symbol, "BTCUSDT");
  EXPECT_EQ(u.order_qty, qty("0.01"));
  EXPECT_TRUE(u.cum_qty.is_zero());
  EXPECT_FALSE(u.venue_order_id.empty());
  EXPECT_EQ(venue_.open_order_count(key_a), 1u);
  ASSERT_TRUE(r.header("X-MBX-ORDER-COUNT-10S"));
  EXPECT_EQ(*r.header("X-MBX-ORDER-COUNT-10S"), "1");
  EXPECT_EQ(*r.header("X-MBX-USED-WEIGHT-1M"), "0");

  auto q = send(vb::query_order("BTCUSDT", *client_order_id::make("tdm-rest-1"),
                                signing(), creds_a()));
  EXPECT_EQ(parse_order(q).event, order_event::accepted);
  auto open = send(vb::open_orders("BTCUSDT", signing(), creds_a()));
  auto list = vb::parse_open_orders(parser_, open.body);
  ASSERT_TRUE(list.has_value()) << open.body;
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id.view(), "tdm-rest-1");

  auto c = send(vb::cancel_order(
    "BTCUSDT", *client_order_id::make("tdm-rest-1"), signing(), creds_a()));
  EXPECT_EQ(parse_order(c).event, order_event::canceled);
  EXPECT_EQ(venue_.open_order_count(key_a), 0u);
}

TEST_F(binance_venue_test, crossing_order_fills_and_streams_partial_then_full) {
  auto la = listen(key_a);
  auto lb = listen(key_b);
  // B rests a small ask inside the house spread.
  parse_order(
    place(order("tdm-b-1", side::sell, order_type::limit, "0.004", "43005.0"),
          creds_b()));
  events(lb);
  auto r
    = place(order("tdm-a-1", side::buy, order_type::limit, "0.01", "43010.0"));
  auto u = parse_order(r);
  EXPECT_EQ(u.event, order_event::fill);
  EXPECT_EQ(u.cum_qty, qty("0.01"));
  // (0.004 x 43005 + 0.006 x 43010) / 0.01 = 43008
  EXPECT_EQ(u.avg_px, px("43008"));

  auto ups = order_updates(events(la));
  ASSERT_EQ(ups.size(), 3u);
  EXPECT_EQ(ups[0].execution, vb::execution_type::new_);
  EXPECT_EQ(ups[0].update.event, order_event::accepted);
  EXPECT_EQ(ups[1].update.event, order_event::partial_fill);
  ASSERT_TRUE(ups[1].update.last_fill);
  EXPECT_EQ(ups[1].update.last_fill->qty, qty("0.004"));
  EXPECT_EQ(ups[1].update.last_fill->px, px("43005.0"));
  EXPECT_EQ(ups[1].update.last_fill->liquidity, liquidity::taker);
  // 0.004 x 43005 x 0.0005 = 0.08601 USDT taker fee.
  EXPECT_EQ(ups[1].update.last_fill->fee, money::must_parse("0.08601"));
  EXPECT_EQ(ups[2].update.event, order_event::fill);
  EXPECT_EQ(ups[2].update.last_fill->qty, qty("0.006"));
  EXPECT_EQ(ups[2].update.cum_qty, qty("0.01"));

  auto bs = order_updates(events(lb));
  ASSERT_EQ(bs.size(), 1u);
  EXPECT_EQ(bs[0].update.event, order_event::fill);
  EXPECT_EQ(bs[0].update.last_fill->liquidity, liquidity::maker);

  auto pos = venue_.position(key_a, "BTCUSDT");
  ASSERT_TRUE(pos);
  EXPECT_EQ(pos->qty, qty("0.01"));
  EXPECT_EQ(pos->entry, px("43008"));
}

TEST_F(binance_venue_test, account_update_follows_each_fill) {
  auto la = listen(key_a);
  parse_order(place(order("tdm-mkt-1", side::buy, order_type::market, "0.01")));
  bool saw = false;
  for (const auto& e : events(la)) {
    if (auto a = std::get_if<vb::account_update>(&e)) {
      saw = true;
      EXPECT_EQ(a->reason, "ORDER");
      ASSERT_EQ(a->positions.size(), 1u);
      EXPECT_EQ(a->positions[0].qty, qty("0.01"));
      EXPECT_EQ(a->positions[0].entry_px, px("43010"));
    }
  }
  EXPECT_TRUE(saw);
}

TEST_F(binance_venue_test, ioc_remainder_expires) {
  venue_.set_book("BTCUSDT", px("43000.0"), qty("1"), px("43010.0"),
                  qty("0.005"));
  auto la = listen(key_a);
  auto u = parse_order(place(order("tdm-ioc-1", side::buy, order_type::limit,
                                   "0.01", "43010.0", time_in_force::ioc)));
  EXPECT_EQ(u.event, order_event::expired);
  EXPECT_EQ(u.cum_qty, qty("0.005"));
  auto ups = order_updates(events(la));
  ASSERT_EQ(ups.size(), 3u);
  EXPECT_EQ(ups[1].update.event, order_event::partial_fill);
  EXPECT_EQ(ups[2].execution, vb::execution_type::expired);
  EXPECT_EQ(ups[2].update.event, order_event::expired);
}

TEST_F(binance_venue_test, partial_fill_fault_caps_each_match) {
  venue_.faults().partial_fills(qty("0.003"));
  auto u = parse_order(
    place(order("tdm-cap-1", side::buy, order_type::limit, "0.01", "43010.0")));
  EXPECT_EQ(u.event, order_event::partial_fill);
  EXPECT_EQ(u.cum_qty, qty("0.003"));
  EXPECT_EQ(venue_.open_order_count(key_a), 1u);
}

TEST_F(binance_venue_test, reduce_only_closes_and_realizes_pnl) {
  parse_order(
    place(order("tdm-open-1", side::buy, order_type::market, "0.01")));
  venue_.set_book("BTCUSDT", px("43110.0"), qty("1"), px("43120.0"), qty("1"));
  auto close = order("tdm-close-1", side::sell, order_type::market, "0.01");
  close.reduce_only = true;
  EXPECT_EQ(parse_order(place(close)).event, order_event::fill);
  auto pos = venue_.position(key_a, "BTCUSDT");
  ASSERT_TRUE(pos);
  EXPECT_TRUE(pos->qty.is_zero());
  // (43110 - 43010) x 0.01 = 1 USDT before fees.
  EXPECT_EQ(pos->realized, money::must_parse("1"));
  // Fees: 0.01 x 43010 x 0.0005 + 0.01 x 43110 x 0.0005 = 0.4306.
  EXPECT_EQ(*venue_.wallet(key_a), money::must_parse("10000.5694"));
}

TEST_F(binance_venue_test, unknown_outcome_after_apply_then_query_finds_it) {
  venue_.faults().unknown_error_next(1, unknown_outcome::after_apply);
  auto r = place(
    order("tdm-503-1", side::buy, order_type::limit, "0.01", "42000.0"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(parse_error(r).error, venues::venue_error::outcome_unknown);
  auto q = send(vb::query_order("BTCUSDT", *client_order_id::make("tdm-503-1"),
                                signing(), creds_a()));
  auto u = parse_order(q);
  EXPECT_EQ(u.id.view(), "tdm-503-1");
  EXPECT_EQ(u.event, order_event::accepted);
}

TEST_F(binance_venue_test, countdown_cancel_all_cancels_at_expiry) {
  auto la = listen(key_a);
  parse_order(
    place(order("tdm-dms-1", side::buy, order_type::limit, "0.01", "42000.0")));
  auto r = send(vb::countdown_cancel_all("BTCUSDT", 10s, signing(), creds_a()));
  auto ack = vb::parse_countdown(parser_, r.body);
  ASSERT_TRUE(ack.has_value()) << r.body;
  EXPECT_EQ(ack->countdown, 10s);
  events(la);
  advance(9999ms);
  venue_.tick(now());
  EXPECT_EQ(venue_.open_order_count(key_a), 1u);
  advance(1ms);
  venue_.tick(now());
  EXPECT_EQ(venue_.open_order_count(key_a), 0u);
  auto ups = order_updates(events(la));
  ASSERT_EQ(ups.size(), 1u);
  EXPECT_EQ(ups[0].update.event, order_event::canceled);
}

TEST_F(binance_venue_test, countdown_refresh_and_disable_keep_orders) {
  parse_order(
    place(order("tdm-dms-2", side::buy, order_type::limit, "0.01", "42000.0")));
  send(vb::countdown_cancel_all("BTCUSDT", 10s, signing(), creds_a()));
  advance(8s);
  send(vb::countdown_cancel_all("BTCUSDT", 10s, signing(), creds_a()));
  advance(8s);
  venue_.tick(now());
  EXPECT_EQ(venue_.open_order_count(key_a), 1u);
  send(vb::countdown_cancel_all("BTCUSDT", 0ms, signing(), creds_a()));
  advance(60s);
  venue_.tick(now());
  EXPECT_EQ(venue_.open_order_count(key_a), 1u);
}

TEST_F(binance_venue_test, listen_key_expires_after_an_hour) {
  auto key = listen(key_a);
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(listen(key_a), key); // POST again returns the same key
  advance(59min);
  venue_.tick(now());
  EXPECT_TRUE(events(key).empty());
  advance(1min);
  venue_.tick(now());
  auto es = events(key);
  ASSERT_EQ(es.size(), 1u);
  auto exp = std::get_if<vb::listen_key_expired>(&es[0]);
  ASSERT_TRUE(exp);
  EXPECT_EQ(exp->listen_key, key);
  EXPECT_EQ(exp->event_ts, now());
  auto r = send(vb::listen_key_keepalive(key_a));
  EXPECT_EQ(parse_error(r).code, -1125);
}

TEST_F(binance_venue_test, keepalive_extends_and_fault_expires_now) {
  auto key = listen(key_a);
  advance(50min);
  EXPECT_EQ(send(vb::listen_key_keepalive(key_a)).status, 200);
  advance(50min);
  venue_.tick(now());
  EXPECT_TRUE(events(key).empty());
  venue_.faults().expire_listen_keys_now();
  auto es = events(key);
  ASSERT_EQ(es.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<vb::listen_key_expired>(es[0]));
  EXPECT_NE(listen(key_a), key);
}

TEST_F(binance_venue_test, account_endpoints_parse_with_codec) {
  parse_order(
    place(order("tdm-acct-1", side::sell, order_type::market, "0.01")));
  auto lev = send(vb::change_leverage("BTCUSDT", 10, signing(), creds_a()));
  auto l = vb::parse_leverage(parser_, lev.body);
  ASSERT_TRUE(l.has_value()) << lev.body;
  EXPECT_EQ(l->leverage, 10);

  auto pr = send(vb::position_risk("BTCUSDT", signing(), creds_a()));
  auto ps = vb::parse_position_risk(parser_, pr.body);
  ASSERT_TRUE(ps.has_value()) << pr.body;
  ASSERT_EQ(ps->size(), 1u);
  EXPECT_EQ((*ps)[0].qty, qty("-0.01"));
  EXPECT_EQ((*ps)[0].entry_px, px("43000"));
  EXPECT_EQ((*ps)[0].leverage, 10);
  EXPECT_EQ(*pr.header("X-MBX-USED-WEIGHT-1M"), "6");

  auto b = send(vb::balances(signing(), creds_a()));
  auto bs = vb::parse_balances(parser_, b.body);
  ASSERT_TRUE(bs.has_value()) << b.body;
  ASSERT_EQ(bs->size(), 1u);
  EXPECT_EQ((*bs)[0].asset, "USDT");
  // 10000 - 0.01 x 43000 x 0.0005 taker fee.
  EXPECT_EQ((*bs)[0].free + (*bs)[0].locked, money::must_parse("9999.785"));
  EXPECT_TRUE((*bs)[0].locked.is_positive());

  auto a = send(vb::account(signing(), creds_a()));
  auto acct = vb::parse_account(parser_, a.body);
  ASSERT_TRUE(acct.has_value()) << a.body;
  ASSERT_EQ(acct->positions.size(), 1u);
  EXPECT_EQ(acct->positions[0].qty, qty("-0.01"));
}

TEST_F(binance_venue_test, market_data_parses_with_codec) {
  auto t = send(vb::server_time());
  auto st = vb::parse_server_time(parser_, t.body);
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(*st, now());

  auto ei = send(vb::exchange_info());
  auto info = vb::parse_exchange_info(parser_, ei.body);
  ASSERT_TRUE(info.has_value()) << ei.body;
  ASSERT_EQ(info->instruments.size(), 1u);
  const auto& i = info->instruments[0];
  EXPECT_EQ(i.symbol, "BTCUSDT");
  EXPECT_EQ(i.lot, qty("0.001"));
  EXPECT_EQ(i.min_notional, money::must_parse("100"));
  EXPECT_EQ(i.tick.tick_at(px("43000")), px("0.1"));

  auto d = send(vb::depth("BTCUSDT", 5));
  auto depth = vb::parse_depth(parser_, d.body, "BTCUSDT");
  ASSERT_TRUE(depth.has_value()) << d.body;
  ASSERT_EQ(depth->depth.bids.size(), 1u);
  EXPECT_EQ(depth->depth.bids[0].px, px("43000"));
  EXPECT_EQ(*d.header("X-MBX-USED-WEIGHT-1M"), "4");

  auto bt = send(vb::book_ticker("BTCUSDT"));
  auto top = vb::parse_book_ticker(parser_, bt.body, now());
  ASSERT_TRUE(top.has_value()) << bt.body;
  EXPECT_EQ(top->ask, px("43010"));
  EXPECT_EQ(top->bid_qty, qty("1"));

  auto frame = venue_.book_ticker_frame("BTCUSDT", now());
  auto m = vb::parse_market_frame(parser_, frame, now());
  ASSERT_TRUE(m.has_value()) << frame;
  auto ws = std::get_if<venues::book_top>(&*m);
  ASSERT_TRUE(ws);
  EXPECT_EQ(ws->bid, px("43000"));
  EXPECT_EQ(ws->update_id, top->update_id);
}

TEST_F(binance_venue_test, latency_fault_is_stored_for_the_shell) {
  venue_.faults().added_latency = 250ms;
  EXPECT_EQ(venue_.faults().added_latency, 250ms);
}

} // namespace
} // namespace tandem::sim::binance::test
