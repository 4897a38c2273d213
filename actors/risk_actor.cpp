#include "actors/risk_actor.hpp"

#include "actors/engine_protocol.hpp"
#include "actors/position_actor.hpp"
#include "actors/supervision_protocol.hpp"
#include "core/position.hpp"
#include "log/logging.hpp"
#include "risk/daily_pnl.hpp"
#include "risk/halt_rules.hpp"
#include "risk/limit_params.hpp"
#include "risk/limits.hpp"
#include "risk/order_rate.hpp"
#include "risk/stop_loss.hpp"
#include "risk/venue_away.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;

/// One instrument risk follows: its rules, our position from fills, the
/// last mark (mid of the top, quote currency) and whether its stop-loss
/// (alone: outside any pair) is currently crossed.
struct tracked {
  instrument inst;
  tandem::position pos;
  price mark;
  bool stop_crossed = false;
  /// Part of a hedge pair: its stop-loss is judged there.
  bool hedged = false;
};

/// A hedge pair (indexes into books) and which of its stop-losses are
/// currently crossed.
struct hedge_run {
  std::size_t a = 0;
  std::size_t b = 0;
  bool pair_crossed = false;
  bool a_crossed = false;
  bool b_crossed = false;
  bool unpriced_logged = false;
};

struct risk_state {
  risk_state() {} // NOLINT: user-declared (CAF 0.17 state construction)
  risk_actor_config cfg;
  std::vector<tracked> books;
  std::vector<hedge_run> hedges;
  price usdt_krw;
  std::set<client_order_id> open;
  risk::order_rate_log rate;
  risk::daily_pnl day;
  money day_pnl;
  /// (venue, trade id) of fills already applied.
  std::set<std::pair<int, std::string>> seen_fills;
  std::map<int, bool> venue_crossed;
  bool loss_crossed = false;
  bool halted = false;
  std::optional<std::int32_t> binance_leverage;
  std::uint64_t checks = 0;
  std::uint64_t vetoes = 0;
  std::uint64_t halts = 0;
  /// Venues the venue-away monitor says are away, by venue.
  std::map<int, venue_presence_changed> away;
  static inline const char* name = "risk";
};

using self_ptr = caf::stateful_actor<risk_state>*;

timestamp now_of(self_ptr self) { return self->state.cfg.clock->now(); }

tracked* find_book(risk_state& st, venue v, std::string_view symbol) {
  for (auto& b : st.books)
    if (b.inst.venue == v && b.inst.symbol == symbol)
      return &b;
  return nullptr;
}

/// `amount` in `currency` as KRW at the last KRW-USDT rate.
std::optional<money> krw(const risk_state& st, money amount,
                         std::string_view currency) {
  return risk::to_krw(amount, currency, st.usdt_krw);
}

void halt(self_ptr self, std::string trigger, std::string detail) {
  auto& st = self->state;
  ++st.halts;
  TLOG_ERROR("risk_halt", "trigger={} detail=\"{}\"", trigger, detail);
  if (st.cfg.emergency_stop)
    self->send(st.cfg.emergency_stop, halt_atom::value,
               halt_request{std::move(trigger), std::move(detail), "risk"});
}

/// Unrealized P&L of every position at its mark, KRW (what cannot be
/// marked or converted yet counts as zero).
money unrealized_krw(const risk_state& st) {
  money unreal;
  for (const auto& b : st.books) {
    if (b.pos.is_flat() || !b.mark.is_positive())
      continue;
    auto u = b.pos.unrealized_pnl(b.mark);
    if (!u.has_value())
      continue;
    if (auto k = krw(st, u.value(), b.inst.quote))
      unreal = unreal + *k;
  }
  return unreal;
}

std::string name_of(const tracked& b) {
  return std::string{to_string(b.inst.venue)} + ":" + b.inst.symbol;
}

risk::leg_mark leg_of(const tracked& b) {
  return {b.pos.net_qty(), b.pos.avg_entry().value_or(price{}), b.mark,
          b.inst.quote, b.inst.multiplier};
}

/// Halts when `hit` is a new crossing; remembers whether it is crossed.
/// `what` names the position, `currency` the hit's amounts.
void crossing(self_ptr self, const std::optional<risk::stop_loss_hit>& hit,
              bool& crossed, const std::string& what,
              std::string_view currency) {
  if (hit && !crossed)
    halt(self, "stop_loss",
         what + " " + hit->message() + " " + std::string{currency});
  crossed = hit.has_value();
}

/// A hedge pair's stop-loss: the hedged part as one position (KRW), each
/// leg's unhedged rest alone.
void evaluate_hedge(self_ptr self, hedge_run& h) {
  auto& st = self->state;
  const auto& a = st.books[h.a];
  const auto& b = st.books[h.b];
  auto r = risk::check_pair_stop_loss(leg_of(a), leg_of(b), st.usdt_krw,
                                      st.cfg.limits);
  if (r.unpriced && !h.unpriced_logged)
    TLOG_WARN("risk_stop_loss_unpriced", "pair={}+{} usdt_krw={}", name_of(a),
              name_of(b), st.usdt_krw.to_string());
  h.unpriced_logged = r.unpriced;
  crossing(self, r.pair, h.pair_crossed,
           "pair " + name_of(a) + "+" + name_of(b)
             + " hedged_qty=" + r.hedged.to_string(),
           "KRW");
  auto rest = [&](const tracked& t) {
    auto size
      = t.pos.net_qty().is_negative() ? -t.pos.net_qty() : t.pos.net_qty();
    return name_of(t) + " unhedged_qty=" + (size - r.hedged).to_string();
  };
  crossing(self, r.a_rest, h.a_crossed, rest(a), a.inst.quote);
  crossing(self, r.b_rest, h.b_crossed, rest(b), b.inst.quote);
}

/// Re-marks the day's P&L and the stop-losses; halts on a new crossing.
void evaluate(self_ptr self) {
  auto& st = self->state;
  auto now = now_of(self);
  st.day_pnl = st.day.mark(now, unrealized_krw(st));
  auto loss = risk::check_daily_loss(st.day_pnl, st.cfg.limits, now);
  if (loss && !st.loss_crossed)
    halt(self, "daily_loss", loss->detail);
  st.loss_crossed = loss.has_value();
  for (auto& h : st.hedges)
    evaluate_hedge(self, h);
  for (auto& b : st.books) {
    if (b.hedged)
      continue;
    std::optional<risk::stop_loss_hit> hit;
    if (!b.pos.is_flat() && b.mark.is_positive())
      hit = risk::check_stop_loss(b.pos, b.mark, st.cfg.limits);
    crossing(self, hit, b.stop_crossed, name_of(b), b.inst.quote);
  }
}

risk::risk_snapshot snapshot(risk_state& st, timestamp now) {
  risk::risk_snapshot s;
  s.now = now;
  st.rate.prune(now);
  for (const auto& b : st.books)
    s.positions.push_back({b.inst.venue, b.inst.symbol, b.pos.net_qty(), b.mark,
                           b.inst.quote, b.inst.multiplier});
  s.usdt_krw = st.usdt_krw;
  s.open_orders = static_cast<std::int64_t>(st.open.size());
  auto times = st.rate.times();
  s.recent_orders.assign(times.begin(), times.end());
  s.daily_pnl_krw = st.day_pnl;
  s.binance_leverage = st.binance_leverage;
  return s;
}

/// Checks one leg; on a pass, books its effect into `s` so the next leg is
/// checked as if this one had gone out.
std::optional<risk::veto> check_leg(const risk_state& st,
                                    const order_request& o,
                                    risk::risk_snapshot& s) {
  const tracked* b = nullptr;
  for (const auto& x : st.books)
    if (x.inst.venue == o.venue && x.inst.symbol == o.symbol)
      b = &x;
  if (!b)
    return risk::veto{risk::risk_rule::bad_order,
                      "instrument=" + std::string{to_string(o.venue)} + ":"
                        + o.symbol + " unknown to risk"};
  if (auto v = risk::check(o, b->inst, s, st.cfg.limits))
    return v;
  ++s.open_orders;
  s.recent_orders.push_back(s.now);
  for (auto& p : s.positions)
    if (p.venue == o.venue && p.symbol == o.symbol)
      p.qty = o.side == side::buy ? p.qty + o.qty : p.qty - o.qty;
  return std::nullopt;
}

/// VENUE_AWAY for venue `v`, from the venue-away monitor's last word.
std::optional<risk::veto> check_present(self_ptr self, venue v) {
  const auto& away = self->state.away;
  auto a = away.find(static_cast<int>(v));
  if (a == away.end())
    return risk::check_venue_present(v, std::nullopt, "");
  auto now = self->clock().now();
  auto away_for = std::chrono::duration_cast<std::chrono::milliseconds>(
    now - std::min(now, a->second.since));
  return risk::check_venue_present(v, away_for, a->second.why);
}

pair_verdict check_pair(self_ptr self, const arbitrage::leg_pair& legs) {
  auto& st = self->state;
  ++st.checks;
  auto now = now_of(self);
  auto s = snapshot(st, now);
  pair_verdict out;
  auto refuse = [&](const order_request& o, risk::veto v) {
    ++st.vetoes;
    TLOG_WARN("risk_veto", "cid={} venue={} why=\"{}\"", o.id.view(),
              to_string(o.venue), v.message());
    out.veto = std::move(v);
    out.order_id = o.id;
    out.venue = o.venue;
    return out;
  };
  // A venue away first: its leg would fail and the other one unwind.
  for (const auto* o : {&legs.upbit, &legs.binance})
    if (auto v = check_present(self, o->venue))
      return refuse(*o, std::move(*v));
  for (const auto* o : {&legs.upbit, &legs.binance})
    if (auto v = check_leg(st, *o, s))
      return refuse(*o, std::move(*v));
  // Both pass: they are about to go out.
  for (const auto* o : {&legs.upbit, &legs.binance}) {
    st.open.insert(o->id);
    st.rate.record(now);
  }
  return out;
}

void on_fill(self_ptr self, const fill& f) {
  auto& st = self->state;
  if (!st.seen_fills.emplace(static_cast<int>(f.venue), f.trade_id).second)
    return;
  auto* b = find_book(st, f.venue, f.symbol);
  if (!b) {
    TLOG_WARN("risk_fill_unknown_instrument", "venue={} symbol={}",
              to_string(f.venue), f.symbol);
    return;
  }
  auto r = b->pos.apply(f);
  if (!r.has_value()) {
    TLOG_ERROR("risk_fill_refused", "cid={} trade={}", f.order_id.view(),
               f.trade_id);
    return;
  }
  auto net = r.value() - f.fee;
  if (auto k = krw(st, net, b->inst.quote))
    st.day.book(*k, f.ts);
  else
    TLOG_ERROR("risk_pnl_unconverted", "trade={} pnl={} {} usdt_krw={}",
               f.trade_id, net.to_string(), b->inst.quote,
               st.usdt_krw.to_string());
  evaluate(self);
}

void on_top(self_ptr self, const venues::book_top& t) {
  auto& st = self->state;
  if (t.venue == venue::upbit && t.symbol == st.cfg.usdt_krw_symbol
      && t.bid.is_positive())
    st.usdt_krw = t.bid; // what selling USDT fetches
  if (auto* b = find_book(st, t.venue, t.symbol);
      b && t.bid.is_positive() && t.ask.is_positive())
    b->mark = price::from_raw(t.bid.raw() / 2 + t.ask.raw() / 2);
  evaluate(self);
}

/// An order sent without a check (a correction or a flatten): open until
/// its final leg_report and in the rate window, like a checked one.
void on_unchecked_order(self_ptr self, const order_request& o) {
  auto& st = self->state;
  if (!st.open.insert(o.id).second)
    return; // already counted
  st.rate.record(now_of(self));
  TLOG_DEBUG("risk_unchecked_order", "cid={} venue={} open={}", o.id.view(),
             to_string(o.venue), st.open.size());
}

/// Positions held before a restart replace the books' (fills since start
/// are none yet: the engine restores before it trades).
void on_restore(self_ptr self, std::vector<tandem::position> held) {
  auto& st = self->state;
  auto before = unrealized_krw(st);
  for (auto& p : held) {
    auto* b = find_book(st, p.venue(), p.symbol());
    if (!b) {
      TLOG_WARN("risk_restore_unknown_instrument", "venue={} symbol={}",
                to_string(p.venue()), p.symbol());
      continue;
    }
    TLOG_INFO("risk_restored_position", "venue={} symbol={} qty={} entry={}",
              to_string(p.venue()), p.symbol(), p.net_qty().to_string(),
              p.avg_entry().value_or(price{}).to_string());
    b->pos = std::move(p);
  }
  // What the restored positions carry is not today's result.
  st.day.restate(unrealized_krw(st) - before);
  evaluate(self);
}

void poll_venues(self_ptr self) {
  auto& st = self->state;
  for (const auto& v : st.cfg.venues)
    self->request(v, st.cfg.venue_poll, status_atom::value)
      .then(
        [=](const venue_status& vs) {
          auto& s = self->state;
          auto max = s.cfg.limits.max_consecutive_venue_errors;
          bool over = static_cast<std::int64_t>(vs.consecutive_failures) > max;
          auto& crossed = s.venue_crossed[static_cast<int>(vs.venue)];
          if (over && !crossed)
            halt(self, "venue_errors",
                 "venue=" + std::string{to_string(vs.venue)}
                   + " consecutive_errors="
                   + std::to_string(vs.consecutive_failures)
                   + " max=" + std::to_string(max));
          crossed = over;
        },
        [=](const caf::error& e) {
          TLOG_WARN("risk_venue_poll_failed", "error={}", caf::to_string(e));
        });
  self->delayed_send(self, st.cfg.venue_poll, risk_poll_atom::value);
}

caf::behavior risk_actor(self_ptr self, risk_actor_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  if (!st.cfg.clock)
    st.cfg.clock = std::make_shared<system_clock_source>();
  st.binance_leverage = st.cfg.binance_leverage;
  st.day = risk::daily_pnl{
    risk::day_boundary{std::chrono::minutes{st.cfg.limits.day_utc_offset_min}}};
  for (const auto& i : st.cfg.instruments)
    st.books.push_back({i, tandem::position{i.venue, i.symbol, i.multiplier},
                        price{}, false, false});
  auto index_of = [&](venue v, const std::string& sym) {
    for (std::size_t k = 0; k < st.books.size(); ++k)
      if (st.books[k].inst.venue == v && st.books[k].inst.symbol == sym)
        return std::optional<std::size_t>{k};
    return std::optional<std::size_t>{};
  };
  for (const auto& h : st.cfg.hedges) {
    auto a = index_of(h.a_venue, h.a_symbol);
    auto b = index_of(h.b_venue, h.b_symbol);
    if (!a || !b || *a == *b || st.books[*a].hedged || st.books[*b].hedged) {
      TLOG_ERROR("risk_bad_hedge", "a={}:{} b={}:{} (each leg checked alone)",
                 to_string(h.a_venue), h.a_symbol, to_string(h.b_venue),
                 h.b_symbol);
      continue;
    }
    st.books[*a].hedged = st.books[*b].hedged = true;
    st.hedges.push_back({*a, *b});
  }
  if (st.cfg.venue_poll.count() > 0 && !st.cfg.venues.empty())
    self->send(self, risk_poll_atom::value);
  return {
    [=](risk_check_atom, const arbitrage::leg_pair& legs) {
      return check_pair(self, legs);
    },
    [=](const fill& f) { on_fill(self, f); },
    [=](risk_sent_atom, const order_request& o) {
      on_unchecked_order(self, o);
    },
    [=](restore_atom, tandem::position& up, tandem::position& bn) {
      on_restore(self, {std::move(up), std::move(bn)});
    },
    [=](params_atom, const config::risk_config& limits) {
      auto& s = self->state;
      auto old = s.cfg.limits;
      s.cfg.limits = limits;
      TLOG_WARN("risk_limits_changed", "changes=\"{}\"",
                risk::limit_changes(old, limits));
      return old;
    },
    [=](const leg_report& r) {
      if (r.outcome != leg_outcome::working)
        self->state.open.erase(r.id);
    },
    [=](const venues::book_top& t) { on_top(self, t); },
    [=](const venues::position_snapshot& p) {
      if (p.venue == venue::binance)
        self->state.binance_leverage = p.leverage;
    },
    [=](const halt_state& h) { self->state.halted = h.halted; },
    [=](risk_poll_atom) { poll_venues(self); },
    // The supervisor restarted a venue actor: poll the new instance.
    [=](const venue_restarted& r) {
      for (auto& v : self->state.cfg.venues)
        replace_restarted(v, r);
    },
    [=](const venue_down_alarm&) {}, // the venue-away monitor decides
    [=](const venue_presence_changed& p) {
      auto& away = self->state.away;
      if (p.away)
        away[static_cast<int>(p.venue)] = p;
      else
        away.erase(static_cast<int>(p.venue));
      TLOG_INFO("risk_venue_presence", "venue={} away={} why=\"{}\"",
                to_string(p.venue), p.away, p.why);
    },
    // Subscribed to venue actors: the rest of their events do not matter
    // to risk.
    [=](const venues::book_depth&) {},
    [=](const venues::order_update&) {},
    [=](const std::vector<venues::balance>&) {},
    [=](const venues::session_status&) {},
    [=](get_atom) {
      auto& s = self->state;
      auto now = now_of(self);
      s.rate.prune(now);
      risk_view v;
      v.open_orders = static_cast<std::int64_t>(s.open.size());
      v.orders_last_1s
        = static_cast<std::int64_t>(risk::count_in_window(s.rate.times(), now));
      v.daily_pnl_krw = s.day_pnl;
      v.usdt_krw = s.usdt_krw;
      v.checks = s.checks;
      v.vetoes = s.vetoes;
      v.halts_requested = s.halts;
      v.halted = s.halted;
      return v;
    },
  };
}

} // namespace

caf::actor spawn_risk_actor(caf::actor_system& sys, risk_actor_config cfg) {
  return sys.spawn(risk_actor, std::move(cfg));
}

} // namespace tandem::actors
