// The journal's SQLite schema as an ordered list of migrations. The
// database's PRAGMA user_version is the last migration applied; opening a
// journal applies the missing ones in order, each in its own transaction
// together with its user_version bump, so a crash mid-upgrade leaves the
// database at the last completed version and the next open continues.
//
// Rules: never edit a shipped migration, only append; every version up to
// current_schema_version keeps the `journal` table readable the same way
// (new columns get defaults), so a read-only export of an older journal
// needs no migration.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tandem::journal {

/// One schema step: the SQL that takes version - 1 to version.
struct migration {
  int version;
  /// Why the step exists.
  std::string_view why;
  std::string_view sql;
};

/// "TDJN": marks the SQLite file as a Tandem journal (PRAGMA application_id),
/// so a foreign database is refused instead of being written into.
inline constexpr std::int32_t journal_application_id = 0x54444a4e;

// clang-format off
inline constexpr std::array migrations{
  migration{1, "the journal table and its client order id index",
    "CREATE TABLE journal ("
    " seq INTEGER PRIMARY KEY,"       // 1, 2, ... assigned by the writer
    " ts_ns INTEGER NOT NULL,"        // ns since the Unix epoch, UTC
    " kind INTEGER NOT NULL,"         // record_kind number
    " client_order_id TEXT,"          // NULL when the record has none
    " pair_id TEXT,"                  // NULL when the record has none
    " payload TEXT NOT NULL"          // compact JSON, see journal/codec.hpp
    ");"
    "CREATE INDEX journal_client_order_id ON journal(client_order_id)"
    " WHERE client_order_id IS NOT NULL;"
    "PRAGMA application_id = 1413761614;"},
  migration{2, "look up every record of one pair (reconciliation, export)",
    "CREATE INDEX journal_pair_id ON journal(pair_id)"
    " WHERE pair_id IS NOT NULL;"},
};
// clang-format on

/// The schema version this build writes and reads.
inline constexpr int current_schema_version = migrations.back().version;

static_assert(journal_application_id == 1413761614,
              "migration 1's PRAGMA application_id must match");

/// Returns true if the list is 1, 2, ..., N without gaps (checked in tests
/// and at compile time).
constexpr bool migrations_are_contiguous() noexcept {
  for (std::size_t i = 0; i < migrations.size(); ++i)
    if (migrations[i].version != static_cast<int>(i) + 1)
      return false;
  return true;
}
static_assert(migrations_are_contiguous());

} // namespace tandem::journal
