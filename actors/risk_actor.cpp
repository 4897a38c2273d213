#include "actors/risk_actor.hpp"

#include "actors/engine_protocol.hpp"
#include "actors/position_actor.hpp"
#include "core/position.hpp"
#include "log/logging.hpp"
#include "risk/daily_pnl.hpp"
#include "risk/halt_rules.hpp"
#include "risk/limits.hpp"
#include "risk/order_rate.hpp"
#include "risk/stop_loss.hpp"

#include <caf/all.hpp>

#include <map>
#include <set>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;

/// One instrument risk follows: its rules, our position from fills, the
/// last mark (mid of the top, quote currency) and whether its stop-loss
/// is currently crossed.
struct tracked {
  instrument inst;
  tandem::position pos;
  price mark;
  bool stop_crossed = false;
};

struct risk_state {
  risk_state() {} // NOLINT: user-declared (CAF 0.17 state construction)
  risk_actor_config cfg;
  std::vector<tracked> books;
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

/// Re-marks the day's P&L and the stop-losses; halts on a new crossing.
void evaluate(self_ptr self) {
  auto& st = self->state;
  auto now = now_of(self);
  money unreal;
  for (auto& b : st.books) {
    if (b.pos.is_flat() || !b.mark.is_positive())
      continue;
    auto u = b.pos.unrealized_pnl(b.mark);
    if (!u.has_value())
      continue;
    if (auto k = krw(st, u.value(), b.inst.quote))
      unreal = unreal + *k;
  }
  st.day_pnl = st.day.mark(now, unreal);
  auto loss = risk::check_daily_loss(st.day_pnl, st.cfg.limits, now);
  if (loss && !st.loss_crossed)
    halt(self, "daily_loss", loss->detail);
  st.loss_crossed = loss.has_value();
  for (auto& b : st.books) {
    std::optional<risk::stop_loss_hit> hit;
    if (!b.pos.is_flat() && b.mark.is_positive())
      hit = risk::check_stop_loss(b.pos, b.mark, st.cfg.limits);
    if (hit && !b.stop_crossed)
      halt(self, "stop_loss",
           std::string{to_string(b.inst.venue)} + ":" + b.inst.symbol + " "
             + hit->message() + " " + b.inst.quote);
    b.stop_crossed = hit.has_value();
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

pair_verdict check_pair(self_ptr self, const arbitrage::leg_pair& legs) {
  auto& st = self->state;
  ++st.checks;
  auto now = now_of(self);
  auto s = snapshot(st, now);
  pair_verdict out;
  for (const auto* o : {&legs.upbit, &legs.binance}) {
    if (auto v = check_leg(st, *o, s)) {
      ++st.vetoes;
      TLOG_WARN("risk_veto", "cid={} venue={} why=\"{}\"", o->id.view(),
                to_string(o->venue), v->message());
      out.veto = std::move(*v);
      out.order_id = o->id;
      out.venue = o->venue;
      return out;
    }
  }
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
  for (const auto& i : st.cfg.instruments)
    st.books.push_back(
      {i, tandem::position{i.venue, i.symbol, i.multiplier}, price{}, false});
  if (st.cfg.venue_poll.count() > 0 && !st.cfg.venues.empty())
    self->send(self, risk_poll_atom::value);
  return {
    [=](risk_check_atom, const arbitrage::leg_pair& legs) {
      return check_pair(self, legs);
    },
    [=](const fill& f) { on_fill(self, f); },
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
