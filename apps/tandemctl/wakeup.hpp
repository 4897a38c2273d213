// A self-pipe: threads and signal handlers wake the main thread's poll().
#pragma once

#include <atomic>

namespace tandem::ctl {

/// The process-wide wake-up pipe (created once, never closed).
class wakeup {
 public:
  /// Returns the pipe, creating it and the SIGINT/SIGTERM handlers on the
  /// first call; SIGPIPE is ignored (stdout may be a closed pipe).
  static wakeup& instance();

  /// Wakes the poller; async-signal-safe.
  void notify() noexcept;
  /// The fd to poll for POLLIN.
  int fd() const noexcept { return read_fd_; }
  /// Empties the pipe.
  void drain() noexcept;
  /// True once SIGINT or SIGTERM arrived.
  bool stopped() const noexcept { return stop_.load(); }

 private:
  wakeup();
  static void on_signal(int) noexcept;

  int read_fd_ = -1;
  int write_fd_ = -1;
  std::atomic<bool> stop_{false};
};

} // namespace tandem::ctl
