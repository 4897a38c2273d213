// Latency probes: the last time (steady clock, nanoseconds) the order path
// passed a named point. Always compiled in (a relaxed atomic store, a few
// nanoseconds) so that bench/e2e/tick_to_trade can break the wire-to-wire
// figure into stages without a special build. Only meaningful while one
// signal is in flight at a time, as in that harness: each point keeps the
// latest pass, not a history. Production latency figures come from the
// timestamps a signal carries (see actors/pair_coordinator.cpp), not from
// here.
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace tandem::probe {

enum class point : std::uint8_t {
  /// The socket read of the quote that made the signal (book_top.recv_ts,
  /// converted to the steady clock).
  quote_read = 0,
  /// The strategy actor began handling that quote.
  strategy_quote,
  /// The strategy sent the signal.
  signal_sent,
  /// The pair coordinator received it.
  coordinator_signal,
  /// The risk actor's answer reached the coordinator.
  risk_answer,
  /// The coordinator began committing the pair's intents.
  intent_commit,
  /// The journal acknowledged the Upbit / Binance leg's intent.
  upbit_durable,
  binance_durable,
  /// The venue actor took the place request.
  upbit_venue_actor,
  binance_venue_actor,
  /// The session handed the request to its HTTP client.
  upbit_rest_submit,
  binance_rest_submit,
  count_
};

inline constexpr std::size_t point_count = static_cast<std::size_t>(point::count_);

inline std::array<std::atomic<std::int64_t>, point_count>& table() noexcept {
  static std::array<std::atomic<std::int64_t>, point_count> t{};
  return t;
}

inline std::int64_t now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::steady_clock::now().time_since_epoch())
    .count();
}

inline void mark(point p, std::int64_t ns) noexcept {
  table()[static_cast<std::size_t>(p)].store(ns, std::memory_order_relaxed);
}

inline void mark(point p) noexcept { mark(p, now_ns()); }

inline std::int64_t at(point p) noexcept {
  return table()[static_cast<std::size_t>(p)].load(std::memory_order_relaxed);
}

inline void reset() noexcept {
  for (auto& v : table())
    v.store(0, std::memory_order_relaxed);
}

} // namespace tandem::probe
