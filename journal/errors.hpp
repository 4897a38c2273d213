// Why the journal could not be opened, read or written. Numbered in the 9xx
// range (core 1xx-4xx, config 5xx, auth 6xx, venue 7xx, net 8xx); numbers
// are pinned, a retired code is commented out, never reused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::journal {

/// A journal failure code. Every one comes with the path and a detail.
enum class journal_error : std::uint16_t {
  /// The directory or file could not be created or opened (missing parent
  /// that cannot be made, a file where a directory should be, ...).
  cannot_open = 900,
  /// The directory or database file is not writable by this process.
  read_only = 901,
  /// The file exists but is not an SQLite database ("file is not a
  /// database"): never replaced by an empty journal.
  not_a_database = 902,
  /// An SQLite database, but not a Tandem journal (other tables, or another
  /// application id).
  not_a_journal = 903,
  /// Another process holds a lock on the database beyond busy_timeout.
  locked = 904,
  /// Another engine holds this journal's writer lock (journal.db.lock).
  in_use = 905,
  /// The journal was written by a newer Tandem: its schema version is above
  /// the one this build knows. Upgrade the binary; nothing was changed.
  newer_schema = 906,
  /// A schema migration step failed; the database is left at the last
  /// version that completed.
  migration_failed = 907,
  /// SQLite found the database image malformed.
  corrupt = 908,
  /// A stored row could not be decoded (unknown kind, bad payload).
  bad_record = 909,
  /// The disk (or quota) is full.
  disk_full = 910,
  /// The operating system failed a read or write.
  io_error = 911,
  /// No journal at the path (read-only opens never create one).
  not_found = 912,
  /// Any other SQLite failure (the detail carries SQLite's message).
  internal = 913,
};

/// Returns a stable lowercase name, e.g. "not_a_database".
std::string_view to_string(journal_error e) noexcept;

/// A journal failure: what, where, and the underlying reason.
struct store_error {
  journal_error code = journal_error::internal;
  /// The database file (or directory) concerned.
  std::string path;
  /// The operation and SQLite's or the OS's message, e.g.
  /// "PRAGMA journal_mode=WAL: file is not a database (sqlite 26)".
  std::string detail;
};

/// Returns "journal <path>: <code>: <detail>", one line for logs and people.
std::string to_string(const store_error& e);

} // namespace tandem::journal
