#include "venues/upbit/session_tracker.hpp"

#include <algorithm>

namespace tandem::venues::upbit {

bool is_terminal_event(order_event e) noexcept {
  return e == order_event::fill || e == order_event::canceled
         || e == order_event::expired || e == order_event::rejected;
}

order_tracker::order_tracker(std::size_t finished_memory)
  : finished_memory_(std::max<std::size_t>(1, finished_memory)) {}

order_tracker::entry& order_tracker::find_or_add(const order_update& u) {
  auto it = orders_.find(u.id);
  if (it == orders_.end())
    it = orders_.emplace(u.id, entry{u.symbol, quantity{}, {}, false}).first;
  return it->second;
}

void order_tracker::mark_ended(const client_order_id& id, entry& e) {
  if (e.ended)
    return;
  e.ended = true;
  finished_.push_back(id);
  while (finished_.size() > finished_memory_) {
    orders_.erase(finished_.front());
    finished_.pop_front();
  }
}

void order_tracker::track(const order_update& u) {
  if (u.id.empty())
    return;
  find_or_add(u);
}

bool order_tracker::accept(const order_update& u) {
  if (u.id.empty())
    return true;
  auto& e = find_or_add(u);
  if (u.last_fill) {
    // A fill is news exactly once, whenever it comes.
    if (!e.trade_ids.insert(u.last_fill->trade_id).second)
      return false;
  } else if (e.ended) {
    // The end was reported (by a resync, say); a repeat of it or a stale
    // resting state would confuse the order's state machine.
    return false;
  }
  e.cum_qty = std::max(e.cum_qty, u.cum_qty);
  if (is_terminal_event(u.event))
    mark_ended(u.id, e);
  return true;
}

std::vector<client_order_id> order_tracker::live() const {
  std::vector<client_order_id> out;
  for (const auto& [id, e] : orders_)
    if (!e.ended)
      out.push_back(id);
  return out;
}

quantity order_tracker::reported_qty(const client_order_id& id) const {
  auto it = orders_.find(id);
  return it == orders_.end() ? quantity{} : it->second.cum_qty;
}

std::vector<order_update> order_tracker::reconcile(const order_snapshot& s) {
  std::vector<order_update> out;
  const auto& state = s.update;
  if (state.id.empty())
    return out;
  auto& e = find_or_add(state);
  auto running = e.cum_qty;
  for (const auto& f : s.fills) {
    if (!e.trade_ids.insert(f.trade_id).second)
      continue;
    auto next = checked_add(running, f.qty);
    running = next ? std::min(*next, state.cum_qty) : state.cum_qty;
    order_update u = state;
    u.event = order_event::partial_fill;
    u.cum_qty = running;
    u.avg_px.reset();
    u.reason.reset();
    u.last_fill = f;
    u.last_fill->order_id = state.id;
    u.venue_ts = f.ts;
    out.push_back(std::move(u));
  }
  e.cum_qty = std::max(e.cum_qty, running);
  if (is_terminal_event(state.event)) {
    if (!e.ended) {
      out.push_back(state);
      out.back().last_fill.reset();
      mark_ended(state.id, e);
      return out; // `e` may be forgotten now
    }
  } else if (state.cum_qty > e.cum_qty) {
    // Filled more than the trades we saw explain (an answer without
    // trades): report the state so the quantity is not lost.
    out.push_back(state);
    out.back().last_fill.reset();
  }
  e.cum_qty = std::max(e.cum_qty, state.cum_qty);
  return out;
}

} // namespace tandem::venues::upbit
