#include "core/order.hpp"

#include <algorithm>

namespace tandem {

order::order(order_request req) : req_(std::move(req)) {
  // Room for a typical order's fills without reallocating on the hot path.
  trade_ids_.reserve(4);
}

std::optional<price> order::avg_fill_price() const noexcept {
  if (filled_.is_zero())
    return std::nullopt;
  // filled_value_ is at scale 16; dividing by raw qty (scale 8) gives scale 8.
  auto v = detail::div_round(filled_value_, filled_.raw(), rounding::half_even);
  return price::from_raw(static_cast<std::int64_t>(v));
}

result<order_status, order_error> order::apply(order_event e) noexcept {
  if (e == order_event::fill || e == order_event::partial_fill)
    return failure{order_error::bad_fill};
  auto next = transition(status_, e);
  if (!next)
    return next;
  auto to = *next;
  // A restored order that has fills is partially filled, not accepted.
  if (to == order_status::accepted && filled_.is_positive())
    to = order_status::partially_filled;
  status_ = to;
  return to;
}

result<order_status, order_error> order::apply_fill(const fill& f) {
  if (!f.qty.is_positive() || !f.px.is_positive())
    return failure{order_error::bad_fill};
  if (std::find(trade_ids_.begin(), trade_ids_.end(), f.trade_id)
      != trade_ids_.end())
    return failure{order_error::duplicate_fill};
  if (is_terminal())
    return failure{order_error::fill_after_terminal};
  auto total = checked_add(filled_, f.qty);
  if (!total)
    return failure{order_error::overflow};
  if (*total > req_.qty)
    return failure{order_error::overfill};
  auto fees = checked_add(fees_, f.fee);
  if (!fees)
    return failure{order_error::overflow};
  auto e = *total == req_.qty ? order_event::fill : order_event::partial_fill;
  auto next = transition(status_, e);
  if (!next)
    return next;
  // Commit only after every check passed.
  status_ = *next;
  filled_ = *total;
  fees_ = *fees;
  filled_value_ += static_cast<detail::i128>(f.px.raw()) * f.qty.raw();
  trade_ids_.push_back(f.trade_id);
  return status_;
}

} // namespace tandem
