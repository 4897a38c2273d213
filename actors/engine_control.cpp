#include "actors/engine_control.hpp"

#include "actors/alert_protocol.hpp"
#include "actors/control_views.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/position_actor.hpp"
#include "actors/supervision_protocol.hpp"
#include "actors/risk_actor.hpp"
#include "actors/venue_protocol.hpp"
#include "admin/metric_catalog.hpp"
#include "alerts/trade_alerts.hpp"
#include "arbitrage/quote_board.hpp"
#include "log/logging.hpp"
#include "risk/limit_params.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>

namespace tandem::actors {

namespace {

using namespace admin;
using namespace control_views;

/// Everything the control actor receives besides the control protocol:
/// the venue actors' pushes, the emergency stop's and the coordinator's.
using control_impl = engine_control_actor::extend<
  caf::reacts_to<venues::book_top>, caf::reacts_to<venues::book_depth>,
  caf::reacts_to<venues::order_update>,
  caf::reacts_to<std::vector<venues::balance>>,
  caf::reacts_to<venues::position_snapshot>,
  caf::reacts_to<pair_order>,
  caf::reacts_to<venues::session_status>, caf::reacts_to<halt_state>,
  caf::reacts_to<pair_view>, caf::reacts_to<venue_restarted>,
  caf::reacts_to<venue_down_alarm>>;

/// Fills and final order states remembered for deduplication (the same
/// execution arrives from REST and from the stream).
constexpr std::size_t dedup_memory = 4096;

/// A bounded set: the oldest key goes when it is full.
class recent_keys {
 public:
  /// Returns true when `k` is new (and remembers it).
  bool insert(std::string k) {
    if (!set_.insert(k).second)
      return false;
    order_.push_back(std::move(k));
    if (order_.size() > dedup_memory) {
      set_.erase(order_.front());
      order_.pop_front();
    }
    return true;
  }

 private:
  std::set<std::string, std::less<>> set_;
  std::deque<std::string> order_;
};

struct control_state {
  // A user-declared constructor: CAF 0.17 would otherwise build this state
  // from the actor pointer (see /work/shared/notes).
  control_state() {}

  engine_control_config cfg;
  arbitrage::quote_board board;
  std::vector<caf::actor> subscribers;
  std::optional<halt_state> last_halt;
  std::map<tandem::venue, bool> connected;
  recent_keys fills_seen;
  recent_keys finals_seen;
  /// Which pair each order belongs to (fills in the stream name it).
  order_pairs pair_of_order;
  /// Round trips of the pairs pushed so far (settlement P&L).
  round_trips trips;
  metrics_registry registry;
  std::optional<catalog::engine_metrics> metrics;
  static inline const char* name = "engine_control";
};

using self_ptr = control_impl::stateful_pointer<control_state>;

timestamp now_of(self_ptr self) { return self->state.cfg.clock->now(); }

std::string who_text(const requester& r) { return "console:" + r.name; }

// -- pushing to the console ---------------------------------------------------

template<class Event>
void publish(self_ptr self, const Event& e) {
  for (const auto& s : self->state.subscribers)
    caf::anon_send(s, e);
}

/// Sends `a` to the alert actor and to the console.
void send_alert(self_ptr self, alerts::alert a) {
  publish(self, alert_event{severity_of(a.severity), a.title, a.summary, a.at});
  if (self->state.cfg.alerts)
    caf::anon_send(self->state.cfg.alerts, std::move(a));
}

/// An operator's change, as an alert: who did what.
alerts::alert change_alert(self_ptr self, std::string title,
                           std::string summary, const requester& who) {
  alerts::alert a;
  a.severity = alerts::severity::warning;
  a.kind = alerts::alert_kind::other;
  a.title = std::move(title);
  a.summary = std::move(summary);
  a.fields.push_back({"by", who.name, true});
  a.fields.push_back({"request", std::to_string(who.request_id), true});
  a.dedup_key = "console|" + std::to_string(who.request_id);
  a.at = now_of(self);
  return a;
}

void status_changed(self_ptr self, status_change c, std::string subject,
                    std::string detail, std::string by) {
  publish(self, status_change_event{c, std::move(subject), std::move(detail),
                                    std::move(by), now_of(self)});
}

// -- journal
// -------------------------------------------------------------------

void journal_append(self_ptr self, journal::payload body) {
  if (!self->state.cfg.journal)
    return;
  journal::record r;
  r.ts = now_of(self);
  r.body = std::move(body);
  self->send(self->state.cfg.journal, journal_append_atom::value, std::move(r));
}

/// Journals `cmd` durably, then runs `then` with nullopt, or with why the
/// journal did not take it.
void journal_command(self_ptr self, journal::operator_command cmd,
                     std::function<void(std::optional<std::string>)> then) {
  TLOG_WARN("operator_command",
            "who={} command={} target={} old=\"{}\" "
            "new=\"{}\"",
            cmd.who, cmd.command, cmd.target, cmd.old_value, cmd.new_value);
  auto& j = self->state.cfg.journal;
  if (!j) {
    then(std::nullopt);
    return;
  }
  journal::record r;
  r.ts = now_of(self);
  r.body = std::move(cmd);
  self
    ->request(j, self->state.cfg.ask_timeout, journal_durable_atom::value,
              std::move(r))
    .then(
      [then](durable_reply& d) {
        if (d.has_value())
          then(std::nullopt);
        else
          then("the journal refused the command: "
               + journal::to_string(d.error()));
      },
      [then](caf::error& e) {
        then("the journal did not answer: " + caf::to_string(e));
      });
}

// -- fan-out
// -------------------------------------------------------------------

/// Counts outstanding answers of one fan-out and runs `done` after the
/// last one (every CAF request ends in a reply or an error).
struct join_counter {
  int pending = 0;
  std::function<void()> done;
  void one() {
    if (--pending == 0 && done) {
      auto f = std::move(done);
      done = nullptr;
      f();
    }
  }
};

/// Asks `who` and stores the answer in `*out`; nothing stored when `who`
/// is null or silent.
template<class T, class... Ts>
void ask_into(self_ptr self, const std::shared_ptr<join_counter>& j,
              const caf::actor& who, std::shared_ptr<std::optional<T>> out,
              Ts... xs) {
  if (!who)
    return;
  ++j->pending;
  self->request(who, self->state.cfg.ask_timeout, std::move(xs)...)
    .then(
      [j, out](T& v) {
        *out = std::move(v);
        j->one();
      },
      [j](caf::error& e) {
        TLOG_WARN("control_ask_failed", "error={}", caf::to_string(e));
        j->one();
      });
}

/// Starts a fan-out: `done` runs when every ask_into of it has answered.
std::shared_ptr<join_counter> fan_out() {
  auto j = std::make_shared<join_counter>();
  j->pending = 1; // held until arm()
  return j;
}
void arm(const std::shared_ptr<join_counter>& j, std::function<void()> done) {
  j->done = std::move(done);
  j->one();
}

template<class T>
std::shared_ptr<std::optional<T>> slot() {
  return std::make_shared<std::optional<T>>();
}

// -- pushes from the engine's actors
// -------------------------------------------

void on_halt_state(self_ptr self, const halt_state& h) {
  auto& st = self->state;
  bool was = st.last_halt && st.last_halt->halted;
  bool first = !st.last_halt;
  st.last_halt = h;
  if (first || was == h.halted)
    return; // the subscription's first push, or nothing changed
  if (h.halted) {
    journal_append(self, journal::halt_set{h.trigger + ": " + h.detail, h.who});
    send_alert(self,
               alerts::halt_alert(h.trigger, h.detail,
                                  "new orders blocked; cancelling every open "
                                  "order on every venue; an operator must "
                                  "clear the halt",
                                  h.since));
    status_changed(self, status_change::halted, "", h.detail, halted_by(h));
  } else {
    journal_append(self, journal::halt_cleared{h.clear_reason, h.cleared_by});
    send_alert(self, alerts::halt_cleared_alert(h.cleared_by, h.since));
    status_changed(self, status_change::halt_cleared, "", h.clear_reason,
                   h.cleared_by);
  }
}

void on_order_update(self_ptr self, const venues::order_update& u) {
  auto& st = self->state;
  std::string venue_name{to_string(u.venue)};
  if (u.last_fill
      && st.fills_seen.insert(venue_name + '|' + u.symbol + '|'
                              + u.last_fill->trade_id))
    publish(self, fill_event{*u.last_fill, st.pair_of_order.pair_of(u.id)});
  auto outcome = final_outcome_of(u.event);
  if (!outcome || !st.metrics
      || !st.finals_seen.insert(venue_name + '|' + u.id.str()))
    return;
  st.registry.inc(st.metrics->orders, {venue_name, *outcome});
  if (u.event == order_event::rejected)
    st.registry.inc(st.metrics->rejects,
                    {venue_name, u.reason ? venues::to_string(*u.reason)
                                          : std::string_view{"unknown"}});
}

void on_session_status(self_ptr self, const venues::session_status& s) {
  bool up = s.state == venues::link_state::connected;
  auto& known = self->state.connected;
  auto it = known.find(s.venue);
  if (it != known.end() && it->second == up)
    return;
  known[s.venue] = up;
  status_changed(
    self,
    up ? status_change::venue_connected : status_change::venue_disconnected,
    std::string{to_string(s.venue)},
    s.stream + (s.reason.empty() ? "" : ": " + s.reason), "engine:venue");
}

void on_pair_view(self_ptr self, const pair_view& p) {
  auto& st = self->state;
  if (p.tick_to_trade_ns && st.metrics)
    st.registry.observe(st.metrics->tick_to_trade, {}, *p.tick_to_trade_ns);
  auto pnl = st.trips.add(p, marks_of(st.board, st.cfg.kimchi));
  if (auto e = settlement_of(p)) {
    // Realized once the round trip is closed or the pair stood alone;
    // zero for a pair that just hedged (its value is still open).
    if (!pnl.open && pnl.pnl_krw)
      e->pnl_krw = *pnl.pnl_krw;
    publish(self, *e);
  }
}

// -- commands
// ------------------------------------------------------------------

command_reply refused(refusal_code c, std::string field, std::string msg) {
  return command_reply{failure{refusal{c, std::move(field), std::move(msg)}}};
}

/// The kimchi config with one parameter changed, or why not.
result<config::kimchi_config, refusal> with_param(config::kimchi_config k,
                                                  const param_value& p) {
  auto integer = [&]() -> std::optional<std::int64_t> {
    if (const auto* n = std::get_if<std::int64_t>(&p.value))
      return *n;
    return std::nullopt;
  };
  auto bad_type = [&] {
    return failure{refusal{refusal_code::invalid_value, p.name,
                           p.name + " has the wrong type"}};
  };
  if (p.name == "kimchi.order_qty") {
    const auto* q = std::get_if<quantity>(&p.value);
    if (!q)
      return bad_type();
    k.order_qty = *q;
    return k;
  }
  auto n = integer();
  if (!n)
    return bad_type();
  if (p.name == "kimchi.entry_bps")
    k.entry_bps = *n;
  else if (p.name == "kimchi.exit_bps")
    k.exit_bps = *n;
  else if (p.name == "kimchi.leg_timeout_ms")
    k.leg_timeout_ms = *n;
  else if (p.name == "kimchi.max_holding_s")
    k.max_holding_s = *n;
  else if (p.name == "kimchi.max_quote_age_ms")
    k.max_quote_age_ms = *n;
  else
    return failure{refusal{refusal_code::not_found, p.name,
                           "no such strategy parameter: " + p.name}};
  if (k.entry_bps <= k.exit_bps)
    return failure{refusal{refusal_code::invalid_value, p.name,
                           "kimchi.entry_bps (" + std::to_string(k.entry_bps)
                             + ") must stay above kimchi.exit_bps ("
                             + std::to_string(k.exit_bps) + ")"}};
  return k;
}

std::string current_text(const config::kimchi_config& k,
                         std::string_view name) {
  if (name == "kimchi.entry_bps")
    return std::to_string(k.entry_bps);
  if (name == "kimchi.exit_bps")
    return std::to_string(k.exit_bps);
  if (name == "kimchi.leg_timeout_ms")
    return std::to_string(k.leg_timeout_ms);
  if (name == "kimchi.max_holding_s")
    return std::to_string(k.max_holding_s);
  if (name == "kimchi.max_quote_age_ms")
    return std::to_string(k.max_quote_age_ms);
  if (name == "kimchi.order_qty")
    return k.order_qty.to_string();
  return {};
}

using reply_promise = caf::typed_response_promise<command_reply>;

/// Journals, then runs `act` (which fulfils `rp`); a journal refusal is
/// the reply instead (a halt is carried out regardless: see halt).
void journaled(self_ptr self, reply_promise rp, journal::operator_command cmd,
               std::function<void(reply_promise)> act) {
  journal_command(
    self, std::move(cmd), [rp, act](std::optional<std::string> err) mutable {
      if (err) {
        rp.deliver(refused(refusal_code::unavailable, "", std::move(*err)));
        return;
      }
      act(rp);
    });
}

void do_pause_or_resume(self_ptr self, reply_promise rp, const requester& who,
                        const std::string& strategy, bool pause) {
  auto& st = self->state;
  if (strategy != "kimchi") {
    rp.deliver(refused(refusal_code::not_found, "strategy",
                       "no strategy \"" + strategy + "\" (there is: kimchi)"));
    return;
  }
  if (!pause && st.last_halt && st.last_halt->halted) {
    rp.deliver(refused(refusal_code::conflict, "",
                       "the engine is halted: clear the halt first"));
    return;
  }
  journal::operator_command cmd{who_text(who), pause ? "pause" : "resume",
                                strategy, "", ""};
  journaled(self, rp, std::move(cmd), [self, who, pause](reply_promise p) {
    auto& s = self->state;
    auto finish = [self, who, pause, p](strategy_status&) mutable {
      send_alert(self,
                 change_alert(self, pause ? "kimchi paused" : "kimchi resumed",
                              std::string{"Strategy kimchi "}
                                + (pause ? "paused" : "resumed") + " by "
                                + who.name + " from the console.",
                              who));
      status_changed(self,
                     pause ? status_change::strategy_paused
                           : status_change::strategy_resumed,
                     "kimchi", "", who.name);
      p.deliver(command_reply{
        command_done{pause ? "kimchi paused" : "kimchi resumed", 0}});
    };
    auto fail = [p](caf::error& e) mutable {
      p.deliver(refused(refusal_code::unavailable, "",
                        "the strategy did not answer: " + caf::to_string(e)));
    };
    if (pause)
      self->request(s.cfg.strategy, s.cfg.ask_timeout, pause_atom::value)
        .then(finish, fail);
    else
      self->request(s.cfg.strategy, s.cfg.ask_timeout, resume_atom::value)
        .then(finish, fail);
  });
}

/// `set risk.*`: the limits with one changed (cross-limit rules checked),
/// journaled with the old and new values, then sent to the risk actor,
/// which applies them from its next check and answers the old ones.
void set_risk_limit(self_ptr self, const set_param_command& c,
                    caf::typed_response_promise<set_param_reply> rp) {
  auto& st = self->state;
  const auto& p = c.param;
  auto refuse = [&](refusal_code code, std::string msg) mutable {
    rp.deliver(set_param_reply{failure{refusal{code, p.name, std::move(msg)}}});
  };
  if (!st.cfg.risk) {
    refuse(refusal_code::unavailable, "this engine runs no risk actor");
    return;
  }
  auto key = std::string_view{p.name}.substr(std::string_view{"risk."}.size());
  risk::limit_value v;
  if (const auto* n = std::get_if<std::int64_t>(&p.value))
    v = *n;
  else if (const auto* m = std::get_if<money>(&p.value))
    v = *m;
  else {
    refuse(refusal_code::invalid_value, p.name + " has the wrong type");
    return;
  }
  auto fresh = risk::with_limit(st.cfg.risk_limits, key, v);
  if (!fresh.has_value()) {
    refuse(refusal_code::invalid_value, fresh.error());
    return;
  }
  auto old_text = risk::limit_text(st.cfg.risk_limits, key);
  auto new_text = to_text(p.value);
  auto who = c.who;
  auto name = p.name;
  journal_command(
    self, {who_text(c.who), "set_param", p.name, old_text, new_text},
    [self, rp, who, name, key = std::string{key}, old_text, new_text,
     limits = fresh.value()](std::optional<std::string> err) mutable {
      if (err) {
        rp.deliver(set_param_reply{
          failure{refusal{refusal_code::unavailable, "", std::move(*err)}}});
        return;
      }
      auto& s = self->state;
      self->request(s.cfg.risk, s.cfg.ask_timeout, params_atom::value, limits)
        .then(
          [=](const config::risk_config& was) mutable {
            self->state.cfg.risk_limits = limits;
            // The risk actor's answer is what was in force.
            auto old = risk::limit_text(was, key);
            send_alert(self,
                       change_alert(self, "parameter " + name + " changed",
                                    name + ": " + old + " -> " + new_text
                                      + " (by " + who.name + ")",
                                    who));
            status_changed(self, status_change::param_changed, name,
                           old + " -> " + new_text, who.name);
            rp.deliver(set_param_reply{param_change{name, old, new_text}});
          },
          [=](caf::error& e) mutable {
            rp.deliver(set_param_reply{failure{
              refusal{refusal_code::unavailable, name,
                      "the risk actor did not answer: " + caf::to_string(e)}}});
          });
    });
}

caf::result<set_param_reply> do_set_param(self_ptr self, set_param_command& c) {
  auto& st = self->state;
  auto rp = self->make_response_promise<set_param_reply>();
  auto refuse = [&](refusal r) {
    rp.deliver(set_param_reply{failure{std::move(r)}});
    return rp;
  };
  const auto& p = c.param;
  if (p.name.starts_with("risk.")) {
    set_risk_limit(self, c, rp);
    return rp;
  }
  auto fresh = with_param(st.cfg.kimchi, p);
  if (!fresh.has_value())
    return refuse(fresh.error());
  auto old_text = current_text(st.cfg.kimchi, p.name);
  auto new_text = to_text(p.value);
  journal::operator_command cmd{who_text(c.who), "set_param", p.name, old_text,
                                new_text};
  auto who = c.who;
  auto name = p.name;
  journal_command(
    self, std::move(cmd),
    [self, rp, who, name, old_text, new_text,
     k = fresh.value()](std::optional<std::string> err) mutable {
      if (err) {
        rp.deliver(set_param_reply{
          failure{refusal{refusal_code::unavailable, "", std::move(*err)}}});
        return;
      }
      auto& s = self->state;
      self->request(s.cfg.strategy, s.cfg.ask_timeout, params_atom::value, k)
        .then(
          [=](strategy_status&) mutable {
            self->state.cfg.kimchi = k;
            send_alert(self,
                       change_alert(self, "parameter " + name + " changed",
                                    name + ": " + old_text + " -> " + new_text
                                      + " (by " + who.name + ")",
                                    who));
            status_changed(self, status_change::param_changed, name,
                           old_text + " -> " + new_text, who.name);
            rp.deliver(set_param_reply{param_change{name, old_text, new_text}});
          },
          [=](caf::error& e) mutable {
            // The strategy refuses while a pair is in flight (or says why
            // the rules refuse the values).
            rp.deliver(set_param_reply{
              failure{refusal{refusal_code::conflict, name,
                              "the strategy refused: " + caf::to_string(e)}}});
          });
    });
  return rp;
}

void do_cancel_all(self_ptr self, reply_promise rp, const requester& who) {
  journaled(self, rp, {who_text(who), "cancel_all", "", "", ""},
            [self, who](reply_promise p) {
              auto j = fan_out();
              auto up = slot<count_reply>();
              auto bn = slot<count_reply>();
              ask_into(self, j, self->state.cfg.upbit, up,
                       cancel_all_atom::value, std::string{});
              ask_into(self, j, self->state.cfg.binance, bn,
                       cancel_all_atom::value, std::string{});
              arm(j, [self, who, p, up, bn]() mutable {
                std::int64_t n = 0;
                std::string problems;
                for (auto [name, r] :
                     {std::pair{"upbit", up}, std::pair{"binance", bn}}) {
                  if (*r && (*r)->has_value())
                    n += static_cast<std::int64_t>((*r)->value());
                  else
                    problems += std::string{problems.empty() ? "" : "; "} + name
                                + ": "
                                + (*r ? (*r)->error().detail : "no answer");
                }
                auto text = "cancelled " + std::to_string(n) + " orders"
                            + (problems.empty() ? "" : " (" + problems + ")");
                send_alert(self, change_alert(self, "cancel-all",
                                              text + " by " + who.name, who));
                status_changed(self, status_change::orders_cancelled, "", text,
                               who.name);
                p.deliver(command_reply{command_done{text, n}});
              });
            });
}

void do_flatten(self_ptr self, reply_promise rp, const requester& who) {
  journaled(
    self, rp, {who_text(who), "flatten", "", "", ""},
    [self, who](reply_promise p) {
      auto& s = self->state;
      self->request(s.cfg.coordinator, s.cfg.ask_timeout, flatten_atom::value)
        .then(
          [self, who, p](std::size_t n) mutable {
            auto text = "sent " + std::to_string(n) + " closing orders";
            send_alert(self,
                       change_alert(self, "flatten",
                                    text + " (by " + who.name + ")", who));
            status_changed(self, status_change::positions_flattened, "", text,
                           who.name);
            p.deliver(
              command_reply{command_done{text, static_cast<std::int64_t>(n)}});
          },
          [p](caf::error& e) mutable {
            p.deliver(
              refused(refusal_code::unavailable, "",
                      "the coordinator did not answer: " + caf::to_string(e)));
          });
    });
}

void do_halt(self_ptr self, reply_promise rp, const requester& who,
             std::string reason) {
  journal::operator_command cmd{who_text(who), "emergency_stop", "", "",
                                reason};
  // A halt is never refused: it goes ahead even when the journal cannot
  // take the command (the journal failing is itself a reason to halt).
  journal_command(
    self, std::move(cmd),
    [self, rp, who, reason](std::optional<std::string> err) mutable {
      if (err)
        TLOG_ERROR("halt_not_journaled", "why=\"{}\"", *err);
      auto& s = self->state;
      bool was = s.last_halt && s.last_halt->halted;
      self
        ->request(s.cfg.emergency_stop, s.cfg.ask_timeout, halt_atom::value,
                  halt_request{"manual", reason, who.name})
        .then(
          [rp, was](halt_state& h) mutable {
            // The alert, journal record and status change come from the
            // stop's push (on_halt_state), as for automatic halts.
            rp.deliver(command_reply{command_done{
              was ? "already halted (" + h.trigger + ": " + h.detail + ")"
                  : "halted; cancelling every open order on every venue",
              0}});
          },
          [rp](caf::error& e) mutable {
            rp.deliver(refused(refusal_code::unavailable, "",
                               "the emergency stop did not answer: "
                                 + caf::to_string(e)));
          });
    });
}

void do_clear_halt(self_ptr self, reply_promise rp, const requester& who,
                   std::string reason) {
  auto& s = self->state;
  if (reason.empty()) {
    rp.deliver(refused(refusal_code::invalid_value, "reason",
                       "a reason is required to clear a halt"));
    return;
  }
  self->request(s.cfg.emergency_stop, s.cfg.ask_timeout, get_atom::value)
    .then(
      [self, rp, who, reason](halt_state& h) mutable {
        if (!h.halted) {
          rp.deliver(
            refused(refusal_code::conflict, "", "the engine is not halted"));
          return;
        }
        journal::operator_command cmd{who_text(who), "clear_halt", h.trigger,
                                      "halted", reason};
        journaled(
          self, rp, std::move(cmd), [self, who, reason](reply_promise p) {
            auto& st = self->state;
            self
              ->request(st.cfg.emergency_stop, st.cfg.ask_timeout,
                        clear_atom::value, who.name, reason)
              .then(
                [p](halt_state&) mutable {
                  p.deliver(command_reply{command_done{"halt cleared", 0}});
                },
                [p](caf::error& e) mutable {
                  p.deliver(refused(refusal_code::conflict, "",
                                    "the emergency stop refused: "
                                      + caf::to_string(e)));
                });
          });
      },
      [rp](caf::error& e) mutable {
        rp.deliver(
          refused(refusal_code::unavailable, "",
                  "the emergency stop did not answer: " + caf::to_string(e)));
      });
}

// -- queries
// -------------------------------------------------------------------

caf::result<status_view> answer_status(self_ptr self) {
  auto rp = self->make_response_promise<status_view>();
  auto& c = self->state.cfg;
  auto j = fan_out();
  auto halt = slot<halt_state>();
  auto strat = slot<strategy_status>();
  auto stats = slot<coordinator_stats>();
  auto pairs = slot<std::vector<pair_view>>();
  auto up = slot<venue_status>();
  auto bn = slot<venue_status>();
  ask_into(self, j, c.emergency_stop, halt, get_atom::value);
  ask_into(self, j, c.strategy, strat, status_atom::value);
  ask_into(self, j, c.coordinator, stats, stats_atom::value);
  ask_into(self, j, c.coordinator, pairs, pairs_atom::value);
  ask_into(self, j, c.upbit, up, status_atom::value);
  ask_into(self, j, c.binance, bn, status_atom::value);
  arm(j, [=]() mutable {
    if (!*halt) {
      rp.deliver(caf::make_error(caf::sec::request_timeout,
                                 "the emergency stop did not answer"));
      return;
    }
    const auto& st = self->state;
    status_inputs in;
    in.instance = st.cfg.instance;
    in.mode = st.cfg.mode;
    in.now = now_of(self);
    in.kimchi_enabled = st.cfg.kimchi.enabled;
    in.halt = **halt;
    in.strategy = *strat;
    in.stats = *stats;
    in.pairs = *pairs;
    in.upbit = *up;
    in.binance = *bn;
    rp.deliver(status_of(in));
  });
  return rp;
}

caf::result<positions_view> answer_positions(self_ptr self) {
  auto rp = self->make_response_promise<positions_view>();
  auto& c = self->state.cfg;
  auto j = fan_out();
  auto up = slot<position_view>();
  auto bn = slot<position_view>();
  ask_into(self, j, c.upbit_position, up, get_atom::value);
  ask_into(self, j, c.binance_position, bn, get_atom::value);
  arm(j, [=]() mutable {
    positions_view v;
    for (const auto& p : {up, bn})
      if (*p)
        v.positions.push_back(position_row_of(**p, self->state.board));
    rp.deliver(std::move(v));
  });
  return rp;
}

caf::result<orders_view> answer_orders(self_ptr self) {
  auto rp = self->make_response_promise<orders_view>();
  auto& c = self->state.cfg;
  auto j = fan_out();
  auto up = slot<orders_reply>();
  auto bn = slot<orders_reply>();
  ask_into(self, j, c.upbit, up, open_orders_atom::value, std::string{});
  ask_into(self, j, c.binance, bn, open_orders_atom::value, std::string{});
  arm(j, [=]() mutable {
    if (!*up || !*bn || !(*up)->has_value() || !(*bn)->has_value()) {
      rp.deliver(caf::make_error(caf::sec::request_timeout,
                                 "a venue did not list its open orders"));
      return;
    }
    orders_view v;
    for (const auto& r : {up, bn})
      for (const auto& u : (*r)->value())
        v.orders.push_back(order_row_of(u));
    rp.deliver(std::move(v));
  });
  return rp;
}

caf::result<pairs_view> answer_pairs(self_ptr self) {
  auto rp = self->make_response_promise<pairs_view>();
  auto& c = self->state.cfg;
  self->request(c.coordinator, c.ask_timeout, pairs_atom::value)
    .then(
      [self, rp](std::vector<pair_view>& ps) mutable {
        const auto& st = self->state;
        rp.deliver(pairs_of(ps, marks_of(st.board, st.cfg.kimchi)));
      },
      [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
  return rp;
}

caf::result<pnl_view> answer_pnl(self_ptr self) {
  auto rp = self->make_response_promise<pnl_view>();
  auto& c = self->state.cfg;
  self->request(c.coordinator, c.ask_timeout, stats_atom::value)
    .then(
      [self, rp](coordinator_stats& s) mutable {
        const auto& k = self->state.cfg.kimchi;
        std::optional<price> fx;
        if (const auto* t
            = self->state.board.top(venue::upbit, k.usdt_krw_symbol))
          fx = t->bid;
        // Then the pairs, for their P&L (none listed if it does not
        // answer: the totals still stand).
        auto& cf = self->state.cfg;
        self->request(cf.coordinator, cf.ask_timeout, pairs_atom::value)
          .then(
            [self, rp, s, fx](std::vector<pair_view>& ps) mutable {
              const auto& st = self->state;
              rp.deliver(pnl_of(
                s, fx, pair_pnls(ps, marks_of(st.board, st.cfg.kimchi))));
            },
            [rp, s, fx](caf::error&) mutable { rp.deliver(pnl_of(s, fx)); });
      },
      [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
  return rp;
}

caf::result<metrics_snapshot> answer_metrics(self_ptr self) {
  auto rp = self->make_response_promise<metrics_snapshot>();
  auto& c = self->state.cfg;
  auto j = fan_out();
  auto halt = slot<halt_state>();
  auto stats = slot<coordinator_stats>();
  auto up = slot<venue_status>();
  auto bn = slot<venue_status>();
  auto jstats = slot<journal_stats>();
  ask_into(self, j, c.emergency_stop, halt, get_atom::value);
  ask_into(self, j, c.coordinator, stats, stats_atom::value);
  ask_into(self, j, c.upbit, up, status_atom::value);
  ask_into(self, j, c.binance, bn, status_atom::value);
  if (c.journal) {
    ++j->pending;
    self->request(c.journal, c.ask_timeout, journal_stats_atom::value)
      .then(
        [j, jstats](journal_stats& s) {
          *jstats = std::move(s);
          j->one();
        },
        [j](caf::error&) { j->one(); });
  }
  arm(j, [=]() mutable {
    auto& st = self->state;
    if (!st.metrics) {
      rp.deliver(metrics_snapshot{});
      return;
    }
    auto now = now_of(self);
    metrics_inputs in;
    in.halt = *halt;
    in.stats = *stats;
    in.upbit = *up;
    in.binance = *bn;
    in.premium = premium_now(st.board, st.cfg.kimchi, st.cfg.fees, now);
    // The age of the oldest record not yet durable (0 when caught up); a
    // journal too busy to answer leaves the gauge as it was.
    if (*jstats)
      in.journal_lag_ns = journal_lag_ns((*jstats)->oldest_pending, now);
    set_metrics(st.registry, *st.metrics, st.cfg.kimchi, in);
    rp.deliver(st.registry.snapshot());
  });
  return rp;
}

control_impl::behavior_type control(self_ptr self, engine_control_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  if (!st.cfg.clock)
    st.cfg.clock = std::make_shared<system_clock_source>();
  auto m = catalog::declare_engine_metrics(st.registry);
  if (m.has_value())
    st.metrics = m.value();
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& subs = self->state.subscribers;
    subs.erase(std::remove_if(
                 subs.begin(), subs.end(),
                 [&](const caf::actor& a) { return a.address() == dm.source; }),
               subs.end());
  });
  return {
    [self](status_request&) { return answer_status(self); },
    [self](premium_request&) -> premium_view {
      const auto& c = self->state;
      return premium_now(c.board, c.cfg.kimchi, c.cfg.fees, now_of(self));
    },
    [self](positions_request&) { return answer_positions(self); },
    [self](orders_request&) { return answer_orders(self); },
    [self](pairs_request&) { return answer_pairs(self); },
    [self](pnl_request&) { return answer_pnl(self); },
    [self](metrics_request&) { return answer_metrics(self); },
    [self](pause_command& c) -> caf::result<command_reply> {
      auto rp = self->make_response_promise<command_reply>();
      do_pause_or_resume(self, rp, c.who, c.strategy, true);
      return rp;
    },
    [self](resume_command& c) -> caf::result<command_reply> {
      auto rp = self->make_response_promise<command_reply>();
      do_pause_or_resume(self, rp, c.who, c.strategy, false);
      return rp;
    },
    [self](set_param_command& c) { return do_set_param(self, c); },
    [self](cancel_all_command& c) -> caf::result<command_reply> {
      auto rp = self->make_response_promise<command_reply>();
      do_cancel_all(self, rp, c.who);
      return rp;
    },
    [self](flatten_command& c) -> caf::result<command_reply> {
      auto rp = self->make_response_promise<command_reply>();
      do_flatten(self, rp, c.who);
      return rp;
    },
    [self](halt_command& c) -> caf::result<command_reply> {
      auto rp = self->make_response_promise<command_reply>();
      do_halt(self, rp, c.who, c.reason);
      return rp;
    },
    [self](clear_halt_command& c) -> caf::result<command_reply> {
      auto rp = self->make_response_promise<command_reply>();
      do_clear_halt(self, rp, c.who, c.reason);
      return rp;
    },
    [self](control_subscription& s) {
      if (!s.subscriber)
        return;
      self->monitor(s.subscriber);
      self->state.subscribers.push_back(std::move(s.subscriber));
    },
    [self](venues::book_top& t) { self->state.board.update(t); },
    [self](venues::book_depth&) {},
    [self](venues::order_update& u) { on_order_update(self, u); },
    [self](std::vector<venues::balance>&) {},
    [self](venues::position_snapshot&) {},
    [self](venues::session_status& s) { on_session_status(self, s); },
    [self](halt_state& h) { on_halt_state(self, h); },
    [self](pair_view& p) { on_pair_view(self, p); },
    [self](pair_order& o) {
      self->state.pair_of_order.remember(o.id, std::move(o.pair_id));
    },
    // The supervisor restarted a venue actor: ask the new instance, and
    // hear its pushes (the control actor subscribed itself to the old one).
    [self](venue_restarted& r) {
      auto& c = self->state.cfg;
      if (replace_restarted(c.upbit, r) || replace_restarted(c.binance, r))
        caf::anon_send(r.actor, subscribe_atom::value,
                       caf::actor_cast<caf::actor>(self));
    },
    [self](venue_down_alarm&) {}, // the venue-away monitor decides
  };
}

} // namespace

engine_control_actor spawn_engine_control(caf::actor_system& sys,
                                          engine_control_config cfg) {
  auto upbit = cfg.upbit;
  auto binance = cfg.binance;
  auto stop = cfg.emergency_stop;
  auto coordinator = cfg.coordinator;
  auto h = sys.spawn(control, std::move(cfg));
  auto as_actor = caf::actor_cast<caf::actor>(h);
  caf::scoped_actor self{sys};
  for (const auto& a : {upbit, binance, stop, coordinator})
    if (a)
      self->send(a, subscribe_atom::value, as_actor);
  return h;
}

} // namespace tandem::actors
