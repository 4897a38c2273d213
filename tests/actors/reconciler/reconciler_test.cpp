// The reconciler actor under CAF's deterministic test coordinator, with
// scripted venue actors, a recording journal, and scoped actors standing in
// for the alert actor and the emergency stop: what it asks each venue, what
// it journals (durably, in order), alerts and halts, and that a venue that
// does not answer makes the whole reconciliation fail (the engine must not
// trade).
#include "actors/reconciler.hpp"

#include "actors/alert_protocol.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/venue_protocol.hpp"
#include "tests/actors/venue_actor/caf_fixture.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tandem::test {
namespace {

using namespace std::chrono_literals;
using actors::balances_reply;
using actors::order_reply;
using actors::orders_reply;
using actors::positions_reply;

client_order_id cid(std::string_view s) { return *client_order_id::make(s); }
quantity q(const char* s) { return quantity::must_parse(s); }

/// What a fake venue answers; a request whose answer is unset is held and
/// never answered (a venue that went quiet).
struct venue_script {
  tandem::venue venue = venue::binance;
  std::optional<orders_reply> open_orders;
  std::optional<balances_reply> balances;
  std::optional<positions_reply> positions;
  /// Query answers by client id; an id not listed is held.
  std::map<client_order_id, order_reply> queries;
  // What the venue was asked.
  int open_order_requests = 0;
  std::vector<std::string> open_order_symbols;
  std::vector<client_order_id> queried;
  /// Requests held unanswered (kept alive so nothing answers them).
  std::vector<caf::response_promise> held;
};

caf::behavior fake_venue(caf::event_based_actor* self, venue_script* s) {
  auto hold = [=]() {
    s->held.push_back(self->make_response_promise());
    return s->held.back();
  };
  return {
    [=](actors::open_orders_atom,
        const std::string& symbol) -> caf::result<orders_reply> {
      ++s->open_order_requests;
      s->open_order_symbols.push_back(symbol);
      if (s->open_orders)
        return *s->open_orders;
      return hold();
    },
    [=](actors::balances_atom) -> caf::result<balances_reply> {
      if (s->balances)
        return *s->balances;
      return hold();
    },
    [=](actors::positions_atom) -> caf::result<positions_reply> {
      if (s->positions)
        return *s->positions;
      return hold();
    },
    [=](actors::query_atom, const std::string&,
        const client_order_id& id) -> caf::result<order_reply> {
      s->queried.push_back(id);
      auto it = s->queries.find(id);
      if (it != s->queries.end())
        return it->second;
      return hold();
    },
  };
}

/// Records every durable append; refuses them when told to.
struct journal_log {
  std::vector<journal::record> records;
  bool refuse = false;
};

actors::journal_actor::behavior_type
fake_journal(actors::journal_actor::pointer, journal_log* log) {
  return {
    [=](actors::journal_append_atom, journal::record& r) {
      log->records.push_back(std::move(r));
    },
    [=](actors::journal_durable_atom,
        journal::record& r) -> actors::durable_reply {
      if (log->refuse)
        return actors::durable_reply{failure{journal::store_error{
          journal::journal_error::io_error, "/tmp/journal.db", "disk gone"}}};
      log->records.push_back(std::move(r));
      return actors::durable_reply{std::uint64_t{log->records.size()}};
    },
    [=](actors::journal_flush_atom) -> actors::durable_reply {
      return actors::durable_reply{std::uint64_t{log->records.size()}};
    },
    [=](actors::journal_lag_atom) { return std::size_t{0}; },
    [=](actors::journal_stats_atom) { return actors::journal_stats{}; },
    [=](actors::journal_tick_atom, std::uint64_t) {},
  };
}

venues::order_update bn_update(std::string_view id, order_event e,
                               const char* cum, const char* avg = nullptr) {
  venues::order_update u;
  u.venue = venue::binance;
  u.symbol = "BTCUSDT";
  u.id = cid(id);
  u.venue_order_id = "bn-1";
  u.event = e;
  u.side = side::sell;
  u.order_qty = q("0.01");
  u.cum_qty = q(cum);
  if (avg)
    u.avg_px = price::must_parse(avg);
  return u;
}

venues::position_snapshot bn_pos(const char* qty) {
  venues::position_snapshot p;
  p.venue = venue::binance;
  p.symbol = "BTCUSDT";
  p.qty = q(qty);
  return p;
}

/// A journal that saw one Binance sell order accepted, nothing filled.
journal::recovered_state accepted_sell(std::string_view id = "tdm-s1-1") {
  journal::order_intent in;
  in.request.id = cid(id);
  in.request.venue = venue::binance;
  in.request.symbol = "BTCUSDT";
  in.request.side = side::sell;
  in.request.qty = q("0.01");
  in.request.limit_price = price::must_parse("97000");
  std::vector<journal::record> recs{
    journal::record{1, {}, in},
    journal::record{2, {}, bn_update(id, order_event::accepted, "0")}};
  return journal::replay(recs);
}

class reconciler_test : public caf_fixture {
 protected:
  reconciler_test() {
    upbit.venue = venue::upbit;
    upbit.open_orders = orders_reply{std::vector<venues::order_update>{}};
    upbit.balances = balances_reply{std::vector<venues::balance>{
      {"BTC", money::must_parse("0.5"), money{}},
      {"KRW", money::must_parse("1000000"), money{}}}};
    upbit.positions = positions_reply{std::vector<venues::position_snapshot>{}};
    binance.open_orders = orders_reply{std::vector<venues::order_update>{}};
    binance.balances = balances_reply{std::vector<venues::balance>{
      {"USDT", money::must_parse("5000"), money{}}}};
    binance.positions
      = positions_reply{std::vector<venues::position_snapshot>{}};
  }

  ~reconciler_test() override {
    upbit.held.clear();
    binance.held.clear();
    if (jactor)
      caf::anon_send_exit(jactor, caf::exit_reason::kill);
  }

  /// Spawns the venues, the journal and the reconciler.
  caf::actor start() {
    actors::reconciler_config c;
    c.venues = {{venue::upbit, track(sys.spawn(fake_venue, &upbit))},
                {venue::binance, track(sys.spawn(fake_venue, &binance))}};
    jactor = sys.spawn(fake_journal, &jlog);
    c.journal = jactor;
    c.alerts = caf::actor_cast<caf::actor>(alert_sink);
    c.emergency_stop = caf::actor_cast<caf::actor>(estop);
    c.prefix = "tdm";
    instrument ub;
    ub.venue = venue::upbit;
    ub.symbol = "KRW-BTC";
    ub.base = "BTC";
    ub.quote = "KRW";
    ub.kind = instrument_kind::spot;
    ub.lot = q("0.00000001");
    instrument bn;
    bn.venue = venue::binance;
    bn.symbol = "BTCUSDT";
    bn.base = "BTC";
    bn.quote = "USDT";
    bn.kind = instrument_kind::perpetual;
    bn.lot = q("0.001");
    c.instruments = {ub, bn};
    c.baselines = {journal::spot_baseline{venue::upbit, "BTC", q("0.5"), true}};
    c.timeout = timeout;
    c.clock = clock;
    return track(actors::spawn_reconciler(sys, c));
  }

  /// Asks for a reconciliation and runs everything that follows (no
  /// virtual time passes).
  void ask(const caf::actor& rec, journal::recovered_state st) {
    self->send(rec, actors::reconcile_atom::value, std::move(st));
    run();
  }

  std::vector<alerts::alert> alerts_received() {
    std::vector<alerts::alert> out;
    while (auto a = take<alerts::alert>(alert_sink))
      out.push_back(std::move(*a));
    return out;
  }

  static constexpr std::chrono::milliseconds timeout{500};
  venue_script upbit, binance;
  journal_log jlog;
  actors::journal_actor jactor;
  caf::scoped_actor alert_sink{sys};
  caf::scoped_actor estop{sys};
  std::shared_ptr<manual_clock> clock
    = std::make_shared<manual_clock>(timestamp{std::chrono::seconds{1000}});
};

TEST_F(reconciler_test, adopts_a_known_order_and_journals_it_before_replying) {
  auto rec = start();
  // Not open any more: the query says it partly filled, then was canceled.
  binance.queries.insert_or_assign(
    cid("tdm-s1-1"), order_reply{bn_update("tdm-s1-1", order_event::canceled,
                                           "0.004", "97000")});
  binance.positions = positions_reply{std::vector{bn_pos("-0.004")}};
  ask(rec, accepted_sell());

  EXPECT_EQ(binance.open_order_requests, 1);
  EXPECT_EQ(binance.open_order_symbols, (std::vector<std::string>{""}));
  EXPECT_EQ(binance.queried, (std::vector{cid("tdm-s1-1")}));
  EXPECT_TRUE(upbit.queried.empty());

  auto reply = take<actors::reconcile_reply>();
  ASSERT_TRUE(reply);
  ASSERT_TRUE(reply->has_value()) << reply->error().what;
  const auto& rep = reply->value();
  ASSERT_EQ(rep.actions.size(), 1u);
  const auto* a = std::get_if<journal::adopt_order>(&rep.actions[0]);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->new_status, order_status::canceled);
  EXPECT_EQ(a->new_fill_qty, q("0.004"));
  EXPECT_FALSE(rep.halt);
  // Every record reached the journal, in the report's order, stamped now.
  ASSERT_EQ(jlog.records.size(), rep.records.size());
  ASSERT_GE(jlog.records.size(), 2u);
  for (std::size_t i = 0; i < jlog.records.size(); ++i) {
    EXPECT_EQ(jlog.records[i].body.index(), rep.records[i].index());
    EXPECT_EQ(jlog.records[i].ts, clock->now());
  }
  const auto* f = std::get_if<fill>(&jlog.records[1].body);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->qty, q("0.004"));
  EXPECT_TRUE(alerts_received().empty());
  EXPECT_FALSE(take<actors::halt_request>(estop));
}

TEST_F(reconciler_test, unknown_ours_is_adopted_and_alerted_foreign_is_not) {
  auto rec = start();
  auto ours = bn_update("tdm-zz-9", order_event::accepted, "0");
  auto foreign = bn_update("manual-1", order_event::accepted, "0");
  binance.open_orders = orders_reply{std::vector{ours, foreign}};
  ask(rec, journal::recovered_state{});

  auto reply = take<actors::reconcile_reply>();
  ASSERT_TRUE(reply && reply->has_value());
  std::vector<std::string> names;
  for (const auto& a : reply->value().actions)
    names.emplace_back(journal::action_name(a));
  EXPECT_EQ(names,
            (std::vector<std::string>{"adopt_unknown_ours", "ignore_foreign"}));
  auto got = alerts_received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].title.find("did not know"), std::string::npos);
  // The adopted order is journaled; the foreign one only as a note.
  std::size_t events = 0;
  for (const auto& r : jlog.records)
    if (const auto* u = std::get_if<venues::order_update>(&r.body)) {
      ++events;
      EXPECT_EQ(u->id, cid("tdm-zz-9"));
    }
  EXPECT_EQ(events, 1u);
}

TEST_F(reconciler_test, position_mismatch_halts_with_the_numbers) {
  auto rec = start();
  binance.open_orders = orders_reply{
    std::vector{bn_update("tdm-s1-1", order_event::accepted, "0")}};
  binance.positions = positions_reply{std::vector{bn_pos("-0.01")}};
  ask(rec, accepted_sell()); // the journal holds no position

  std::optional<actors::halt_request> halt;
  estop->receive(
    [&](actors::halt_atom, actors::halt_request& r) {
      halt = r;
      actors::halt_state s;
      s.halted = true;
      return s;
    },
    caf::after(0s) >> [] {});
  ASSERT_TRUE(halt);
  EXPECT_EQ(halt->trigger, "position_mismatch");
  EXPECT_EQ(halt->detail,
            "binance BTCUSDT ours=0 venue=-0.01 diff=0.01 lot=0.001");
  EXPECT_EQ(halt->who, "reconcile");
  auto got = alerts_received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].severity, alerts::severity::critical);
  run();
  auto reply = take<actors::reconcile_reply>();
  ASSERT_TRUE(reply && reply->has_value());
  ASSERT_TRUE(reply->value().halt);
  EXPECT_EQ(reply->value().matched, 1u);
}

TEST_F(reconciler_test, venue_that_does_not_answer_fails_the_reconciliation) {
  auto rec = start();
  binance.positions.reset(); // never answers
  binance.open_orders = orders_reply{
    std::vector{bn_update("tdm-s1-1", order_event::accepted, "0")}};
  ask(rec, accepted_sell());
  EXPECT_FALSE(take<actors::reconcile_reply>()) << "still waiting";
  advance(timeout);
  auto reply = take<actors::reconcile_reply>();
  ASSERT_TRUE(reply);
  ASSERT_FALSE(reply->has_value());
  EXPECT_EQ(reply->error().what, "binance positions: no answer within 500 ms");
  EXPECT_TRUE(jlog.records.empty()) << "nothing journaled on a failed run";
  auto got = alerts_received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].severity, alerts::severity::critical);
  EXPECT_EQ(got[0].summary, reply->error().what);
}

TEST_F(reconciler_test, unanswered_query_fails_the_reconciliation) {
  auto rec = start();
  ask(rec, accepted_sell()); // not open; the query is never answered
  EXPECT_EQ(binance.queried, (std::vector{cid("tdm-s1-1")}));
  advance(timeout);
  auto reply = take<actors::reconcile_reply>();
  ASSERT_TRUE(reply && !reply->has_value());
  EXPECT_EQ(reply->error().what,
            "binance query of tdm-s1-1: no answer within 500 ms");
}

TEST_F(reconciler_test, venue_refusal_fails_with_the_venues_reason) {
  auto rec = start();
  upbit.open_orders = orders_reply{failure{
    venues::venue_failure{venues::venue_error::auth_failed,
                          "upbit 401 invalid_access_key", std::nullopt}}};
  ask(rec, journal::recovered_state{});
  auto reply = take<actors::reconcile_reply>();
  ASSERT_TRUE(reply && !reply->has_value());
  EXPECT_NE(reply->error().what.find("upbit open orders failed"),
            std::string::npos);
  EXPECT_NE(reply->error().what.find("invalid_access_key"), std::string::npos);
}

TEST_F(reconciler_test, query_answered_unknown_order_resolves_as_absent) {
  auto rec = start();
  binance.queries.insert_or_assign(cid("tdm-s1-1"),
                                   order_reply{failure{venues::venue_failure{
                                     venues::venue_error::unknown_order,
                                     "binance code=-2013", std::nullopt}}});
  ask(rec, accepted_sell());
  auto reply = take<actors::reconcile_reply>();
  ASSERT_TRUE(reply && reply->has_value()) << reply->error().what;
  ASSERT_EQ(reply->value().actions.size(), 1u);
  const auto* a
    = std::get_if<journal::order_absent>(&reply->value().actions[0]);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->new_status, order_status::canceled);
}

TEST_F(reconciler_test, journal_refusal_fails_the_reconciliation) {
  auto rec = start();
  jlog.refuse = true;
  binance.open_orders = orders_reply{
    std::vector{bn_update("manual-1", order_event::accepted, "0")}};
  ask(rec, journal::recovered_state{});
  auto reply = take<actors::reconcile_reply>();
  ASSERT_TRUE(reply && !reply->has_value());
  EXPECT_NE(reply->error().what.find("journal refused"), std::string::npos);
}

TEST_F(reconciler_test, second_request_while_running_is_refused) {
  auto rec = start();
  binance.balances.reset(); // keeps the first run waiting
  ask(rec, journal::recovered_state{});
  ask(rec, journal::recovered_state{});
  auto second = take<actors::reconcile_reply>();
  ASSERT_TRUE(second && !second->has_value());
  EXPECT_EQ(second->error().what, "a reconciliation is already running");
  advance(timeout);
  auto first = take<actors::reconcile_reply>();
  ASSERT_TRUE(first && !first->has_value());
  EXPECT_EQ(first->error().what, "binance balances: no answer within 500 ms");
  // Finished (failed): a new run may start and succeeds once all answer.
  binance.balances = balances_reply{std::vector<venues::balance>{}};
  ask(rec, journal::recovered_state{});
  auto third = take<actors::reconcile_reply>();
  ASSERT_TRUE(third && third->has_value()) << third->error().what;
}

} // namespace
} // namespace tandem::test
