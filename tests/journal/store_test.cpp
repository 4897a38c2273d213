// The store: records survive a reopen with identical values, seqs run
// 1, 2, ... without gaps, a batch is one transaction and all-or-nothing,
// readers see what the writer committed.
#include "journal/store.hpp"

#include "tests/journal/fixtures.hpp"
#include "tests/journal/sqlite_raw.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

namespace {

store open_writer(const std::filesystem::path& file) {
  auto s = store::open(file);
  if (!s) {
    ADD_FAILURE() << to_string(s.error());
    std::abort();
  }
  return std::move(*s);
}

} // namespace

TEST(journal_store, every_kind_survives_a_reopen) {
  temp_dir dir;
  auto file = journal_file(dir.path() / "data");
  auto written = every_kind();
  {
    auto s = open_writer(file);
    EXPECT_EQ(s.last_seq(), 0u);
    auto last = s.append(written);
    ASSERT_TRUE(last) << to_string(last.error());
    EXPECT_EQ(*last, written.size());
    for (std::size_t i = 0; i < written.size(); ++i)
      EXPECT_EQ(written[i].seq, i + 1);
  }
  auto s = open_writer(file);
  EXPECT_EQ(s.last_seq(), written.size());
  auto back = s.read_all();
  ASSERT_TRUE(back) << to_string(back.error());
  ASSERT_EQ(back->size(), written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    EXPECT_EQ((*back)[i].seq, i + 1);
    expect_same(written[i], (*back)[i]);
  }
}

TEST(journal_store, creates_the_directory_and_uses_wal) {
  temp_dir dir;
  auto file = journal_file(dir.path() / "a" / "b");
  EXPECT_EQ(file.filename(), "journal.db");
  auto s = open_writer(file);
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_EQ(s.schema_version(), 2);
  std::vector<record> one{rec(signal_processed{"s"})};
  ASSERT_TRUE(s.append(one));
  raw_db raw{file};
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
    sqlite3_prepare_v2(raw.get(), "PRAGMA journal_mode", -1, &st, nullptr),
    SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
               "wal");
  sqlite3_finalize(st);
}

TEST(journal_store, seqs_continue_after_reopen_and_read_since_filters) {
  temp_dir dir;
  auto file = dir / "journal.db";
  {
    auto s = open_writer(file);
    std::vector<record> b{rec(signal_processed{"a"}),
                          rec(signal_processed{"b"})};
    ASSERT_TRUE(s.append(b));
  }
  auto s = open_writer(file);
  std::vector<record> c{rec(signal_processed{"c"})};
  auto last = s.append(c);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, 3u);
  auto since = s.read_since(1);
  ASSERT_TRUE(since);
  ASSERT_EQ(since->size(), 2u);
  EXPECT_EQ((*since)[0].seq, 2u);
  EXPECT_EQ(std::get<signal_processed>((*since)[1].body).signal_id, "c");
  auto none = s.read_since(3);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(journal_store, a_batch_is_one_transaction) {
  temp_dir dir;
  auto s = open_writer(dir / "journal.db");
  std::vector<record> batch;
  for (int i = 0; i < 100; ++i)
    batch.push_back(rec(signal_processed{"s" + std::to_string(i)}));
  ASSERT_TRUE(s.append(batch));
  EXPECT_EQ(s.transactions(), 1u);
  for (int i = 0; i < 10; ++i) {
    std::vector<record> one{rec(signal_processed{"x"})};
    ASSERT_TRUE(s.append(one));
  }
  EXPECT_EQ(s.transactions(), 11u);
  EXPECT_EQ(s.last_seq(), 110u);
  std::vector<record> empty;
  auto r = s.append(empty);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 110u);
  EXPECT_EQ(s.transactions(), 11u);
}

TEST(journal_store, a_failing_batch_writes_nothing) {
  temp_dir dir;
  auto file = dir / "journal.db";
  auto s = open_writer(file);
  std::vector<record> first{rec(signal_processed{"ok"})};
  ASSERT_TRUE(s.append(first));
  {
    // Make the third insert of the next batch fail inside the transaction.
    raw_db raw{file};
    raw.must("CREATE TRIGGER poison BEFORE INSERT ON journal "
             "WHEN NEW.payload LIKE '%poison%' "
             "BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
  }
  std::vector<record> batch{rec(signal_processed{"a"}),
                            rec(signal_processed{"b"}),
                            rec(signal_processed{"poison"})};
  auto r = s.append(batch);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("poisoned"), std::string::npos)
    << to_string(r.error());
  EXPECT_EQ(r.error().path, file.string());
  for (const auto& x : batch)
    EXPECT_EQ(x.seq, 0u);
  EXPECT_EQ(s.last_seq(), 1u);
  // The next batch gets the next seq: no gap where the failed one was.
  std::vector<record> next{rec(signal_processed{"c"})};
  auto ok = s.append(next);
  ASSERT_TRUE(ok) << to_string(ok.error());
  EXPECT_EQ(*ok, 2u);
  auto all = s.read_all();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(std::get<signal_processed>((*all)[1].body).signal_id, "c");
}

TEST(journal_store, a_reader_sees_commits_and_cannot_write) {
  temp_dir dir;
  auto file = dir / "journal.db";
  auto w = open_writer(file);
  std::vector<record> b{rec(signal_processed{"a"})};
  ASSERT_TRUE(w.append(b));
  auto r = store::open(
    file, store_options{.mode = open_mode::reader,
                        .sync = sync_mode::normal,
                        .busy_timeout = std::chrono::milliseconds{1000},
                        .checkpoint = checkpoint_mode::background});
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->last_seq(), 1u);
  std::vector<record> more{rec(signal_processed{"b"})};
  ASSERT_TRUE(w.append(more));
  auto seen = r->read_since(1);
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->size(), 1u);
  auto refused = r->append(more);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, journal_error::read_only);
}

TEST(journal_store, scan_visits_in_order_and_counts) {
  temp_dir dir;
  auto s = open_writer(dir / "journal.db");
  auto all = every_kind();
  ASSERT_TRUE(s.append(all));
  std::uint64_t prev = 0;
  auto n = s.scan(0, [&](record&& r) {
    EXPECT_EQ(r.seq, prev + 1);
    prev = r.seq;
  });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, all.size());
}

TEST(journal_store, full_sync_mode_round_trips) {
  temp_dir dir;
  auto file = dir / "journal.db";
  {
    auto s = store::open(
      file, store_options{.mode = open_mode::writer,
                          .sync = sync_mode::full,
                          .busy_timeout = std::chrono::milliseconds{100},
                          .checkpoint = checkpoint_mode::background});
    ASSERT_TRUE(s);
    std::vector<record> b{rec(halt_set{"r", "w"})};
    ASSERT_TRUE(s->append(b));
  }
  auto s = open_writer(file);
  auto all = s.read_all();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(std::get<halt_set>((*all)[0].body).who, "w");
}

TEST(journal_store, background_checkpoints_keep_the_wal_small) {
  temp_dir dir;
  auto file = dir / "journal.db";
  auto s = store::open(file);
  ASSERT_TRUE(s);
  // ~24,000 records of ~400 bytes: several times the 1000-page threshold.
  auto one = every_kind()[1]; // an order update with its fill
  std::vector<record> batch(256, one);
  for (int i = 0; i < 96; ++i)
    ASSERT_TRUE(s->append(batch));
  // The checkpointer runs on its own thread: wait for it (generously).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
  while (s->checkpoints() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds{1}); // poll
  EXPECT_GE(s->checkpoints(), 1u);
  // Appends keep working while it checkpoints; nothing is lost.
  ASSERT_TRUE(s->append(batch));
  auto all = s->read_all();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 97u * 256u);
  // The WAL never grew past the writer's cap (16384 pages of 4 KiB).
  EXPECT_LT(std::filesystem::file_size(file.string() + "-wal"),
            16384u * 4096u + 1024u * 1024u);
}

TEST(journal_store, in_commit_checkpoints_need_no_thread) {
  temp_dir dir;
  auto s = store::open(dir / "journal.db",
                       store_options{.mode = open_mode::writer,
                                     .sync = sync_mode::normal,
                                     .busy_timeout = std::chrono::seconds{1},
                                     .checkpoint = checkpoint_mode::in_commit});
  ASSERT_TRUE(s);
  std::vector<record> batch(256, every_kind()[1]);
  for (int i = 0; i < 40; ++i)
    ASSERT_TRUE(s->append(batch));
  EXPECT_EQ(s->checkpoints(), 0u);
  EXPECT_EQ(s->last_seq(), 40u * 256u);
}
