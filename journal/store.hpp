// The journal's storage: one SQLite database in WAL mode, one table of
// records (journal/schema.hpp), appended in group commits. Pure storage, no
// actors; every call blocks on disk, so the engine runs it on the journal
// actor's own thread, never on a CAF worker. A writer keeps one helper
// thread with its own connection that checkpoints the WAL in the
// background (checkpoint_mode::background), so no commit pays for copying
// the WAL into the database or for the fsyncs that go with it.
//
// What a crash can lose, with the default sync_mode::normal
// (PRAGMA synchronous=NORMAL in WAL mode):
//  - A process crash (SIGKILL, OOM kill, abort, segfault) loses NOTHING that
//    append() returned success for: a commit has written its pages to the
//    -wal file with write(2), so they are in the kernel's page cache, and
//    the next open replays them from the WAL. A transaction that had not
//    committed is rolled back whole. Records still waiting in the journal
//    actor's group (not yet given to append()) are lost; that is why order
//    intents use append_durable and are sent only after its ack.
//  - An OS crash or power cut can lose the most recent commits: the WAL is
//    fsync'ed only by checkpoints (asked for once the WAL holds ~1000 pages,
//    ~4 MB of journal, about every 10,000 records), so commits since the
//    last one that the kernel had not yet written back are gone (Linux
//    writes dirty pages back within ~30 s by default). What remains is
//    consistent and a prefix of what was written (WAL frames are checksummed;
//    recovery stops at the first bad one): whole transactions are lost, from
//    the tail, never a hole. An order intent acked and sent just before a power
//    cut can therefore be missing after restart; reconciliation finds that
//    order on the venue by our client id prefix, adopts it and alerts.
//  - sync_mode::full (PRAGMA synchronous=FULL) fsyncs the WAL on every
//    commit, so a power cut loses nothing acked (given a disk that honours
//    flushes), at ~200 us per commit instead of ~20 us on this VM
//    (bench/journal/README.md). Group commit amortises either.
//
// Errors never crash and never start an empty journal over an unreadable
// one: a file that is not a database, a foreign database, a locked one, a
// read-only directory, a newer schema each come back as a store_error with
// the path.
#pragma once

#include "core/result.hpp"
#include "journal/errors.hpp"
#include "journal/records.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace tandem::journal {

/// How hard a commit pushes to disk; see the header comment.
enum class sync_mode : std::uint8_t {
  /// PRAGMA synchronous=NORMAL: survives process crashes, not power loss.
  normal = 1,
  /// PRAGMA synchronous=FULL: fsync per commit; survives power loss.
  full = 2,
};

/// Who copies the WAL into the database file (a checkpoint).
enum class checkpoint_mode : std::uint8_t {
  /// A background thread with its own connection, once ~1000 pages (~4 MB)
  /// have accumulated: commits never pay for a checkpoint.
  background = 1,
  /// SQLite's default: the commit that crosses 1000 pages does it (a
  /// multi-millisecond stall on that commit).
  in_commit = 2,
};

/// Writer (the engine: creates, migrates, appends; one per journal) or
/// reader (export, inspection: never creates, never migrates, never
/// writes; may run while the engine writes).
enum class open_mode : std::uint8_t { writer = 1, reader = 2 };

struct store_options {
  open_mode mode = open_mode::writer;
  sync_mode sync = sync_mode::normal;
  /// How long a statement waits for another process's lock before it fails
  /// with journal_error::locked.
  std::chrono::milliseconds busy_timeout{5000};
  /// Writers only.
  checkpoint_mode checkpoint = checkpoint_mode::background;
};

/// Returns `data_dir / "journal.db"`, where the engine keeps its journal.
std::filesystem::path journal_file(const std::filesystem::path& data_dir);

/// An open journal database. Move-only; closing is the destructor.
class store {
 public:
  /// Opens (writer: creates the directory and the database if missing,
  /// takes the writer lock `<file>.lock`, migrates the schema) the journal
  /// at `file`. Every failure is a store_error naming the path.
  static result<store, store_error> open(const std::filesystem::path& file,
                                         store_options opts = {});

  store(store&&) noexcept;
  store& operator=(store&&) noexcept;
  ~store();

  /// Appends `batch` in ONE transaction (group commit) and assigns each
  /// record its seq (last_seq() + 1, + 2, ...). Returns the last seq. On
  /// failure nothing of the batch is written, seqs are left at 0 and
  /// last_seq() is unchanged. An empty batch is a no-op.
  ///
  /// append() and scan() are serialized by a mutex: the journal actor's
  /// group commits and the pair coordinator's durable order intents (one
  /// short transaction on the order path, without a hop to the journal's
  /// thread and back) share this store.
  result<std::uint64_t, store_error> append(std::span<record> batch);

  /// Calls `visit` for every record with seq > after_seq, in seq order.
  /// Returns how many were visited; a row that cannot be decoded stops the
  /// scan with bad_record naming its seq (never skipped silently).
  result<std::uint64_t, store_error>
  scan(std::uint64_t after_seq, const std::function<void(record&&)>& visit);

  /// Returns every record, in seq order.
  result<std::vector<record>, store_error> read_all();
  /// Returns the records with seq > after_seq, in seq order.
  result<std::vector<record>, store_error> read_since(std::uint64_t after_seq);

  /// The highest committed seq; 0 for an empty journal.
  std::uint64_t last_seq() const noexcept;
  /// Transactions committed through this store (group commits).
  std::uint64_t transactions() const noexcept;
  /// Background checkpoints completed (0 with checkpoint_mode::in_commit).
  std::uint64_t checkpoints() const noexcept;
  /// The schema version of the open database.
  int schema_version() const noexcept;
  const std::filesystem::path& path() const noexcept;

 private:
  struct impl;
  explicit store(std::unique_ptr<impl> p) noexcept;
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::journal
