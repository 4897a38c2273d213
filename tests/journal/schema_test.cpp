// Schema versions: a new or older journal is migrated step by step to the
// current version with its records intact.
#include "journal/codec.hpp"
#include "journal/schema.hpp"
#include "journal/store.hpp"

#include "tests/journal/fixtures.hpp"
#include "tests/journal/sqlite_raw.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

TEST(journal_schema, migrations_are_numbered_without_gaps) {
  EXPECT_TRUE(migrations_are_contiguous());
  EXPECT_EQ(current_schema_version, 2);
  for (const auto& m : migrations)
    EXPECT_FALSE(m.why.empty()) << m.version;
}

TEST(journal_schema, new_journal_is_at_the_current_version) {
  temp_dir dir;
  auto file = dir / "journal.db";
  {
    auto s = store::open(file);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->schema_version(), current_schema_version);
  }
  raw_db raw{file};
  EXPECT_EQ(raw.query_int("PRAGMA user_version"), current_schema_version);
  EXPECT_EQ(raw.query_int("PRAGMA application_id"), journal_application_id);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM sqlite_master WHERE name IN "
                          "('journal_client_order_id', 'journal_pair_id')"),
            2);
}

TEST(journal_schema, empty_v0_file_is_migrated) {
  temp_dir dir;
  auto file = dir / "journal.db";
  { std::ofstream touch{file}; } // 0 bytes: SQLite's empty database, v0
  auto s = store::open(file);
  ASSERT_TRUE(s) << to_string(s.error());
  EXPECT_EQ(s->schema_version(), current_schema_version);
  std::vector<record> b{rec(signal_processed{"a"})};
  EXPECT_TRUE(s->append(b));
}

TEST(journal_schema, v1_journal_is_migrated_with_its_records) {
  temp_dir dir;
  auto file = dir / "journal.db";
  auto in = intent("tdm-a1-1", venue::upbit, "KRW-BTC", side::buy, "0.01",
                   "143000000", "pair-7", "sig-7");
  {
    // A journal as a v1 build left it.
    raw_db raw{file};
    raw.must("PRAGMA journal_mode=WAL");
    raw.must(std::string{migrations[0].sql});
    raw.must("PRAGMA user_version = 1");
    std::string json;
    encode_payload(in, json);
    raw.must("INSERT INTO journal(seq, ts_ns, kind, client_order_id, pair_id,"
             " payload) VALUES(1, 42, 1, 'tdm-a1-1', 'pair-7', '"
             + json + "')");
  }
  {
    auto s = store::open(file);
    ASSERT_TRUE(s) << to_string(s.error());
    EXPECT_EQ(s->schema_version(), 2);
    EXPECT_EQ(s->last_seq(), 1u);
    auto all = s->read_all();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 1u);
    expect_same(rec(in, 42), (*all)[0]);
    std::vector<record> b{rec(signal_processed{"next"})};
    auto last = s->append(b);
    ASSERT_TRUE(last);
    EXPECT_EQ(*last, 2u);
  }
  raw_db raw{file};
  EXPECT_EQ(raw.query_int("PRAGMA user_version"), 2);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM sqlite_master "
                          "WHERE name = 'journal_pair_id'"),
            1);
}

TEST(journal_schema, reader_reads_an_older_journal_without_migrating) {
  temp_dir dir;
  auto file = dir / "journal.db";
  {
    raw_db raw{file};
    raw.must(std::string{migrations[0].sql});
    raw.must("PRAGMA user_version = 1");
  }
  auto s = store::open(
    file, store_options{.mode = open_mode::reader,
                        .sync = sync_mode::normal,
                        .busy_timeout = std::chrono::milliseconds{100},
                        .checkpoint = checkpoint_mode::background});
  ASSERT_TRUE(s) << to_string(s.error());
  EXPECT_EQ(s->schema_version(), 1);
  raw_db raw{file};
  EXPECT_EQ(raw.query_int("PRAGMA user_version"), 1);
}
