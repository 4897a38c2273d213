#include "actors/alert_actor.hpp"

#include "actors/alert_protocol.hpp"
#include "alerts/discord_payload.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

#include <deque>
#include <optional>
#include <utility>

namespace tandem::actors {
namespace {

// Internal: a timer fired / a send finished (id, outcome).
using alert_drain_atom = caf::atom_constant<caf::atom("alertdrain")>;
using alert_done_atom = caf::atom_constant<caf::atom("alertdone")>;

struct alert_state {
  alert_state() = default;
  alert_state(const alert_state&) = delete;
  alert_state& operator=(const alert_state&) = delete;
  ~alert_state() {
    // Runs in on_exit: nothing may call back into a dead actor's state.
    if (transport)
      transport->shutdown();
  }

  std::shared_ptr<alerts::alert_transport> transport;
  std::optional<alerts::alert_queue> queue;
  std::deque<alerts::alert> recent;
  std::size_t recent_capacity = 100;
  /// When the earliest pending drain timer fires; a later due time needs
  /// no new timer, an earlier one does (stale timers only drain early).
  std::optional<alerts::mono_time> armed;
  static inline const char* name = "alerts";
};

using self_ptr = caf::stateful_actor<alert_state>*;

void log_alert(const alerts::alert& a) {
  auto kind = alerts::to_string(a.kind);
  auto key = alerts::effective_dedup_key(a);
  switch (a.severity) {
    case alerts::severity::info:
      TLOG_INFO("alert.raised", "kind={} key=\"{}\" title=\"{}\"", kind, key,
                a.title);
      break;
    case alerts::severity::warning:
      TLOG_WARN("alert.raised", "kind={} key=\"{}\" title=\"{}\"", kind, key,
                a.title);
      break;
    case alerts::severity::error:
      TLOG_ERROR("alert.raised", "kind={} key=\"{}\" title=\"{}\"", kind, key,
                 a.title);
      break;
    case alerts::severity::critical:
      TLOG_CRITICAL("alert.raised", "kind={} key=\"{}\" title=\"{}\"", kind,
                    key, a.title);
      break;
  }
}

void arm(self_ptr self) {
  auto& st = self->state;
  auto now = self->clock().now();
  auto due = st.queue->next_due(now);
  if (!due)
    return;
  if (st.armed && *st.armed <= *due)
    return;
  st.armed = *due;
  self->delayed_send(self, *due - now, alert_drain_atom::value);
}

/// Sends what is due, then arms a timer for what comes next.
void pump(self_ptr self) {
  auto& st = self->state;
  auto now = self->clock().now();
  if (auto m = st.queue->take(now)) {
    auto body = alerts::build_discord_payload(m->a, m->extras);
    auto weak = caf::actor_cast<caf::weak_actor_ptr>(
      caf::actor_cast<caf::strong_actor_ptr>(self));
    auto id = m->id;
    TLOG_DEBUG("alert.send", "id={} attempt={} repeats={} bytes={}", id,
               m->attempt, m->extras.repeats, body.size());
    // The answer comes on the transport's thread: back to us as a message.
    st.transport->send(std::move(body), [weak, id](alerts::send_outcome o) {
      if (auto strong = weak.lock())
        caf::anon_send(caf::actor_cast<caf::actor>(strong),
                       alert_done_atom::value, id, o);
    });
  }
  arm(self);
}

void on_outcome(self_ptr self, std::uint64_t id,
                const alerts::send_outcome& o) {
  auto& q = *self->state.queue;
  auto now = self->clock().now();
  using k = alerts::send_outcome::kind;
  switch (o.what) {
    case k::delivered:
      q.on_delivered(id, now,
                     o.wait.count() > 0
                       ? std::optional<std::chrono::milliseconds>{o.wait}
                       : std::nullopt);
      break;
    case k::rate_limited: q.on_rate_limited(id, o.wait, now); break;
    case k::failed: q.on_failed(id, now); break;
    case k::rejected: q.on_rejected(id, now); break;
  }
  pump(self);
}

caf::behavior alert_actor(self_ptr self, alert_actor_config cfg) {
  auto& st = self->state;
  st.transport = std::move(cfg.transport);
  st.queue.emplace(cfg.queue);
  st.recent_capacity = cfg.recent_capacity;
  return {
    [=](const alerts::alert& a) {
      auto& s = self->state;
      log_alert(a);
      if (s.recent_capacity > 0) {
        if (s.recent.size() == s.recent_capacity)
          s.recent.pop_front();
        s.recent.push_back(a);
      }
      if (!s.transport)
        return;
      auto r = s.queue->push(a, self->clock().now());
      if (r == alerts::alert_queue::push_result::queued_dropping)
        TLOG_WARN("alert.dropped", "reason=queue_full dropped_total={}",
                  s.queue->stats().dropped_full);
      pump(self);
    },
    [=](alert_drain_atom) {
      self->state.armed.reset();
      pump(self);
    },
    [=](alert_done_atom, std::uint64_t id, const alerts::send_outcome& o) {
      on_outcome(self, id, o);
    },
    [=](recent_alerts_atom) {
      const auto& r = self->state.recent;
      return std::vector<alerts::alert>(r.begin(), r.end());
    },
    [=](alert_stats_atom) { return self->state.queue->stats(); },
  };
}

} // namespace

caf::actor spawn_alert_actor(caf::actor_system& sys, alert_actor_config cfg) {
  return sys.spawn(alert_actor, std::move(cfg));
}

} // namespace tandem::actors
