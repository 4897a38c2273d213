// Replay: the recovered orders, positions, open pairs, processed signals and
// halt flag are what the journaled history says.
#include "journal/replay.hpp"

#include "journal/store.hpp"
#include "tests/journal/fixtures.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

namespace {

/// Numbers records 1, 2, ... as the store would.
std::vector<record> numbered(std::vector<payload> ps) {
  std::vector<record> out;
  std::uint64_t seq = 0;
  for (auto& p : ps)
    out.push_back(
      record{++seq, at_ns(static_cast<std::int64_t>(seq)), std::move(p)});
  return out;
}

} // namespace

TEST(journal_replay, order_follows_its_events) {
  auto u1 = update("tdm-a-1", venue::upbit, "KRW-BTC", order_event::accepted,
                   "0.01", "0", "uuid-1");
  auto u2 = update("tdm-a-1", venue::upbit, "KRW-BTC",
                   order_event::partial_fill, "0.01", "0.004");
  u2.avg_px = price::must_parse("143000000");
  auto u3 = update("tdm-a-1", venue::upbit, "KRW-BTC", order_event::fill,
                   "0.01", "0.01");
  auto recs = numbered(
    {intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "0.01", "143000000"),
     u1, u2, u3});
  auto st = replay(recs);
  ASSERT_EQ(st.orders.size(), 1u);
  const auto& o = st.orders.at(cid("tdm-a-1"));
  ASSERT_TRUE(o.intent);
  EXPECT_EQ(o.intent->request.limit_price, price::must_parse("143000000"));
  EXPECT_EQ(o.status, order_status::filled);
  EXPECT_EQ(o.cum_qty, quantity::must_parse("0.01"));
  EXPECT_EQ(o.order_qty, quantity::must_parse("0.01"));
  EXPECT_EQ(o.avg_px, price::must_parse("143000000"));
  EXPECT_EQ(o.venue_order_id, "uuid-1");
  EXPECT_EQ(o.last_seq, 4u);
  EXPECT_EQ(st.last_seq, 4u);
  EXPECT_EQ(st.records, 4u);
  EXPECT_TRUE(st.issues.empty());
}

TEST(journal_replay, intent_without_events_stays_pending_new) {
  auto st = replay(numbered({intent("tdm-a-1", venue::binance, "BTCUSDT",
                                    side::sell, "0.001", "97000")}));
  EXPECT_EQ(st.orders.at(cid("tdm-a-1")).status, order_status::pending_new);
}

TEST(journal_replay, late_ack_keeps_final_state_refused_event_is_an_issue) {
  auto recs = numbered(
    {intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "1", "1"),
     update("tdm-a-1", venue::upbit, "KRW-BTC", order_event::fill, "1", "1"),
     update("tdm-a-1", venue::upbit, "KRW-BTC", order_event::accepted, "1",
            "0"),
     update("tdm-a-1", venue::upbit, "KRW-BTC", order_event::canceled, "1",
            "0")});
  auto st = replay(recs);
  const auto& o = st.orders.at(cid("tdm-a-1"));
  EXPECT_EQ(o.status, order_status::filled);
  EXPECT_EQ(o.cum_qty, quantity::must_parse("1")); // stale 0 ignored
  ASSERT_EQ(st.issues.size(), 1u);
  EXPECT_EQ(st.issues[0].seq, 4u);
  EXPECT_NE(st.issues[0].what.find("canceled in state filled"),
            std::string::npos)
    << st.issues[0].what;
}

TEST(journal_replay, restored_order_with_fills_is_partially_filled) {
  auto recs
    = numbered({intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "1", "1"),
                update("tdm-a-1", venue::upbit, "KRW-BTC",
                       order_event::partial_fill, "1", "0.5"),
                update("tdm-a-1", venue::upbit, "KRW-BTC",
                       order_event::cancel_requested, "1", "0.5"),
                update("tdm-a-1", venue::upbit, "KRW-BTC",
                       order_event::cancel_rejected, "1", "0.5")});
  auto st = replay(recs);
  EXPECT_EQ(st.orders.at(cid("tdm-a-1")).status,
            order_status::partially_filled);
}

TEST(journal_replay, order_known_only_from_the_venue_is_kept_without_intent) {
  auto st
    = replay(numbered({update("tdm-x-9", venue::binance, "BTCUSDT",
                              order_event::accepted, "0.002", "0", "555")}));
  const auto& o = st.orders.at(cid("tdm-x-9"));
  EXPECT_FALSE(o.intent);
  EXPECT_EQ(o.status, order_status::accepted);
  EXPECT_EQ(o.venue, venue::binance);
  EXPECT_EQ(o.venue_order_id, "555");
}

TEST(journal_replay, second_intent_with_one_client_id_is_an_issue) {
  auto recs = numbered(
    {intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "1", "1"),
     intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "2", "1")});
  auto st = replay(recs);
  EXPECT_EQ(st.orders.at(cid("tdm-a-1")).order_qty, quantity::must_parse("1"));
  ASSERT_EQ(st.issues.size(), 1u);
  EXPECT_NE(st.issues[0].what.find("second intent"), std::string::npos);
}

TEST(journal_replay, positions_from_fills_duplicates_dropped) {
  auto recs = numbered(
    {intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "0.03", "1"),
     make_fill("tdm-a-1", "u-1", venue::upbit, "KRW-BTC", side::buy, "0.01",
               "100000000", "500"),
     make_fill("tdm-a-1", "u-2", venue::upbit, "KRW-BTC", side::buy, "0.02",
               "103000000", "1030"),
     // Seen again on the other channel: must not count twice.
     make_fill("tdm-a-1", "u-2", venue::upbit, "KRW-BTC", side::buy, "0.02",
               "103000000", "1030"),
     make_fill("tdm-b-1", "b-1", venue::binance, "BTCUSDT", side::sell, "0.03",
               "70000", "0.84"),
     make_fill("tdm-b-2", "b-2", venue::binance, "BTCUSDT", side::buy, "0.01",
               "69000", "0.28")});
  auto st = replay(recs);
  ASSERT_EQ(st.positions.size(), 2u);
  const auto& up = st.positions.at(position_key{venue::upbit, "KRW-BTC"});
  EXPECT_EQ(up.net_qty(), quantity::must_parse("0.03"));
  EXPECT_EQ(up.avg_entry(), price::must_parse("102000000"));
  EXPECT_EQ(up.fees(), money::must_parse("1530"));
  const auto& bn = st.positions.at(position_key{venue::binance, "BTCUSDT"});
  EXPECT_EQ(bn.net_qty(), quantity::must_parse("-0.02"));
  // (70000 - 69000) x 0.01 = 10 USDT before fees of 1.12.
  EXPECT_EQ(bn.realized_pnl(), money::must_parse("8.88"));
  EXPECT_EQ(st.orders.at(cid("tdm-a-1")).fills_qty,
            quantity::must_parse("0.03"));
  // Duplicate, and two fills for orders without intents.
  ASSERT_EQ(st.issues.size(), 3u);
  EXPECT_NE(st.issues[0].what.find("duplicate fill u-2"), std::string::npos);
}

TEST(journal_replay, open_pairs_until_a_terminal_decision) {
  auto recs = numbered(
    {signal_processed{"sig-1"},
     intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "0.01", "1",
            "pair-1", "sig-1"),
     intent("tdm-a-2", venue::binance, "BTCUSDT", side::sell, "0.01", "1",
            "pair-1", "sig-1"),
     pair_decision{"pair-1", pair_state::hedged, "both legs filled"},
     intent("tdm-a-3", venue::upbit, "KRW-BTC", side::buy, "0.01", "1",
            "pair-2", "sig-2"),
     pair_decision{"pair-2", pair_state::rolled_back, "binance rejected"},
     pair_decision{"pair-3", pair_state::escalated, "rollback failed"}});
  auto st = replay(recs);
  ASSERT_EQ(st.open_pairs.size(), 2u);
  const auto& p1 = st.open_pairs.at("pair-1");
  EXPECT_EQ(p1.signal_id, "sig-1");
  ASSERT_EQ(p1.legs.size(), 2u);
  EXPECT_EQ(p1.legs[0], cid("tdm-a-1"));
  EXPECT_EQ(p1.legs[1], cid("tdm-a-2"));
  ASSERT_TRUE(p1.last_decision);
  EXPECT_EQ(p1.last_decision->state, pair_state::hedged);
  EXPECT_FALSE(st.open_pairs.contains("pair-2"));
  EXPECT_EQ(st.open_pairs.at("pair-3").last_decision->state,
            pair_state::escalated);
}

TEST(journal_replay, processed_signal_ids) {
  auto recs
    = numbered({signal_processed{"sig-1"},
                intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "1", "1",
                       "p", "sig-2"),
                risk_veto{std::nullopt, "", "sig-3", "MAX_NOTIONAL", ""}});
  auto st = replay(recs);
  EXPECT_EQ(st.processed_signals,
            (std::set<std::string, std::less<>>{"sig-1", "sig-2", "sig-3"}));
  EXPECT_FALSE(st.processed_signals.contains("sig-4"));
}

TEST(journal_replay, halt_flag_survives_until_cleared) {
  auto st = replay(numbered({halt_set{"daily loss", "risk"}}));
  EXPECT_TRUE(st.halted);
  EXPECT_EQ(st.halt_reason, "daily loss");
  EXPECT_EQ(st.halt_who, "risk");
  st = replay(numbered(
    {halt_set{"daily loss", "risk"}, halt_cleared{"reviewed", "jisoo"}}));
  EXPECT_FALSE(st.halted);
  st = replay(numbered({halt_set{"a", "risk"}, halt_cleared{"b", "jisoo"},
                        halt_set{"position mismatch", "reconcile"}}));
  EXPECT_TRUE(st.halted);
  EXPECT_EQ(st.halt_reason, "position mismatch");
}

TEST(journal_replay, multiplier_scales_pnl_not_quantity) {
  replay_options opts;
  opts.multiplier = [](venue, std::string_view) {
    return std::int64_t{250};
  };
  auto recs = numbered({make_fill("tdm-l-1", "l-1", venue::ls, "101V3000",
                                  side::buy, "1", "350.5"),
                        make_fill("tdm-l-2", "l-2", venue::ls, "101V3000",
                                  side::sell, "1", "351.5")});
  auto st = replay(recs, opts);
  const auto& p = st.positions.at(position_key{venue::ls, "101V3000"});
  EXPECT_TRUE(p.is_flat());
  EXPECT_EQ(p.realized_pnl(), money::must_parse("250"));
}

TEST(journal_replay, scan_from_store_matches_replay_of_read_all) {
  temp_dir dir;
  auto s = store::open(dir / "journal.db");
  ASSERT_TRUE(s);
  auto all = every_kind();
  ASSERT_TRUE(s->append(all));
  replayer inc;
  ASSERT_TRUE(s->scan(0, [&inc](record&& r) { inc.apply(r); }));
  auto back = s->read_all();
  ASSERT_TRUE(back);
  auto whole = replay(*back);
  EXPECT_EQ(inc.state().last_seq, whole.last_seq);
  EXPECT_EQ(inc.state().orders.size(), whole.orders.size());
  EXPECT_EQ(inc.state().processed_signals, whole.processed_signals);
  EXPECT_EQ(inc.state().halted, whole.halted);
  EXPECT_EQ(whole.last_seq, all.size());
  EXPECT_FALSE(whole.halted); // halt_set then halt_cleared
  EXPECT_TRUE(whole.open_pairs.contains("pair-1")); // escalated
}

TEST(journal_replay, each_fill_keeps_what_it_realized_its_fee_and_time) {
  auto buy = make_fill("tdm-r-1", "r-1", venue::upbit, "KRW-BTC", side::buy,
                       "0.01", "100000000", "500");
  auto sell = make_fill("tdm-r-2", "r-2", venue::upbit, "KRW-BTC", side::sell,
                        "0.01", "98000000", "490");
  sell.ts = buy.ts + std::chrono::minutes{5};
  auto recs = numbered({buy, sell, sell}); // the repeat is dropped
  auto st = replay(recs);
  ASSERT_EQ(st.recent_realized.size(), 2u);
  const auto& a = st.recent_realized[0];
  EXPECT_EQ(a.trade_id, "r-1");
  EXPECT_EQ(a.realized, money::zero());
  EXPECT_EQ(a.fee, money::must_parse("500"));
  const auto& b = st.recent_realized[1];
  EXPECT_EQ(b.venue, venue::upbit);
  EXPECT_EQ(b.symbol, "KRW-BTC");
  EXPECT_EQ(b.realized, money::must_parse("-20000")); // before its fee
  EXPECT_EQ(b.fee, money::must_parse("490"));
  EXPECT_EQ(b.ts, sell.ts);
}

TEST(journal_replay, realized_fills_a_day_older_than_the_newest_are_dropped) {
  // One fill an hour for three days: a restart after the last one is in its
  // day or later, so only the last 24 hours can still count.
  std::vector<payload> ps;
  auto start = at_ns(1'736'000'000'000'000'000);
  for (int h = 0; h < 72; ++h) {
    auto f = make_fill("tdm-h-" + std::to_string(h), "h-" + std::to_string(h),
                       venue::upbit, "KRW-BTC", h % 2 ? side::sell : side::buy,
                       "0.001", "100000000");
    f.ts = start + std::chrono::hours{h};
    ps.push_back(f);
  }
  auto st = replay(numbered(std::move(ps)));
  ASSERT_EQ(st.recent_realized.size(), 25u); // hours 47..71
  EXPECT_EQ(st.recent_realized.front().trade_id, "h-47");
  EXPECT_EQ(st.recent_realized.back().trade_id, "h-71");
  // The positions still come from every fill.
  EXPECT_TRUE(st.positions.at(position_key{venue::upbit, "KRW-BTC"}).is_flat());
}

TEST(journal_replay, parameter_changes_are_kept_in_order) {
  auto recs = numbered(
    {operator_command{"alice", "set_param", "risk.max_open_orders", "10", "5"},
     operator_command{"alice", "pause", "kimchi", "", ""},
     operator_command{"bob", "set_param", "kimchi.entry_bps", "200", "250"}});
  auto st = replay(recs);
  ASSERT_EQ(st.param_changes.size(), 2u);
  EXPECT_EQ(st.param_changes[0].target, "risk.max_open_orders");
  EXPECT_EQ(st.param_changes[0].old_value, "10");
  EXPECT_EQ(st.param_changes[0].new_value, "5");
  EXPECT_EQ(st.param_changes[1].who, "bob");
}
