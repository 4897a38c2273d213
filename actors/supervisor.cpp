#include "actors/supervisor.hpp"

#include "log/logging.hpp"
#include "venues/net/backoff.hpp"

#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <utility>
#include <vector>

namespace tandem::actors {

child_spec venue_child(tandem::venue v, session_factory make,
                       venue_actor_config cfg) {
  return child_spec{
    std::string{to_string(v)},
    v,
    [make = std::move(make), cfg](caf::actor_system& sys) {
      return spawn_venue_actor(sys, make, cfg);
    },
    caf::actor{},
  };
}

namespace {

// Internal timers; each carries the child's generation when it was armed,
// so a timer from an earlier up/down phase is ignored.
using restart_atom = caf::atom_constant<caf::atom("srestart")>;
using alarm_atom = caf::atom_constant<caf::atom("salarm")>;
using stable_atom = caf::atom_constant<caf::atom("sstable")>;

struct child {
  child_spec spec;
  caf::actor current;
  std::vector<caf::actor> subscribers;
  std::vector<std::string> quote_symbols;
  net::backoff backoff;
  /// Bumped on every up and every down.
  std::uint64_t generation = 0;
  std::uint32_t restarts = 0;
  caf::actor_clock::time_point down_since;
  /// Why the last instance went down, and why the last restart failed.
  std::string down_reason;
  std::string start_error;
  /// The instance that went down last: watchers swap it for the next one.
  caf::actor_addr previous;
};

struct supervisor_state {
  const char* name = "tandem.supervisor";
  supervisor_config cfg;
  std::map<std::string, child, std::less<>> children;
  std::vector<caf::actor> watchers;
  std::mt19937_64 rng;
};

using supervisor_type = caf::stateful_actor<supervisor_state>;

void add_unique(std::vector<caf::actor>& v, caf::actor a) {
  if (std::find(v.begin(), v.end(), a) == v.end())
    v.push_back(std::move(a));
}

void erase_addr(std::vector<caf::actor>& v, const caf::actor_addr& addr) {
  v.erase(
    std::remove_if(v.begin(), v.end(),
                   [&](const caf::actor& a) { return a.address() == addr; }),
    v.end());
}

void schedule_restart(supervisor_type* self, child& c) {
  auto delay = c.backoff.next(self->state.rng());
  TLOG_INFO("supervisor.restart_scheduled", "child={} in_ms={} attempt={}",
            c.spec.name, delay.count(), c.backoff.attempts());
  self->delayed_send(self, delay, restart_atom::value, c.spec.name,
                     c.generation);
}

/// The child is down from now on (crash, or a first start that failed).
void mark_down(supervisor_type* self, child& c, std::string reason) {
  if (c.current)
    c.previous = c.current.address();
  c.current = caf::actor{};
  ++c.generation;
  c.down_since = self->clock().now();
  c.down_reason = std::move(reason);
  c.start_error.clear();
  self->delayed_send(self, self->state.cfg.down_alarm_after, alarm_atom::value,
                     c.spec.name, c.generation);
  if (c.spec.spawn)
    schedule_restart(self, c);
}

/// `a` is the child's running instance from now on.
void mark_up(supervisor_type* self, child& c, caf::actor a) {
  c.current = std::move(a);
  ++c.generation;
  self->monitor(c.current);
  // Re-attach in the order the originals came: subscribers, then symbols.
  for (auto& sub : c.subscribers)
    self->send(c.current, subscribe_atom::value, sub);
  if (!c.quote_symbols.empty())
    self->send(c.current, quotes_atom::value, c.quote_symbols);
  self->delayed_send(self, self->state.cfg.stable_after, stable_atom::value,
                     c.spec.name, c.generation);
}

/// Starts a new instance; false (and nothing changed) if the spawner refused.
bool try_start(supervisor_type* self, child& c) {
  auto r = c.spec.spawn(self->system());
  if (!r || !*r) {
    auto why = r ? std::string{"spawner returned no actor"} : r.error();
    TLOG_ERROR("supervisor.start_failed", "child={} reason={}", c.spec.name,
               why);
    c.start_error = std::move(why);
    return false;
  }
  mark_up(self, c, std::move(r).value());
  return true;
}

bool is_deliberate(const caf::error& reason) {
  return !reason || reason == caf::exit_reason::normal
         || reason == caf::exit_reason::user_shutdown;
}

caf::behavior supervisor(supervisor_type* self, supervisor_config cfg) {
  self->state.rng.seed(cfg.seed);
  self->state.cfg = std::move(cfg);
  // An error sent back by a watcher or subscriber (say, one that did not
  // expect a message) must never stop the supervisor.
  self->set_error_handler([](caf::error& e) {
    TLOG_WARN("supervisor.error_message", "error={}", caf::to_string(e));
  });
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& st = self->state;
    for (auto i = st.children.begin(); i != st.children.end(); ++i) {
      auto& c = i->second;
      if (!c.current || c.current.address() != dm.source)
        continue;
      auto reason = to_string(dm.reason);
      if (is_deliberate(dm.reason)) {
        TLOG_INFO("supervisor.child_stopped", "child={} reason={}", c.spec.name,
                  reason);
        st.children.erase(i);
        return;
      }
      TLOG_ERROR("supervisor.child_down", "child={} reason={}", c.spec.name,
                 reason);
      mark_down(self, c, std::move(reason));
      return;
    }
    // Not a child: a subscriber or watcher died.
    erase_addr(st.watchers, dm.source);
    for (auto& [name, c] : st.children)
      erase_addr(c.subscribers, dm.source);
  });
  return {
    [self](supervise_atom, child_spec& spec) -> supervise_reply {
      auto& st = self->state;
      if (spec.name.empty())
        return failure{std::string{"supervise: child needs a name"}};
      if (st.children.count(spec.name) != 0)
        return failure{"supervise: a child named '" + spec.name
                       + "' is already supervised"};
      if (!spec.spawn && !spec.initial)
        return failure{"supervise: child '" + spec.name
                       + "' has neither a spawner nor an instance"};
      auto name = spec.name;
      auto first = std::move(spec.initial);
      auto [it, inserted] = st.children.emplace(
        name, child{std::move(spec),
                    caf::actor{},
                    {},
                    {},
                    net::backoff{st.cfg.restart_base, st.cfg.restart_max},
                    0,
                    0,
                    caf::actor_clock::time_point{},
                    std::string{},
                    std::string{},
                    caf::actor_addr{}});
      auto& c = it->second;
      if (first)
        mark_up(self, c, std::move(first));
      else if (!try_start(self, c))
        mark_down(self, c, "first start failed: " + c.start_error);
      return c.current;
    },
    [self](child_atom, const std::string& name) -> caf::actor {
      auto& st = self->state;
      auto i = st.children.find(name);
      return i == st.children.end() ? caf::actor{} : i->second.current;
    },
    [self](subscribe_atom, const std::string& name, caf::actor& who) {
      auto& st = self->state;
      auto i = st.children.find(name);
      if (i == st.children.end() || !who) {
        TLOG_WARN("supervisor.subscribe_refused", "child={} known={}", name,
                  i != st.children.end());
        return;
      }
      self->monitor(who);
      add_unique(i->second.subscribers, who);
      if (i->second.current)
        self->send(i->second.current, subscribe_atom::value, who);
    },
    [self](quotes_atom, const std::string& name,
           std::vector<std::string>& symbols) {
      auto& st = self->state;
      auto i = st.children.find(name);
      if (i == st.children.end()) {
        TLOG_WARN("supervisor.quotes_refused", "child={} known=false", name);
        return;
      }
      auto& kept = i->second.quote_symbols;
      for (auto& s : symbols)
        if (std::find(kept.begin(), kept.end(), s) == kept.end())
          kept.push_back(s);
      if (i->second.current)
        self->send(i->second.current, quotes_atom::value, std::move(symbols));
    },
    [self](watch_atom, caf::actor& who) {
      if (!who)
        return;
      self->monitor(who);
      add_unique(self->state.watchers, std::move(who));
    },
    // -- timers (internal) -----------------------------------------------
    [self](restart_atom, const std::string& name, std::uint64_t gen) {
      auto& st = self->state;
      auto i = st.children.find(name);
      if (i == st.children.end() || i->second.generation != gen
          || i->second.current)
        return;
      auto& c = i->second;
      if (!try_start(self, c)) {
        schedule_restart(self, c);
        return;
      }
      ++c.restarts;
      TLOG_WARN("supervisor.restarted", "child={} restarts={}", c.spec.name,
                c.restarts);
      venue_restarted msg{c.spec.name, c.spec.venue, c.current, c.restarts,
                          c.previous};
      for (auto& w : st.watchers)
        self->send(w, msg);
    },
    [self](alarm_atom, const std::string& name, std::uint64_t gen) {
      auto& st = self->state;
      auto i = st.children.find(name);
      if (i == st.children.end() || i->second.generation != gen
          || i->second.current)
        return;
      auto& c = i->second;
      auto down_for = std::chrono::duration_cast<std::chrono::milliseconds>(
        self->clock().now() - c.down_since);
      auto reason = c.down_reason;
      if (!c.start_error.empty())
        reason += "; last restart failed: " + c.start_error;
      venue_down_alarm alarm{c.spec.name, c.spec.venue, down_for,
                             std::move(reason)};
      TLOG_CRITICAL("supervisor.down_alarm", "child={} down_ms={} reason={}",
                    c.spec.name, down_for.count(), alarm.reason);
      for (auto& w : st.watchers)
        self->send(w, alarm);
      if (st.cfg.on_down_alarm)
        st.cfg.on_down_alarm(alarm);
    },
    [self](stable_atom, const std::string& name, std::uint64_t gen) {
      auto& st = self->state;
      auto i = st.children.find(name);
      if (i != st.children.end() && i->second.generation == gen
          && i->second.current)
        i->second.backoff.reset();
    },
  };
}

} // namespace

result<caf::actor, std::string> spawn_supervisor(caf::actor_system& sys,
                                                 supervisor_config cfg) {
  using std::chrono::milliseconds;
  if (cfg.restart_base <= milliseconds{0} || cfg.restart_max < cfg.restart_base
      || cfg.stable_after <= milliseconds{0}
      || cfg.down_alarm_after <= milliseconds{0})
    return failure{std::string{
      "supervisor: durations must be > 0 and restart_max >= restart_base"}};
  return sys.spawn(supervisor, std::move(cfg));
}

} // namespace tandem::actors
