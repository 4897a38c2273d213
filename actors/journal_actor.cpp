#include "actors/journal_actor.hpp"

#include "log/logging.hpp"

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/spawn_options.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace tandem::actors {

namespace {

using promise = caf::typed_response_promise<durable_reply>;
using clock = std::chrono::steady_clock;

struct journal_state {
  static inline const char* name = "journal";

  /// Shared with the pair coordinator's durable intents (store.hpp).
  std::shared_ptr<journal::store> store;
  journal_actor_config cfg;
  /// The group being filled (plus records kept for retry after a failure).
  std::vector<journal::record> pending;
  /// Durable requests of the group: index into `pending`, and the promise.
  std::vector<std::pair<std::size_t, promise>> waiters;
  /// Only the tick carrying the current generation counts; arming a new
  /// timer or committing makes older ticks stale.
  std::uint64_t timer_gen = 0;
  bool timer_armed = false;
  /// The error of the last failed commit, while commits fail.
  std::optional<journal::store_error> failing;
  journal_stats stats;

  journal_state() = default;
  journal_state(const journal_state&) = delete;
  journal_state& operator=(const journal_state&) = delete;

  ~journal_state() {
    // Exit: commit what is left. The promises of waiting durable records
    // are broken by CAF if this fails; nothing is lost silently because it
    // is logged.
    if (!store || pending.empty())
      return;
    auto n = pending.size();
    auto r = store->append(pending);
    if (r)
      TLOG_INFO("journal.final_commit", "records={} last_seq={}", n, *r);
    else
      TLOG_CRITICAL("journal.final_commit_failed",
                    "records_lost={} error=\"{}\"", n,
                    journal::to_string(r.error()));
  }
};

using self_ptr = journal_actor::stateful_pointer<journal_state>;

void arm_timer(self_ptr self, std::chrono::microseconds delay) {
  auto& st = self->state;
  st.timer_armed = true;
  self->delayed_send(self, delay, journal_tick_atom::value, ++st.timer_gen);
}

void commit(self_ptr self) {
  auto& st = self->state;
  // Any armed timer is stale now; the caller re-arms if needed.
  ++st.timer_gen;
  st.timer_armed = false;
  if (st.pending.empty())
    return;
  auto t0 = clock::now();
  auto r = st.store->append(st.pending);
  auto dt
    = std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - t0);
  st.stats.commit_time += dt;
  st.stats.max_commit_time = std::max(st.stats.max_commit_time, dt);
  if (r) {
    if (st.failing)
      TLOG_WARN("journal.write_recovered", "path={} records={}",
                st.store->path().string(), st.pending.size());
    st.failing.reset();
    ++st.stats.transactions;
    st.stats.records += st.pending.size();
    st.stats.largest_group
      = std::max(st.stats.largest_group, st.pending.size());
    st.stats.last_seq = *r;
    for (auto& [index, p] : st.waiters)
      p.deliver(durable_reply{st.pending[index].seq});
    st.stats.durable_acks += st.waiters.size();
    st.pending.clear();
    st.waiters.clear();
    return;
  }
  // Failed: refuse and drop the durable records, keep the others for retry.
  const auto& err = r.error();
  ++st.stats.failed_transactions;
  st.stats.durable_errors += st.waiters.size();
  auto refused = st.waiters.size();
  std::vector<bool> drop(st.pending.size(), false);
  for (auto& [index, p] : st.waiters) {
    drop[index] = true;
    p.deliver(durable_reply{failure{err}});
  }
  st.waiters.clear();
  std::size_t kept = 0;
  for (std::size_t i = 0; i < st.pending.size(); ++i) {
    if (drop[i])
      continue;
    if (kept != i) // never self-move: it would empty the record
      st.pending[kept] = std::move(st.pending[i]);
    ++kept;
  }
  st.pending.resize(kept);
  TLOG_CRITICAL("journal.write_failed",
                "path={} code={} detail=\"{}\" refused={} kept={}", err.path,
                journal::to_string(err.code), err.detail, refused, kept);
  if (st.cfg.on_failure)
    caf::anon_send(st.cfg.on_failure, journal_failure{err, kept, refused});
  st.failing = err;
  arm_timer(self, st.cfg.retry_delay);
}

/// Called after every message: commits a group a durable record waits on
/// once nothing else is queued (the group cannot grow any further now).
void after_message(self_ptr self) {
  auto& st = self->state;
  if (!st.failing && !st.waiters.empty() && self->mailbox().empty())
    commit(self);
}

void add(self_ptr self, journal::record&& r, std::optional<promise> p) {
  auto& st = self->state;
  if (p && st.failing) {
    // Commits are failing: do not let an order wait for a retry.
    ++st.stats.durable_errors;
    p->deliver(durable_reply{failure{*st.failing}});
    return;
  }
  st.pending.push_back(std::move(r));
  if (p)
    st.waiters.emplace_back(st.pending.size() - 1, std::move(*p));
  if (st.failing)
    return; // the retry timer commits
  if (st.pending.size() >= st.cfg.max_batch
      || (!st.waiters.empty() && self->mailbox().empty()))
    commit(self);
  else if (!st.timer_armed)
    arm_timer(self, st.cfg.max_delay);
}

journal_actor::behavior_type journal_behavior(self_ptr self,
                                              std::shared_ptr<journal::store> s,
                                              journal_actor_config cfg) {
  auto& st = self->state;
  st.store = std::move(s);
  st.cfg = std::move(cfg);
  if (st.cfg.max_batch == 0)
    st.cfg.max_batch = 1;
  st.pending.reserve(st.cfg.max_batch);
  st.waiters.reserve(st.cfg.max_batch);
  st.stats.last_seq = st.store->last_seq();
  return {
    [=](journal_append_atom, journal::record& r) {
      add(self, std::move(r), std::nullopt);
    },
    [=](journal_durable_atom, journal::record& r) -> promise {
      auto p = self->make_response_promise<durable_reply>();
      add(self, std::move(r), p);
      return p;
    },
    [=](journal_flush_atom) -> durable_reply {
      auto& s2 = self->state;
      commit(self);
      if (s2.failing)
        return durable_reply{failure{*s2.failing}};
      return durable_reply{s2.store->last_seq()};
    },
    [=](journal_lag_atom) -> std::size_t {
      // Records taken in but not committed, plus messages still queued
      // (an upper bound on the appends among them).
      auto lag = self->state.pending.size() + self->mailbox().size();
      after_message(self);
      return lag;
    },
    [=](journal_stats_atom) -> journal_stats {
      auto out = self->state.stats;
      out.pending = self->state.pending.size();
      // At most a group's worth of records (plus retries): a cheap scan.
      // Appends still in the mailbox are newer than this request.
      for (const auto& r : self->state.pending)
        if (!out.oldest_pending || r.ts < *out.oldest_pending)
          out.oldest_pending = r.ts;
      // Includes the coordinator's direct intent commits.
      out.last_seq = self->state.store->last_seq();
      out.failing = self->state.failing.has_value();
      after_message(self);
      return out;
    },
    [=](journal_tick_atom, std::uint64_t gen) {
      auto& s2 = self->state;
      if (gen != s2.timer_gen) {
        // Stale: a commit or a newer timer superseded it. It may still
        // have been the message a durable record waited behind.
        after_message(self);
        return;
      }
      s2.timer_armed = false;
      commit(self);
    },
  };
}

} // namespace

journal_actor make_journal_actor(caf::actor_system& sys, journal::store store,
                                 journal_actor_config cfg) {
  return make_journal_actor(
    sys, std::make_shared<journal::store>(std::move(store)), std::move(cfg));
}

journal_actor make_journal_actor(caf::actor_system& sys,
                                 std::shared_ptr<journal::store> store,
                                 journal_actor_config cfg) {
  return sys.spawn<caf::detached>(journal_behavior, std::move(store),
                                  std::move(cfg));
}

} // namespace tandem::actors
