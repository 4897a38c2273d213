#include "actors/control_views.hpp"

#include "arbitrage/pnl.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

namespace tandem::actors::control_views {

using namespace admin;

std::string halted_by(const halt_state& h) {
  if (h.trigger == "manual")
    return h.who;
  return "engine:" + h.trigger;
}

bool in_flight(const pair_view& p) {
  return p.state == "opening" || p.state == "closing"
         || p.state == "rolling_back";
}

std::int64_t open_pairs_of(const std::vector<pair_view>& pairs,
                           const std::optional<strategy_status>& s) {
  std::int64_t n = 0;
  for (const auto& p : pairs)
    if (in_flight(p))
      ++n;
  if (s && s->hedged_qty.is_positive()
      && s->state == arbitrage::strategy_state::hedged)
    ++n;
  return n;
}

pair_phase phase_of(const pair_view& p) {
  if (p.state == "opening" || p.state == "rolling_back")
    return pair_phase::opening;
  if (p.state == "closing")
    return pair_phase::closing;
  if (p.state == "hedged")
    return p.kind == arbitrage::pair_kind::entry ? pair_phase::open
                                                 : pair_phase::closing;
  if (p.state == "closed")
    return pair_phase::closed;
  if (p.state == "escalated")
    return pair_phase::escalated;
  return pair_phase::rolled_back; // rolled_back, abandoned
}

pair_row pair_row_of(const pair_view& p) {
  pair_row r;
  r.pair_id = p.pair_id;
  r.signal_id = p.pair_id;
  r.phase = phase_of(p);
  r.qty = p.qty;
  if (p.kind == arbitrage::pair_kind::entry)
    r.entry_premium = arbitrage::to_rate(p.premium);
  else
    r.exit_premium = arbitrage::to_rate(p.premium);
  r.opened_at = p.created;
  r.closed_at = p.settled;
  r.detail = p.text;
  return r;
}

pair_marks marks_of(const arbitrage::quote_board& board,
                    const config::kimchi_config& k) {
  pair_marks m;
  if (const auto* t = board.top(venue::upbit, k.upbit_symbol))
    m.upbit_bid_krw = t->bid;
  if (const auto* t = board.top(venue::binance, k.binance_symbol))
    m.binance_ask_usdt = t->ask;
  if (const auto* t = board.top(venue::upbit, k.usdt_krw_symbol))
    m.usdt_krw_bid = t->bid;
  return m;
}

pair_pnl_row pnl_of_fills(std::string pair_id, const std::vector<fill>& fills,
                          const pair_marks& m) {
  pair_pnl_row r;
  r.pair_id = std::move(pair_id);
  std::vector<fill> up;
  std::vector<fill> bn;
  for (const auto& f : fills)
    (f.venue == venue::upbit ? up : bn).push_back(f);
  quantity up_open;
  quantity bn_open;
  for (const auto& f : up)
    up_open = up_open + (f.side == side::buy ? f.qty : -f.qty);
  for (const auto& f : bn)
    bn_open = bn_open + (f.side == side::buy ? f.qty : -f.qty);
  r.open = !up_open.is_zero() || !bn_open.is_zero();
  if (fills.empty()) {
    r.pnl_krw = money{};
    return r;
  }
  // Without a Binance leg no rate is needed: any positive one will do.
  auto fx = bn.empty() ? m.usdt_krw_bid.value_or(price::must_parse("1"))
                       : m.usdt_krw_bid.value_or(price{});
  auto p = arbitrage::compute_pair_pnl(
    up, bn, fx, arbitrage::pnl_marks{m.upbit_bid_krw, m.binance_ask_usdt});
  if (p.has_value()) {
    r.pnl_krw = p.value().total_krw;
    r.fees_krw = p.value().fees_krw;
  }
  return r;
}

pair_pnl_row round_trips::add(const pair_view& p, const pair_marks& m) {
  bool entry = p.kind == arbitrage::pair_kind::entry;
  if (entry && p.state == "hedged") {
    // A new position: an earlier one still held (never closed) stays in it.
    if (held_.empty())
      held_id_ = p.pair_id;
    held_.insert(held_.end(), p.fills.begin(), p.fills.end());
    return pnl_of_fills(held_id_, held_, m);
  }
  if (entry || held_id_.empty())
    return pnl_of_fills(p.pair_id, p.fills, m);
  // An exit: its fills belong to the held position's round trip.
  held_.insert(held_.end(), p.fills.begin(), p.fills.end());
  auto r = pnl_of_fills(held_id_, held_, m);
  if (p.state == "closed") {
    r.closed_by = p.pair_id;
    held_.clear();
    held_id_.clear();
  }
  return r;
}

std::vector<pair_pnl_row> pair_pnls(const std::vector<pair_view>& ps,
                                    const pair_marks& m) {
  round_trips trips;
  std::vector<pair_pnl_row> rows;
  auto feed = [&](const pair_view& p) {
    auto r = trips.add(p, m);
    for (auto& old : rows)
      if (old.pair_id == r.pair_id) {
        old = std::move(r);
        return;
      }
    rows.push_back(std::move(r));
  };
  for (const auto& p : ps)
    if (!in_flight(p))
      feed(p);
  for (const auto& p : ps)
    if (in_flight(p))
      feed(p);
  return rows;
}

void order_pairs::remember(const client_order_id& id, std::string pair_id) {
  constexpr std::size_t memory = 4096;
  auto key = std::string{id.view()};
  if (pairs_.insert_or_assign(key, std::move(pair_id)).second)
    order_.push_back(std::move(key));
  if (order_.size() > memory) {
    pairs_.erase(order_.front());
    order_.pop_front();
  }
}

std::string order_pairs::pair_of(const client_order_id& id) const {
  auto it = pairs_.find(id.view());
  return it == pairs_.end() ? std::string{} : it->second;
}

pairs_view pairs_of(const std::vector<pair_view>& ps, const pair_marks& m) {
  pairs_view v;
  // The last entry that ended hedged is open until an exit closes it.
  constexpr auto none = static_cast<std::size_t>(-1);
  std::size_t held = none;
  std::vector<pair_row> done;
  for (const auto& p : ps) {
    if (in_flight(p)) {
      v.open.push_back(pair_row_of(p));
      continue;
    }
    done.push_back(pair_row_of(p));
    if (p.kind == arbitrage::pair_kind::entry && p.state == "hedged")
      held = done.size() - 1;
    else if (p.kind == arbitrage::pair_kind::exit && p.state == "closed")
      held = none;
  }
  for (std::size_t i = done.size(); i-- > 0;) {
    if (held == i)
      v.open.push_back(done[i]);
    else
      v.recent.push_back(done[i]);
  }
  // Each row shows its round trip's P&L: an entry and the exit that closed
  // it show the same realized figure.
  auto pnls = pair_pnls(ps, m);
  auto fill_pnl = [&](pair_row& r) {
    for (const auto& p : pnls)
      if (p.pair_id == r.pair_id || p.closed_by == r.pair_id) {
        r.pnl_krw = p.pnl_krw.value_or(money{});
        return;
      }
  };
  for (auto& r : v.open)
    fill_pnl(r);
  for (auto& r : v.recent)
    fill_pnl(r);
  return v;
}

order_status status_of(const venues::order_update& u) {
  switch (u.event) {
    case order_event::partial_fill: return order_status::partially_filled;
    case order_event::fill: return order_status::filled;
    case order_event::canceled: return order_status::canceled;
    case order_event::rejected: return order_status::rejected;
    case order_event::cancel_requested: return order_status::pending_cancel;
    default:
      return u.cum_qty.is_positive() ? order_status::partially_filled
                                     : order_status::accepted;
  }
}

order_row order_row_of(const venues::order_update& u) {
  order_row o;
  o.venue = u.venue;
  o.symbol = u.symbol;
  o.id = u.id;
  o.side = u.side;
  o.status = status_of(u);
  o.qty = u.order_qty;
  o.filled = u.cum_qty;
  o.created_at = u.venue_ts;
  return o;
}

premium_view premium_now(const arbitrage::quote_board& board,
                         const config::kimchi_config& k,
                         const arbitrage::fee_rates& fees, timestamp now) {
  premium_view v;
  v.entry_bps = k.entry_bps;
  v.exit_bps = k.exit_bps;
  const auto* up = board.top(venue::upbit, k.upbit_symbol);
  const auto* fx = board.top(venue::upbit, k.usdt_krw_symbol);
  const auto* bn = board.top(venue::binance, k.binance_symbol);
  if (up) {
    v.upbit_bid_krw = up->bid;
    v.upbit_ask_krw = up->ask;
  }
  if (bn) {
    v.binance_bid_usdt = bn->bid;
    v.binance_ask_usdt = bn->ask;
  }
  if (!up || !fx || !bn) {
    v.unavailable_reason = std::string{"no quote yet for "}
                           + (!up   ? k.upbit_symbol
                              : !fx ? k.usdt_krw_symbol
                                    : k.binance_symbol);
    return v;
  }
  v.usdt_krw = price::from_raw((fx->bid.raw() + fx->ask.raw()) / 2);
  auto oldest = std::min({up->recv_ts, fx->recv_ts, bn->recv_ts});
  v.quote_age_ms = std::max<std::int64_t>(
    0, std::chrono::duration_cast<std::chrono::milliseconds>(now - oldest)
         .count());
  auto entry = arbitrage::premium(
    arbitrage::pair_kind::entry,
    arbitrage::select_prices(arbitrage::pair_kind::entry, *up, *bn, *fx), fees);
  auto exit = arbitrage::premium(
    arbitrage::pair_kind::exit,
    arbitrage::select_prices(arbitrage::pair_kind::exit, *up, *bn, *fx), fees);
  if (entry.has_value())
    v.entry_premium = arbitrage::to_rate(entry.value());
  if (exit.has_value())
    v.exit_premium = arbitrage::to_rate(exit.value());
  if (!entry.has_value() || !exit.has_value()) {
    v.unavailable_reason = "a quote has a non-positive price";
    return v;
  }
  if (v.quote_age_ms > k.max_quote_age_ms) {
    v.unavailable_reason = "oldest quote is " + std::to_string(v.quote_age_ms)
                           + " ms old (max_quote_age_ms "
                           + std::to_string(k.max_quote_age_ms) + ")";
    return v;
  }
  v.available = true;
  return v;
}

position_row position_row_of(const position_view& p,
                             const arbitrage::quote_board& board) {
  position_row r;
  r.venue = p.venue;
  r.symbol = p.symbol;
  r.qty = p.qty;
  r.avg_price = p.avg_entry.value_or(price{});
  r.quote_ccy = p.venue == venue::upbit ? "KRW" : "USDT";
  r.realized_pnl = p.realized_pnl;
  if (const auto* t = board.top(p.venue, p.symbol)) {
    // What closing would trade at: the bid for a long, the ask for a short.
    r.mark_price = p.qty.is_negative() ? t->ask : t->bid;
    if (p.avg_entry && !p.qty.is_zero()) {
      auto u
        = mul<money>(r.mark_price - *p.avg_entry, p.qty, rounding::half_even);
      if (u.has_value())
        r.unrealized_pnl = u.value();
    }
  }
  return r;
}

std::optional<pair_settlement_event> settlement_of(const pair_view& p) {
  pair_settlement_event e;
  e.pair_id = p.pair_id;
  e.signal_id = p.pair_id;
  if (p.state == "hedged")
    e.outcome = settlement_outcome::hedged;
  else if (p.state == "closed")
    e.outcome = settlement_outcome::closed;
  else if (p.state == "escalated")
    e.outcome = settlement_outcome::escalated;
  else if (p.state == "rolled_back")
    e.outcome = settlement_outcome::rolled_back;
  else
    return std::nullopt; // abandoned or refused: nothing traded
  e.detail = p.text;
  e.at = p.settled;
  return e;
}

alert_severity severity_of(alerts::severity s) {
  switch (s) {
    case alerts::severity::info: return alert_severity::info;
    case alerts::severity::warning: return alert_severity::warning;
    case alerts::severity::error:
    case alerts::severity::critical: return alert_severity::critical;
  }
  return alert_severity::warning;
}

std::optional<std::string_view> final_outcome_of(order_event e) {
  switch (e) {
    case order_event::fill: return "filled";
    case order_event::canceled: return "canceled";
    case order_event::rejected: return "rejected";
    case order_event::expired: return "expired";
    default: return std::nullopt;
  }
}

status_view status_of(const status_inputs& in) {
  status_view v;
  v.instance = in.instance;
  v.mode = in.mode;
  v.now = in.now;
  v.halted = in.halt.halted;
  if (v.halted) {
    v.halt_reason = in.halt.detail;
    v.halted_by = halted_by(in.halt);
    v.halted_at = in.halt.since;
  }
  for (const auto& [vn, vs] : {std::pair{venue::upbit, &in.upbit},
                               std::pair{venue::binance, &in.binance}}) {
    venue_health h;
    h.venue = vn;
    if (*vs) {
      h.connected = (*vs)->connected;
      h.consecutive_failures
        = static_cast<std::int64_t>((*vs)->consecutive_failures);
      h.latency_us = (*vs)->stats.rest_rtt_us;
    }
    v.venues.push_back(h);
  }
  auto open = in.pairs ? open_pairs_of(*in.pairs, in.strategy) : 0;
  strategy_view s;
  s.name = "kimchi";
  s.state = !in.kimchi_enabled                     ? strategy_state::disabled
            : (in.strategy && in.strategy->paused) ? strategy_state::paused
                                                   : strategy_state::running;
  s.open_pairs = open;
  v.strategies.push_back(s);
  if (in.stats)
    v.open_orders = static_cast<std::int64_t>(in.stats->open_orders);
  v.open_pairs = open;
  return v;
}

pnl_view pnl_of(const coordinator_stats& s, std::optional<price> usdt_krw,
                std::vector<pair_pnl_row> pairs) {
  pnl_view v;
  for (const auto& p : pairs)
    v.fees_krw = v.fees_krw + p.fees_krw;
  v.pairs = std::move(pairs);
  v.realized_krw = s.realized_krw;
  v.unrealized_krw = s.unrealized_krw;
  // No daily book-keeping in the engine yet: the run is the day.
  v.day_realized_krw = s.realized_krw;
  if (usdt_krw)
    v.usdt_krw = *usdt_krw;
  return v;
}

std::int64_t journal_lag_ns(std::optional<timestamp> oldest_pending,
                            timestamp now) {
  if (!oldest_pending)
    return 0;
  return std::max<std::int64_t>(0, (now - *oldest_pending).count());
}

void set_session_metrics(metrics_registry& reg,
                         const catalog::engine_metrics& m,
                         std::string_view venue_name,
                         const venues::session_stats& s) {
  for (const auto& g : s.limits) {
    if (g.limit <= 0)
      continue;
    reg.set(m.rate_limit_remaining, {venue_name, g.group},
            metric_number::of(g.remaining()));
    // remaining / limit to 4 decimals, rounded down (never more headroom
    // than there is).
    reg.set(m.rate_limit_headroom, {venue_name, g.group},
            metric_number{g.remaining() * 10'000 / g.limit, 4});
  }
  if (s.rest_rtt_us >= 0)
    reg.set(m.venue_rest_latency, {venue_name},
            metric_number{s.rest_rtt_us, 6});
}

void set_metrics(metrics_registry& reg, const catalog::engine_metrics& m,
                 const config::kimchi_config& k, const metrics_inputs& in) {
  if (in.halt)
    reg.set(m.halted, metric_number::of(in.halt->halted ? 1 : 0));
  for (const auto& [name, vs] :
       {std::pair{"upbit", &in.upbit}, std::pair{"binance", &in.binance}})
    if (*vs) {
      reg.set(m.venue_connected, {name},
              metric_number::of((*vs)->connected ? 1 : 0));
      set_session_metrics(reg, m, name, (*vs)->stats);
    }
  if (in.stats) {
    const auto& s = *in.stats;
    reg.set(m.position, {"upbit", k.upbit_symbol},
            metric_number::of(s.upbit_net));
    reg.set(m.position, {"binance", k.binance_symbol},
            metric_number::of(s.binance_net));
    reg.set(m.pnl, {"realized"}, metric_number::of(s.realized_krw));
    reg.set(m.pnl, {"unrealized"}, metric_number::of(s.unrealized_krw));
    reg.set(m.pnl, {"day_realized"}, metric_number::of(s.realized_krw));
  }
  if (in.premium.available) {
    reg.set(m.premium, {"entry"},
            metric_number::of(arbitrage::to_bps(in.premium.entry_premium)));
    reg.set(m.premium, {"exit"},
            metric_number::of(arbitrage::to_bps(in.premium.exit_premium)));
  }
  if (in.journal_lag_ns)
    reg.set(m.journal_lag, metric_number{*in.journal_lag_ns, 9});
}

} // namespace tandem::actors::control_views
