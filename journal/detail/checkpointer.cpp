#include "journal/detail/checkpointer.hpp"

#include <sqlite3.h>

namespace tandem::journal::detail {

std::unique_ptr<checkpointer> checkpointer::start(const std::string& file,
                                                  std::string& error) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
                             | SQLITE_OPEN_EXRESCODE,
                           nullptr);
  if (rc != SQLITE_OK) {
    error = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return nullptr;
  }
  // This connection never writes rows: no checkpoints of its own on close
  // beyond what SQLite does for the last connection.
  sqlite3_wal_autocheckpoint(db, 0);
  return std::unique_ptr<checkpointer>(new checkpointer(db));
}

checkpointer::checkpointer(sqlite3* db) : db_(db), thread_([this] { run(); }) {}

checkpointer::~checkpointer() {
  {
    std::lock_guard<std::mutex> g{mutex_};
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close_v2(db_);
}

void checkpointer::request() noexcept {
  {
    std::lock_guard<std::mutex> g{mutex_};
    requested_ = true;
  }
  wake_.notify_one();
}

void checkpointer::run() noexcept {
  for (;;) {
    {
      std::unique_lock<std::mutex> lk{mutex_};
      wake_.wait(lk, [this] { return requested_ || stop_; });
      if (stop_)
        return;
      requested_ = false;
    }
    int rc = sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_PASSIVE,
                                       nullptr, nullptr);
    if (rc == SQLITE_OK)
      completed_.fetch_add(1);
    else
      failed_.fetch_add(1); // busy or I/O: the next request tries again
  }
}

} // namespace tandem::journal::detail
