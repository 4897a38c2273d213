// The store's failure paths: each gives a typed error with the path, never
// a crash, and never an empty journal in place of an unreadable one.
#include "journal/store.hpp"

#include "tests/journal/fixtures.hpp"
#include "tests/journal/sqlite_raw.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in{p, std::ios::binary};
  return {std::istreambuf_iterator<char>{in}, {}};
}

void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out{p, std::ios::binary | std::ios::trunc};
  out << bytes;
}

store_options quick(open_mode m = open_mode::writer) {
  return store_options{.mode = m,
                       .sync = sync_mode::normal,
                       .busy_timeout = std::chrono::milliseconds{100},
                       .checkpoint = checkpoint_mode::background};
}

void make_journal(const std::filesystem::path& file, int records) {
  auto s = store::open(file, quick());
  ASSERT_TRUE(s) << to_string(s.error());
  std::vector<record> b;
  for (int i = 0; i < records; ++i)
    b.push_back(rec(signal_processed{"sig-" + std::to_string(i)}));
  ASSERT_TRUE(s->append(b));
}

/// Runs `check` as an unprivileged user when we are root (root ignores
/// permission bits), else in-process. `check` returns 0 on success.
int as_unprivileged(const std::function<int()>& check) {
  if (::geteuid() != 0)
    return check();
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0)
      ::_exit(90);
    ::_exit(check());
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 91;
}

/// 0 if `r` failed with `code` and names `path`; else a distinct number.
int expect_error(const result<store, store_error>& r, journal_error code,
                 const std::string& path) {
  if (r)
    return 10;
  if (r.error().code != code)
    return 11;
  if (to_string(r.error()).find(path) == std::string::npos)
    return 12;
  return 0;
}

} // namespace

TEST(journal_store_error, garbage_file_is_not_a_database_and_is_kept) {
  temp_dir dir;
  auto file = dir / "journal.db";
  std::string garbage(8192, 'x');
  garbage.replace(0, 20, "this is not sqlite! ");
  write_file(file, garbage);
  auto r = store::open(file, quick());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, journal_error::not_a_database);
  EXPECT_EQ(r.error().path, file.string());
  EXPECT_NE(to_string(r.error()).find("file is not a database"),
            std::string::npos)
    << to_string(r.error());
  // Never replaced by an empty journal.
  EXPECT_EQ(slurp(file), garbage);
  auto rd = store::open(file, quick(open_mode::reader));
  ASSERT_FALSE(rd);
  EXPECT_EQ(rd.error().code, journal_error::not_a_database);
}

TEST(journal_store_error, damaged_page_is_corrupt) {
  temp_dir dir;
  auto file = dir / "journal.db";
  make_journal(file, 500); // several pages of rows
  auto bytes = slurp(file);
  ASSERT_GT(bytes.size(), 3u * 4096u);
  // Overwrite page 2 (the journal table's b-tree) with noise.
  for (std::size_t i = 4096; i < 2 * 4096; ++i)
    bytes[i] = static_cast<char>(0xA5 ^ (i & 0xff));
  write_file(file, bytes);
  auto s = store::open(file, quick());
  if (!s) {
    EXPECT_EQ(s.error().code, journal_error::corrupt) << to_string(s.error());
    return;
  }
  auto all = s->read_all();
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error().code, journal_error::corrupt) << to_string(all.error());
  EXPECT_EQ(all.error().path, file.string());
}

TEST(journal_store_error, foreign_sqlite_database_is_not_a_journal) {
  temp_dir dir;
  auto file = dir / "journal.db";
  {
    raw_db raw{file};
    raw.must("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total TEXT)");
  }
  auto r = store::open(file, quick());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, journal_error::not_a_journal);
  raw_db raw{file};
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM sqlite_master "
                          "WHERE name = 'journal'"),
            0);
}

TEST(journal_store_error, other_application_id_is_not_a_journal) {
  temp_dir dir;
  auto file = dir / "journal.db";
  {
    raw_db raw{file};
    raw.must("PRAGMA application_id = 42");
  }
  auto r = store::open(file, quick());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, journal_error::not_a_journal);
}

TEST(journal_store_error, locked_database_beyond_busy_timeout) {
  temp_dir dir;
  auto file = dir / "journal.db";
  make_journal(file, 3);
  raw_db other{file};
  other.must("PRAGMA locking_mode=EXCLUSIVE");
  other.must("BEGIN EXCLUSIVE");
  other.must("INSERT INTO journal(seq, ts_ns, kind, payload) "
             "VALUES(100, 0, 4, '{\"signal_id\":\"x\"}')");
  auto r = store::open(file, quick());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, journal_error::locked) << to_string(r.error());
  EXPECT_EQ(r.error().path, file.string());
  EXPECT_NE(r.error().detail.find("busy_timeout=100 ms"), std::string::npos)
    << r.error().detail;
  other.must("ROLLBACK");
}

TEST(journal_store_error, append_while_another_writer_holds_the_lock) {
  temp_dir dir;
  auto file = dir / "journal.db";
  auto s = store::open(file, quick());
  ASSERT_TRUE(s);
  raw_db other{file};
  other.must("BEGIN IMMEDIATE");
  std::vector<record> b{rec(signal_processed{"a"})};
  auto r = s->append(b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, journal_error::locked);
  EXPECT_EQ(s->last_seq(), 0u);
  EXPECT_EQ(b[0].seq, 0u);
  other.must("ROLLBACK");
  auto ok = s->append(b);
  ASSERT_TRUE(ok) << to_string(ok.error());
  EXPECT_EQ(*ok, 1u);
}

TEST(journal_store_error, second_writer_is_refused_until_the_first_closes) {
  temp_dir dir;
  auto file = dir / "journal.db";
  {
    auto first = store::open(file, quick());
    ASSERT_TRUE(first);
    auto second = store::open(file, quick());
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, journal_error::in_use);
    EXPECT_NE(to_string(second.error()).find(file.string()), std::string::npos);
    // A reader is fine while the writer runs (export during trading).
    auto reader = store::open(file, quick(open_mode::reader));
    EXPECT_TRUE(reader) << to_string(reader.error());
  }
  auto again = store::open(file, quick());
  EXPECT_TRUE(again) << to_string(again.error());
}

TEST(journal_store_error, newer_schema_is_refused_and_left_alone) {
  temp_dir dir;
  auto file = dir / "journal.db";
  make_journal(file, 2);
  {
    raw_db raw{file};
    raw.must("PRAGMA user_version = 99");
  }
  for (auto mode : {open_mode::writer, open_mode::reader}) {
    auto r = store::open(file, quick(mode));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, journal_error::newer_schema);
    EXPECT_NE(r.error().detail.find("99"), std::string::npos);
    EXPECT_NE(r.error().detail.find("(2)"), std::string::npos)
      << r.error().detail;
  }
  raw_db raw{file};
  EXPECT_EQ(raw.query_int("PRAGMA user_version"), 99);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM journal"), 2);
}

TEST(journal_store_error, undecodable_row_names_its_seq) {
  temp_dir dir;
  auto file = dir / "journal.db";
  make_journal(file, 3);
  {
    raw_db raw{file};
    raw.must("UPDATE journal SET payload = '{\"signal_id\":5}' WHERE seq = 2");
  }
  auto s = store::open(file, quick());
  ASSERT_TRUE(s);
  auto all = s->read_all();
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error().code, journal_error::bad_record);
  EXPECT_NE(all.error().detail.find("seq 2"), std::string::npos)
    << all.error().detail;
  EXPECT_NE(all.error().detail.find("signal_id"), std::string::npos);
  {
    raw_db raw{file};
    raw.must("UPDATE journal SET kind = 99 WHERE seq = 2");
  }
  auto again = s->read_all();
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().detail.find("unknown kind 99"), std::string::npos);
}

TEST(journal_store_error, reader_never_creates_a_journal) {
  temp_dir dir;
  auto file = dir / "missing" / "journal.db";
  auto r = store::open(file, quick(open_mode::reader));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, journal_error::not_found);
  EXPECT_EQ(r.error().path, file.string());
  EXPECT_FALSE(std::filesystem::exists(file.parent_path()));
}

TEST(journal_store_error, a_file_where_the_directory_should_be) {
  temp_dir dir;
  write_file(dir / "data", "a file");
  auto file = dir.path() / "data" / "journal.db";
  auto r = store::open(file, quick());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, journal_error::cannot_open) << to_string(r.error());
}

TEST(journal_store_error, read_only_directory) {
  temp_dir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
  auto ro = dir.path() / "ro";
  std::filesystem::create_directory(ro);
  std::filesystem::permissions(ro, std::filesystem::perms(0555));
  auto file = ro / "journal.db";
  int rc = as_unprivileged([&] {
    return expect_error(store::open(file, quick()), journal_error::read_only,
                        ro.string());
  });
  EXPECT_EQ(rc, 0) << "10: opened, 11: other code, 12: path missing";
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(journal_store_error, read_only_database_file) {
  temp_dir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms(0777));
  auto file = dir / "journal.db";
  make_journal(file, 1);
  ::chmod(file.c_str(), 0444);
  // The writer lock file must be openable by the unprivileged user, so only
  // the database itself is read-only.
  ::chmod((file.string() + ".lock").c_str(), 0666);
  int rc = as_unprivileged([&] {
    return expect_error(store::open(file, quick()), journal_error::read_only,
                        file.string());
  });
  EXPECT_EQ(rc, 0) << "10: opened, 11: other code, 12: path missing";
}
