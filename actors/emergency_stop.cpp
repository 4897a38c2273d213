#include "actors/emergency_stop.hpp"

#include "actors/engine_protocol.hpp"
#include "actors/journal_protocol.hpp"
#include "actors/position_actor.hpp"
#include "actors/supervision_protocol.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

namespace tandem::actors {
namespace {

using retry_cancel_atom = caf::atom_constant<caf::atom("retrycanc")>;

struct stop_state {
  emergency_stop_config cfg;
  halt_state state;
  std::vector<caf::actor> subscribers;
  static inline const char* name = "emergency_stop";
};

using self_ptr = caf::stateful_actor<stop_state>*;

timestamp now_of(const stop_state& st) {
  return st.cfg.clock ? st.cfg.clock->now() : system_clock_source{}.now();
}

void publish(self_ptr self) {
  for (auto& s : self->state.subscribers)
    self->send(s, self->state.state);
}

void cancel_everything(self_ptr self, std::size_t venue_index, int attempt) {
  auto& st = self->state;
  if (!st.state.halted || venue_index >= st.cfg.venues.size())
    return;
  auto venue = st.cfg.venues[venue_index];
  self
    ->request(venue, st.cfg.cancel_timeout, cancel_all_atom::value,
              std::string{})
    .then(
      [=](count_reply& r) {
        if (r.has_value()) {
          TLOG_WARN("halt_cancel_all", "venue_index={} cancelled={}",
                    venue_index, r.value());
          return;
        }
        TLOG_ERROR("halt_cancel_all_failed",
                   "venue_index={} attempt={} code={} detail=\"{}\"",
                   venue_index, attempt, venues::to_string(r.error().code),
                   r.error().detail);
        if (attempt < self->state.cfg.cancel_attempts)
          self->send(self, retry_cancel_atom::value, venue_index, attempt + 1);
      },
      [=](caf::error& e) {
        TLOG_ERROR("halt_cancel_all_failed",
                   "venue_index={} attempt={} error={}", venue_index, attempt,
                   caf::to_string(e));
        if (attempt < self->state.cfg.cancel_attempts)
          self->send(self, retry_cancel_atom::value, venue_index, attempt + 1);
      });
}

/// Raises or lowers the halt gate of venue `venue_index`. Sent before its
/// cancel-all (one sender, one receiver: CAF keeps the order), so nothing
/// the session still queues can go out after the halt.
void gate(self_ptr self, std::size_t venue_index, bool on) {
  auto& st = self->state;
  if (venue_index >= st.cfg.venues.size())
    return;
  // A request, so the venue's answer is a response here, not a stray
  // message.
  self
    ->request(st.cfg.venues[venue_index], st.cfg.cancel_timeout,
              block_atom::value, on,
              on ? "halt " + st.state.trigger : std::string{"halt cleared"})
    .then([](bool) {},
          [=](caf::error& e) {
            // Not retried: the cancel-all that follows fails the same way
            // and is retried; a restarted venue is gated again.
            TLOG_ERROR("halt_gate_failed", "venue_index={} on={} error={}",
                       venue_index, on, caf::to_string(e));
          });
}

void gate_all(self_ptr self, bool on) {
  for (std::size_t i = 0; i < self->state.cfg.venues.size(); ++i)
    gate(self, i, on);
}

caf::behavior emergency_stop(self_ptr self, emergency_stop_config cfg,
                             halt_state initial) {
  self->state.cfg = std::move(cfg);
  self->state.state = std::move(initial);
  if (self->state.state.halted) {
    TLOG_WARN("halt_restored", "trigger={} detail=\"{}\"",
              self->state.state.trigger, self->state.state.detail);
    gate_all(self, true);
  }
  self->set_down_handler([=](caf::down_msg& dm) {
    auto& subs = self->state.subscribers;
    subs.erase(std::remove_if(
                 subs.begin(), subs.end(),
                 [&](const caf::actor& a) { return a.address() == dm.source; }),
               subs.end());
  });
  return {
    [=](halt_atom, halt_request& r) -> halt_state {
      auto& st = self->state;
      if (st.state.halted) {
        TLOG_WARN("halt_again", "trigger={} detail=\"{}\" who={}", r.trigger,
                  r.detail, r.who);
        return st.state;
      }
      st.state = halt_state{};
      st.state.halted = true;
      st.state.trigger = std::move(r.trigger);
      st.state.detail = std::move(r.detail);
      st.state.who = std::move(r.who);
      st.state.since = now_of(st);
      TLOG_CRITICAL("halt", "trigger={} detail=\"{}\" who={}", st.state.trigger,
                    st.state.detail, st.state.who);
      // Block first: subscribers (coordinator, strategy, risk) learn of the
      // halt before any cancel is even sent.
      publish(self);
      // The gate goes up before the cancels: places queued in a session
      // are answered blocked, never written after the halt.
      gate_all(self, true);
      for (std::size_t i = 0; i < st.cfg.venues.size(); ++i)
        cancel_everything(self, i, 1);
      if (st.cfg.flatten_on_halt && st.cfg.flattener)
        self->send(st.cfg.flattener, flatten_atom::value);
      return st.state;
    },
    [=](clear_atom, std::string& who,
        std::string& reason) -> caf::result<halt_state> {
      auto& st = self->state;
      if (!st.state.halted)
        return caf::make_error(caf::sec::invalid_argument, "not halted");
      if (reason.empty())
        return caf::make_error(caf::sec::invalid_argument,
                               "a reason is required to clear a halt");
      TLOG_WARN("halt_cleared", "who={} reason=\"{}\" trigger_was={}", who,
                reason, st.state.trigger);
      st.state.halted = false;
      st.state.cleared_by = std::move(who);
      st.state.clear_reason = std::move(reason);
      st.state.since = now_of(st);
      gate_all(self, false);
      publish(self);
      return st.state;
    },
    // The journal could not commit: nothing decided from here on could be
    // replayed, so trading stops.
    [=](const journal_failure& f) {
      halt_request r{"journal_failed",
                     journal::to_string(f.error)
                       + " pending=" + std::to_string(f.pending)
                       + " refused=" + std::to_string(f.refused),
                     "journal"};
      self->send(self, halt_atom::value, std::move(r));
    },
    [=](retry_cancel_atom, std::size_t venue_index, int attempt) {
      cancel_everything(self, venue_index, attempt);
    },
    // A venue actor runs again as a new instance: cancels go there. While
    // halted, its cancel-all starts over: what the old instance could not
    // cancel may still rest on the venue.
    [=](const venue_restarted& r) {
      auto& st = self->state;
      for (std::size_t i = 0; i < st.cfg.venues.size(); ++i)
        if (replace_restarted(st.cfg.venues[i], r) && st.state.halted) {
          TLOG_WARN("halt_cancel_all_restarted", "venue={} venue_index={}",
                    r.name, i);
          gate(self, i, true); // a new instance starts with its gate down
          cancel_everything(self, i, 1);
        }
    },
    [=](const venue_down_alarm&) {}, // the venue-away monitor decides
    [=](get_atom) { return self->state.state; },
    [=](subscribe_atom, caf::actor who) {
      self->monitor(who);
      self->send(who, self->state.state);
      self->state.subscribers.push_back(std::move(who));
    },
  };
}

} // namespace

caf::actor spawn_emergency_stop(caf::actor_system& sys,
                                emergency_stop_config cfg,
                                const halt_state& initial) {
  return sys.spawn(emergency_stop, std::move(cfg), initial);
}

} // namespace tandem::actors
