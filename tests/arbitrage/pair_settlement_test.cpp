#include "arbitrage/pair_settlement.hpp"

#include "tests/arbitrage/fixtures.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::arbitrage;
using namespace tandem::arbitrage::test;
using ve = tandem::venues::venue_error;

namespace {

const order_ref up = upbit_leg;
const order_ref bn = binance_leg;

pair_settlement machine(pair_kind k = pair_kind::entry, const char* q = "0.002",
                        const char* held = "0", settlement_policy p = {}) {
  auto spec = kimchi_pair("tdm-1-s1", k, qty(q), qty(held), qty("0.00000001"),
                          qty("0.001"));
  EXPECT_TRUE(spec);
  auto m = pair_settlement::make(*spec, p);
  EXPECT_TRUE(m);
  return *m;
}

/// Applies `e` and returns the actions as "a; b".
std::string run(pair_settlement& m, const settle_event& e) {
  auto r = m.on(e);
  EXPECT_TRUE(r);
  if (!r)
    return "error " + std::string{to_string(r.error())};
  std::string out;
  for (const auto& a : *r)
    out += (out.empty() ? "" : "; ") + describe(a);
  return out;
}

leg_fill fill_ev(order_ref r, const char* q, const char* p = "100") {
  return leg_fill{r, qty(q), px(p)};
}

leg_done done(order_ref r, const char* cum) { return leg_done{r, qty(cum)}; }

/// Fills `q` and finishes the order with `q` in total.
void fill_all(pair_settlement& m, order_ref r, const char* q) {
  run(m, fill_ev(r, q));
  run(m, done(r, q));
}

leg_query_result answer(order_ref r, order_event ev, const char* cum) {
  venues::order_update u;
  u.event = ev;
  u.cum_qty = qty(cum);
  if (ev == order_event::rejected)
    u.reason = ve::insufficient_funds;
  return leg_query_result{r, u};
}

} // namespace

// -- both legs answer --------------------------------------------------------

TEST(arbitrage_pair_settlement, both_filled_is_hedged) {
  auto m = machine();
  EXPECT_EQ(m.status(), settlement_status::settling);
  EXPECT_EQ(run(m, leg_accepted{up}), "wait");
  EXPECT_EQ(run(m, fill_ev(up, "0.002")), "wait");
  EXPECT_EQ(run(m, done(up, "0.002")), "wait"); // Binance still out
  EXPECT_EQ(run(m, fill_ev(bn, "0.001")), "wait");
  EXPECT_EQ(run(m, fill_ev(bn, "0.001")), "wait");
  EXPECT_EQ(run(m, done(bn, "0.002")), "settled_hedged 0.002 residual=0");
  EXPECT_EQ(m.status(), settlement_status::hedged);
  EXPECT_EQ(m.hedged_qty(), qty("0.002"));
  EXPECT_EQ(m.corrections(), 0);
  // A repeated final answer changes nothing and says nothing.
  EXPECT_EQ(run(m, done(bn, "0.002")), "");
}

TEST(arbitrage_pair_settlement, both_refused_is_flat_without_orders) {
  auto m = machine();
  EXPECT_EQ(run(m, leg_rejected{up, ve::insufficient_funds}), "wait");
  EXPECT_EQ(run(m, leg_rejected{bn, ve::market_closed}),
            "settled_flat residual=0");
  EXPECT_EQ(m.status(), settlement_status::flat);
}

TEST(arbitrage_pair_settlement, ioc_legs_that_fill_nothing_are_flat) {
  auto m = machine();
  run(m, done(up, "0"));
  EXPECT_EQ(run(m, done(bn, "0")), "settled_flat residual=0");
}

// -- one leg fails -----------------------------------------------------------

TEST(arbitrage_pair_settlement, binance_refused_upbit_filled_unwinds_upbit) {
  auto m = machine();
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, leg_rejected{bn, ve::insufficient_funds}),
            "unwind #2 upbit sell 0.002");
  EXPECT_EQ(m.exposure(), qty("0.002"));
  EXPECT_EQ(run(m, leg_accepted{2}), "wait");
  EXPECT_EQ(run(m, fill_ev(2, "0.002")), "wait");
  EXPECT_EQ(run(m, done(2, "0.002")), "settled_flat residual=0");
  EXPECT_EQ(m.status(), settlement_status::flat);
  EXPECT_EQ(m.orders().at(2).kind, correction_kind::unwind);
}

TEST(arbitrage_pair_settlement,
     upbit_refused_binance_filled_unwinds_reduce_only) {
  auto m = machine();
  run(m, leg_rejected{up, ve::insufficient_funds});
  fill_all(m, bn, "0.002"); // the unwind is asked for on the final answer
  EXPECT_EQ(m.orders().size(), 3u);
  EXPECT_EQ(m.orders().at(2).venue, venue::binance);
  EXPECT_EQ(m.orders().at(2).side, side::buy);
  EXPECT_TRUE(m.orders().at(2).reduce_only);
  EXPECT_EQ(run(m, done(2, "0.002")), "settled_flat residual=0");
}

TEST(arbitrage_pair_settlement, the_unwind_waits_for_the_other_legs_answer) {
  auto m = machine();
  EXPECT_EQ(run(m, leg_rejected{bn, ve::insufficient_funds}), "wait");
  EXPECT_EQ(run(m, fill_ev(up, "0.002")), "wait"); // more may still fill
  EXPECT_EQ(run(m, done(up, "0.002")), "unwind #2 upbit sell 0.002");
}

// -- unequal partial fills ---------------------------------------------------

TEST(arbitrage_pair_settlement, unequal_partials_unwind_the_difference) {
  auto m = machine(pair_kind::entry, "0.003");
  fill_all(m, up, "0.00234567");
  EXPECT_EQ(run(m, done(bn, "0.001")), "unwind #2 upbit sell 0.00134567");
  EXPECT_EQ(run(m, done(2, "0.00134567")), "settled_hedged 0.001 residual=0");
  EXPECT_EQ(m.hedged_qty(), qty("0.001"));
}

TEST(arbitrage_pair_settlement, binance_excess_unwinds_down_to_its_lot) {
  auto m = machine(pair_kind::entry, "0.002");
  run(m, done(up, "0.0005"));
  // E = 0.0005 - 0.002 = -0.0015: buy 0.001 back on Binance (its lot).
  EXPECT_EQ(run(m, done(bn, "0.002")),
            "unwind #2 binance buy 0.001 reduce_only");
  // E = -0.0005: inside one lot. 0.0005 hedged is under a lot: flat.
  EXPECT_EQ(run(m, done(2, "0.001")), "settled_flat residual=-0.0005");
}

TEST(arbitrage_pair_settlement, within_one_lot_settles_without_orders) {
  auto m = machine();
  run(m, done(up, "0.0015"));
  EXPECT_EQ(run(m, done(bn, "0.002")),
            "settled_hedged 0.0015 residual=-0.0005");
}

TEST(arbitrage_pair_settlement, exactly_one_lot_apart_is_corrected) {
  auto m = machine();
  run(m, done(up, "0.002"));
  EXPECT_EQ(run(m, done(bn, "0.001")), "unwind #2 upbit sell 0.001");
}

TEST(arbitrage_pair_settlement, entry_top_up_policy_tops_up_the_short_leg) {
  settlement_policy p;
  p.entry_fix = imbalance_fix::top_up;
  auto m = machine(pair_kind::entry, "0.002", "0", p);
  run(m, done(up, "0.002"));
  EXPECT_EQ(run(m, done(bn, "0.001")), "top_up #2 binance sell 0.001");
  EXPECT_EQ(run(m, done(2, "0.001")), "settled_hedged 0.002 residual=0");
}

TEST(arbitrage_pair_settlement, a_missed_unwind_is_tried_again_then_escalates) {
  auto m = machine();
  run(m, done(up, "0.002"));
  EXPECT_EQ(run(m, done(bn, "0")), "unwind #2 upbit sell 0.002");
  // The IOC unwind found no bid at its price: try again (bounded).
  EXPECT_EQ(run(m, done(2, "0")), "unwind #3 upbit sell 0.002");
  EXPECT_EQ(run(m, done(3, "0.001")), "unwind #4 upbit sell 0.001");
  auto last = run(m, done(4, "0"));
  EXPECT_EQ(last, "escalate: pair tdm-1-s1: rollback failed after 3 "
                  "corrections; exposure=0.001 BTC");
  EXPECT_EQ(m.status(), settlement_status::escalated);
}

// -- answers that never came -------------------------------------------------

TEST(arbitrage_pair_settlement, timeout_query_found_filled_is_hedged) {
  auto m = machine();
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, leg_timed_out{bn}), "query #1 binance");
  EXPECT_EQ(m.orders().at(bn).status, tracked_order::state::unknown);
  EXPECT_EQ(run(m, answer(bn, order_event::fill, "0.002")),
            "settled_hedged 0.002 residual=0");
}

TEST(arbitrage_pair_settlement, timeout_query_found_rejected_unwinds) {
  auto m = machine();
  fill_all(m, up, "0.002");
  run(m, leg_timed_out{bn});
  EXPECT_EQ(run(m, answer(bn, order_event::rejected, "0")),
            "unwind #2 upbit sell 0.002");
  EXPECT_EQ(m.orders().at(bn).rejected, ve::insufficient_funds);
}

TEST(arbitrage_pair_settlement, still_open_after_timeout_is_cancelled) {
  auto m = machine();
  fill_all(m, up, "0.002");
  run(m, leg_timed_out{bn});
  EXPECT_EQ(run(m, answer(bn, order_event::partial_fill, "0.001")),
            "cancel #1 binance");
  EXPECT_EQ(run(m, done(bn, "0.001")), "unwind #2 upbit sell 0.001");
}

TEST(arbitrage_pair_settlement, an_order_that_will_not_cancel_escalates) {
  auto m = machine();
  run(m, leg_timed_out{bn});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(run(m, answer(bn, order_event::accepted, "0")),
              "cancel #1 binance");
    EXPECT_EQ(run(m, leg_timed_out{bn}), "query #1 binance");
  }
  auto r = run(m, answer(bn, order_event::accepted, "0"));
  EXPECT_EQ(r.rfind("escalate: pair tdm-1-s1: binance #1 still open after 3 "
                    "cancels",
                    0),
            0u)
    << r;
}

TEST(arbitrage_pair_settlement, unanswered_queries_are_bounded_then_escalate) {
  auto m = machine();
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, leg_timed_out{bn}), "query #1 binance");
  EXPECT_EQ(run(m, leg_query_failed{bn, ve::server_error}), "query #1 binance");
  EXPECT_EQ(run(m, leg_timed_out{bn}), "query #1 binance"); // query lost
  EXPECT_EQ(run(m, leg_query_failed{bn, ve::rate_limited}),
            "escalate: pair tdm-1-s1: no answer for binance #1 after 3 "
            "queries; exposure=0.002 BTC");
  EXPECT_EQ(m.status(), settlement_status::escalated);
}

TEST(arbitrage_pair_settlement, unknown_order_repeatedly_means_never_placed) {
  auto m = machine();
  fill_all(m, up, "0.002");
  run(m, leg_timed_out{bn});
  EXPECT_EQ(run(m, leg_query_failed{bn, ve::unknown_order}),
            "query #1 binance");
  EXPECT_EQ(run(m, leg_query_failed{bn, ve::unknown_order}),
            "query #1 binance");
  EXPECT_EQ(run(m, leg_query_failed{bn, ve::unknown_order}),
            "unwind #2 upbit sell 0.002");
  EXPECT_EQ(m.orders().at(bn).rejected, ve::unknown_order);
}

TEST(arbitrage_pair_settlement, answers_that_say_nothing_are_queried) {
  auto m = machine();
  EXPECT_EQ(run(m, leg_rejected{bn, ve::outcome_unknown}), "query #1 binance");
  EXPECT_EQ(run(m, leg_rejected{up, ve::duplicate_client_id}),
            "query #0 upbit");
  run(m, answer(up, order_event::fill, "0.002"));
  EXPECT_EQ(run(m, answer(bn, order_event::fill, "0.002")),
            "settled_hedged 0.002 residual=0");
}

TEST(arbitrage_pair_settlement, an_answer_after_a_timeout_is_used) {
  auto m = machine();
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, leg_timed_out{bn}), "query #1 binance");
  EXPECT_EQ(run(m, leg_accepted{bn}), "wait");
  EXPECT_EQ(run(m, fill_ev(bn, "0.002")), "wait");
  EXPECT_EQ(run(m, done(bn, "0.002")), "settled_hedged 0.002 residual=0");
  // The query's answer arrives late and agrees: nothing new.
  EXPECT_EQ(run(m, answer(bn, order_event::fill, "0.002")), "");
}

// -- retries -----------------------------------------------------------------

TEST(arbitrage_pair_settlement, transient_refusal_is_retried_where_configured) {
  settlement_policy p;
  p.max_leg_retries = 1;
  auto m = machine(pair_kind::entry, "0.002", "0", p);
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, leg_rejected{bn, ve::rate_limited}),
            "retry_leg #2 binance sell 0.002");
  EXPECT_EQ(run(m, done(2, "0.002")), "settled_hedged 0.002 residual=0");
}

TEST(arbitrage_pair_settlement, retries_are_bounded_then_unwind) {
  settlement_policy p;
  p.max_leg_retries = 1;
  auto m = machine(pair_kind::entry, "0.002", "0", p);
  fill_all(m, up, "0.002");
  run(m, leg_rejected{bn, ve::server_error});
  EXPECT_EQ(run(m, leg_rejected{2, ve::server_error}),
            "unwind #3 upbit sell 0.002");
}

TEST(arbitrage_pair_settlement, lasting_refusals_and_defaults_never_retry) {
  settlement_policy p;
  p.max_leg_retries = 2;
  auto m = machine(pair_kind::entry, "0.002", "0", p);
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, leg_rejected{bn, ve::insufficient_funds}),
            "unwind #2 upbit sell 0.002");
  auto d = machine(); // default policy: max_leg_retries = 0
  fill_all(d, up, "0.002");
  EXPECT_EQ(run(d, leg_rejected{bn, ve::rate_limited}),
            "unwind #2 upbit sell 0.002");
}

TEST(arbitrage_pair_settlement, a_refused_retry_falls_back_to_unwind) {
  settlement_policy p;
  p.max_leg_retries = 2;
  auto m = machine(pair_kind::entry, "0.002", "0", p);
  fill_all(m, up, "0.002");
  run(m, leg_rejected{bn, ve::rate_limited});
  EXPECT_EQ(run(m, leg_rejected{2, ve::insufficient_funds}),
            "unwind #3 upbit sell 0.002");
}

// -- failed rollback ---------------------------------------------------------

TEST(arbitrage_pair_settlement, a_refused_unwind_escalates) {
  auto m = machine();
  fill_all(m, up, "0.002");
  run(m, leg_rejected{bn, ve::insufficient_funds});
  EXPECT_EQ(run(m, leg_rejected{2, ve::insufficient_funds}),
            "escalate: pair tdm-1-s1: unwind upbit #2 refused: "
            "INSUFFICIENT_FUNDS; exposure=0.002 BTC");
  EXPECT_EQ(m.status(), settlement_status::escalated);
  // Escalated is final: facts are kept, nothing more is asked.
  EXPECT_EQ(run(m, fill_ev(2, "0.002")), "");
  EXPECT_EQ(m.exposure(), qty("0"));
  EXPECT_EQ(m.status(), settlement_status::escalated);
}

TEST(arbitrage_pair_settlement, a_transiently_refused_unwind_is_tried_again) {
  auto m = machine();
  fill_all(m, up, "0.002");
  run(m, leg_rejected{bn, ve::insufficient_funds});
  EXPECT_EQ(run(m, leg_rejected{2, ve::rate_limited}),
            "unwind #3 upbit sell 0.002");
}

// -- exits use the same machine ----------------------------------------------

TEST(arbitrage_pair_settlement, exit_both_filled_is_flat) {
  auto m = machine(pair_kind::exit, "0.002", "0.002");
  EXPECT_TRUE(m.orders().at(bn).reduce_only);
  EXPECT_EQ(m.orders().at(up).side, side::sell);
  EXPECT_EQ(m.orders().at(bn).side, side::buy);
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, done(bn, "0.002")), "settled_flat residual=0");
}

TEST(arbitrage_pair_settlement, exit_with_binance_refused_tops_up_the_close) {
  auto m = machine(pair_kind::exit, "0.002", "0.002");
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, leg_rejected{bn, ve::rejected_other}),
            "top_up #2 binance buy 0.002 reduce_only");
  EXPECT_EQ(run(m, done(2, "0.002")), "settled_flat residual=0");
}

TEST(arbitrage_pair_settlement, exit_both_refused_stays_hedged) {
  auto m = machine(pair_kind::exit, "0.002", "0.003");
  run(m, leg_rejected{up, ve::market_closed});
  EXPECT_EQ(run(m, leg_rejected{bn, ve::market_closed}),
            "settled_hedged 0.003 residual=0");
}

TEST(arbitrage_pair_settlement, exit_partial_close_leaves_the_rest_hedged) {
  auto m = machine(pair_kind::exit, "0.002", "0.002");
  run(m, done(up, "0.001"));
  EXPECT_EQ(run(m, done(bn, "0.001")), "settled_hedged 0.001 residual=0");
}

TEST(arbitrage_pair_settlement, exit_unwind_policy_rolls_back_to_hedged) {
  settlement_policy p;
  p.exit_fix = imbalance_fix::unwind;
  auto m = machine(pair_kind::exit, "0.002", "0.002", p);
  fill_all(m, up, "0.002");
  EXPECT_EQ(run(m, leg_rejected{bn, ve::rejected_other}),
            "unwind #2 upbit buy 0.002");
  EXPECT_EQ(run(m, done(2, "0.002")), "settled_hedged 0.002 residual=0");
}

// -- late facts, bad input ---------------------------------------------------

TEST(arbitrage_pair_settlement, a_late_fill_reopens_a_settled_pair) {
  auto m = machine();
  run(m, done(up, "0"));
  EXPECT_EQ(run(m, done(bn, "0")), "settled_flat residual=0");
  EXPECT_EQ(run(m, fill_ev(up, "0.002")), "unwind #2 upbit sell 0.002");
  EXPECT_EQ(m.status(), settlement_status::settling);
  EXPECT_EQ(run(m, done(2, "0.002")), "settled_flat residual=0");
}

TEST(arbitrage_pair_settlement, bad_events_are_errors_without_change) {
  auto m = machine();
  auto r = m.on(leg_accepted{7});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), arbitrage_error::unknown_order_ref);
  auto z = m.on(leg_fill{up, qty("0"), px("1")});
  ASSERT_FALSE(z);
  EXPECT_EQ(z.error(), arbitrage_error::bad_event);
  auto p = m.on(leg_fill{up, qty("1"), px("0")});
  ASSERT_FALSE(p);
  auto d = m.on(leg_done{up, qty("-1")});
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error(), arbitrage_error::bad_event);
  EXPECT_EQ(m.exposure(), qty("0"));
  EXPECT_EQ(m.orders().at(up).status, tracked_order::state::in_flight);
}

TEST(arbitrage_pair_settlement, make_refuses_bad_specs_and_policies) {
  auto spec = *kimchi_pair("p", pair_kind::entry, qty("0.002"), qty("0"),
                           qty("0.00000001"), qty("0.001"));
  EXPECT_EQ(spec.tolerance, qty("0.001"));
  EXPECT_EQ(spec.binance.reduce_only_side, side::buy);
  EXPECT_FALSE(spec.upbit.reduce_only_side);
  auto s = spec;
  s.tolerance = qty("0.0005"); // below Binance's lot: could never settle
  EXPECT_EQ(pair_settlement::make(s).error(), arbitrage_error::bad_params);
  s = spec;
  s.qty = qty("0");
  EXPECT_EQ(pair_settlement::make(s).error(), arbitrage_error::bad_params);
  s = spec;
  s.binance.side = side::buy; // both legs buying is not a pair
  EXPECT_EQ(pair_settlement::make(s).error(), arbitrage_error::bad_params);
  settlement_policy p;
  p.max_queries = 0;
  EXPECT_EQ(pair_settlement::make(spec, p).error(),
            arbitrage_error::bad_params);
  EXPECT_FALSE(kimchi_pair("p", pair_kind::entry, qty("1"), qty("0"), qty("0"),
                           qty("0.001")));
}

TEST(arbitrage_pair_settlement, transient_classification) {
  EXPECT_TRUE(is_transient(ve::rate_limited));
  EXPECT_TRUE(is_transient(ve::server_error));
  EXPECT_TRUE(is_transient(ve::timestamp_outside_window));
  EXPECT_FALSE(is_transient(ve::insufficient_funds));
  EXPECT_FALSE(is_transient(ve::reduce_only_rejected));
  EXPECT_FALSE(is_transient(ve::outcome_unknown)); // queried, not retried
}
