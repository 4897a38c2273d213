#include "arbitrage/pair_settlement.hpp"

#include "arbitrage/sizing.hpp"

#include <algorithm>

namespace tandem::arbitrage {

namespace {

using st = tracked_order::state;

template<class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template<class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

/// Appends an action. Built in place: GCC 12 warns (falsely) about a
/// maybe-uninitialized string when a variant temporary is moved in.
template<class A>
void emit(std::vector<settle_action>& out, A a) {
  out.emplace_back(std::in_place_type<A>, std::move(a));
}

quantity abs_qty(quantity q) noexcept { return q.is_negative() ? -q : q; }

std::string_view name(correction_kind k) noexcept {
  switch (k) {
    case correction_kind::unwind: return "unwind";
    case correction_kind::top_up: return "top_up";
    case correction_kind::retry_leg: return "retry_leg";
  }
  return "correction";
}

std::string order_name(const tracked_order& o) {
  return std::string{to_string(o.venue)} + " #" + std::to_string(o.ref);
}

/// Query answers that mean the order is final.
bool is_final(order_event e) noexcept {
  return e == order_event::fill || e == order_event::canceled
         || e == order_event::expired || e == order_event::rejected
         || e == order_event::replaced;
}

} // namespace

bool is_transient(venues::venue_error e) noexcept {
  using ve = venues::venue_error;
  return e == ve::rate_limited || e == ve::ip_banned || e == ve::server_error
         || e == ve::timestamp_outside_window || e == ve::too_many_open_orders;
}

std::string_view to_string(settlement_status s) noexcept {
  switch (s) {
    case settlement_status::settling: return "settling";
    case settlement_status::hedged: return "hedged";
    case settlement_status::flat: return "flat";
    case settlement_status::escalated: return "escalated";
  }
  return "unknown";
}

std::string describe(const settle_action& a) {
  return std::visit(
    overloaded{
      [](const wait_action&) -> std::string { return "wait"; },
      [](const query_leg& q) {
        return "query #" + std::to_string(q.ref) + " "
               + std::string{to_string(q.venue)};
      },
      [](const cancel_leg& c) {
        return "cancel #" + std::to_string(c.ref) + " "
               + std::string{to_string(c.venue)};
      },
      [](const correction& c) {
        return std::string{name(c.kind)} + " #" + std::to_string(c.ref) + " "
               + std::string{to_string(c.venue)} + " "
               + std::string{to_string(c.side)} + " " + c.qty.to_string()
               + (c.reduce_only ? " reduce_only" : "");
      },
      [](const settled_hedged& s) {
        return "settled_hedged " + s.qty.to_string()
               + " residual=" + s.residual.to_string();
      },
      [](const settled_flat& s) {
        return "settled_flat residual=" + s.residual.to_string();
      },
      [](const escalate& e) { return "escalate: " + e.reason; },
    },
    a);
}

result<pair_spec, arbitrage_error> kimchi_pair(std::string pair_id, pair_kind k,
                                               quantity qty, quantity held,
                                               quantity upbit_lot,
                                               quantity binance_lot) {
  auto lot = common_lot(upbit_lot, binance_lot);
  if (!lot)
    return failure{lot.error()};
  pair_spec s;
  s.pair_id = std::move(pair_id);
  s.kind = k;
  s.qty = qty;
  s.held = held;
  s.upbit = settlement_leg{venue::upbit, upbit_side(k), upbit_lot, {}};
  // Buying on Binance reduces the kimchi short.
  s.binance
    = settlement_leg{venue::binance, binance_side(k), binance_lot, side::buy};
  s.tolerance = *lot;
  return s;
}

// -- construction ------------------------------------------------------------

result<pair_settlement, arbitrage_error>
pair_settlement::make(pair_spec spec, settlement_policy policy) {
  const auto& u = spec.upbit;
  const auto& b = spec.binance;
  if (!spec.qty.is_positive() || spec.held.is_negative() || !u.lot.is_positive()
      || !b.lot.is_positive() || u.venue == b.venue || u.side == b.side
      || spec.tolerance < u.lot || spec.tolerance < b.lot
      || policy.max_queries < 1 || policy.max_corrections < 0
      || policy.max_leg_retries < 0)
    return failure{arbitrage_error::bad_params};
  return pair_settlement{std::move(spec), policy};
}

pair_settlement::pair_settlement(pair_spec spec, settlement_policy policy)
  : spec_(std::move(spec)), policy_(policy) {
  for (const auto* l : {&spec_.upbit, &spec_.binance}) {
    tracked_order o;
    o.ref = static_cast<order_ref>(orders_.size());
    o.venue = l->venue;
    o.side = l->side;
    o.qty = spec_.qty;
    o.reduce_only = l->reduce_only_side == l->side;
    orders_.push_back(o);
  }
}

// -- events ------------------------------------------------------------------

result<std::vector<settle_action>, arbitrage_error>
pair_settlement::on(const settle_event& e) {
  auto ref = std::visit([](const auto& x) { return x.ref; }, e);
  if (ref >= orders_.size())
    return failure{arbitrage_error::unknown_order_ref};
  if (auto* f = std::get_if<leg_fill>(&e))
    if (!f->qty.is_positive() || !f->px.is_positive())
      return failure{arbitrage_error::bad_event};
  if (auto* d = std::get_if<leg_done>(&e))
    if (d->cum_qty.is_negative())
      return failure{arbitrage_error::bad_event};
  std::vector<settle_action> out;
  const bool was_escalated = status_ == settlement_status::escalated;
  apply(orders_[ref], e, out);
  if (was_escalated)
    return std::vector<settle_action>{}; // facts recorded; nothing to do
  decide(out);
  return out;
}

void pair_settlement::apply(tracked_order& o, const settle_event& e,
                            std::vector<settle_action>& out) {
  std::visit(overloaded{
               [&](const leg_accepted&) {
                 if (o.status == st::in_flight || o.status == st::unknown)
                   o.status = st::working;
               },
               [&](const leg_fill& f) {
                 o.filled += f.qty;
                 if (o.status != st::done)
                   o.status = st::working;
               },
               [&](const leg_done& d) {
                 o.filled = std::max(o.filled, d.cum_qty);
                 o.status = st::done;
               },
               [&](const leg_rejected& r) {
                 if (o.status == st::done)
                   return;
                 // Answers that do not say whether the venue acted: ask.
                 if (r.reason == venues::venue_error::outcome_unknown
                     || r.reason == venues::venue_error::duplicate_client_id) {
                   ask(o, out);
                   return;
                 }
                 o.status = st::done;
                 o.rejected = r.reason;
               },
               [&](const leg_timed_out&) {
                 if (o.status != st::done)
                   ask(o, out);
               },
               [&](const leg_query_result& q) {
                 o.filled = std::max(o.filled, q.update.cum_qty);
                 if (is_final(q.update.event)) {
                   o.status = st::done;
                   if (q.update.event == order_event::rejected)
                     o.rejected = q.update.reason.value_or(
                       venues::venue_error::rejected_other);
                   return;
                 }
                 // Still open after its timeout: an IOC leg should not rest.
                 o.status = st::working;
                 o.queries = 0;
                 if (o.cancels >= policy_.max_queries) {
                   give_up(order_name(o) + " still open after "
                             + std::to_string(o.cancels) + " cancels",
                           out);
                   return;
                 }
                 ++o.cancels;
                 emit(out, cancel_leg{o.ref, o.venue});
               },
               [&](const leg_query_failed& q) {
                 if (o.status == st::done)
                   return;
                 if (q.reason != venues::venue_error::unknown_order) {
                   ask(o, out);
                   return;
                 }
                 // The venue says it has no such order. The request may still
                 // be on its way, so ask again; after max_queries such answers
                 // it was never placed.
                 if (++o.not_found >= policy_.max_queries) {
                   o.status = st::done;
                   o.rejected = venues::venue_error::unknown_order;
                   return;
                 }
                 emit(out, query_leg{o.ref, o.venue});
               },
             },
             e);
}

void pair_settlement::ask(tracked_order& o, std::vector<settle_action>& out) {
  if (o.queries >= policy_.max_queries) {
    give_up("no answer for " + order_name(o) + " after "
              + std::to_string(o.queries) + " queries",
            out);
    return;
  }
  ++o.queries;
  o.status = st::unknown;
  emit(out, query_leg{o.ref, o.venue});
}

void pair_settlement::give_up(std::string reason,
                              std::vector<settle_action>& out) {
  status_ = settlement_status::escalated;
  out.clear();
  auto e = exposure();
  emit(out, escalate{"pair " + spec_.pair_id + ": " + reason
                       + "; exposure=" + e.to_string() + " BTC",
                     e});
}

// -- decisions ---------------------------------------------------------------

void pair_settlement::decide(std::vector<settle_action>& out) {
  if (status_ == settlement_status::escalated)
    return;
  const bool all_done
    = std::all_of(orders_.begin(), orders_.end(),
                  [](const tracked_order& o) { return o.status == st::done; });
  if (!all_done) {
    status_ = settlement_status::settling;
    if (out.empty())
      emit(out, wait_action{});
    return;
  }
  auto e = exposure();
  if (abs_qty(e) >= spec_.tolerance) {
    status_ = settlement_status::settling;
    settled_at_.reset();
    correct(e, out);
    return;
  }
  auto h = hedged_qty();
  if (h < spec_.tolerance)
    h = quantity::zero();
  auto outcome = std::make_pair(h, e);
  if (settled_at_ && *settled_at_ == outcome)
    return; // already said so
  settled_at_ = outcome;
  if (h.is_positive()) {
    status_ = settlement_status::hedged;
    emit(out, settled_hedged{h, e});
  } else {
    status_ = settlement_status::flat;
    emit(out, settled_flat{e});
  }
}

void pair_settlement::correct(quantity e, std::vector<settle_action>& out) {
  const side need = e.is_positive() ? side::sell : side::buy;
  // The leg on `need`'s side is short of fills (top it up); the other one
  // has too many (unwind its excess).
  const auto& grow = spec_.upbit.side == need ? spec_.upbit : spec_.binance;
  const auto& shrink = spec_.upbit.side == need ? spec_.binance : spec_.upbit;
  const auto* last = orders_.size() > 2 ? &orders_.back() : nullptr;
  if (last && last->rejected && !is_transient(*last->rejected)
      && last->kind != correction_kind::retry_leg) {
    give_up(std::string{name(*last->kind)} + " " + order_name(*last)
              + " refused: " + std::string{to_string(*last->rejected)},
            out);
    return;
  }
  if (corrections_ >= policy_.max_corrections) {
    give_up("rollback failed after " + std::to_string(corrections_)
              + " corrections",
            out);
    return;
  }
  // The latest order on the under-filled venue: refused for a transient
  // reason with nothing filled means the leg never traded; retry it.
  const tracked_order* latest = nullptr;
  for (const auto& o : orders_)
    if (o.venue == grow.venue)
      latest = &o;
  correction c;
  if (retries_ < policy_.max_leg_retries && latest && latest->rejected
      && is_transient(*latest->rejected) && latest->filled.is_zero()) {
    c.kind = correction_kind::retry_leg;
    ++retries_;
  } else {
    auto fix
      = spec_.kind == pair_kind::entry ? policy_.entry_fix : policy_.exit_fix;
    c.kind = fix == imbalance_fix::unwind ? correction_kind::unwind
                                          : correction_kind::top_up;
  }
  const auto& l = c.kind == correction_kind::unwind ? shrink : grow;
  auto q = round_to_step(abs_qty(e), l.lot, rounding::down);
  if (!q || !q->is_positive()) { // unreachable: tolerance >= both lots
    give_up("exposure below " + l.lot.to_string() + " lot", out);
    return;
  }
  c.ref = static_cast<order_ref>(orders_.size());
  c.venue = l.venue;
  c.side = need;
  c.qty = *q;
  c.reduce_only = l.reduce_only_side == need;
  tracked_order o;
  o.ref = c.ref;
  o.venue = c.venue;
  o.side = c.side;
  o.qty = c.qty;
  o.reduce_only = c.reduce_only;
  o.kind = c.kind;
  orders_.push_back(o);
  ++corrections_;
  emit(out, c);
}

// -- derived facts -----------------------------------------------------------

quantity pair_settlement::net(venue v) const noexcept {
  quantity n;
  for (const auto& o : orders_)
    if (o.venue == v)
      n += o.side == side::buy ? o.filled : -o.filled;
  return n;
}

quantity pair_settlement::exposure() const noexcept {
  return net(spec_.upbit.venue) + net(spec_.binance.venue);
}

quantity pair_settlement::hedged_qty() const noexcept {
  // Long Upbit, short Binance: each venue's position after this pair.
  auto upbit_long = spec_.held + net(spec_.upbit.venue);
  auto binance_short = spec_.held - net(spec_.binance.venue);
  auto h = std::min(upbit_long, binance_short);
  return h.is_negative() ? quantity::zero() : h;
}

} // namespace tandem::arbitrage
