// One-shot timers on an io_runner thread for the Binance session: limiter
// waits, retries, keepalives and refreshes wait here, never in a sleep.
// Asio stays in session_timers.cpp. Use from the runner thread only.
#pragma once

#include "venues/net/io/io_runner.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace tandem::venues::binance {

/// A set of cancellable one-shot timers.
class session_timers {
 public:
  using timer_id = std::uint64_t;

  explicit session_timers(net::io_runner& runner);
  /// Cancels every timer.
  ~session_timers();

  session_timers(const session_timers&) = delete;
  session_timers& operator=(const session_timers&) = delete;

  /// Runs `fn` on the runner thread after `delay` (at once for <= 0),
  /// unless cancelled first. Returns an id for cancel().
  timer_id after(std::chrono::nanoseconds delay, std::function<void()> fn);

  /// Cancels one timer; its function will not run. Unknown ids are fine.
  void cancel(timer_id id);

  /// Cancels every timer and refuses new ones: no function runs after
  /// this returns.
  void cancel_all();

  /// Returns how many timers are pending.
  std::size_t pending() const noexcept;

 private:
  struct state;
  std::shared_ptr<state> state_;
};

} // namespace tandem::venues::binance
