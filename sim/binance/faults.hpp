// Fault injection for the simulated Binance venue, settable at any time
// between two handle() calls. The venue consumes one-shot faults as it
// meets them; nothing here reads a clock.
#pragma once

#include "core/decimal.hpp"
#include "sim/binance/http.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace tandem::sim::binance {

/// What a 503 fault does with the request it answers.
enum class unknown_outcome : std::uint8_t {
  /// The request is carried out, then answered with 503: the client cannot
  /// tell, and must query (an order placed, a cancel done).
  after_apply = 1,
  /// The request is dropped and answered with 503.
  without_apply = 2,
};

/// The faults the test or the operator injects.
class faults {
 public:
  /// Extra latency the server shell should add before answering; stored
  /// only, the pure venue never waits.
  std::chrono::milliseconds added_latency{0};

  /// Refuses the next `n` new orders with `code`/`msg` (HTTP `status`).
  void reject_next_orders(std::int64_t n, int code, std::string msg,
                          int status = 400);
  /// Answers the next `n` requests with 503 "Unknown error, please check
  /// your request or try again later.", after or without applying them.
  void unknown_error_next(std::int64_t n, unknown_outcome mode);
  /// Caps every match of a client order at `cap` (partial fills only);
  /// nullopt lifts the cap.
  void partial_fills(std::optional<quantity> cap) { fill_cap_ = cap; }
  /// Expires every active listen key at the venue's next step.
  void expire_listen_keys_now() { expire_keys_ = true; }

  // -- consumed by the venue ------------------------------------------------

  /// Returns the refusal for the next new order and counts it, if any.
  std::optional<sim_error> take_order_rejection();
  /// Returns the 503 mode for the next request and counts it, if any.
  std::optional<unknown_outcome> take_unknown_error();
  /// Returns the current fill cap.
  std::optional<quantity> fill_cap() const { return fill_cap_; }
  /// Returns true once after expire_listen_keys_now().
  bool take_expire_listen_keys();

 private:
  std::int64_t rejects_left_ = 0;
  sim_error reject_;
  std::int64_t unknown_left_ = 0;
  unknown_outcome unknown_mode_ = unknown_outcome::after_apply;
  std::optional<quantity> fill_cap_;
  bool expire_keys_ = false;
};

/// The 503 answer of an unknown-outcome fault (reference B7).
sim_error unknown_error();

} // namespace tandem::sim::binance
