// Fault injection for the simulated Upbit venue. Every knob can be set at
// any time between requests; counters count down as they are used.
#pragma once

#include "core/decimal.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace tandem::sim::upbit {

/// What the venue should get wrong next.
struct faults {
  /// Extra latency per answer. Stored only: the server shell waits it out
  /// (the venue itself never sleeps).
  std::chrono::milliseconds added_latency{0};

  /// Refuse the next `reject_orders` POST /v1/orders with 400 and
  /// `reject_name` (e.g. "insufficient_funds_bid"). The identifier is
  /// burnt as for any failed order.
  std::int32_t reject_orders = 0;
  std::string reject_name = "create_bid_error";
  int reject_status = 400;

  /// Answer the next N routed requests with 500 AFTER applying them: the
  /// order exists, the client cannot know (outcome unknown).
  std::int32_t fail_after_apply = 0;
  /// Answer the next N routed requests with 500 WITHOUT applying them.
  std::int32_t fail_before_apply = 0;

  /// Caps how much one incoming order may fill when it arrives ("partial
  /// fills only"); the rest follows its time in force.
  std::optional<quantity> max_fill_per_match;

  /// Drop the private stream. A flag for the server shell, which closes
  /// the private WebSocket; events keep queueing here.
  bool drop_private_stream = false;

  /// Answer DELETE /v1/orders/open with 404 as a venue without the batch
  /// cancel (before 2024-12-11) would.
  bool no_batch_cancel = false;
};

} // namespace tandem::sim::upbit
