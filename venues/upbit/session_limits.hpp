// Upbit's request budgets as the session applies them (protocol reference
// A7): which group a REST path counts against, the limiter rules, a pacer
// that keeps sends apart by arrival time, and how long a 429 or 418 asks us
// to wait. Pure: time is a parameter.
#pragma once

#include "core/clock.hpp"
#include "venues/net/rate_limiter.hpp"
#include "venues/upbit/errors.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues::upbit {

/// Requests per second of each Upbit rate-limit group.
struct rate_budget {
  /// POST /v1/orders (8/s; Upbit raises it to 12/s from 2026-08-21).
  std::int64_t order_per_second = 8;
  /// Every other Exchange call (cancel, queries, accounts, chance).
  std::int64_t default_per_second = 30;
  /// Each quotation group (market, ticker, orderbook), per IP.
  std::int64_t quotation_per_second = 10;
  /// DELETE /v1/orders/open (batch cancel) has a group of its own,
  /// "order-cancel-all": one call per 2 s, per pocket (docs.upbit.com
  /// batch-cancel-orders, 2024-12-11).
  std::int64_t cancel_all_per_window = 1;
  std::chrono::milliseconds cancel_all_window{2000};
  /// Use only this percentage of each limit (90: 8/s becomes 7/s).
  int headroom_pct = 90;
  /// Upbit counts a call when it arrives, in windows aligned to the
  /// second. A call sent at the end of one second can arrive in the next
  /// and count against it twice with the next burst, so no span of
  /// 1 s + guard holds more sends than the (headroom) budget.
  std::chrono::milliseconds arrival_guard{100};
};

/// The group of Upbit's batch cancel (DELETE /v1/orders/open).
inline constexpr std::string_view cancel_all_group = "order-cancel-all";

/// The group a REST call counts against: "order" for POST /v1/orders,
/// "order-cancel-all" for DELETE /v1/orders/open, "market" / "ticker" /
/// "orderbook" for quotation paths, "default" for every other Exchange
/// call.
std::string_view rate_group(std::string_view method, std::string_view path);

/// Returns the limiter rules for `b` (1 s windows; 2 s for the batch
/// cancel).
std::vector<net::rate_limit_rule> rate_rules(const rate_budget& b);

/// Returns the documented limit of `group` per window (not the headroom
/// one), or nullopt for a group `b` does not know. Remaining-Req's `sec`
/// is counted against this.
std::optional<std::int64_t> group_limit(const rate_budget& b,
                                        std::string_view group);

/// Returns the window `group` is counted in: 1 s, or 2 s for the batch
/// cancel.
std::chrono::milliseconds group_window(const rate_budget& b,
                                       std::string_view group);

/// Keeps at most `limit` sends of one group in any span of its window +
/// arrival_guard (a sliding log of send times).
class send_pacer {
 public:
  explicit send_pacer(const rate_budget& b);

  /// Returns how long `group` must wait before its next send (0: now).
  std::chrono::nanoseconds wait(const std::string& group, timestamp now);
  /// Records one send of `group` at `now`.
  void record(const std::string& group, timestamp now);

 private:
  struct log {
    std::int64_t limit = 1;
    /// The group's window + arrival_guard.
    std::chrono::nanoseconds span{0};
    std::deque<timestamp> sent;
  };
  log& find(const std::string& group);

  rate_budget budget_;
  std::map<std::string, log, std::less<>> logs_;
};

/// Parses a Retry-After value in whole seconds ("3"); nullopt for anything
/// else (an HTTP date is not expected from Upbit).
std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value);

/// How long a 418 block lasts: Retry-After when sent, else the number of
/// seconds in the error message ("blocked for 60 seconds"), else
/// `fallback` (Upbit gives the duration in the answer; its exact form is
/// UNCONFIRMED).
std::chrono::milliseconds
ban_duration(const upbit_error& e, std::optional<std::string_view> retry_after,
             std::chrono::milliseconds fallback = std::chrono::seconds{60});

} // namespace tandem::venues::upbit
