#include "journal/replay.hpp"

#include <algorithm>
#include <chrono>

namespace tandem::journal {

replayer::replayer(replay_options opts) : opts_(std::move(opts)) {}

void replayer::apply(const record& r) {
  if (r.seq <= state_.last_seq && state_.records > 0)
    issue(r.seq,
          "out of order (after seq " + std::to_string(state_.last_seq) + ")");
  state_.last_seq = std::max(state_.last_seq, r.seq);
  ++state_.records;
  std::visit([this, &r](const auto& x) { on(r.seq, x); }, r.body);
}

void replayer::issue(std::uint64_t seq, std::string what) {
  state_.issues.push_back(replay_issue{seq, std::move(what)});
}

open_pair& replayer::pair(std::string_view pair_id) {
  auto it = state_.open_pairs.find(pair_id);
  if (it == state_.open_pairs.end()) {
    it = state_.open_pairs.emplace(std::string{pair_id}, open_pair{}).first;
    it->second.pair_id = std::string{pair_id};
  }
  return it->second;
}

void replayer::on(std::uint64_t seq, const order_intent& x) {
  const auto& id = x.request.id;
  if (!x.signal_id.empty())
    state_.processed_signals.emplace(x.signal_id);
  auto [it, fresh] = state_.orders.try_emplace(id);
  if (!fresh) {
    // Two intents with one client id would be two orders with one id: a bug
    // upstream. Keep the first, say so.
    issue(seq, "second intent for client order id " + id.str());
    return;
  }
  auto& o = it->second;
  o.intent = x;
  o.venue = x.request.venue;
  o.symbol = x.request.symbol;
  o.side = x.request.side;
  o.order_qty = x.request.qty;
  o.last_seq = seq;
  if (!x.pair_id.empty()) {
    auto& p = pair(x.pair_id);
    p.legs.push_back(id);
    if (p.signal_id.empty())
      p.signal_id = x.signal_id;
  }
}

void replayer::on(std::uint64_t seq, const venues::order_update& x) {
  if (x.id.empty()) {
    issue(seq, "order event without client order id (venue order "
                 + x.venue_order_id + ")");
    return;
  }
  auto [it, fresh] = state_.orders.try_emplace(x.id);
  auto& o = it->second;
  if (fresh) {
    o.venue = x.venue;
    o.symbol = x.symbol;
    o.side = x.side;
  }
  o.last_seq = seq;
  if (x.order_qty.is_positive())
    o.order_qty = x.order_qty;
  if (!x.venue_order_id.empty())
    o.venue_order_id = x.venue_order_id;
  // A stale update never lowers what the venue already said was filled.
  o.cum_qty = std::max(o.cum_qty, x.cum_qty);
  if (x.avg_px)
    o.avg_px = x.avg_px;
  auto next = transition(o.status, x.event);
  if (!next) {
    issue(seq, "client order id " + x.id.str() + ": "
                 + std::string{to_string(x.event)} + " in state "
                 + std::string{to_string(o.status)} + " refused");
    return;
  }
  // "Restored" rows land on accepted; with something filled that is
  // partially_filled (as core/order.hpp does).
  o.status = (*next == order_status::accepted && o.cum_qty.is_positive())
               ? order_status::partially_filled
               : *next;
}

void replayer::on(std::uint64_t seq, const fill& x) {
  if (!x.trade_id.empty()
      && !trades_.emplace(x.venue, x.symbol, x.trade_id).second) {
    issue(seq, "duplicate fill " + x.trade_id + " dropped");
    return;
  }
  auto key = position_key{x.venue, x.symbol};
  auto it = state_.positions.find(key);
  if (it == state_.positions.end()) {
    std::int64_t mult
      = opts_.multiplier ? opts_.multiplier(x.venue, x.symbol) : 1;
    it = state_.positions.emplace(key, position{x.venue, x.symbol, mult}).first;
  }
  if (auto r = it->second.apply(x); !r)
    issue(seq, "fill " + x.trade_id + " not applied to position: "
                 + std::string{to_string(r.error())});
  else
    keep_realized({x.ts, x.venue, x.symbol, x.trade_id, r.value(), x.fee});
  if (x.order_id.empty())
    return;
  auto o = state_.orders.find(x.order_id);
  if (o == state_.orders.end()) {
    issue(seq, "fill " + x.trade_id + " for unknown client order id "
                 + x.order_id.str());
    return;
  }
  auto sum = checked_add(o->second.fills_qty, x.qty);
  if (sum)
    o->second.fills_qty = *sum;
  o->second.last_seq = seq;
}

void replayer::on(std::uint64_t, const signal_processed& x) {
  state_.processed_signals.emplace(x.signal_id);
}

void replayer::on(std::uint64_t, const pair_decision& x) {
  if (is_terminal(x.state)) {
    auto it = state_.open_pairs.find(x.pair_id);
    if (it != state_.open_pairs.end())
      state_.open_pairs.erase(it);
    return;
  }
  pair(x.pair_id).last_decision = x;
}

void replayer::on(std::uint64_t, const risk_veto& x) {
  if (!x.signal_id.empty())
    state_.processed_signals.emplace(x.signal_id);
}

void replayer::on(std::uint64_t, const halt_set& x) {
  state_.halted = true;
  state_.halt_reason = x.reason;
  state_.halt_who = x.who;
}

void replayer::on(std::uint64_t, const halt_cleared&) { state_.halted = false; }

void replayer::on(std::uint64_t, const operator_command& x) {
  // Otherwise for the record only: its effects are journaled as their own
  // records. A parameter change is not, so the engine re-applies it.
  if (x.command == "set_param")
    state_.param_changes.push_back(x);
}

namespace {

/// A day is 24 hours whatever its boundary: a fill older than this before
/// the newest one is in an earlier day than any restart after it.
constexpr auto realized_window = std::chrono::hours{24};

void prune_realized(std::vector<realized_fill>& v, timestamp newest) {
  std::erase_if(v, [cutoff = newest - realized_window](const auto& r) {
    return r.ts < cutoff;
  });
}

} // namespace

void replayer::keep_realized(realized_fill r) {
  newest_fill_ = std::max(newest_fill_, r.ts);
  auto& v = state_.recent_realized;
  v.push_back(std::move(r));
  if (v.size() < 2 * realized_kept_ + 64)
    return;
  prune_realized(v, newest_fill_);
  realized_kept_ = v.size();
}

recovered_state replayer::take() && {
  prune_realized(state_.recent_realized, newest_fill_);
  return std::move(state_);
}

void replayer::on(std::uint64_t, const reconcile_note&) {
  // For the record only: adoptions come with order events and fills.
}

recovered_state replay(std::span<const record> records, replay_options opts) {
  replayer r{std::move(opts)};
  for (const auto& rec : records)
    r.apply(rec);
  return std::move(r).take();
}

} // namespace tandem::journal
