// The thread that runs every socket of venues/net: an I/O context plus one
// thread, started and stopped explicitly. Clients post their work here, so
// I/O never runs on a caller's (actor's) thread, and every completion
// callback runs on this one thread, one at a time.
#pragma once

#include <functional>
#include <memory>

namespace tandem::net {

namespace detail {
struct io_runner_access;
} // namespace detail

/// Owns an I/O context and the thread that runs it.
class io_runner {
 public:
  io_runner();
  /// Stops the context and joins the thread. Must not run on the runner
  /// thread itself (that terminates, as a joinable std::thread does).
  ~io_runner();

  io_runner(const io_runner&) = delete;
  io_runner& operator=(const io_runner&) = delete;

  /// Starts the thread; does nothing when it already runs.
  void start();

  /// Stops the context and joins the thread. Pending handlers are dropped;
  /// destroy or shut down clients first so they can fail their callbacks
  /// with `net_error::shut_down`. Must not be called from the runner thread.
  void stop();

  /// Returns true between start() and stop().
  bool running() const noexcept;

  /// Returns true when called from the runner thread.
  bool in_runner_thread() const noexcept;

  /// Runs `fn` on the runner thread (later, never inline).
  void post(std::function<void()> fn);

 private:
  friend struct detail::io_runner_access;
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::net
