#include "actors/reconciler.hpp"

#include "actors/alert_protocol.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/venue_protocol.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

#include <utility>

namespace tandem::actors {
namespace {

/// One reconciliation in progress. Replies that come after it finished
/// (a failure, or a late answer after a timeout) find `done` set.
struct run_state {
  journal::recovered_state state;
  caf::typed_response_promise<reconcile_reply> promise;
  std::map<tandem::venue, journal::venue_snapshot> snaps;
  /// Venue requests (then journal appends) still unanswered.
  std::size_t pending = 0;
  bool done = false;
  journal::reconcile_report report;
};

using run_ptr = std::shared_ptr<run_state>;

struct reconciler_state {
  reconciler_config cfg;
  /// The run in progress, if any.
  run_ptr current;
  static inline const char* name = "reconciler";
};

using self_ptr = caf::stateful_actor<reconciler_state>*;

timestamp now_of(const reconciler_state& st) {
  return st.cfg.clock ? st.cfg.clock->now() : system_clock_source{}.now();
}

std::string venue_name(tandem::venue v) { return std::string{to_string(v)}; }

std::string describe(const venues::venue_failure& f) {
  std::string s{venues::to_string(f.code)};
  if (!f.detail.empty())
    s += " (" + f.detail + ")";
  return s;
}

std::string describe(const caf::error& e, std::chrono::milliseconds timeout) {
  if (e == caf::sec::request_timeout)
    return "no answer within " + std::to_string(timeout.count()) + " ms";
  return "failed: " + caf::to_string(e);
}

void send_alert(self_ptr self, alerts::alert a) {
  TLOG_WARN("reconcile.alert", "severity={} title=\"{}\"",
            alerts::to_string(a.severity), a.title);
  if (self->state.cfg.alerts)
    self->send(self->state.cfg.alerts, std::move(a));
}

/// Ends the run with a failure: reply, alert, never trade.
void fail(self_ptr self, const run_ptr& run, std::string what) {
  if (run->done)
    return;
  run->done = true;
  TLOG_ERROR("reconcile.failed", "what=\"{}\"", what);
  alerts::alert a;
  a.severity = alerts::severity::critical;
  a.kind = alerts::alert_kind::other;
  a.title = "Reconciliation failed: the engine will not trade";
  a.summary = what;
  a.dedup_key = "reconcile|failed";
  a.at = now_of(self->state);
  send_alert(self, std::move(a));
  run->promise.deliver(
    reconcile_reply{failure{journal::reconcile_failure{std::move(what)}}});
  if (self->state.current == run)
    self->state.current.reset();
}

void succeed(self_ptr self, const run_ptr& run) {
  run->done = true;
  TLOG_INFO("reconcile.done", "actions={} records={} matched={} halt={}",
            run->report.actions.size(), run->report.records.size(),
            run->report.matched, run->report.halt.has_value());
  run->promise.deliver(reconcile_reply{std::move(run->report)});
  if (self->state.current == run)
    self->state.current.reset();
}

/// Appends every record durably, in order (FIFO to one receiver), and
/// replies once the journal confirmed the last of them.
void journal_records(self_ptr self, const run_ptr& run) {
  auto& st = self->state;
  if (run->report.records.empty()) {
    succeed(self, run);
    return;
  }
  run->pending = run->report.records.size();
  auto ts = now_of(st);
  for (const auto& p : run->report.records) {
    self
      ->request(st.cfg.journal, st.cfg.timeout, journal_durable_atom::value,
                journal::record{0, ts, p})
      .then(
        [=](durable_reply& r) {
          if (run->done)
            return;
          if (!r) {
            fail(self, run,
                 "the journal refused a reconciliation record: "
                   + journal::to_string(r.error()));
            return;
          }
          if (--run->pending == 0)
            succeed(self, run);
        },
        [=](caf::error& e) {
          fail(self, run,
               "the journal " + describe(e, self->state.cfg.timeout)
                 + " for a reconciliation record");
        });
  }
}

/// Every venue answered: judge, act, journal.
void finish(self_ptr self, const run_ptr& run) {
  auto& st = self->state;
  journal::reconcile_input in;
  in.prefix = st.cfg.prefix;
  for (auto& [v, snap] : run->snaps)
    in.venues.push_back(std::move(snap));
  in.instruments = st.cfg.instruments;
  in.baselines = st.cfg.baselines;
  in.fee_rates = st.cfg.fee_rates;
  in.now = now_of(st);
  auto r = journal::reconcile(run->state, in);
  if (!r) {
    fail(self, run, r.error().what);
    return;
  }
  run->report = std::move(r).value();
  for (const auto& n : run->report.notes)
    TLOG_INFO("reconcile.note", "{}", n);
  // Safety first: the halt goes out before anything is journaled.
  if (const auto& h = run->report.halt) {
    TLOG_CRITICAL("reconcile.halt", "trigger={} detail=\"{}\"", h->trigger,
                  h->detail);
    if (st.cfg.emergency_stop)
      self
        ->request(st.cfg.emergency_stop, st.cfg.timeout, halt_atom::value,
                  halt_request{h->trigger, h->detail, "reconcile"})
        .then([](const halt_state&) {},
              [](caf::error& e) {
                TLOG_ERROR("reconcile.halt_unanswered", "error={}",
                           caf::to_string(e));
              });
  }
  for (const auto& a : run->report.alerts)
    send_alert(self, a);
  journal_records(self, run);
}

/// One venue answer (or query answer) is in.
void answered(self_ptr self, const run_ptr& run) {
  if (run->done)
    return;
  if (--run->pending == 0)
    finish(self, run);
}

void query_orders(self_ptr self, const run_ptr& run, tandem::venue v,
                  const caf::actor& handle) {
  auto& snap = run->snaps[v];
  for (const auto& id :
       journal::orders_to_query(run->state, v, snap.open_orders)) {
    const auto& symbol = run->state.orders.at(id).symbol;
    ++run->pending;
    self
      ->request(handle, self->state.cfg.timeout, query_atom::value, symbol, id)
      .then(
        [=](order_reply& r) {
          if (run->done)
            return;
          auto& s = run->snaps[v];
          if (r)
            s.queried.push_back(std::move(r.value()));
          else if (r.error().code == venues::venue_error::unknown_order)
            s.unknown.push_back(id);
          else
            return fail(self, run,
                        venue_name(v) + " query of " + id.str()
                          + " failed: " + describe(r.error()));
          answered(self, run);
        },
        [=](caf::error& e) {
          fail(self, run,
               venue_name(v) + " query of " + id.str() + ": "
                 + describe(e, self->state.cfg.timeout));
        });
  }
}

void ask_venue(self_ptr self, const run_ptr& run, const reconciler_venue& rv) {
  auto v = rv.venue;
  auto h = rv.handle;
  auto timeout = self->state.cfg.timeout;
  auto unanswered = [=](const char* what) {
    return [=](caf::error& e) {
      fail(self, run, venue_name(v) + " " + what + ": " + describe(e, timeout));
    };
  };
  run->snaps[v].venue = v;
  run->pending += 3;
  self->request(h, timeout, open_orders_atom::value, std::string{})
    .then(
      [=](orders_reply& r) {
        if (run->done)
          return;
        if (!r)
          return fail(self, run,
                      venue_name(v)
                        + " open orders failed: " + describe(r.error()));
        run->snaps[v].open_orders = std::move(r.value());
        // Queries first (they add to pending), then count this answer.
        query_orders(self, run, v, h);
        answered(self, run);
      },
      unanswered("open orders"));
  self->request(h, timeout, balances_atom::value)
    .then(
      [=](balances_reply& r) {
        if (run->done)
          return;
        if (!r)
          return fail(self, run,
                      venue_name(v)
                        + " balances failed: " + describe(r.error()));
        run->snaps[v].balances = std::move(r.value());
        answered(self, run);
      },
      unanswered("balances"));
  self->request(h, timeout, positions_atom::value)
    .then(
      [=](positions_reply& r) {
        if (run->done)
          return;
        if (!r)
          return fail(self, run,
                      venue_name(v)
                        + " positions failed: " + describe(r.error()));
        run->snaps[v].positions = std::move(r.value());
        answered(self, run);
      },
      unanswered("positions"));
}

caf::behavior reconciler(self_ptr self, reconciler_config cfg) {
  self->state.cfg = std::move(cfg);
  return {
    [=](reconcile_atom,
        journal::recovered_state& state) -> caf::result<reconcile_reply> {
      auto& st = self->state;
      if (st.current)
        return reconcile_reply{failure{
          journal::reconcile_failure{"a reconciliation is already running"}}};
      if (!st.cfg.journal)
        return reconcile_reply{failure{
          journal::reconcile_failure{"no journal to record the outcome in"}}};
      auto run = std::make_shared<run_state>();
      run->state = std::move(state);
      run->promise = self->make_response_promise<reconcile_reply>();
      st.current = run;
      TLOG_INFO("reconcile.start",
                "venues={} journal_orders={} journal_positions={} halted={}",
                st.cfg.venues.size(), run->state.orders.size(),
                run->state.positions.size(), run->state.halted);
      if (st.cfg.venues.empty())
        finish(self, run);
      for (const auto& rv : st.cfg.venues)
        ask_venue(self, run, rv);
      return run->promise;
    },
  };
}

} // namespace

caf::actor spawn_reconciler(caf::actor_system& sys, reconciler_config cfg) {
  return sys.spawn(reconciler, std::move(cfg));
}

} // namespace tandem::actors
