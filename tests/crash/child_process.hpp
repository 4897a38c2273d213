// A child process for the crash test: spawned with its stdout and stderr
// appended to a log file, killed with SIGKILL or waited for. The destructor
// kills a child that is still running, so a failed assertion never leaves
// an engine behind.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace tandem::crash_test {

class child_process {
 public:
  /// Starts `argv[0]` with `argv`; output is appended to `log_file`.
  /// Returns nullopt when the spawn itself failed.
  static std::optional<child_process>
  spawn(const std::vector<std::string>& argv, const std::string& log_file);

  child_process(child_process&& o) noexcept : pid_(o.pid_) { o.pid_ = -1; }
  child_process& operator=(child_process&&) = delete;
  child_process(const child_process&) = delete;
  ~child_process();

  /// Waits up to `limit` for the child to exit; returns its wait status, or
  /// nullopt while it still runs.
  std::optional<int> wait_for(std::chrono::milliseconds limit);
  /// SIGKILLs the child and reaps it; returns its wait status.
  int kill_now();

 private:
  explicit child_process(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
};

/// "exit 3", "signal 9": a wait status for messages.
std::string describe_status(int status);

} // namespace tandem::crash_test
