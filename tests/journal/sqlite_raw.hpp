// A raw SQLite connection for tests that tamper with a journal from the
// outside (another process's lock, a newer schema, a damaged row).
#pragma once

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace tandem::journal::testing {

class raw_db {
 public:
  explicit raw_db(const std::filesystem::path& p) {
    if (sqlite3_open(p.c_str(), &db_) != SQLITE_OK)
      ADD_FAILURE() << "sqlite3_open " << p;
  }
  raw_db(const raw_db&) = delete;
  raw_db& operator=(const raw_db&) = delete;
  ~raw_db() { sqlite3_close_v2(db_); }

  /// Runs SQL; returns SQLite's result code.
  int exec(const std::string& sql) {
    char* msg = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg);
    if (msg != nullptr) {
      last_error_ = msg;
      sqlite3_free(msg);
    }
    return rc;
  }

  /// Runs SQL that must succeed.
  void must(const std::string& sql) {
    ASSERT_EQ(exec(sql), SQLITE_OK) << sql << ": " << last_error_;
  }

  /// Returns the first column of the first row as an integer (-1 if none).
  std::int64_t query_int(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) == SQLITE_OK
        && sqlite3_step(s) == SQLITE_ROW)
      v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
  }

  sqlite3* get() const noexcept { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string last_error_;
};

} // namespace tandem::journal::testing
