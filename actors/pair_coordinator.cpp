#include "actors/pair_coordinator.hpp"

#include "actors/alert_protocol.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/order_actor.hpp"
#include "actors/position_actor.hpp"
#include "actors/risk_actor.hpp"
#include "actors/supervision_protocol.hpp"
#include "alerts/trade_alerts.hpp"
#include "arbitrage/leg_plan.hpp"
#include "arbitrage/pair_settlement.hpp"
#include "arbitrage/quote_board.hpp"
#include "core/latency_probe.hpp"
#include "core/position.hpp"
#include "journal/store.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <deque>
#include <initializer_list>
#include <map>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;

/// Internal: a journal ack for an intent of (pair id, order ref).
using intent_ok_atom = caf::atom_constant<caf::atom("intentok")>;

/// Settled pairs kept for the console.
constexpr std::size_t recent_pairs = 50;
/// How long the risk actor may take to check a pair before it is refused.
constexpr auto risk_timeout = 2s;

/// One order of a pair, indexed by its order_ref.
struct order_slot {
  order_request req;
  std::string role;
  caf::actor actor;
  std::optional<leg_report> last;
  bool accepted_fed = false;
  bool final_fed = false;
  bool sent = false;
};

struct pair_run {
  arbitrage::pair_signal sig;
  std::optional<arbitrage::pair_settlement> machine;
  std::vector<order_slot> orders;
  std::string state;
  timestamp created;
  timestamp settled;
  std::string text;
  /// Intents acknowledged by the journal, per order ref.
  std::size_t acks_waiting = 0;
  bool finished = false;
  /// The one-leg-failure alert went out.
  bool one_leg_alerted = false;
  /// Every fill of the pair's orders (legs and corrections), for its P&L.
  std::vector<fill> fills;
  /// See pair_view::tick_to_trade_ns; set when the last leg is handed on.
  std::optional<std::int64_t> tick_to_trade_ns;
};

struct coordinator_state {
  coordinator_config cfg;
  std::optional<client_order_id_generator> ids;
  std::map<std::string, pair_run, std::less<>> pairs;
  std::deque<pair_view> recent;
  /// Client id -> (pair id, order ref).
  std::map<client_order_id, std::pair<std::string, arbitrage::order_ref>>
    routes;
  arbitrage::quote_board board;
  bool halted = false;
  coordinator_stats stats;
  std::optional<tandem::position> upbit_pos;
  std::optional<tandem::position> binance_pos;
  /// The console's control actor: receives every finished pair_view.
  std::vector<caf::actor> settle_subscribers;
  static inline const char* name = "pair_coordinator";
};

using self_ptr = caf::stateful_actor<coordinator_state>*;

timestamp now_of(self_ptr self) { return self->state.cfg.clock->now(); }

void journal_append(self_ptr self, journal::payload body) {
  auto& j = self->state.cfg.journal;
  if (!j)
    return;
  journal::record r;
  r.ts = now_of(self);
  r.body = std::move(body);
  self->send(j, journal_append_atom::value, std::move(r));
}

void alert(self_ptr self, alerts::alert a) {
  if (self->state.cfg.alerts)
    self->send(self->state.cfg.alerts, std::move(a));
}

const instrument& inst_of(const coordinator_state& st, venue v) {
  return v == venue::upbit ? st.cfg.upbit_btc : st.cfg.binance_btc;
}

caf::actor venue_actor_of(const coordinator_state& st, venue v) {
  return v == venue::upbit ? st.cfg.upbit : st.cfg.binance;
}

alerts::leg_summary summary_of(const order_slot& o) {
  alerts::leg_summary s;
  s.venue = o.req.venue;
  s.symbol = o.req.symbol;
  s.side = o.req.side;
  s.ordered = o.req.qty;
  if (o.last) {
    s.filled = o.last->filled;
    s.price = o.last->avg_px.value_or(o.req.limit_price.value_or(price{}));
    s.state = std::string{to_string(o.last->outcome)};
    if (o.last->failure)
      s.state += std::string{": "}
                 + std::string{venues::to_string(o.last->failure->code)};
  } else {
    s.price = o.req.limit_price.value_or(price{});
    s.state = "in flight";
  }
  return s;
}

pair_view view_of(const pair_run& p) {
  pair_view v;
  v.pair_id = p.sig.id;
  v.kind = p.sig.kind;
  v.state = p.state;
  v.premium = p.sig.premium;
  v.qty = p.sig.qty;
  v.created = p.created;
  v.settled = p.settled;
  v.text = p.text;
  v.fills = p.fills;
  v.tick_to_trade_ns = p.tick_to_trade_ns;
  for (const auto& o : p.orders) {
    leg_view l;
    l.id = o.req.id;
    l.venue = o.req.venue;
    l.side = o.req.side;
    l.role = o.role;
    l.qty = o.req.qty;
    if (o.last) {
      l.filled = o.last->filled;
      l.avg_px = o.last->avg_px;
      l.outcome = o.last->outcome;
    }
    v.legs.push_back(std::move(l));
  }
  return v;
}

void set_state(self_ptr self, pair_run& p, journal::pair_state s,
               std::string text) {
  p.state = std::string{journal::to_string(s)};
  p.text = text;
  journal_append(self, journal::pair_decision{p.sig.id, s, std::move(text)});
}

void tell_strategy(self_ptr self, const pair_run& p, quantity hedged,
                   std::string outcome) {
  if (self->state.cfg.strategy)
    self->send(self->state.cfg.strategy,
               pair_settled{p.sig.id, p.sig.kind, hedged, std::move(outcome)});
}

/// Sends the order of `ref` (its intent is durable by now).
void send_order(self_ptr self, pair_run& p, arbitrage::order_ref ref) {
  auto& st = self->state;
  auto& o = p.orders[ref];
  if (o.sent)
    return;
  o.sent = true;
  // Corrections and flattens skip the pre-trade check (they remove
  // exposure), but risk still counts them as open orders until their final
  // report; a pair's legs were counted when risk approved them.
  if (o.role != "leg" && st.cfg.risk)
    self->send(st.cfg.risk, risk_sent_atom::value, o.req);
  order_actor_config oc;
  oc.req = o.req;
  oc.venue = venue_actor_of(st, o.req.venue);
  oc.parent = caf::actor_cast<caf::actor>(self);
  oc.policy = st.cfg.policy;
  oc.answer_timeout = st.cfg.leg_timeout;
  oc.quiet_timeout = st.cfg.leg_timeout;
  // Only legs open exposure; the rest must pass a halt's gate.
  oc.halt_exempt = o.role != "leg";
  // The console learns the order's pair before any fill of it can arrive,
  // so fills in its event stream name their pair.
  for (const auto& sub : st.settle_subscribers)
    self->send(sub, pair_order{p.sig.id, o.req.id});
  o.actor = spawn_order_actor(self->system(), oc);
  ++st.stats.orders_sent;
  ++st.stats.open_orders;
  if (o.role == "leg") {
    // The second leg handed on sets the pair's tick to trade.
    auto newest = std::max({p.sig.upbit_quote_ts, p.sig.binance_quote_ts,
                            p.sig.usdt_krw_quote_ts});
    if (newest.time_since_epoch().count() > 0)
      p.tick_to_trade_ns
        = std::chrono::duration_cast<std::chrono::nanoseconds>(now_of(self)
                                                               - newest)
            .count();
  }
}

/// Commits the intents of `refs` in one transaction on this thread
/// (coordinator_config::intent_store), then sends their orders at once. A
/// failed commit sends nothing: each order is refused as "not durable" and
/// the emergency stop gets the journal_failure.
void commit_direct_and_send(self_ptr self, pair_run& p,
                            std::initializer_list<arbitrage::order_ref> refs) {
  auto& st = self->state;
  std::vector<journal::record> batch;
  batch.reserve(refs.size());
  auto ts = now_of(self);
  for (auto ref : refs) {
    auto& o = p.orders[ref];
    st.routes[o.req.id] = {p.sig.id, ref};
    journal::record r;
    r.ts = ts;
    r.body = journal::order_intent{o.req, p.sig.id, p.sig.id};
    batch.push_back(std::move(r));
  }
  probe::mark(probe::point::intent_commit);
  auto done = st.cfg.intent_store->append(batch);
  if (!done) {
    TLOG_CRITICAL("intent_not_durable", "pair={} orders={} error=\"{}\"",
                  p.sig.id, refs.size(), journal::to_string(done.error()));
    if (st.cfg.emergency_stop)
      self->send(st.cfg.emergency_stop,
                 journal_failure{done.error(), 0, refs.size()});
    for (auto ref : refs)
      self->send(self, intent_ok_atom::value, p.sig.id, ref, false);
    return;
  }
  for (auto ref : refs) {
    probe::mark(p.orders[ref].req.venue == venue::upbit
                  ? probe::point::upbit_durable
                  : probe::point::binance_durable);
    send_order(self, p, ref);
  }
}

/// Journals the intent of `ref` durably, then sends it (without a journal,
/// at once).
void commit_and_send(self_ptr self, pair_run& p, arbitrage::order_ref ref) {
  auto& st = self->state;
  if (st.cfg.intent_store) {
    commit_direct_and_send(self, p, {ref});
    return;
  }
  auto& o = p.orders[ref];
  st.routes[o.req.id] = {p.sig.id, ref};
  if (!st.cfg.journal) {
    send_order(self, p, ref);
    return;
  }
  journal::record r;
  r.ts = now_of(self);
  r.body = journal::order_intent{o.req, p.sig.id, p.sig.id};
  auto pair_id = p.sig.id;
  self->request(st.cfg.journal, 10s, journal_durable_atom::value, std::move(r))
    .then(
      [=](durable_reply& d) {
        auto& stt = self->state;
        auto it = stt.pairs.find(pair_id);
        if (it == stt.pairs.end())
          return;
        if (!d.has_value()) {
          // Not durable: the order must not be sent. The journal actor
          // reports the failure to the emergency stop.
          TLOG_CRITICAL("intent_not_durable", "pair={} ref={} error=\"{}\"",
                        pair_id, ref, journal::to_string(d.error()));
          self->send(self, intent_ok_atom::value, pair_id, ref, false);
          return;
        }
        self->send(self, intent_ok_atom::value, pair_id, ref, true);
      },
      [=](caf::error& e) {
        TLOG_CRITICAL("intent_not_durable", "pair={} ref={} error={}", pair_id,
                      ref, caf::to_string(e));
        self->send(self, intent_ok_atom::value, pair_id, ref, false);
      });
}

void feed(self_ptr self, pair_run& p, const arbitrage::settle_event& e);

void finish(self_ptr self, pair_run& p) {
  auto& st = self->state;
  p.finished = true;
  p.settled = now_of(self);
  st.recent.push_back(view_of(p));
  while (st.recent.size() > recent_pairs)
    st.recent.pop_front();
  // Pushed, not polled: the console streams settlements as they happen.
  for (const auto& sub : st.settle_subscribers)
    self->send(sub, st.recent.back());
}

void on_settled_hedged(self_ptr self, pair_run& p,
                       const arbitrage::settled_hedged& h) {
  auto& st = self->state;
  bool entry = p.sig.kind == arbitrage::pair_kind::entry;
  if (entry)
    ++st.stats.pairs_opened;
  set_state(self, p, journal::pair_state::hedged,
            "hedged " + h.qty.to_string() + " BTC per leg, residual "
              + h.residual.to_string());
  TLOG_INFO("pair_hedged", "pair={} qty={} residual={}", p.sig.id,
            h.qty.to_string(), h.residual.to_string());
  if (p.machine->corrections() > 0)
    alert(self,
          alerts::rollback_alert(p.sig.id, summary_of(p.orders.back()), true,
                                 "legs evened out; pair hedged with "
                                   + h.qty.to_string() + " BTC",
                                 now_of(self)));
  tell_strategy(self, p, h.qty, entry ? "hedged" : "partly_closed");
  finish(self, p);
}

void on_settled_flat(self_ptr self, pair_run& p,
                     const arbitrage::settled_flat& f) {
  auto& st = self->state;
  bool entry = p.sig.kind == arbitrage::pair_kind::entry;
  bool any_fill = false;
  for (const auto& o : p.orders)
    any_fill = any_fill || (o.last && o.last->filled.is_positive());
  journal::pair_state s;
  std::string outcome;
  if (!entry) {
    s = journal::pair_state::closed;
    outcome = "closed";
    ++st.stats.pairs_closed;
  } else if (any_fill) {
    s = journal::pair_state::rolled_back;
    outcome = "rolled_back";
    ++st.stats.rollbacks;
    alert(self, alerts::rollback_alert(p.sig.id, summary_of(p.orders.back()),
                                       true, "filled leg unwound; pair is flat",
                                       now_of(self)));
  } else {
    s = journal::pair_state::abandoned;
    outcome = "abandoned";
  }
  set_state(self, p, s, outcome + ", residual " + f.residual.to_string());
  TLOG_INFO("pair_flat", "pair={} outcome={} residual={}", p.sig.id, outcome,
            f.residual.to_string());
  tell_strategy(self, p, quantity{}, outcome);
  finish(self, p);
}

void on_escalate(self_ptr self, pair_run& p, const arbitrage::escalate& e) {
  auto& st = self->state;
  ++st.stats.escalations;
  ++st.stats.halts;
  set_state(self, p, journal::pair_state::escalated,
            e.reason + ", exposure " + e.exposure.to_string() + " BTC");
  std::vector<alerts::leg_summary> legs;
  for (const auto& o : p.orders)
    legs.push_back(summary_of(o));
  alert(self, alerts::escalation_alert(p.sig.id, e.reason, legs,
                                       "emergency stop: trading halted",
                                       now_of(self)));
  if (st.cfg.emergency_stop)
    self->send(st.cfg.emergency_stop, halt_atom::value,
               halt_request{"rollback_failed",
                            "pair=" + p.sig.id + " " + e.reason
                              + " exposure=" + e.exposure.to_string() + " BTC",
                            "coordinator"});
  tell_strategy(self, p, p.machine->hedged_qty(), "escalated");
  finish(self, p);
}

void place_correction(self_ptr self, pair_run& p,
                      const arbitrage::correction& c) {
  auto& st = self->state;
  const auto& inst = inst_of(st, c.venue);
  const auto* top = st.board.top(c.venue, inst.symbol);
  std::optional<price> limit;
  if (top) {
    auto px = arbitrage::marketable_limit(
      inst, c.side, c.side == side::buy ? top->ask : top->bid,
      st.cfg.correction_slippage_bps);
    if (px.has_value())
      limit = px.value();
  }
  std::string role = c.kind == arbitrage::correction_kind::unwind   ? "unwind"
                     : c.kind == arbitrage::correction_kind::top_up ? "top_up"
                                                                    : "retry";
  if (c.ref != p.orders.size()) {
    TLOG_ERROR("correction_ref_mismatch", "pair={} ref={} orders={}", p.sig.id,
               c.ref, p.orders.size());
  }
  order_slot slot;
  slot.role = role;
  if (limit) {
    auto planned = arbitrage::plan_order(inst, c.side, c.qty, *limit,
                                         c.reduce_only, *st.ids);
    if (planned.has_value())
      slot.req = planned.value();
    else
      TLOG_ERROR("correction_refused", "pair={} why=\"{}\"", p.sig.id,
                 planned.error().message());
  }
  if (slot.req.id.empty()) {
    // No price to trade at, or the venue's rules refuse it: the correction
    // fails, and the machine decides (escalate).
    slot.req.venue = c.venue;
    slot.req.symbol = inst.symbol;
    slot.req.side = c.side;
    slot.req.qty = c.qty;
    p.orders.push_back(std::move(slot));
    feed(self, p,
         arbitrage::leg_rejected{c.ref, venues::venue_error::rejected_other});
    return;
  }
  TLOG_WARN("pair_correction", "pair={} kind={} venue={} side={} qty={}",
            p.sig.id, role, to_string(c.venue),
            c.side == side::buy ? "buy" : "sell", c.qty.to_string());
  p.orders.push_back(std::move(slot));
  if (p.state == "opening")
    set_state(self, p, journal::pair_state::rolling_back,
              "correcting: " + arbitrage::describe(c));
  commit_and_send(self, p, c.ref);
}

void act(self_ptr self, pair_run& p,
         const std::vector<arbitrage::settle_action>& actions) {
  for (const auto& a : actions) {
    if (p.finished && !std::holds_alternative<arbitrage::correction>(a))
      continue;
    std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, arbitrage::wait_action>) {
        } else if constexpr (std::is_same_v<T, arbitrage::query_leg>) {
          auto& o = p.orders[x.ref];
          auto pair_id = p.sig.id;
          auto ref = x.ref;
          self
            ->request(venue_actor_of(self->state, x.venue),
                      self->state.cfg.leg_timeout, query_atom::value,
                      o.req.symbol, o.req.id)
            .then(
              [=](order_reply& r) {
                auto it = self->state.pairs.find(pair_id);
                if (it == self->state.pairs.end())
                  return;
                if (r.has_value())
                  feed(self, it->second,
                       arbitrage::leg_query_result{ref, r.value()});
                else
                  feed(self, it->second,
                       arbitrage::leg_query_failed{ref, r.error().code});
              },
              [=](caf::error&) {
                auto it = self->state.pairs.find(pair_id);
                if (it != self->state.pairs.end())
                  feed(self, it->second,
                       arbitrage::leg_query_failed{
                         ref, venues::venue_error::outcome_unknown});
              });
        } else if constexpr (std::is_same_v<T, arbitrage::cancel_leg>) {
          auto& o = p.orders[x.ref];
          if (o.actor)
            self->send(o.actor, cancel_atom::value);
        } else if constexpr (std::is_same_v<T, arbitrage::correction>) {
          p.finished = false;
          place_correction(self, p, x);
        } else if constexpr (std::is_same_v<T, arbitrage::settled_hedged>) {
          on_settled_hedged(self, p, x);
        } else if constexpr (std::is_same_v<T, arbitrage::settled_flat>) {
          on_settled_flat(self, p, x);
        } else if constexpr (std::is_same_v<T, arbitrage::escalate>) {
          on_escalate(self, p, x);
        }
      },
      a);
  }
}

void feed(self_ptr self, pair_run& p, const arbitrage::settle_event& e) {
  if (!p.machine)
    return; // A flatten order: no pair to settle.
  auto r = p.machine->on(e);
  if (!r.has_value()) {
    TLOG_ERROR("settlement_refused_event", "pair={} error={}", p.sig.id,
               arbitrage::to_string(r.error()));
    return;
  }
  act(self, p, r.value());
}

/// One leg failed while the other filled: tell a person, once per pair,
/// whichever of the two reports arrives first (a rejection often comes
/// back before the other venue's fill).
void alert_one_leg_failure(self_ptr self, pair_run& p) {
  if (p.one_leg_alerted || !p.machine || p.orders.size() < 2)
    return;
  for (arbitrage::order_ref ref :
       {arbitrage::upbit_leg, arbitrage::binance_leg}) {
    const auto& o = p.orders[ref];
    const auto& other = p.orders[1 - ref];
    bool failed = o.last
                  && (o.last->outcome == leg_outcome::rejected
                      || o.last->outcome == leg_outcome::absent);
    if (failed && other.last && other.last->filled.is_positive()) {
      p.one_leg_alerted = true;
      alert(self, alerts::one_leg_failure_alert(
                    p.sig.id, summary_of(o), summary_of(other),
                    "unwinding the filled leg", now_of(self)));
      return;
    }
  }
}

/// Journals what a leg report says and feeds it to the pair's machine.
void on_report(self_ptr self, leg_report& rep) {
  auto& st = self->state;
  auto route = st.routes.find(rep.id);
  if (route == st.routes.end()) {
    TLOG_WARN("leg_report_unrouted", "cid={}", rep.id.view());
    return;
  }
  auto pit = st.pairs.find(route->second.first);
  if (pit == st.pairs.end())
    return;
  auto& p = pit->second;
  auto ref = route->second.second;
  auto& o = p.orders[ref];
  bool status_changed
    = !o.last || o.last->status != rep.status || o.last->filled != rep.filled;
  // Fills: to the journal, the position actors and our own books.
  for (const auto& f : rep.new_fills) {
    p.fills.push_back(f);
    journal_append(self, f);
    auto& pos = f.venue == venue::upbit ? st.upbit_pos : st.binance_pos;
    if (pos) {
      auto applied = pos->apply(f);
      if (!applied.has_value())
        TLOG_ERROR("coordinator_fill_refused", "cid={} trade={}",
                   f.order_id.view(), f.trade_id);
    }
    auto pa = f.venue == venue::upbit ? st.cfg.upbit_position
                                      : st.cfg.binance_position;
    if (pa)
      self->send(pa, f);
    if (st.cfg.risk)
      self->send(st.cfg.risk, f);
  }
  if (status_changed) {
    venues::order_update u;
    u.venue = rep.venue;
    u.symbol = rep.symbol;
    u.id = rep.id;
    u.side = rep.side;
    u.order_qty = rep.order_qty;
    u.cum_qty = rep.filled;
    u.avg_px = rep.avg_px;
    switch (rep.status) {
      case order_status::accepted: u.event = order_event::accepted; break;
      case order_status::partially_filled:
        u.event = order_event::partial_fill;
        break;
      case order_status::filled: u.event = order_event::fill; break;
      case order_status::canceled: u.event = order_event::canceled; break;
      case order_status::expired: u.event = order_event::expired; break;
      case order_status::rejected:
        u.event = order_event::rejected;
        if (rep.failure)
          u.reason = rep.failure->code;
        break;
      default: status_changed = false; break;
    }
    if (status_changed)
      journal_append(self, u);
  }
  o.last = rep;
  // The machine's events.
  bool final_outcome = rep.outcome != leg_outcome::working;
  if (!o.accepted_fed && rep.status != order_status::pending_new
      && rep.outcome != leg_outcome::rejected
      && rep.outcome != leg_outcome::absent) {
    o.accepted_fed = true;
    feed(self, p, arbitrage::leg_accepted{ref});
  }
  for (const auto& f : rep.new_fills)
    feed(self, p, arbitrage::leg_fill{ref, f.qty, f.px});
  if (final_outcome && !o.final_fed) {
    o.final_fed = true;
    // Risk counts the order as open until this final outcome.
    if (st.cfg.risk)
      self->send(st.cfg.risk, rep);
    if (st.stats.open_orders > 0)
      --st.stats.open_orders;
    switch (rep.outcome) {
      case leg_outcome::filled:
      case leg_outcome::closed:
        feed(self, p, arbitrage::leg_done{ref, rep.filled});
        break;
      case leg_outcome::rejected:
        feed(self, p,
             arbitrage::leg_rejected{
               ref, rep.failure ? rep.failure->code
                                : venues::venue_error::rejected_other});
        break;
      case leg_outcome::absent:
        // Every query said the venue never had it: it was never placed.
        feed(self, p,
             arbitrage::leg_rejected{ref, venues::venue_error::unknown_order});
        break;
      case leg_outcome::unknown:
        feed(self, p, arbitrage::leg_timed_out{ref});
        break;
      case leg_outcome::working: break;
    }
  }
  alert_one_leg_failure(self, p);
}

/// Refuses a pair before any of its orders exists: abandoned, journaled,
/// the strategy told.
void refuse_pair(self_ptr self, const arbitrage::pair_signal& sig,
                 std::string why) {
  auto& st = self->state;
  ++st.stats.vetoes;
  pair_run p;
  p.sig = sig;
  p.created = now_of(self);
  quantity held
    = sig.kind == arbitrage::pair_kind::entry ? quantity{} : sig.qty;
  p.state = std::string{journal::to_string(journal::pair_state::abandoned)};
  p.text = why;
  if (st.cfg.intent_store)
    journal_append(self, journal::signal_processed{sig.id});
  journal_append(
    self, journal::pair_decision{sig.id, journal::pair_state::abandoned, why});
  TLOG_WARN("pair_refused", "signal={} why=\"{}\"", sig.id, why);
  tell_strategy(self, p, held, "refused");
  p.finished = true;
  st.recent.push_back(view_of(p));
}

/// Starts a pair whose legs passed every check: the settlement machine,
/// the opening record, both legs out.
void start_pair(self_ptr self, const arbitrage::pair_signal& sig,
                const arbitrage::leg_pair& legs) {
  auto& st = self->state;
  // A halt may have come in while risk was deciding.
  if (st.halted) {
    refuse_pair(self, sig, "halted");
    return;
  }
  bool entry = sig.kind == arbitrage::pair_kind::entry;
  quantity held = entry ? quantity{} : sig.qty;
  pair_run p;
  p.sig = sig;
  p.created = now_of(self);
  auto spec
    = arbitrage::kimchi_pair(sig.id, sig.kind, sig.qty, held,
                             st.cfg.upbit_btc.lot, st.cfg.binance_btc.lot);
  if (!spec.has_value()) {
    refuse_pair(self, sig,
                std::string{"pair spec: "}
                  + std::string{arbitrage::to_string(spec.error())});
    return;
  }
  auto pol = st.cfg.settlement;
  auto machine = arbitrage::pair_settlement::make(spec.value(), pol);
  if (!machine.has_value()) {
    refuse_pair(self, sig,
                std::string{"settlement: "}
                  + std::string{arbitrage::to_string(machine.error())});
    return;
  }
  p.machine.emplace(std::move(machine.value()));
  order_slot up;
  up.req = legs.upbit;
  up.role = "leg";
  order_slot bn;
  bn.req = legs.binance;
  bn.role = "leg";
  p.orders.push_back(std::move(up));
  p.orders.push_back(std::move(bn));
  auto [it, inserted] = st.pairs.emplace(sig.id, std::move(p));
  auto& run = it->second;
  auto opening
    = entry ? journal::pair_state::opening : journal::pair_state::closing;
  auto why = "premium " + sig.premium.to_string() + " bps, "
             + sig.qty.to_string() + " BTC per leg";
  // Both legs go out concurrently: neither waits for the other's answer.
  if (st.cfg.intent_store) {
    // Only what must precede the orders is on their path: both intents in
    // one transaction (~11 us of SQLite per record). The signal and the
    // opening decision follow through the journal actor (replay takes an
    // intent as its signal processed and its pair open).
    commit_direct_and_send(self, run,
                           {arbitrage::upbit_leg, arbitrage::binance_leg});
    journal_append(self, journal::signal_processed{sig.id});
    set_state(self, run, opening, std::move(why));
    return;
  }
  set_state(self, run, opening, std::move(why));
  commit_and_send(self, run, arbitrage::upbit_leg);
  commit_and_send(self, run, arbitrage::binance_leg);
}

void on_signal(self_ptr self, arbitrage::pair_signal& sig) {
  probe::mark(probe::point::coordinator_signal);
  auto& st = self->state;
  ++st.stats.signals;
  if (st.cfg.processed_signals.count(sig.id) || st.pairs.count(sig.id)) {
    ++st.stats.duplicates;
    TLOG_WARN("signal_duplicate", "signal={} action=dropped", sig.id);
    return;
  }
  st.cfg.processed_signals.insert(sig.id);
  // With direct intents, a started pair journals it right after its
  // intents (start_pair), a refused one in refuse_pair.
  if (!st.cfg.intent_store)
    journal_append(self, journal::signal_processed{sig.id});
  if (st.halted) {
    refuse_pair(self, sig, "halted");
    return;
  }
  auto legs
    = arbitrage::plan_legs(sig, st.cfg.upbit_btc, st.cfg.binance_btc, *st.ids);
  if (!legs.has_value()) {
    refuse_pair(self, sig, "leg plan: " + legs.error().message());
    return;
  }
  if (!st.cfg.risk) {
    start_pair(self, sig, legs.value());
    return;
  }
  // Risk sees both legs at once; nothing is journaled as an intent or sent
  // before it answers ok. No answer refuses the pair (fail closed).
  auto planned = legs.value();
  self->request(st.cfg.risk, risk_timeout, risk_check_atom::value, planned)
    .then(
      [=](const pair_verdict& v) {
        probe::mark(probe::point::risk_answer);
        if (v.ok()) {
          start_pair(self, sig, planned);
          return;
        }
        journal_append(
          self, journal::risk_veto{v.order_id, sig.id, sig.id,
                                   std::string{risk::to_string(v.veto->rule)},
                                   v.veto->detail});
        refuse_pair(self, sig, "risk: " + v.veto->message());
      },
      [=](const caf::error& e) {
        refuse_pair(self, sig, "risk: no answer: " + caf::to_string(e));
      });
}

/// Closes what the books hold on both venues with marketable IOC orders
/// (Upbit: sell the BTC; Binance: buy back the short, reduce-only).
/// Returns how many orders were sent.
std::size_t flatten(self_ptr self) {
  auto& st = self->state;
  std::size_t sent = 0;
  static std::uint64_t round = 0;
  pair_run p;
  p.sig.id = "flatten-" + std::to_string(++round);
  p.created = now_of(self);
  p.state = "closing";
  p.text = "flatten";
  for (auto v : {venue::upbit, venue::binance}) {
    auto net = (v == venue::upbit ? st.upbit_pos : st.binance_pos)->net_qty();
    if (net.is_zero())
      continue;
    const auto& inst = inst_of(st, v);
    side s = net.is_positive() ? side::sell : side::buy;
    quantity qty = net.is_positive() ? net : -net;
    qty = round_to_step(qty, inst.lot, rounding::down).value_or(quantity{});
    const auto* top = st.board.top(v, inst.symbol);
    if (!top || qty.is_zero()) {
      TLOG_ERROR("flatten_impossible", "venue={} net={} reason={}",
                 to_string(v), net.to_string(),
                 top ? "below one lot" : "no quote");
      continue;
    }
    auto px = arbitrage::marketable_limit(
      inst, s, s == side::buy ? top->ask : top->bid,
      st.cfg.correction_slippage_bps);
    if (!px.has_value())
      continue;
    auto req = arbitrage::plan_order(inst, s, qty, px.value(),
                                     v == venue::binance, *st.ids);
    if (!req.has_value()) {
      TLOG_ERROR("flatten_refused", "venue={} why=\"{}\"", to_string(v),
                 req.error().message());
      continue;
    }
    order_slot slot;
    slot.req = req.value();
    slot.role = "flatten";
    p.orders.push_back(std::move(slot));
  }
  if (p.orders.empty())
    return 0;
  auto [it, ok] = st.pairs.emplace(p.sig.id, std::move(p));
  for (arbitrage::order_ref r = 0; r < it->second.orders.size(); ++r) {
    commit_and_send(self, it->second, r);
    ++sent;
  }
  TLOG_WARN("flatten", "orders={}", sent);
  return sent;
}

/// The supervisor restarted a venue actor: legs, queries and order actors
/// use the new instance from now on; each order actor re-queries its order
/// there by client id.
void on_venue_restarted(self_ptr self, const venue_restarted& r) {
  auto& st = self->state;
  if (!replace_restarted(st.cfg.upbit, r)
      && !replace_restarted(st.cfg.binance, r))
    return;
  std::size_t told = 0;
  for (auto& [id, p] : st.pairs)
    for (auto& o : p.orders)
      if (o.actor && (!r.venue || o.req.venue == *r.venue)) {
        self->send(o.actor, r);
        ++told;
      }
  TLOG_WARN("coordinator_venue_restarted", "venue={} restarts={} told={}",
            r.name, r.restarts, told);
}

caf::behavior coordinator(self_ptr self, coordinator_config cfg) {
  auto& init = self->state;
  init.cfg = std::move(cfg);
  if (!init.cfg.clock)
    init.cfg.clock = std::make_shared<system_clock_source>();
  auto ids
    = client_order_id_generator::make(init.cfg.cid_prefix, init.cfg.session);
  if (!ids.has_value()) {
    TLOG_CRITICAL("coordinator_bad_prefix", "prefix={}", init.cfg.cid_prefix);
    self->quit(caf::sec::invalid_argument);
    return {};
  }
  init.ids.emplace(ids.value());
  init.upbit_pos.emplace(venue::upbit, init.cfg.upbit_btc.symbol);
  init.binance_pos.emplace(venue::binance, init.cfg.binance_btc.symbol);
  return {
    [=](arbitrage::pair_signal& sig) { on_signal(self, sig); },
    [=](leg_report& rep) { on_report(self, rep); },
    [=](intent_ok_atom, const std::string& pair_id, arbitrage::order_ref ref,
        bool ok) {
      auto it = self->state.pairs.find(pair_id);
      if (it == self->state.pairs.end())
        return;
      if (ok) {
        send_order(self, it->second, ref);
        return;
      }
      // Not journaled, so not sent: to the machine it was refused, and
      // risk (which counted an approved leg as open) is told it is over.
      auto& o = it->second.orders[ref];
      if (o.role == "leg" && self->state.cfg.risk) {
        leg_report gone;
        gone.id = o.req.id;
        gone.venue = o.req.venue;
        gone.symbol = o.req.symbol;
        gone.outcome = leg_outcome::rejected;
        self->send(self->state.cfg.risk, std::move(gone));
      }
      feed(self, it->second,
           arbitrage::leg_rejected{ref, venues::venue_error::rejected_other});
    },
    [=](venues::order_update& u) {
      auto& st = self->state;
      auto route = st.routes.find(u.id);
      if (route == st.routes.end())
        return; // Not ours (or from before this run: reconciliation's).
      auto pit = st.pairs.find(route->second.first);
      if (pit == st.pairs.end())
        return;
      auto& o = pit->second.orders[route->second.second];
      if (o.actor)
        self->send(o.actor, std::move(u));
    },
    [=](const venues::book_top& t) { self->state.board.update(t); },
    [=](const venues::book_depth&) {},
    [=](const std::vector<venues::balance>&) {},
    [=](const venues::position_snapshot&) {},
    [=](const venues::session_status&) {},
    [=](const halt_state& h) {
      if (h.halted && !self->state.halted)
        ++self->state.stats.halts;
      self->state.halted = h.halted;
    },
    [=](const strategy_handle& s) { self->state.cfg.strategy = s.strategy; },
    [=](const venue_restarted& r) { on_venue_restarted(self, r); },
    [=](const venue_down_alarm&) {}, // the venue-away monitor decides
    [=](restore_atom, tandem::position& up, tandem::position& bn) {
      // Positions held before a restart, so exits, stats and flatten see
      // them.
      self->state.upbit_pos.emplace(std::move(up));
      self->state.binance_pos.emplace(std::move(bn));
    },
    [=](pairs_atom) {
      std::vector<pair_view> out;
      for (const auto& [id, p] : self->state.pairs)
        if (!p.finished)
          out.push_back(view_of(p));
      for (const auto& v : self->state.recent)
        out.push_back(v);
      return out;
    },
    [=](stats_atom) {
      auto& st = self->state;
      auto s = st.stats;
      s.upbit_net = st.upbit_pos->net_qty();
      s.binance_net = st.binance_pos->net_qty();
      s.upbit_realized_krw = st.upbit_pos->realized_pnl();
      s.binance_realized_usdt = st.binance_pos->realized_pnl();
      // USDT to KRW at the last KRW-USDT bid (what selling USDT fetches).
      const auto* fx = st.board.top(venue::upbit, "KRW-USDT");
      money usdt_in_krw;
      if (fx) {
        auto k
          = mul<money>(s.binance_realized_usdt, fx->bid, rounding::half_even);
        if (k.has_value())
          usdt_in_krw = k.value();
      }
      s.realized_krw = s.upbit_realized_krw + usdt_in_krw;
      money unreal;
      const auto* up = st.board.top(venue::upbit, st.cfg.upbit_btc.symbol);
      const auto* bn = st.board.top(venue::binance, st.cfg.binance_btc.symbol);
      if (up) {
        auto u = st.upbit_pos->unrealized_pnl(up->bid);
        if (u.has_value())
          unreal = u.value();
      }
      if (bn && fx) {
        auto u = st.binance_pos->unrealized_pnl(bn->ask);
        if (u.has_value()) {
          auto k = mul<money>(u.value(), fx->bid, rounding::half_even);
          if (k.has_value())
            unreal = unreal + k.value();
        }
      }
      s.unrealized_krw = unreal;
      return s;
    },
    [=](flatten_atom) -> std::size_t { return flatten(self); },
    // The control actor (console): every finished pair as a pair_view.
    [=](subscribe_atom, caf::actor who) {
      if (who)
        self->state.settle_subscribers.push_back(std::move(who));
    },
  };
}

} // namespace

caf::actor spawn_pair_coordinator(caf::actor_system& sys,
                                  coordinator_config cfg) {
  return sys.spawn(coordinator, std::move(cfg));
}

} // namespace tandem::actors
