#include "actors/order_tracker.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace tandem::actors {

std::string_view to_string(leg_outcome o) noexcept {
  switch (o) {
    case leg_outcome::working: return "working";
    case leg_outcome::filled: return "filled";
    case leg_outcome::closed: return "closed";
    case leg_outcome::rejected: return "rejected";
    case leg_outcome::unknown: return "unknown";
    case leg_outcome::absent: return "absent";
  }
  return "?";
}

order_tracker::order_tracker(order_request req, tracker_policy policy)
  : order_(std::move(req)), policy_(policy) {
  // Never fewer than one query: an answer that never came is always asked
  // about once before anything is concluded.
  policy_.max_queries = std::max(policy_.max_queries, 1);
}

std::chrono::milliseconds order_tracker::query_delay() const noexcept {
  auto d = policy_.query_delay;
  for (int i = 1; i < queries_ && d < policy_.query_delay_max; ++i)
    d *= 2;
  return std::min(d, policy_.query_delay_max);
}

tracker_step
order_tracker::on_answer(const venues::venue_result<venues::order_update>& r) {
  new_fills_.clear();
  if (outcome_ != leg_outcome::working)
    return tracker_step::done;
  if (r.has_value()) {
    seen_ = true;
    absent_answers_ = 0;
    querying_ = false;
    return apply_update(r.value());
  }
  const auto& f = r.error();
  failure_ = f;
  if (f.code == venues::venue_error::blocked && !seen_) {
    // Held back by the halt gate (the answer to our place, or to a query
    // after the place timed out): it never left, so the venue cannot have
    // it. Known absent, nothing to ask.
    querying_ = false;
    if (order_.filled_qty().is_zero())
      (void)order_.apply(order_event::rejected);
    outcome_ = leg_outcome::rejected;
    return tracker_step::done;
  }
  if (querying_) {
    if (f.code == venues::venue_error::unknown_order)
      ++absent_answers_;
    return ask_again();
  }
  switch (f.code) {
    case venues::venue_error::outcome_unknown:
    case venues::venue_error::duplicate_client_id:
      // The venue may hold the order: find out, never assume.
      return ask_again();
    default:
      // Every other refusal of a place request means the venue did not
      // take the order.
      if (order_.filled_qty().is_zero())
        (void)order_.apply(order_event::rejected);
      outcome_ = leg_outcome::rejected;
      return tracker_step::done;
  }
}

tracker_step order_tracker::on_timeout() {
  new_fills_.clear();
  if (outcome_ != leg_outcome::working)
    return tracker_step::done;
  if (!seen_ && !failure_)
    failure_ = venues::venue_failure{venues::venue_error::outcome_unknown,
                                     "no answer in time", std::nullopt};
  return ask_again();
}

tracker_step order_tracker::on_update(const venues::order_update& u) {
  new_fills_.clear();
  if (outcome_ != leg_outcome::working && outcome_ != leg_outcome::unknown
      && outcome_ != leg_outcome::absent)
    return tracker_step::done;
  // A stream update settles an order we had given up on, too.
  outcome_ = leg_outcome::working;
  seen_ = true;
  absent_answers_ = 0;
  return apply_update(u);
}

tracker_step order_tracker::ask_again() {
  if (queries_ >= policy_.max_queries) {
    querying_ = false;
    outcome_ = (!seen_ && absent_answers_ >= queries_) ? leg_outcome::absent
                                                       : leg_outcome::unknown;
    return tracker_step::done;
  }
  ++queries_;
  querying_ = true;
  return tracker_step::query;
}

tracker_step order_tracker::apply_update(const venues::order_update& u) {
  if (!u.venue_order_id.empty() && order_.venue_order_id().empty())
    order_.set_venue_order_id(u.venue_order_id);
  apply_quantity(u);
  switch (u.event) {
    case order_event::accepted:
      if (order_.status() == order_status::pending_new)
        (void)order_.apply(order_event::accepted);
      break;
    case order_event::rejected:
      if (order_.filled_qty().is_zero())
        (void)order_.apply(order_event::rejected);
      if (u.reason)
        failure_ = venues::venue_failure{*u.reason, "rejected by the venue",
                                         std::nullopt};
      break;
    case order_event::canceled:
    case order_event::expired:
      // Illegal moves (a late cancel after the fill) are stale news.
      (void)order_.apply(u.event);
      break;
    default: break;
  }
  return settle();
}

void order_tracker::apply_quantity(const venues::order_update& u) {
  const auto& req = order_.request();
  quantity cum = std::min(u.cum_qty, req.qty);
  if (cum <= order_.filled_qty())
    return; // Already counted (or stale).
  quantity diff = cum - order_.filled_qty();
  fill f;
  if (u.last_fill && u.last_fill->qty == diff) {
    f = *u.last_fill;
  } else {
    f.order_id = req.id;
    // Unique per order: replay drops a repeated (venue, symbol, trade id).
    f.trade_id = "cum:" + req.id.str() + ":" + cum.to_string();
    f.venue = req.venue;
    f.symbol = req.symbol;
    f.side = req.side;
    f.qty = diff;
    f.ts = u.venue_ts;
    std::optional<price> px;
    if (u.avg_px) {
      // Price the difference so our average equals the venue's.
      auto total = mul<money>(*u.avg_px, cum, rounding::half_even);
      money ours;
      if (auto a = order_.avg_fill_price()) {
        auto o = mul<money>(*a, order_.filled_qty(), rounding::half_even);
        if (o.has_value())
          ours = o.value();
      }
      if (total.has_value()) {
        auto p = div<price>(total.value() - ours, diff, rounding::half_even);
        if (p.has_value())
          px = p.value();
      }
    } else if (u.last_fill) {
      px = u.last_fill->px;
    } else {
      px = req.limit_price;
    }
    if (!px || px->raw() <= 0)
      return; // Nothing to price it with: wait for the stream's fill.
    f.px = *px;
    // The venue did not report this fee: estimate it at the taker rate.
    auto notional = mul<money>(f.px, f.qty, rounding::half_even);
    if (notional.has_value()) {
      auto fee = mul<money>(notional.value(), policy_.fee_rate, rounding::up);
      if (fee.has_value())
        f.fee = fee.value();
    }
  }
  if (order_.apply_fill(f).has_value())
    new_fills_.push_back(std::move(f));
}

tracker_step order_tracker::settle() {
  if (!order_.is_terminal())
    return tracker_step::wait;
  querying_ = false;
  switch (order_.status()) {
    case order_status::filled: outcome_ = leg_outcome::filled; break;
    case order_status::rejected: outcome_ = leg_outcome::rejected; break;
    default: outcome_ = leg_outcome::closed; break;
  }
  return tracker_step::done;
}

} // namespace tandem::actors
