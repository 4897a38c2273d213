// One live order: its request, its state in the state machine, and what has
// been filled. Pure bookkeeping; the order actor owns one of these.
#pragma once

#include "core/decimal.hpp"
#include "core/fill.hpp"
#include "core/order_request.hpp"
#include "core/order_state.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tandem {

/// The state of one order, driven by events and fills.
class order {
 public:
  explicit order(order_request req);

  const order_request& request() const noexcept { return req_; }
  order_status status() const noexcept { return status_; }
  bool is_terminal() const noexcept { return tandem::is_terminal(status_); }

  /// Base units (or contracts) filled so far.
  quantity filled_qty() const noexcept { return filled_; }
  /// Base units (or contracts) still open.
  quantity leaves_qty() const noexcept { return req_.qty - filled_; }
  /// Volume-weighted average fill price, rounded half-even to the price
  /// scale; nullopt before the first fill.
  std::optional<price> avg_fill_price() const noexcept;
  /// Sum of fees of all applied fills (quote currency).
  money fees() const noexcept { return fees_; }
  std::size_t fill_count() const noexcept { return trade_ids_.size(); }

  /// The venue's own order id, once known (Binance orderId, Upbit uuid).
  const std::string& venue_order_id() const noexcept { return venue_id_; }
  void set_venue_order_id(std::string id) { venue_id_ = std::move(id); }

  /// Applies a non-fill event. Fill events must come with their fill through
  /// apply_fill(); passing order_event::fill or partial_fill here is bad_fill.
  /// On error nothing changes.
  result<order_status, order_error> apply(order_event e) noexcept;

  /// Applies a fill once. Refuses, and changes nothing, on: a trade id seen
  /// before (duplicate_fill), a terminal order (fill_after_terminal), more
  /// than the open quantity (overfill), zero quantity or price (bad_fill).
  result<order_status, order_error> apply_fill(const fill& f);

 private:
  order_request req_;
  order_status status_ = order_status::pending_new;
  quantity filled_;
  money fees_;
  /// Exact sum of price x quantity, raw at scale price::scale +
  /// quantity::scale (128 bits: no rounding until avg_fill_price()).
  detail::i128 filled_value_ = 0;
  std::vector<std::string> trade_ids_;
  std::string venue_id_;
};

} // namespace tandem
