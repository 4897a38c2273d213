#include "journal/store.hpp"

#include "journal/codec.hpp"
#include "journal/detail/checkpointer.hpp"
#include "journal/schema.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace tandem::journal {

namespace fs = std::filesystem;

namespace {

journal_error classify(int rc) noexcept {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return journal_error::locked;
    case SQLITE_READONLY: return journal_error::read_only;
    case SQLITE_IOERR: return journal_error::io_error;
    case SQLITE_CORRUPT: return journal_error::corrupt;
    case SQLITE_FULL: return journal_error::disk_full;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM: return journal_error::cannot_open;
    case SQLITE_NOTADB: return journal_error::not_a_database;
    default: return journal_error::internal;
  }
}

journal_error classify_errno(int err) noexcept {
  switch (err) {
    case EACCES:
    case EPERM:
    case EROFS: return journal_error::read_only;
    case ENOSPC:
    case EDQUOT: return journal_error::disk_full;
    case EIO: return journal_error::io_error;
    default: return journal_error::cannot_open;
  }
}

/// Finalizes a statement when it goes out of scope (open-time queries).
struct stmt_guard {
  sqlite3_stmt* s = nullptr;
  stmt_guard() = default;
  stmt_guard(const stmt_guard&) = delete;
  stmt_guard& operator=(const stmt_guard&) = delete;
  ~stmt_guard() { sqlite3_finalize(s); }
};

/// Resets a reused statement when a call returns, on every path.
struct reset_guard {
  sqlite3_stmt* s;
  explicit reset_guard(sqlite3_stmt* st) noexcept : s(st) {}
  reset_guard(const reset_guard&) = delete;
  reset_guard& operator=(const reset_guard&) = delete;
  ~reset_guard() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

} // namespace

fs::path journal_file(const fs::path& data_dir) {
  return data_dir / "journal.db";
}

// -- impl --------------------------------------------------------------------

struct store::impl {
  fs::path path;
  std::string path_text;
  store_options opts;
  sqlite3* db = nullptr;
  /// Writer lock (flock on <file>.lock); released by the kernel when the
  /// process dies, so a SIGKILLed engine never blocks its restart.
  int lock_fd = -1;
  sqlite3_stmt* begin = nullptr;
  sqlite3_stmt* commit = nullptr;
  sqlite3_stmt* rollback = nullptr;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* select_since = nullptr;
  /// Serializes appends and scans: the journal actor and the pair
  /// coordinator's durable intents (store.hpp) share one connection.
  std::mutex mu;
  std::atomic<std::uint64_t> last_seq = 0;
  std::atomic<std::uint64_t> transactions = 0;
  int version = 0;
  /// Reused payload buffer: appends allocate only when a payload is larger
  /// than any before.
  std::string buf;
  payload_decoder decoder;
  /// checkpoint_mode::background: the thread that checkpoints, and the WAL
  /// size (pages) at which the writer last asked it to.
  std::unique_ptr<detail::checkpointer> checkpointer;
  int last_request_pages = 0;

  impl() = default;
  impl(const impl&) = delete;
  impl& operator=(const impl&) = delete;

  ~impl() {
    // The checkpointer's connection goes first, so the writer's close is the
    // last one: it checkpoints and removes the WAL.
    checkpointer.reset();
    for (auto* s : {begin, commit, rollback, insert, select_since})
      sqlite3_finalize(s);
    // close_v2: never fails for busy statements; checkpoints the WAL when
    // this is the last connection.
    if (db != nullptr)
      sqlite3_close_v2(db);
    if (lock_fd >= 0)
      ::close(lock_fd);
  }

  store_error error(journal_error code, std::string detail) const {
    return store_error{code, path_text, std::move(detail)};
  }

  /// Turns SQLite's last error on this connection into a store_error.
  store_error sqlite_error(int rc, std::string_view op) const {
    std::string detail{op};
    detail += ": ";
    detail += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    detail += " (sqlite ";
    detail += std::to_string(rc);
    detail += ')';
    auto code = classify(rc);
    if (code == journal_error::locked) {
      detail += "; another process holds the database beyond busy_timeout=";
      detail += std::to_string(opts.busy_timeout.count());
      detail += " ms";
    }
    return error(code, std::move(detail));
  }

  /// Runs SQL without results (PRAGMAs, migrations, BEGIN/COMMIT).
  std::optional<store_error> exec(const char* sql, std::string_view op) {
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
      return sqlite_error(rc, op);
    return std::nullopt;
  }

  /// Runs a query that yields one row of one column, as integer or text.
  result<std::int64_t, store_error> query_int(const char* sql) {
    stmt_guard g;
    int rc = sqlite3_prepare_v2(db, sql, -1, &g.s, nullptr);
    if (rc == SQLITE_OK)
      rc = sqlite3_step(g.s);
    if (rc != SQLITE_ROW)
      return failure{sqlite_error(rc, sql)};
    return sqlite3_column_int64(g.s, 0);
  }

  result<std::string, store_error> query_text(const char* sql) {
    stmt_guard g;
    int rc = sqlite3_prepare_v2(db, sql, -1, &g.s, nullptr);
    if (rc == SQLITE_OK)
      rc = sqlite3_step(g.s);
    if (rc != SQLITE_ROW)
      return failure{sqlite_error(rc, sql)};
    auto* t = sqlite3_column_text(g.s, 0);
    return std::string{t != nullptr ? reinterpret_cast<const char*>(t) : ""};
  }

  std::optional<store_error> prepare(sqlite3_stmt** s, const char* sql) {
    int rc
      = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, nullptr);
    if (rc != SQLITE_OK)
      return sqlite_error(rc, sql);
    return std::nullopt;
  }

  std::optional<store_error> prepare_directory();
  std::optional<store_error> take_writer_lock();
  std::optional<store_error> connect();
  std::optional<store_error> check_and_migrate();
  std::optional<store_error> prepare_statements();
  std::optional<store_error> start_checkpointer();
  static int on_wal_commit(void* arg, sqlite3* db, const char*, int pages);
};

namespace {

/// WAL pages at which a checkpoint is asked for (SQLite's own default).
constexpr int checkpoint_pages = 1000;
/// WAL pages at which the writer checkpoints itself (background falling
/// behind under a write storm): bounds the WAL at ~64 MB.
constexpr int wal_cap_pages = 16384;

} // namespace

/// SQLite calls this after every commit with the WAL's size in pages; it
/// replaces SQLite's autocheckpoint.
int store::impl::on_wal_commit(void* arg, sqlite3* db, const char*, int pages) {
  auto* d = static_cast<impl*>(arg);
  if (pages >= wal_cap_pages) {
    sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
  } else if (pages >= checkpoint_pages) {
    // Ask again only as the WAL keeps growing, not on every commit.
    if (pages < d->last_request_pages
        || pages - d->last_request_pages >= checkpoint_pages / 4) {
      d->last_request_pages = pages;
      d->checkpointer->request();
    }
  } else {
    d->last_request_pages = 0;
  }
  return SQLITE_OK;
}

std::optional<store_error> store::impl::start_checkpointer() {
  std::string why;
  checkpointer = detail::checkpointer::start(path_text, why);
  if (!checkpointer)
    return error(journal_error::cannot_open, "checkpoint connection: " + why);
  sqlite3_wal_hook(db, on_wal_commit, this);
  return std::nullopt;
}

std::optional<store_error> store::impl::prepare_directory() {
  auto dir = path.parent_path();
  if (dir.empty())
    dir = ".";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return error(classify_errno(ec.value()),
                 "create directory " + dir.string() + ": " + ec.message());
  if (!fs::is_directory(dir, ec))
    return error(journal_error::cannot_open,
                 dir.string() + " is not a directory");
  // SQLite needs to create <file>-wal and <file>-shm next to the database.
  if (::access(dir.c_str(), W_OK) != 0)
    return error(classify_errno(errno),
                 "directory " + dir.string()
                   + " is not writable: " + std::strerror(errno));
  if (fs::exists(path, ec)) {
    if (!fs::is_regular_file(path, ec))
      return error(journal_error::cannot_open, "not a regular file");
    if (::access(path.c_str(), W_OK) != 0)
      return error(classify_errno(errno), std::string{"file is not writable: "}
                                            + std::strerror(errno));
  }
  return std::nullopt;
}

std::optional<store_error> store::impl::take_writer_lock() {
  auto lock_path = path_text + ".lock";
  lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd < 0)
    return error(classify_errno(errno),
                 "open " + lock_path + ": " + std::strerror(errno));
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == EWOULDBLOCK)
      return error(journal_error::in_use,
                   "another process has this journal open for writing ("
                     + lock_path + " is locked)");
    return error(journal_error::cannot_open,
                 "lock " + lock_path + ": " + std::strerror(err));
  }
  return std::nullopt;
}

std::optional<store_error> store::impl::connect() {
  bool writer = opts.mode == open_mode::writer;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
              | (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                        : SQLITE_OPEN_READONLY);
  int rc = sqlite3_open_v2(path_text.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK)
    return sqlite_error(rc, "open");
  sqlite3_busy_timeout(db, static_cast<int>(opts.busy_timeout.count()));
  if (writer && sqlite3_db_readonly(db, "main") == 1)
    return error(journal_error::read_only, "the database opened read-only");
  if (writer) {
    // The first statement reads the header: a file that is not a database
    // fails here, before anything is written to it.
    auto mode = query_text("PRAGMA journal_mode=WAL");
    if (!mode)
      return mode.error();
    if (*mode != "wal")
      return error(journal_error::internal,
                   "journal_mode is " + *mode + ", WAL was refused");
    auto err = exec(opts.sync == sync_mode::full ? "PRAGMA synchronous=FULL"
                                                 : "PRAGMA synchronous=NORMAL",
                    "PRAGMA synchronous");
    if (err)
      return err;
  }
  return std::nullopt;
}

std::optional<store_error> store::impl::check_and_migrate() {
  auto app = query_int("PRAGMA application_id");
  if (!app)
    return app.error();
  auto ver = query_int("PRAGMA user_version");
  if (!ver)
    return ver.error();
  auto tables = query_int("SELECT count(*) FROM sqlite_master");
  if (!tables)
    return tables.error();
  if (*app != 0 && *app != journal_application_id)
    return error(journal_error::not_a_journal,
                 "application_id " + std::to_string(*app)
                   + " is not a Tandem journal's");
  if (*ver == 0 && *tables > 0)
    return error(journal_error::not_a_journal,
                 "the database has tables but no journal schema");
  if (*ver > 0 && *app != journal_application_id)
    return error(journal_error::not_a_journal,
                 "schema version " + std::to_string(*ver)
                   + " without the journal's application_id");
  if (*ver > current_schema_version)
    return error(journal_error::newer_schema,
                 "schema version " + std::to_string(*ver)
                   + " is newer than this build supports ("
                   + std::to_string(current_schema_version)
                   + "); upgrade tandem, nothing was changed");
  version = static_cast<int>(*ver);
  if (opts.mode == open_mode::reader) {
    if (version == 0)
      return error(journal_error::not_a_journal, "no journal schema (empty)");
    return std::nullopt;
  }
  for (const auto& m : migrations) {
    if (m.version <= version)
      continue;
    auto step = "migration " + std::to_string(m.version) + " ("
                + std::string{m.why} + ")";
    auto fail = [&](store_error e) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      if (e.code != journal_error::locked)
        e.code = journal_error::migration_failed;
      return e;
    };
    if (auto e = exec("BEGIN IMMEDIATE", step))
      return fail(*e);
    if (auto e = exec(std::string{m.sql}.c_str(), step))
      return fail(*e);
    auto bump = "PRAGMA user_version=" + std::to_string(m.version);
    if (auto e = exec(bump.c_str(), step))
      return fail(*e);
    if (auto e = exec("COMMIT", step))
      return fail(*e);
    version = m.version;
  }
  return std::nullopt;
}

std::optional<store_error> store::impl::prepare_statements() {
  if (opts.mode == open_mode::writer) {
    if (auto e = prepare(&begin, "BEGIN IMMEDIATE"))
      return e;
    if (auto e = prepare(&commit, "COMMIT"))
      return e;
    if (auto e = prepare(&rollback, "ROLLBACK"))
      return e;
    if (auto e = prepare(&insert, "INSERT INTO journal(seq, ts_ns, kind, "
                                  "client_order_id, pair_id, payload) "
                                  "VALUES(?1, ?2, ?3, ?4, ?5, ?6)"))
      return e;
  }
  if (auto e = prepare(&select_since, "SELECT seq, ts_ns, kind, payload "
                                      "FROM journal WHERE seq > ?1 "
                                      "ORDER BY seq"))
    return e;
  auto last = query_int("SELECT coalesce(max(seq), 0) FROM journal");
  if (!last)
    return last.error();
  last_seq = static_cast<std::uint64_t>(*last);
  return std::nullopt;
}

// -- store -------------------------------------------------------------------

result<store, store_error> store::open(const fs::path& file,
                                       store_options opts) {
  auto p = std::make_unique<impl>();
  p->path = file;
  p->path_text = file.string();
  p->opts = opts;
  if (opts.mode == open_mode::writer) {
    if (auto e = p->prepare_directory())
      return failure{*e};
    if (auto e = p->take_writer_lock())
      return failure{*e};
  } else {
    std::error_code ec;
    if (!fs::exists(file, ec))
      return failure{p->error(journal_error::not_found, "no journal here")};
  }
  if (auto e = p->connect())
    return failure{*e};
  if (auto e = p->check_and_migrate())
    return failure{*e};
  if (auto e = p->prepare_statements())
    return failure{*e};
  if (opts.mode == open_mode::writer
      && opts.checkpoint == checkpoint_mode::background)
    if (auto e = p->start_checkpointer())
      return failure{*e};
  return store{std::move(p)};
}

store::store(std::unique_ptr<impl> p) noexcept : impl_(std::move(p)) {}
store::store(store&&) noexcept = default;
store& store::operator=(store&&) noexcept = default;
store::~store() = default;

result<std::uint64_t, store_error> store::append(std::span<record> batch) {
  auto& d = *impl_;
  std::lock_guard lk{d.mu};
  if (batch.empty())
    return d.last_seq.load();
  if (d.insert == nullptr)
    return failure{d.error(journal_error::read_only,
                           "append: the journal was opened as a reader")};
  auto undo = [&](int rc, std::string_view op) {
    auto e = d.sqlite_error(rc, op);
    if (sqlite3_get_autocommit(d.db) == 0) {
      sqlite3_step(d.rollback);
      sqlite3_reset(d.rollback);
    }
    for (auto& r : batch)
      r.seq = 0;
    return failure{std::move(e)};
  };
  int rc = sqlite3_step(d.begin);
  sqlite3_reset(d.begin);
  if (rc != SQLITE_DONE)
    return undo(rc, "BEGIN");
  std::uint64_t seq = d.last_seq.load();
  for (auto& r : batch) {
    r.seq = ++seq;
    d.buf.clear();
    encode_payload(r.body, d.buf);
    auto cid = order_id_of(r.body);
    auto pair = pair_id_of(r.body);
    reset_guard g{d.insert};
    sqlite3_bind_int64(d.insert, 1, static_cast<sqlite3_int64>(r.seq));
    sqlite3_bind_int64(d.insert, 2, r.ts.time_since_epoch().count());
    sqlite3_bind_int(d.insert, 3, static_cast<int>(kind_of(r.body)));
    if (cid)
      sqlite3_bind_text(d.insert, 4, cid->view().data(),
                        static_cast<int>(cid->view().size()), SQLITE_STATIC);
    if (!pair.empty())
      sqlite3_bind_text(d.insert, 5, pair.data(), static_cast<int>(pair.size()),
                        SQLITE_STATIC);
    sqlite3_bind_text(d.insert, 6, d.buf.data(), static_cast<int>(d.buf.size()),
                      SQLITE_STATIC);
    rc = sqlite3_step(d.insert);
    if (rc != SQLITE_DONE)
      return undo(rc, "INSERT");
  }
  rc = sqlite3_step(d.commit);
  sqlite3_reset(d.commit);
  if (rc != SQLITE_DONE)
    return undo(rc, "COMMIT");
  d.last_seq = seq;
  ++d.transactions;
  return seq;
}

result<std::uint64_t, store_error>
store::scan(std::uint64_t after_seq,
            const std::function<void(record&&)>& visit) {
  auto& d = *impl_;
  std::lock_guard lk{d.mu};
  reset_guard g{d.select_since};
  sqlite3_bind_int64(d.select_since, 1, static_cast<sqlite3_int64>(after_seq));
  std::uint64_t n = 0;
  for (;;) {
    int rc = sqlite3_step(d.select_since);
    if (rc == SQLITE_DONE)
      return n;
    if (rc != SQLITE_ROW)
      return failure{d.sqlite_error(rc, "SELECT")};
    auto seq
      = static_cast<std::uint64_t>(sqlite3_column_int64(d.select_since, 0));
    auto ts_ns = sqlite3_column_int64(d.select_since, 1);
    auto kind_no = sqlite3_column_int64(d.select_since, 2);
    auto* text = sqlite3_column_text(d.select_since, 3);
    auto len = sqlite3_column_bytes(d.select_since, 3);
    auto bad = [&](std::string why) {
      return failure{d.error(journal_error::bad_record,
                             "seq " + std::to_string(seq) + ": " + why)};
    };
    auto kind = record_kind_from_number(kind_no);
    if (!kind)
      return bad("unknown kind " + std::to_string(kind_no));
    if (text == nullptr)
      return bad("no payload");
    auto body = d.decoder.decode(
      *kind, std::string_view{reinterpret_cast<const char*>(text),
                              static_cast<std::size_t>(len)});
    if (!body)
      return bad(std::string{to_string(*kind)} + " " + body.error());
    visit(record{seq, timestamp{std::chrono::nanoseconds{ts_ns}},
                 std::move(*body)});
    ++n;
  }
}

result<std::vector<record>, store_error> store::read_all() {
  return read_since(0);
}

result<std::vector<record>, store_error>
store::read_since(std::uint64_t after_seq) {
  std::vector<record> out;
  auto n = scan(after_seq, [&out](record&& r) { out.push_back(std::move(r)); });
  if (!n)
    return failure{n.error()};
  return out;
}

std::uint64_t store::last_seq() const noexcept { return impl_->last_seq; }
std::uint64_t store::transactions() const noexcept {
  return impl_->transactions;
}
std::uint64_t store::checkpoints() const noexcept {
  return impl_->checkpointer ? impl_->checkpointer->completed() : 0;
}
int store::schema_version() const noexcept { return impl_->version; }
const fs::path& store::path() const noexcept { return impl_->path; }

} // namespace tandem::journal
