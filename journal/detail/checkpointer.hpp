// A WAL checkpointer on its own thread and its own SQLite connection, so
// that the writer's commits never copy the WAL into the database or wait
// for the fsyncs a checkpoint does (with synchronous=NORMAL those are the
// only fsyncs). PASSIVE checkpoints never block the writer; once one has
// copied every frame, the writer's next transaction restarts the WAL from
// its beginning, so the file stays small. Only store.cpp uses this.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace tandem::journal::detail {

class checkpointer {
 public:
  /// Opens a second connection to `file` and starts the thread; on failure
  /// returns null and sets `error` to SQLite's message.
  static std::unique_ptr<checkpointer> start(const std::string& file,
                                             std::string& error);

  checkpointer(const checkpointer&) = delete;
  checkpointer& operator=(const checkpointer&) = delete;
  /// Stops the thread (after a checkpoint in progress) and closes.
  ~checkpointer();

  /// Asks for a checkpoint soon. Cheap; any thread.
  void request() noexcept;

  /// Checkpoints completed / failed (SQLITE_BUSY included) so far.
  std::uint64_t completed() const noexcept { return completed_.load(); }
  std::uint64_t failed() const noexcept { return failed_.load(); }

 private:
  explicit checkpointer(sqlite3* db);
  void run() noexcept;

  sqlite3* db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stop_ = false;
  std::atomic<std::uint64_t> completed_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::thread thread_;
};

} // namespace tandem::journal::detail
