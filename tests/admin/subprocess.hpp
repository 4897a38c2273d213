// Runs a program for an end-to-end test: pipes (or a pseudo-terminal) for
// its standard streams, an explicit environment, and waits bounded by a
// guard that only catches hangs (the child is killed then).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::admin::test {

class subprocess {
 public:
  /// Starts `argv` with exactly `env` ("KEY=value"). With `pty`, stdin,
  /// stdout and stderr are one pseudo-terminal (read through out()).
  subprocess(std::vector<std::string> argv, std::vector<std::string> env,
             bool pty = false);
  ~subprocess();
  subprocess(const subprocess&) = delete;
  subprocess& operator=(const subprocess&) = delete;

  /// Writes to the child's stdin (the terminal with `pty`).
  void write(std::string_view s);
  /// Closes the child's stdin (not with `pty`).
  void close_stdin();

  /// Reads until `pred(out, err)` holds; false when the guard passed first
  /// or the child closed its output before.
  bool wait_for(const std::function<bool(const std::string& out,
                                         const std::string& err)>& pred,
                std::chrono::seconds limit = std::chrono::seconds{20});

  /// Reads everything until the child exits and returns its exit code
  /// (-1 when it was killed at the guard or by a signal).
  int wait_exit(std::chrono::seconds limit = std::chrono::seconds{30});

  const std::string& out() const noexcept { return out_; }
  const std::string& err() const noexcept { return err_; }

 private:
  /// Reads what is available within `ms`; false when no stream is open.
  bool pump(int ms);

  int pid_ = -1;
  int master_ = -1; // the pty (stdin and output), when pty_
  int in_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool pty_ = false;
  std::string out_;
  std::string err_;
};

} // namespace tandem::admin::test
