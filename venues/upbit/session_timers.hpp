// Timers on an io_runner's thread, for retries, backoff and rate-limit
// waits: the session queues work for later instead of sleeping. Asio stays
// in session_timers.cpp.
#pragma once

#include "venues/net/io/io_runner.hpp"

#include <chrono>
#include <functional>
#include <memory>

namespace tandem::venues::upbit {

/// One-shot timers that run on the runner thread.
class timer_queue {
 public:
  explicit timer_queue(net::io_runner& runner);
  ~timer_queue();

  timer_queue(const timer_queue&) = delete;
  timer_queue& operator=(const timer_queue&) = delete;

  /// Runs `fn` on the runner thread after `delay`, unless cancel_all()
  /// runs first. Call on the runner thread.
  void after(std::chrono::nanoseconds delay, std::function<void()> fn);

  /// Cancels every pending timer and every later after(); none of their
  /// functions runs. Call on the runner thread (or with it stopped).
  void cancel_all();

  /// Returns how many timers are pending.
  std::size_t pending() const noexcept;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

} // namespace tandem::venues::upbit
