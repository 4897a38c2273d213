// The control actor's view mapping with plain values: what the console
// shows for a given engine state, without an actor system.
#include "actors/control_views.hpp"
#include "admin/render.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace {

using namespace tandem;
using namespace tandem::actors;
using namespace tandem::actors::control_views;
using namespace std::chrono_literals;

timestamp at(std::int64_t ms) {
  return timestamp{std::chrono::milliseconds{ms}};
}

pair_view pair(std::string id, arbitrage::pair_kind kind, std::string state) {
  pair_view p;
  p.pair_id = std::move(id);
  p.kind = kind;
  p.state = std::move(state);
  p.qty = quantity::must_parse("0.002");
  return p;
}

venues::book_top top(venue v, std::string sym, std::string_view bid,
                     std::string_view ask, timestamp recv) {
  venues::book_top t;
  t.venue = v;
  t.symbol = std::move(sym);
  t.bid = price::must_parse(bid);
  t.ask = price::must_parse(ask);
  t.bid_qty = t.ask_qty = quantity::must_parse("1");
  t.recv_ts = recv;
  return t;
}

TEST(control_views, status_names_who_halted_and_each_venue) {
  status_inputs in;
  in.instance = "paper-1";
  in.mode = "paper";
  in.kimchi_enabled = true;
  in.halt.halted = true;
  in.halt.trigger = "daily_loss";
  in.halt.detail = "daily_pnl=-312000 KRW";
  in.halt.since = at(5);
  venue_status up;
  up.connected = true;
  up.consecutive_failures = 2;
  in.upbit = up; // binance did not answer
  strategy_status s;
  s.paused = true;
  in.strategy = s;
  coordinator_stats cs;
  cs.open_orders = 3;
  in.stats = cs;
  in.pairs = std::vector{pair("a", arbitrage::pair_kind::entry, "opening")};

  auto v = status_of(in);
  EXPECT_TRUE(v.halted);
  EXPECT_EQ(v.halted_by, "engine:daily_loss");
  EXPECT_EQ(v.halt_reason, "daily_pnl=-312000 KRW");
  EXPECT_EQ(v.halted_at, at(5));
  ASSERT_EQ(v.venues.size(), 2u);
  EXPECT_EQ(v.venues[0].venue, venue::upbit);
  EXPECT_TRUE(v.venues[0].connected);
  EXPECT_EQ(v.venues[0].consecutive_failures, 2);
  EXPECT_EQ(v.venues[1].venue, venue::binance);
  EXPECT_FALSE(v.venues[1].connected);
  ASSERT_EQ(v.strategies.size(), 1u);
  EXPECT_EQ(v.strategies[0].state, admin::strategy_state::paused);
  EXPECT_EQ(v.open_orders, 3);
  EXPECT_EQ(v.open_pairs, 1);

  in.halt.trigger = "manual";
  in.halt.who = "console:alice";
  EXPECT_EQ(status_of(in).halted_by, "console:alice");
  in.kimchi_enabled = false;
  EXPECT_EQ(status_of(in).strategies[0].state, admin::strategy_state::disabled);
}

TEST(control_views, a_hedged_strategy_counts_as_an_open_pair) {
  strategy_status s;
  s.state = arbitrage::strategy_state::hedged;
  s.hedged_qty = quantity::must_parse("0.002");
  std::vector<pair_view> ps{pair("a", arbitrage::pair_kind::entry, "hedged"),
                            pair("b", arbitrage::pair_kind::exit, "closing")};
  EXPECT_EQ(open_pairs_of(ps, s), 2);
  EXPECT_EQ(open_pairs_of(ps, std::nullopt), 1);
}

TEST(control_views, the_last_hedged_entry_stays_open_until_an_exit_closes) {
  using arbitrage::pair_kind;
  std::vector<pair_view> ps{pair("in-flight", pair_kind::exit, "closing"),
                            pair("e1", pair_kind::entry, "hedged"),
                            pair("x1", pair_kind::exit, "closed"),
                            pair("e2", pair_kind::entry, "rolled_back"),
                            pair("e3", pair_kind::entry, "hedged")};
  auto v = pairs_of(ps);
  ASSERT_EQ(v.open.size(), 2u);
  EXPECT_EQ(v.open[0].pair_id, "in-flight");
  EXPECT_EQ(v.open[0].phase, admin::pair_phase::closing);
  EXPECT_EQ(v.open[1].pair_id, "e3");
  EXPECT_EQ(v.open[1].phase, admin::pair_phase::open);
  ASSERT_EQ(v.recent.size(), 3u); // newest first
  EXPECT_EQ(v.recent[0].pair_id, "e2");
  EXPECT_EQ(v.recent[0].phase, admin::pair_phase::rolled_back);
  EXPECT_EQ(v.recent[1].pair_id, "x1");
  EXPECT_EQ(v.recent[1].phase, admin::pair_phase::closed);
  EXPECT_EQ(v.recent[2].pair_id, "e1");
}

TEST(control_views, premium_sides_go_to_the_pair_kind) {
  auto e = pair("e", arbitrage::pair_kind::entry, "hedged");
  e.premium = arbitrage::bps::must_parse("215.5");
  auto r = pair_row_of(e);
  EXPECT_EQ(admin::rate_to_bps(r.entry_premium), "215.5");
  EXPECT_TRUE(r.exit_premium.is_zero());
}

TEST(control_views, settlements_only_for_pairs_that_traded) {
  EXPECT_EQ(
    settlement_of(pair("a", arbitrage::pair_kind::entry, "hedged"))->outcome,
    admin::settlement_outcome::hedged);
  EXPECT_EQ(
    settlement_of(pair("a", arbitrage::pair_kind::exit, "closed"))->outcome,
    admin::settlement_outcome::closed);
  EXPECT_EQ(
    settlement_of(pair("a", arbitrage::pair_kind::entry, "escalated"))->outcome,
    admin::settlement_outcome::escalated);
  EXPECT_FALSE(
    settlement_of(pair("a", arbitrage::pair_kind::entry, "abandoned")));
  EXPECT_FALSE(
    settlement_of(pair("a", arbitrage::pair_kind::entry, "opening")));
}

TEST(control_views, premium_is_unavailable_without_every_quote_or_when_stale) {
  config::kimchi_config k;
  k.max_quote_age_ms = 500;
  arbitrage::fee_rates fees; // zero fees: the premium is the plain ratio
  arbitrage::quote_board b;
  b.update(top(venue::upbit, "KRW-BTC", "101000000", "101000000", at(1000)));
  auto v = premium_now(b, k, fees, at(1000));
  EXPECT_FALSE(v.available);
  EXPECT_EQ(v.unavailable_reason, "no quote yet for KRW-USDT");

  b.update(top(venue::upbit, "KRW-USDT", "1000", "1000", at(1000)));
  b.update(top(venue::binance, "BTCUSDT", "100000", "100000", at(900)));
  v = premium_now(b, k, fees, at(1000));
  ASSERT_TRUE(v.available) << v.unavailable_reason;
  EXPECT_EQ(v.quote_age_ms, 100);
  // 101,000,000 / (100,000 x 1,000) - 1 = 1% = 100 bps both ways.
  EXPECT_EQ(admin::rate_to_bps(v.entry_premium), "100");
  EXPECT_EQ(admin::rate_to_bps(v.exit_premium), "100");
  EXPECT_EQ(v.usdt_krw, price::must_parse("1000"));

  v = premium_now(b, k, fees, at(1401));
  EXPECT_FALSE(v.available);
  EXPECT_EQ(v.unavailable_reason,
            "oldest quote is 501 ms old (max_quote_age_ms 500)");
}

TEST(control_views, a_short_is_marked_at_the_ask) {
  arbitrage::quote_board b;
  b.update(top(venue::binance, "BTCUSDT", "99990", "100010", at(1)));
  position_view p;
  p.venue = venue::binance;
  p.symbol = "BTCUSDT";
  p.qty = quantity::must_parse("-0.002");
  p.avg_entry = price::must_parse("100000");
  auto r = position_row_of(p, b);
  EXPECT_EQ(r.quote_ccy, "USDT");
  EXPECT_EQ(r.mark_price, price::must_parse("100010"));
  EXPECT_EQ(r.unrealized_pnl, money::must_parse("-0.02"));
  p.symbol = "ETHUSDT"; // no top: no mark
  EXPECT_TRUE(position_row_of(p, b).unrealized_pnl.is_zero());
}

TEST(control_views, order_rows_and_final_outcomes) {
  venues::order_update u;
  u.event = order_event::accepted;
  u.cum_qty = quantity::must_parse("0.001");
  EXPECT_EQ(order_row_of(u).status, order_status::partially_filled);
  u.event = order_event::cancel_requested;
  EXPECT_EQ(status_of(u), order_status::pending_cancel);
  EXPECT_EQ(final_outcome_of(order_event::fill), "filled");
  EXPECT_EQ(final_outcome_of(order_event::expired), "expired");
  EXPECT_FALSE(final_outcome_of(order_event::partial_fill));
}

TEST(control_views, journal_lag_is_the_oldest_waiting_records_age) {
  EXPECT_EQ(journal_lag_ns(std::nullopt, at(90)), 0);
  EXPECT_EQ(journal_lag_ns(at(20), at(70)), 50'000'000);
  // A record stamped by a clock slightly ahead is not a negative lag.
  EXPECT_EQ(journal_lag_ns(at(71), at(70)), 0);
}

TEST(control_views, metrics_take_what_answered) {
  admin::metrics_registry reg;
  auto m = admin::catalog::declare_engine_metrics(reg).value();
  config::kimchi_config k;
  metrics_inputs in;
  halt_state h;
  h.halted = true;
  in.halt = h;
  venue_status bn;
  bn.connected = true;
  in.binance = bn;
  coordinator_stats s;
  s.realized_krw = money::must_parse("-11029");
  s.binance_net = quantity::must_parse("-0.002");
  in.stats = s;
  in.journal_lag_ns = 1'500'000'000;
  bn.stats.limits = {{"REQUEST_WEIGHT", 2400, 377, std::chrono::minutes{1}},
                     {"ORDERS_10S", 300, 0, std::chrono::seconds{10}},
                     {"ORDERS_1M", 1200, 1300, std::chrono::minutes{1}}};
  bn.stats.rest_rtt_us = 248;
  in.binance = bn;
  set_metrics(reg, m, k, in);
  auto value_of = [&](std::string_view fam,
                      admin::label_set labels) -> std::optional<std::string> {
    for (const auto& f : reg.snapshot())
      if (f.name == fam)
        for (const auto& ser : f.series)
          if (ser.labels == labels)
            return admin::to_text(ser.value);
    return std::nullopt;
  };
  EXPECT_EQ(value_of("tandem_halted", {}), "1");
  EXPECT_EQ(value_of("tandem_venue_connected", {{"venue", "binance"}}), "1");
  EXPECT_FALSE(value_of("tandem_venue_connected", {{"venue", "upbit"}}));
  EXPECT_EQ(value_of("tandem_pnl_krw", {{"kind", "realized"}}), "-11029");
  EXPECT_EQ(
    value_of("tandem_position", {{"venue", "binance"}, {"symbol", "BTCUSDT"}}),
    "-0.002");
  EXPECT_EQ(value_of("tandem_journal_lag_seconds", {}), "1.5");
  EXPECT_FALSE(value_of("tandem_premium_bps", {{"side", "entry"}}));
  // Headroom per limit group: (2400 - 377) / 2400 = 0.842916.. -> 0.8429.
  EXPECT_EQ(value_of("tandem_rate_limit_headroom_ratio",
                     {{"venue", "binance"}, {"group", "REQUEST_WEIGHT"}}),
            "0.8429");
  EXPECT_EQ(value_of("tandem_rate_limit_remaining",
                     {{"venue", "binance"}, {"group", "REQUEST_WEIGHT"}}),
            "2023");
  EXPECT_EQ(value_of("tandem_rate_limit_headroom_ratio",
                     {{"venue", "binance"}, {"group", "ORDERS_10S"}}),
            "1");
  // Over the limit (the venue counted more than it allows): none left.
  EXPECT_EQ(value_of("tandem_rate_limit_headroom_ratio",
                     {{"venue", "binance"}, {"group", "ORDERS_1M"}}),
            "0");
  EXPECT_EQ(value_of("tandem_venue_rest_latency_seconds", {{"venue", "binance"}}),
            "0.000248");
  // Nothing measured yet: no latency series.
  EXPECT_FALSE(
    value_of("tandem_venue_rest_latency_seconds", {{"venue", "upbit"}}));
}

fill fill_of(venue v, side sd, std::string_view qty, std::string_view px,
             std::string_view fee, std::string trade) {
  fill f;
  f.venue = v;
  f.symbol = v == venue::upbit ? "KRW-BTC" : "BTCUSDT";
  f.side = sd;
  f.qty = quantity::must_parse(qty);
  f.px = price::must_parse(px);
  f.fee = money::must_parse(fee);
  f.trade_id = std::move(trade);
  return f;
}

pair_view entry_hedged(std::string id) {
  auto p = pair(std::move(id), arbitrage::pair_kind::entry, "hedged");
  p.fills = {fill_of(venue::upbit, side::buy, "0.002", "100000000", "100", "u1"),
             fill_of(venue::binance, side::sell, "0.002", "70000", "0.056",
                     "b1")};
  return p;
}

pair_view exit_closed(std::string id) {
  auto p = pair(std::move(id), arbitrage::pair_kind::exit, "closed");
  p.fills = {fill_of(venue::upbit, side::sell, "0.002", "100100000", "100.1",
                     "u2"),
             fill_of(venue::binance, side::buy, "0.002", "70010", "0.056",
                     "b2")};
  return p;
}

pair_marks marks() {
  pair_marks m;
  m.upbit_bid_krw = price::must_parse("100050000");
  m.binance_ask_usdt = price::must_parse("70005");
  m.usdt_krw_bid = price::must_parse("1400");
  return m;
}

TEST(control_views, a_round_trip_is_realized_by_the_exit_that_closes_it) {
  round_trips trips;
  // Entry: marked at Upbit bid 100,050,000 and Binance ask 70,005:
  // Upbit 200,100 - 200,000 - 100 = 0; Binance 140 - 140.01 - 0.056 =
  // -0.066 USDT = -92.4 KRW.
  auto open = trips.add(entry_hedged("s1"), marks());
  EXPECT_EQ(open.pair_id, "s1");
  EXPECT_TRUE(open.open);
  EXPECT_EQ(open.pnl_krw, money::must_parse("-92.4"));
  // Exit: Upbit 200,200 - 200,000 - 200.1 = -0.1 KRW; Binance 140 - 140.02
  // - 0.112 = -0.132 USDT = -184.8 KRW; total -184.9 KRW; fees 200.1 +
  // 156.8 KRW.
  auto closed = trips.add(exit_closed("s2"), marks());
  EXPECT_EQ(closed.pair_id, "s1");
  EXPECT_EQ(closed.closed_by, "s2");
  EXPECT_FALSE(closed.open);
  EXPECT_EQ(closed.pnl_krw, money::must_parse("-184.9"));
  EXPECT_EQ(closed.fees_krw, money::must_parse("356.9"));
  // A rolled-back pair stands alone: bought and sold back on Upbit.
  auto rb = pair("s3", arbitrage::pair_kind::entry, "rolled_back");
  rb.fills = {fill_of(venue::upbit, side::buy, "0.002", "100000000", "100",
                      "u3"),
              fill_of(venue::upbit, side::sell, "0.002", "99990000", "99.99",
                      "u4")};
  auto alone = trips.add(rb, pair_marks{}); // no rate needed: Upbit only
  EXPECT_EQ(alone.pair_id, "s3");
  EXPECT_FALSE(alone.open);
  EXPECT_EQ(alone.pnl_krw, money::must_parse("-219.99"));
}

TEST(control_views, an_open_pair_without_quotes_has_no_figure) {
  round_trips trips;
  auto r = trips.add(entry_hedged("s1"), pair_marks{});
  EXPECT_TRUE(r.open);
  EXPECT_FALSE(r.pnl_krw.has_value());
}

TEST(control_views, pairs_and_pnl_show_each_round_trip) {
  std::vector<pair_view> ps{entry_hedged("s1"), exit_closed("s2"),
                            entry_hedged("s3")};
  auto rows = pair_pnls(ps, marks());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].pair_id, "s1");
  EXPECT_EQ(rows[0].closed_by, "s2");
  EXPECT_EQ(rows[0].pnl_krw, money::must_parse("-184.9"));
  EXPECT_EQ(rows[1].pair_id, "s3");
  EXPECT_TRUE(rows[1].open);
  EXPECT_EQ(rows[1].pnl_krw, money::must_parse("-92.4"));

  auto v = pairs_of(ps, marks());
  ASSERT_EQ(v.open.size(), 1u);
  EXPECT_EQ(v.open[0].pair_id, "s3");
  EXPECT_EQ(v.open[0].pnl_krw, money::must_parse("-92.4"));
  ASSERT_EQ(v.recent.size(), 2u);
  EXPECT_EQ(v.recent[0].pair_id, "s2"); // the exit shows its round trip
  EXPECT_EQ(v.recent[0].pnl_krw, money::must_parse("-184.9"));
  EXPECT_EQ(v.recent[1].pair_id, "s1");
  EXPECT_EQ(v.recent[1].pnl_krw, money::must_parse("-184.9"));

  coordinator_stats s;
  s.realized_krw = money::must_parse("-184.9");
  auto pnl = pnl_of(s, price::must_parse("1400"), rows);
  ASSERT_EQ(pnl.pairs.size(), 2u);
  // 356.9 for the closed trip; 100 + 0.056 x 1400 = 178.4 for the open one.
  EXPECT_EQ(pnl.fees_krw, money::must_parse("535.3"));
}

TEST(control_views, orders_are_remembered_with_their_pair) {
  order_pairs op;
  auto a = client_order_id::make("tdm-x-1").value();
  auto b = client_order_id::make("tdm-x-2").value();
  op.remember(a, "tdm-x-s1");
  EXPECT_EQ(op.pair_of(a), "tdm-x-s1");
  EXPECT_EQ(op.pair_of(b), "");
  // The oldest is forgotten after a few thousand.
  for (int i = 0; i < 5000; ++i)
    op.remember(client_order_id::make("tdm-y-" + std::to_string(i)).value(),
                "p");
  EXPECT_EQ(op.pair_of(a), "");
}

TEST(control_views, status_shows_each_venues_rest_latency) {
  status_inputs in;
  venue_status up;
  up.stats.rest_rtt_us = 1234;
  in.upbit = up;
  in.binance = venue_status{}; // answered, nothing measured yet
  auto v = status_of(in);
  EXPECT_EQ(v.venues[0].latency_us, 1234);
  EXPECT_EQ(v.venues[1].latency_us, -1);
  in.upbit.reset(); // did not answer
  EXPECT_EQ(status_of(in).venues[0].latency_us, -1);
}

} // namespace
