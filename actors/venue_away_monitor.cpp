#include "actors/venue_away_monitor.hpp"

#include "actors/alert_protocol.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/supervision_protocol.hpp"
#include "log/logging.hpp"
#include "risk/venue_away.hpp"

#include <caf/all.hpp>

#include <set>

namespace tandem::actors {
namespace {

/// Internal timer: judge venue `index` if outage `outage` still lasts.
using away_check_atom = caf::atom_constant<caf::atom("awaycheck")>;

struct watched {
  tandem::venue venue = venue::upbit;
  caf::actor instance;
  risk::venue_presence presence;
  /// The outage a check timer runs for, the one alerted, the one halted.
  std::uint64_t armed = 0;
  std::uint64_t alerted = 0;
  std::uint64_t halted = 0;
  /// What the risk actor was last told.
  bool told_away = false;
  std::string told_why;
};

struct monitor_state {
  venue_away_monitor_config cfg;
  std::vector<watched> venues;
  static inline const char* name = "venue_away_monitor";
};

using self_ptr = caf::stateful_actor<monitor_state>*;

risk::link_report report_of(venues::link_state s) {
  switch (s) {
    case venues::link_state::connecting: return risk::link_report::connecting;
    case venues::link_state::connected: return risk::link_report::connected;
    case venues::link_state::disconnected:
      return risk::link_report::disconnected;
    case venues::link_state::halted: return risk::link_report::halted;
  }
  return risk::link_report::disconnected;
}

/// The coordinator's pairs as the rule reads them; a pair listed twice
/// (open, and in the recently settled list) counts as listed first.
std::vector<risk::pair_exposure>
exposures_of(const std::vector<pair_view>& pairs) {
  std::vector<risk::pair_exposure> out;
  std::set<std::string, std::less<>> seen;
  for (const auto& p : pairs) {
    if (!seen.insert(p.pair_id).second)
      continue;
    risk::pair_exposure e{p.pair_id, p.state, 0};
    for (const auto& l : p.legs)
      if (l.outcome == leg_outcome::working
          || l.outcome == leg_outcome::unknown)
        ++e.orders_in_flight;
    out.push_back(std::move(e));
  }
  return out;
}

/// Arms the first check of a new outage.
void arm(self_ptr self, std::size_t i) {
  auto& w = self->state.venues[i];
  if (!w.presence.away() || w.armed == w.presence.outage())
    return;
  w.armed = w.presence.outage();
  TLOG_WARN("venue_away", "venue={} why=\"{}\" limit_ms={}", to_string(w.venue),
            w.presence.why(), self->state.cfg.limit.count());
  self->delayed_send(self, self->state.cfg.limit, away_check_atom::value, i,
                     w.armed);
}

/// Tells the risk actor when venue `i` went away, came back or is away for
/// another reason now; nothing when that did not change.
void tell_risk(self_ptr self, std::size_t i) {
  auto& w = self->state.venues[i];
  bool away = w.presence.away();
  if (away == w.told_away && (!away || w.presence.why() == w.told_why))
    return;
  w.told_away = away;
  w.told_why = away ? w.presence.why() : std::string{};
  if (self->state.cfg.risk)
    self->send(self->state.cfg.risk,
               venue_presence_changed{w.venue, away,
                                      w.presence.away_since().value_or(
                                        risk::venue_presence::time_point{}),
                                      w.told_why});
}

void log_if_back(self_ptr self, std::size_t i, std::uint64_t outage_before) {
  auto& w = self->state.venues[i];
  if (outage_before != 0 && !w.presence.away() && w.armed == outage_before)
    TLOG_INFO("venue_back", "venue={} outage={}", to_string(w.venue),
              outage_before);
}

void alert_away(self_ptr self, const watched& w, const std::string& detail) {
  alerts::alert a;
  a.severity = alerts::severity::warning;
  a.kind = alerts::alert_kind::venue;
  a.title = "Venue " + std::string{to_string(w.venue)}
            + " away; every pair flat or hedged";
  a.summary = detail
              + ". Action: none; trading halts if a pair turns unhedged while "
                "it stays away.";
  a.fields.push_back({"venue", std::string{to_string(w.venue)}, true});
  a.dedup_key = "venue_away|" + std::string{to_string(w.venue)};
  a.at = self->state.cfg.clock ? self->state.cfg.clock->now()
                               : system_clock_source{}.now();
  TLOG_WARN("venue_away_alert", "{}", detail);
  if (self->state.cfg.alerts)
    self->send(self->state.cfg.alerts, std::move(a));
}

/// Applies the rule to venue `i` with the coordinator's pairs.
void judge(self_ptr self, std::size_t i, std::uint64_t outage,
           const std::vector<risk::pair_exposure>& pairs) {
  auto& st = self->state;
  auto& w = st.venues[i];
  if (!w.presence.away() || w.presence.outage() != outage)
    return; // back in the meantime
  auto v
    = risk::decide_venue_away(w.venue, w.presence.away_for(self->clock().now()),
                              st.cfg.limit, pairs, w.presence.why());
  switch (v.action) {
    case risk::away_action::none: break;
    case risk::away_action::halt:
      if (w.halted != outage) {
        w.halted = outage;
        TLOG_CRITICAL("venue_away_halt", "{}", v.detail);
        if (st.cfg.emergency_stop)
          self->send(st.cfg.emergency_stop, halt_atom::value,
                     halt_request{std::string{risk::venue_away_trigger},
                                  v.detail, "supervisor"});
      }
      return; // halted: nothing more to decide for this outage
    case risk::away_action::alert:
      if (w.alerted != outage) {
        w.alerted = outage;
        alert_away(self, w, v.detail);
      }
      break;
  }
  self->delayed_send(self, st.cfg.recheck, away_check_atom::value, i, outage);
}

void check(self_ptr self, std::size_t i, std::uint64_t outage) {
  auto& st = self->state;
  if (i >= st.venues.size())
    return;
  auto& w = st.venues[i];
  if (!w.presence.away() || w.presence.outage() != outage || w.halted == outage)
    return;
  if (!st.cfg.coordinator) {
    judge(self, i, outage, {{"unknown", "no coordinator", 0}});
    return;
  }
  self->request(st.cfg.coordinator, st.cfg.ask_timeout, pairs_atom::value)
    .then(
      [=](std::vector<pair_view>& pairs) {
        judge(self, i, outage, exposures_of(pairs));
      },
      [=](caf::error& e) {
        // Fail closed: pairs we cannot see may be unhedged.
        judge(
          self, i, outage,
          {{"unknown", "coordinator did not answer: " + caf::to_string(e), 0}});
      });
}

caf::behavior monitor(self_ptr self, venue_away_monitor_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  for (auto& [v, a] : st.cfg.venues) {
    watched w;
    w.venue = v;
    w.instance = a;
    if (a)
      self->monitor(a);
    st.venues.push_back(std::move(w));
  }
  self->set_down_handler([=](caf::down_msg& dm) {
    auto& vs = self->state.venues;
    for (std::size_t i = 0; i < vs.size(); ++i) {
      if (!vs[i].instance || vs[i].instance.address() != dm.source)
        continue;
      if (dm.reason == caf::exit_reason::normal
          || dm.reason == caf::exit_reason::user_shutdown)
        return; // stopped on purpose (engine shutdown)
      vs[i].presence.actor_down(self->clock().now(), caf::to_string(dm.reason));
      tell_risk(self, i);
      arm(self, i);
      return;
    }
  });
  return {
    [=](const venue_restarted& r) {
      auto& vs = self->state.venues;
      for (std::size_t i = 0; i < vs.size(); ++i) {
        if (!replace_restarted(vs[i].instance, r))
          continue;
        self->monitor(vs[i].instance);
        vs[i].presence.actor_restarted(self->clock().now());
        tell_risk(self, i);
        arm(self, i);
        // The new session may have connected before we heard of it.
        auto instance = vs[i].instance;
        self->request(instance, self->state.cfg.ask_timeout, status_atom::value)
          .then(
            [=](const venue_status& s) {
              auto& w = self->state.venues[i];
              if (!s.connected || w.instance != instance)
                return;
              auto before = w.presence.outage();
              w.presence.confirm_connected(self->clock().now());
              tell_risk(self, i);
              log_if_back(self, i, before);
            },
            [](caf::error&) {});
        return;
      }
    },
    [=](const venue_down_alarm& a) {
      // The supervisor logs it; the away rule decides what it means.
      TLOG_WARN("venue_down_alarm_seen", "child={} down_ms={}", a.name,
                a.down_for.count());
    },
    [=](const venues::session_status& s) {
      auto& vs = self->state.venues;
      for (std::size_t i = 0; i < vs.size(); ++i) {
        if (vs[i].venue != s.venue)
          continue;
        auto before = vs[i].presence.away() ? vs[i].presence.outage() : 0;
        vs[i].presence.stream(s.stream, report_of(s.state), self->clock().now(),
                              s.reason);
        tell_risk(self, i);
        arm(self, i);
        log_if_back(self, i, before);
        return;
      }
    },
    [=](away_check_atom, std::size_t i, std::uint64_t outage) {
      check(self, i, outage);
    },
    // The rest of what the venue pushes, and the emergency stop's answer
    // to a halt: ignored, each by name (caf::drop would answer the sender
    // with an error, which stops an actor that gets it as a message).
    [=](const venues::book_top&) {},
    [=](const venues::book_depth&) {},
    [=](const venues::order_update&) {},
    [=](const std::vector<venues::balance>&) {},
    [=](const venues::position_snapshot&) {},
    [=](const halt_state&) {},
  };
}

} // namespace

caf::actor spawn_venue_away_monitor(caf::actor_system& sys,
                                    venue_away_monitor_config cfg) {
  return sys.spawn(monitor, std::move(cfg));
}

} // namespace tandem::actors
