// Reconciliation: what the engine adopts, ignores and halts on when the
// journal and the venues disagree after a restart. Every case also replays
// the journal with the report's records appended, to show the records take
// the recovered state to what the venues say.
#include "journal/reconcile.hpp"

#include "tests/journal/fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

namespace {

constexpr const char* upbit_sym = "KRW-BTC";
constexpr const char* binance_sym = "BTCUSDT";

quantity q(const char* s) { return quantity::must_parse(s); }
price px(const char* s) { return price::must_parse(s); }
money m(const char* s) { return money::must_parse(s); }

std::vector<record> numbered(std::vector<payload> ps) {
  std::vector<record> out;
  std::uint64_t seq = 0;
  for (auto& p : ps)
    out.push_back(
      record{++seq, at_ns(static_cast<std::int64_t>(seq)), std::move(p)});
  return out;
}

/// The journal after `history`, then after `history` + the report's records.
recovered_state replay_with(std::vector<record> history,
                            const reconcile_report& rep) {
  auto seq = history.empty() ? 0 : history.back().seq;
  for (const auto& p : rep.records)
    history.push_back(record{++seq, at_ns(static_cast<std::int64_t>(seq)), p});
  return replay(history);
}

instrument upbit_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = upbit_sym;
  i.base = "BTC";
  i.quote = "KRW";
  i.kind = instrument_kind::spot;
  i.tick = tick_rule::upbit_krw();
  i.lot = q("0.00000001");
  return i;
}

instrument binance_btc() {
  instrument i;
  i.venue = venue::binance;
  i.symbol = binance_sym;
  i.base = "BTC";
  i.quote = "USDT";
  i.kind = instrument_kind::perpetual;
  i.tick = tick_rule::fixed(px("0.1"));
  i.lot = q("0.001");
  return i;
}

venues::position_snapshot binance_pos(const char* qty,
                                      std::string sym = binance_sym) {
  venues::position_snapshot p;
  p.venue = venue::binance;
  p.symbol = std::move(sym);
  p.qty = q(qty);
  return p;
}

venues::balance bal(std::string asset, const char* free,
                    const char* locked = "0") {
  return venues::balance{std::move(asset), m(free), m(locked)};
}

/// A binance sell order's venue state.
venues::order_update bn(std::string_view id, order_event e, const char* qty,
                        const char* cum, const char* avg = nullptr) {
  auto u = update(id, venue::binance, binance_sym, e, qty, cum, "bn-1");
  u.side = side::sell;
  if (avg)
    u.avg_px = px(avg);
  return u;
}

struct fixture {
  reconcile_input in;
  venue_snapshot upbit{venue::upbit,
                       {},
                       {},
                       {},
                       std::vector<venues::balance>{},
                       std::vector<venues::position_snapshot>{}};
  venue_snapshot binance{venue::binance,
                         {},
                         {},
                         {},
                         std::vector<venues::balance>{},
                         std::vector<venues::position_snapshot>{}};

  fixture() {
    in.prefix = "tdm";
    in.instruments = {upbit_btc(), binance_btc()};
    in.baselines = {spot_baseline{venue::upbit, "BTC", q("0.5"), true}};
    in.now = at_ns(1'736'000'100'000'000'000);
    upbit.balances->push_back(bal("BTC", "0.5"));
    upbit.balances->push_back(bal("KRW", "10000000"));
  }

  reconcile_report run(const recovered_state& st) {
    in.venues = {upbit, binance};
    auto r = reconcile(st, in);
    EXPECT_TRUE(r) << (r ? "" : r.error().what);
    return r ? std::move(r).value() : reconcile_report{};
  }

  reconcile_failure fail(const recovered_state& st) {
    in.venues = {upbit, binance};
    auto r = reconcile(st, in);
    EXPECT_FALSE(r);
    return r ? reconcile_failure{} : r.error();
  }
};

template<class T>
std::vector<T> actions_of(const reconcile_report& r) {
  std::vector<T> out;
  for (const auto& a : r.actions)
    if (const auto* x = std::get_if<T>(&a))
      out.push_back(*x);
  return out;
}

template<class T>
std::vector<T> records_of(const reconcile_report& r) {
  std::vector<T> out;
  for (const auto& p : r.records)
    if (const auto* x = std::get_if<T>(&p))
      out.push_back(*x);
  return out;
}

std::vector<std::string> note_actions(const reconcile_report& r) {
  std::vector<std::string> out;
  for (const auto& n : records_of<reconcile_note>(r))
    out.push_back(n.action);
  return out;
}

order_intent sell_intent(std::string_view id, const char* qty = "0.01") {
  return intent(id, venue::binance, binance_sym, side::sell, qty, "97000");
}

} // namespace

// -- orders the journal knows ------------------------------------------------

TEST(reconcile, known_order_partially_filled_on_venue_is_adopted) {
  fixture f;
  auto hist = numbered({sell_intent("tdm-s1-1"),
                        bn("tdm-s1-1", order_event::accepted, "0.01", "0")});
  auto st = replay(hist);
  f.binance.open_orders
    = {bn("tdm-s1-1", order_event::partial_fill, "0.01", "0.004", "97000")};
  f.binance.positions->push_back(binance_pos("-0.004"));
  auto rep = f.run(st);

  auto adopted = actions_of<adopt_order>(rep);
  ASSERT_EQ(adopted.size(), 1u);
  EXPECT_EQ(adopted[0].journal_status, order_status::accepted);
  EXPECT_EQ(adopted[0].new_status, order_status::partially_filled);
  EXPECT_EQ(adopted[0].new_fill_qty, q("0.004"));
  // The venue's state and a fill for the quantity the journal lacked.
  auto events = records_of<venues::order_update>(rep);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, order_event::partial_fill);
  EXPECT_EQ(events[0].cum_qty, q("0.004"));
  auto fills = records_of<fill>(rep);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].qty, q("0.004"));
  EXPECT_EQ(fills[0].px, px("97000"));
  EXPECT_EQ(fills[0].side, side::sell);
  EXPECT_EQ(fills[0].order_id, cid("tdm-s1-1"));
  EXPECT_EQ(fills[0].trade_id, "rc:tdm-s1-1:0.004");
  EXPECT_EQ(note_actions(rep), (std::vector<std::string>{"ADOPTED"}));
  EXPECT_FALSE(rep.halt);
  EXPECT_TRUE(rep.alerts.empty());

  auto after = replay_with(hist, rep);
  const auto& o = after.orders.at(cid("tdm-s1-1"));
  EXPECT_EQ(o.status, order_status::partially_filled);
  EXPECT_EQ(o.cum_qty, q("0.004"));
  EXPECT_EQ(o.fills_qty, q("0.004"));
  EXPECT_EQ(after.positions.at({venue::binance, binance_sym}).net_qty(),
            q("-0.004"));
  EXPECT_TRUE(after.issues.empty());
}

TEST(reconcile, known_order_that_agrees_is_left_alone) {
  fixture f;
  auto st
    = replay(numbered({sell_intent("tdm-s1-1"),
                       bn("tdm-s1-1", order_event::accepted, "0.01", "0")}));
  f.binance.open_orders = {bn("tdm-s1-1", order_event::accepted, "0.01", "0")};
  auto rep = f.run(st);
  EXPECT_EQ(rep.matched, 1u);
  EXPECT_TRUE(rep.actions.empty());
  EXPECT_TRUE(records_of<venues::order_update>(rep).empty());
  EXPECT_TRUE(records_of<fill>(rep).empty());
  EXPECT_FALSE(rep.halt);
}

TEST(reconcile, fee_of_a_synthetic_fill_is_estimated_at_the_taker_rate) {
  fixture f;
  f.in.fee_rates[venue::binance] = rate::must_parse("0.0005");
  auto st
    = replay(numbered({sell_intent("tdm-s1-1"),
                       bn("tdm-s1-1", order_event::accepted, "0.01", "0")}));
  f.binance.open_orders
    = {bn("tdm-s1-1", order_event::partial_fill, "0.01", "0.004", "97000")};
  f.binance.positions->push_back(binance_pos("-0.004"));
  auto fills = records_of<fill>(f.run(st));
  ASSERT_EQ(fills.size(), 1u);
  // 0.004 x 97000 = 388 USDT x 0.0005 = 0.194 USDT.
  EXPECT_EQ(fills[0].fee, m("0.194"));
}

TEST(reconcile, fills_beyond_the_last_journaled_one_are_booked_at_the_rest) {
  fixture f;
  auto part
    = bn("tdm-s1-1", order_event::partial_fill, "0.01", "0.004", "97000");
  auto hist
    = numbered({sell_intent("tdm-s1-1"),
                bn("tdm-s1-1", order_event::accepted, "0.01", "0"), part,
                make_fill("tdm-s1-1", "t-1", venue::binance, binance_sym,
                          side::sell, "0.004", "97000")});
  auto st = replay(hist);
  ASSERT_EQ(st.orders.at(cid("tdm-s1-1")).fills_qty, q("0.004"));
  // The venue filled 0.006 more while we were down; its average is 97600.
  f.binance.open_orders
    = {bn("tdm-s1-1", order_event::partial_fill, "0.01", "0.01", "97600")};
  f.binance.open_orders[0].event = order_event::accepted; // open-order list
  f.binance.positions->push_back(binance_pos("-0.01"));
  auto rep = f.run(st);
  auto fills = records_of<fill>(rep);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].qty, q("0.006"));
  // (97600 x 0.01 - 97000 x 0.004) / 0.006 = 98000: our average = venue's.
  EXPECT_EQ(fills[0].px, px("98000"));
  EXPECT_FALSE(rep.halt);
  auto after = replay_with(hist, rep);
  const auto& pos = after.positions.at({venue::binance, binance_sym});
  EXPECT_EQ(pos.net_qty(), q("-0.01"));
  EXPECT_EQ(pos.avg_entry(), px("97600"));
}

TEST(reconcile, order_terminal_on_venue_is_resolved_by_query) {
  fixture f;
  auto hist = numbered({sell_intent("tdm-s1-1"),
                        bn("tdm-s1-1", order_event::accepted, "0.01", "0"),
                        sell_intent("tdm-s1-2"),
                        bn("tdm-s1-2", order_event::accepted, "0.01", "0")});
  auto st = replay(hist);
  // Neither is open any more: one filled, one canceled after 0.002.
  auto ids = orders_to_query(st, venue::binance, f.binance.open_orders);
  EXPECT_EQ(ids, (std::vector{cid("tdm-s1-1"), cid("tdm-s1-2")}));
  f.binance.queried
    = {bn("tdm-s1-1", order_event::fill, "0.01", "0.01", "97000"),
       bn("tdm-s1-2", order_event::canceled, "0.01", "0.002", "97100")};
  f.binance.positions->push_back(binance_pos("-0.012"));
  auto rep = f.run(st);
  auto adopted = actions_of<adopt_order>(rep);
  ASSERT_EQ(adopted.size(), 2u);
  EXPECT_EQ(adopted[0].new_status, order_status::filled);
  EXPECT_EQ(adopted[0].new_fill_qty, q("0.01"));
  EXPECT_EQ(adopted[1].new_status, order_status::canceled);
  EXPECT_EQ(adopted[1].new_fill_qty, q("0.002"));
  EXPECT_FALSE(rep.halt);
  auto after = replay_with(hist, rep);
  EXPECT_EQ(after.orders.at(cid("tdm-s1-1")).status, order_status::filled);
  EXPECT_EQ(after.orders.at(cid("tdm-s1-2")).status, order_status::canceled);
  EXPECT_EQ(after.positions.at({venue::binance, binance_sym}).net_qty(),
            q("-0.012"));
  // Nothing is left to ask the venue about on the next start.
  EXPECT_TRUE(orders_to_query(after, venue::binance, {}).empty());
}

TEST(reconcile, order_the_venue_never_saw_is_rejected_quietly) {
  fixture f;
  auto hist = numbered({sell_intent("tdm-s1-1")}); // crashed before sending
  auto st = replay(hist);
  f.binance.unknown = {cid("tdm-s1-1")};
  auto rep = f.run(st);
  auto absent = actions_of<order_absent>(rep);
  ASSERT_EQ(absent.size(), 1u);
  EXPECT_EQ(absent[0].new_status, order_status::rejected);
  EXPECT_TRUE(rep.alerts.empty());
  EXPECT_EQ(replay_with(hist, rep).orders.at(cid("tdm-s1-1")).status,
            order_status::rejected);
}

TEST(reconcile, live_order_the_venue_forgot_is_canceled_and_alerted) {
  fixture f;
  auto hist = numbered({sell_intent("tdm-s1-1"),
                        bn("tdm-s1-1", order_event::accepted, "0.01", "0")});
  auto st = replay(hist);
  f.binance.unknown = {cid("tdm-s1-1")};
  auto rep = f.run(st);
  auto absent = actions_of<order_absent>(rep);
  ASSERT_EQ(absent.size(), 1u);
  EXPECT_EQ(absent[0].new_status, order_status::canceled);
  ASSERT_EQ(rep.alerts.size(), 1u);
  EXPECT_EQ(rep.alerts[0].severity, alerts::severity::warning);
  EXPECT_EQ(replay_with(hist, rep).orders.at(cid("tdm-s1-1")).status,
            order_status::canceled);
}

TEST(reconcile, purged_terminal_order_books_missing_fills_from_the_journal) {
  fixture f;
  auto done = bn("tdm-s1-1", order_event::fill, "0.01", "0.01", "97000");
  auto hist = numbered({sell_intent("tdm-s1-1"), done,
                        make_fill("tdm-s1-1", "t-1", venue::binance,
                                  binance_sym, side::sell, "0.004", "97000")});
  auto st = replay(hist);
  EXPECT_EQ(orders_to_query(st, venue::binance, {}),
            (std::vector{cid("tdm-s1-1")}));
  f.binance.unknown = {cid("tdm-s1-1")};
  f.binance.positions->push_back(binance_pos("-0.01"));
  auto rep = f.run(st);
  auto fills = records_of<fill>(rep);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].qty, q("0.006"));
  EXPECT_EQ(fills[0].px, px("97000"));
  EXPECT_FALSE(rep.halt);
}

TEST(reconcile, cancel_in_flight_at_the_crash_is_restored_when_still_open) {
  fixture f;
  auto hist
    = numbered({sell_intent("tdm-s1-1"),
                bn("tdm-s1-1", order_event::accepted, "0.01", "0"),
                bn("tdm-s1-1", order_event::cancel_requested, "0.01", "0")});
  auto st = replay(hist);
  ASSERT_EQ(st.orders.at(cid("tdm-s1-1")).status, order_status::pending_cancel);
  f.binance.open_orders = {bn("tdm-s1-1", order_event::accepted, "0.01", "0")};
  auto rep = f.run(st);
  auto events = records_of<venues::order_update>(rep);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, order_event::cancel_rejected);
  EXPECT_EQ(replay_with(hist, rep).orders.at(cid("tdm-s1-1")).status,
            order_status::accepted);
}

TEST(reconcile, journal_terminal_order_still_open_on_venue_is_a_conflict) {
  fixture f;
  auto hist = numbered({sell_intent("tdm-s1-1"),
                        bn("tdm-s1-1", order_event::accepted, "0.01", "0"),
                        bn("tdm-s1-1", order_event::canceled, "0.01", "0")});
  auto st = replay(hist);
  f.binance.open_orders = {bn("tdm-s1-1", order_event::accepted, "0.01", "0")};
  auto rep = f.run(st);
  auto c = actions_of<order_conflict>(rep);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_NE(c[0].what.find("journal says canceled"), std::string::npos);
  EXPECT_TRUE(records_of<venues::order_update>(rep).empty());
  ASSERT_EQ(rep.alerts.size(), 1u);
  EXPECT_EQ(rep.alerts[0].severity, alerts::severity::error);
}

TEST(reconcile, two_open_orders_with_one_client_id_are_a_conflict) {
  fixture f;
  auto st
    = replay(numbered({sell_intent("tdm-s1-1"),
                       bn("tdm-s1-1", order_event::accepted, "0.01", "0")}));
  auto second = bn("tdm-s1-1", order_event::accepted, "0.01", "0");
  second.venue_order_id = "bn-2";
  f.binance.open_orders
    = {bn("tdm-s1-1", order_event::accepted, "0.01", "0"), second};
  auto rep = f.run(st);
  EXPECT_EQ(rep.matched, 1u);
  ASSERT_EQ(actions_of<order_conflict>(rep).size(), 1u);
  EXPECT_EQ(actions_of<order_conflict>(rep)[0].venue_state.venue_order_id,
            "bn-2");
}

TEST(reconcile, journal_order_without_any_answer_fails) {
  fixture f;
  auto st
    = replay(numbered({sell_intent("tdm-s1-1"),
                       bn("tdm-s1-1", order_event::accepted, "0.01", "0")}));
  auto err = f.fail(st); // not open, not queried, not unknown
  EXPECT_NE(err.what.find("tdm-s1-1"), std::string::npos);
  EXPECT_NE(err.what.find("binance"), std::string::npos);
}

// -- orders the journal does not know ----------------------------------------

TEST(reconcile, unknown_order_with_our_prefix_is_adopted_and_alerted) {
  fixture f;
  recovered_state st; // an empty journal
  auto u = update("tdm-zz-9", venue::upbit, upbit_sym,
                  order_event::partial_fill, "0.01", "0.002", "uuid-9");
  u.avg_px = px("143000000");
  f.upbit.open_orders = {u};
  f.upbit.balances = {bal("BTC", "0.502")}; // baseline 0.5 + 0.002 bought
  auto rep = f.run(st);
  auto adopted = actions_of<adopt_unknown_ours>(rep);
  ASSERT_EQ(adopted.size(), 1u);
  EXPECT_EQ(adopted[0].venue_state.id, cid("tdm-zz-9"));
  ASSERT_EQ(rep.alerts.size(), 1u);
  const auto& a = rep.alerts[0];
  EXPECT_EQ(a.severity, alerts::severity::warning);
  EXPECT_NE(a.title.find("did not know"), std::string::npos);
  auto has = [&](std::string_view name, std::string_view value) {
    return std::any_of(a.fields.begin(), a.fields.end(), [&](const auto& fl) {
      return fl.name == name && fl.value == value;
    });
  };
  EXPECT_TRUE(has("client order id", "tdm-zz-9"));
  EXPECT_TRUE(has("venue", "upbit"));
  EXPECT_TRUE(has("filled", "0.002"));
  EXPECT_FALSE(rep.halt);
  EXPECT_EQ(note_actions(rep), (std::vector<std::string>{"UNKNOWN_OURS"}));

  auto after = replay_with({}, rep);
  const auto& o = after.orders.at(cid("tdm-zz-9"));
  EXPECT_FALSE(o.intent);
  EXPECT_EQ(o.status, order_status::partially_filled);
  EXPECT_EQ(o.fills_qty, q("0.002"));
  EXPECT_EQ(after.positions.at({venue::upbit, upbit_sym}).net_qty(),
            q("0.002"));
  EXPECT_TRUE(after.issues.empty());
}

TEST(reconcile, foreign_order_is_ignored_and_only_noted) {
  fixture f;
  recovered_state st;
  auto other = update("web-123", venue::upbit, upbit_sym, order_event::accepted,
                      "0.3", "0", "uuid-w");
  auto no_id = update("x", venue::upbit, upbit_sym, order_event::accepted,
                      "0.1", "0", "uuid-n");
  no_id.id = client_order_id{}; // placed on the website: no identifier
  auto lookalike = update("tdmx-1", venue::upbit, upbit_sym,
                          order_event::accepted, "0.1", "0", "uuid-l");
  f.upbit.open_orders = {other, no_id, lookalike};
  auto rep = f.run(st);
  EXPECT_EQ(actions_of<ignore_foreign>(rep).size(), 3u);
  EXPECT_TRUE(rep.alerts.empty());
  EXPECT_FALSE(rep.halt);
  EXPECT_TRUE(records_of<venues::order_update>(rep).empty());
  EXPECT_TRUE(records_of<fill>(rep).empty());
  auto notes = note_actions(rep);
  EXPECT_EQ(std::count(notes.begin(), notes.end(), "FOREIGN_IGNORED"), 3);
  EXPECT_TRUE(replay_with({}, rep).orders.empty());
}

// -- positions ---------------------------------------------------------------

namespace {

/// A journal with 0.01 BTC sold short on Binance, filled and journaled.
std::vector<record> short_history() {
  return numbered({sell_intent("tdm-s1-1"),
                   bn("tdm-s1-1", order_event::fill, "0.01", "0.01", "97000"),
                   make_fill("tdm-s1-1", "t-1", venue::binance, binance_sym,
                             side::sell, "0.01", "97000")});
}

} // namespace

TEST(reconcile, binance_position_beyond_one_lot_halts_with_the_numbers) {
  fixture f;
  auto st = replay(short_history());
  f.binance.positions->push_back(binance_pos("-0.012"));
  auto rep = f.run(st);
  auto mm = actions_of<position_mismatch>(rep);
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].ours, q("-0.01"));
  EXPECT_EQ(mm[0].venue_qty, q("-0.012"));
  EXPECT_EQ(mm[0].lot, q("0.001"));
  ASSERT_TRUE(rep.halt);
  EXPECT_EQ(rep.halt->trigger, "position_mismatch");
  EXPECT_EQ(rep.halt->detail,
            "binance BTCUSDT ours=-0.01 venue=-0.012 diff=0.002 lot=0.001");
  ASSERT_EQ(rep.alerts.size(), 1u);
  EXPECT_EQ(rep.alerts[0].severity, alerts::severity::critical);
  auto fields = rep.alerts[0].fields;
  auto value = [&](std::string_view name) {
    for (const auto& fl : fields)
      if (fl.name == name)
        return fl.value;
    return std::string{"(missing)"};
  };
  EXPECT_EQ(value("ours"), "-0.01");
  EXPECT_EQ(value("venue's"), "-0.012");
  EXPECT_EQ(value("difference"), "0.002");
  EXPECT_EQ(value("lot"), "0.001");
  EXPECT_EQ(note_actions(rep), (std::vector<std::string>{"POSITION_MISMATCH"}));
}

TEST(reconcile, binance_position_within_one_lot_is_ok) {
  fixture f;
  auto st = replay(short_history());
  f.binance.positions->push_back(binance_pos("-0.011")); // exactly one lot
  auto rep = f.run(st);
  EXPECT_FALSE(rep.halt);
  EXPECT_TRUE(actions_of<position_mismatch>(rep).empty());
  EXPECT_TRUE(rep.alerts.empty());
}

TEST(reconcile, binance_hedge_mode_sides_are_netted) {
  fixture f;
  auto st = replay(short_history());
  f.binance.positions->push_back(binance_pos("0.005"));
  f.binance.positions->push_back(binance_pos("-0.015"));
  EXPECT_FALSE(f.run(st).halt);
}

TEST(reconcile, flat_journal_with_a_venue_position_halts) {
  fixture f;
  recovered_state st;
  f.binance.positions->push_back(binance_pos("-0.01"));
  auto rep = f.run(st);
  ASSERT_TRUE(rep.halt);
  EXPECT_EQ(rep.halt->detail,
            "binance BTCUSDT ours=0 venue=-0.01 diff=0.01 lot=0.001");
}

TEST(reconcile, position_on_a_symbol_we_do_not_trade_halts_at_any_size) {
  fixture f;
  recovered_state st;
  f.binance.positions->push_back(binance_pos("0.001", "ETHUSDT"));
  auto rep = f.run(st);
  ASSERT_TRUE(rep.halt);
  EXPECT_EQ(rep.halt->detail,
            "binance ETHUSDT ours=0 venue=0.001 diff=0.001 lot=0");
}

TEST(reconcile, adopted_fills_count_before_positions_are_compared) {
  fixture f;
  // The journal saw the ack only; the venue filled and holds the short.
  auto st
    = replay(numbered({sell_intent("tdm-s1-1"),
                       bn("tdm-s1-1", order_event::accepted, "0.01", "0")}));
  f.binance.queried
    = {bn("tdm-s1-1", order_event::fill, "0.01", "0.01", "97000")};
  f.binance.positions->push_back(binance_pos("-0.01"));
  auto rep = f.run(st);
  EXPECT_FALSE(rep.halt);
  EXPECT_EQ(actions_of<adopt_order>(rep).size(), 1u);
}

TEST(reconcile, derivatives_venue_without_positions_answer_fails) {
  fixture f;
  f.binance.positions.reset();
  auto err = f.fail(replay(short_history()));
  EXPECT_NE(err.what.find("no positions"), std::string::npos);
}

TEST(reconcile, venue_with_open_journal_orders_but_no_answers_fails) {
  fixture f;
  auto st = replay(short_history());
  f.in.venues = {f.upbit}; // binance never answered
  auto r = reconcile(st, f.in);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().what.find("binance"), std::string::npos);
}

// -- spot balances (Upbit has no positions) ----------------------------------

namespace {

/// A journal with 0.01 BTC bought on Upbit, filled and journaled.
std::vector<record> upbit_buy_history() {
  auto u = update("tdm-b1-1", venue::upbit, upbit_sym, order_event::fill,
                  "0.01", "0.01", "uuid-1");
  u.avg_px = px("143000000");
  return numbered({intent("tdm-b1-1", venue::upbit, upbit_sym, side::buy,
                          "0.01", "143000000"),
                   u,
                   make_fill("tdm-b1-1", "u-1", venue::upbit, upbit_sym,
                             side::buy, "0.01", "143000000", "71500")});
}

} // namespace

TEST(reconcile, upbit_balance_matches_baseline_plus_our_fills) {
  fixture f;
  auto st = replay(upbit_buy_history());
  // 0.51 = 0.5 baseline + 0.01 bought; part of it locked in a sell order.
  f.upbit.balances = {bal("BTC", "0.505", "0.005"), bal("KRW", "1000")};
  auto rep = f.run(st);
  EXPECT_FALSE(rep.halt);
  EXPECT_TRUE(rep.alerts.empty());
  // A baseline read from the journal is not journaled again.
  EXPECT_TRUE(records_of<reconcile_note>(rep).empty());
}

TEST(reconcile, upbit_balance_beyond_one_lot_halts_with_the_baseline) {
  fixture f;
  auto st = replay(upbit_buy_history());
  f.upbit.balances = {bal("BTC", "0.5")}; // our 0.01 is not there
  auto rep = f.run(st);
  auto mm = actions_of<position_mismatch>(rep);
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].symbol, "BTC");
  EXPECT_EQ(mm[0].baseline, q("0.5"));
  ASSERT_TRUE(rep.halt);
  EXPECT_EQ(rep.halt->detail, "upbit BTC ours=0.51 venue=0.5 diff=0.01 "
                              "lot=0.00000001 baseline=0.5");
}

TEST(reconcile, upbit_first_start_journals_the_baseline_it_found) {
  fixture f;
  f.in.baselines.clear();
  f.upbit.balances = {bal("BTC", "0.25", "0.05")};
  recovered_state st;
  auto rep = f.run(st);
  EXPECT_FALSE(rep.halt);
  EXPECT_TRUE(rep.alerts.empty());
  auto notes = records_of<reconcile_note>(rep);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].action, "SPOT_BASELINE");
  // Read back from the journal on the next start.
  auto hist = numbered(rep.records);
  auto found = spot_baselines(hist);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].venue, venue::upbit);
  EXPECT_EQ(found[0].asset, "BTC");
  EXPECT_EQ(found[0].qty, q("0.3"));
  EXPECT_TRUE(found[0].from_journal);
}

TEST(reconcile, configured_starting_inventory_is_checked_and_journaled) {
  fixture f;
  f.in.baselines = {spot_baseline{venue::upbit, "BTC", q("0.2"), false}};
  f.upbit.balances = {bal("BTC", "0.3")};
  recovered_state st;
  auto rep = f.run(st);
  ASSERT_TRUE(rep.halt); // config says 0.2, the account holds 0.3
  EXPECT_EQ(note_actions(rep),
            (std::vector<std::string>{"SPOT_BASELINE", "POSITION_MISMATCH"}));
  auto found = spot_baselines(numbered(rep.records));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].qty, q("0.2"));
}

TEST(reconcile, derived_baseline_with_a_position_is_alerted) {
  fixture f;
  f.in.baselines.clear();
  f.upbit.balances = {bal("BTC", "0.51")};
  auto rep = f.run(replay(upbit_buy_history()));
  EXPECT_FALSE(rep.halt);
  ASSERT_EQ(rep.alerts.size(), 1u);
  EXPECT_NE(rep.alerts[0].title.find("could not verify"), std::string::npos);
  auto found = spot_baselines(numbered(rep.records));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].qty, q("0.5"));
}

TEST(reconcile, spot_venue_without_balances_answer_fails) {
  fixture f;
  f.upbit.balances.reset();
  auto err = f.fail(recovered_state{});
  EXPECT_NE(err.what.find("no balances"), std::string::npos);
}

// -- baseline notes
// ------------------------------------------------------------

TEST(reconcile_baseline, last_note_wins_and_other_notes_are_ignored) {
  auto first = baseline_note({venue::upbit, "BTC", q("0.5"), false}, "first");
  auto second
    = baseline_note({venue::upbit, "BTC", q("0.7"), false}, "operator deposit");
  reconcile_note other{venue::upbit, "BTC", std::nullopt, "ADOPTED", "qty=9"};
  auto recs = numbered({first, other, second});
  auto found = spot_baselines(recs);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].qty, q("0.7"));
  EXPECT_EQ(second.detail, "asset=BTC qty=0.7 source=operator_deposit");
}

TEST(reconcile_baseline, malformed_note_is_not_a_baseline) {
  reconcile_note n{venue::upbit, "BTC", std::nullopt, "SPOT_BASELINE",
                   "asset=BTC qty=abc"};
  EXPECT_FALSE(parse_baseline_note(n));
  n.detail = "qty=0.1";
  EXPECT_FALSE(parse_baseline_note(n));
}

TEST(reconcile, empty_prefix_is_refused) {
  fixture f;
  f.in.prefix.clear();
  auto err = f.fail(recovered_state{});
  EXPECT_NE(err.what.find("prefix"), std::string::npos);
}
