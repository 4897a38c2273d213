// Export: RFC 4180 CSV and JSON lines that accounting tools can read back.
#include "journal/export.hpp"

#include "tests/journal/fixtures.hpp"

#include <gtest/gtest.h>

#include <simdjson.h>

#include <sstream>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

TEST(journal_export, csv_quoting_follows_rfc_4180) {
  auto field = [](std::string_view s) {
    std::string out;
    append_csv_field(out, s);
    return out;
  };
  EXPECT_EQ(field("plain"), "plain");
  EXPECT_EQ(field(""), "");
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(field("cr\rhere"), "\"cr\rhere\"");
}

TEST(journal_export, iso8601_with_nanoseconds) {
  auto iso = [](std::int64_t ns) {
    std::string out;
    append_iso8601(out, at_ns(ns));
    return out;
  };
  EXPECT_EQ(iso(0), "1970-01-01T00:00:00.000000000Z");
  EXPECT_EQ(iso(1'736'000'000'123'456'789), "2025-01-04T14:13:20.123456789Z");
  EXPECT_EQ(iso(-1), "1969-12-31T23:59:59.999999999Z");
}

TEST(journal_export, csv_row_of_a_fill) {
  auto r = rec(make_fill("tdm-a1-1", "t-9", venue::upbit, "KRW-BTC", side::buy,
                         "0.5", "143250000", "25"),
               1'736'000'000'000'000'007);
  r.seq = 12;
  std::string out;
  append_csv_row(out, r);
  EXPECT_EQ(out,
            "12,2025-01-04T14:13:20.000000007Z,1736000000000000007,fill,"
            "tdm-a1-1,,\"{\"\"cid\"\":\"\"tdm-a1-1\"\",\"\"trade_id\"\":"
            "\"\"t-9\"\",\"\"venue\"\":\"\"upbit\"\",\"\"symbol\"\":"
            "\"\"KRW-BTC\"\",\"\"side\"\":\"\"buy\"\",\"\"qty\"\":\"\"0.5\"\","
            "\"\"px\"\":\"\"143250000\"\",\"\"fee\"\":\"\"25\"\","
            "\"\"liquidity\"\":\"\"taker\"\",\"\"ts_ns\"\":"
            "1736000000500000000}\"\r\n");
}

TEST(journal_export, jsonl_row_of_a_decision) {
  auto r = rec(pair_decision{"pair-1", pair_state::hedged, "ok \"both\""}, 5);
  r.seq = 3;
  std::string out;
  append_jsonl_row(out, r);
  EXPECT_EQ(out, R"({"seq":3,"ts":"1970-01-01T00:00:00.000000005Z",)"
                 R"("ts_ns":5,"kind":"pair_decision","client_order_id":null,)"
                 R"("pair_id":"pair-1","payload":{"pair_id":"pair-1",)"
                 R"("state":"hedged","text":"ok \"both\""}})"
                 "\n");
}

TEST(journal_export, whole_journal_as_csv_and_jsonl) {
  temp_dir dir;
  auto file = dir / "journal.db";
  auto all = every_kind();
  {
    auto s = store::open(file);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->append(all));
  }
  auto s = store::open(
    file, store_options{.mode = open_mode::reader,
                        .sync = sync_mode::normal,
                        .busy_timeout = std::chrono::milliseconds{100},
                        .checkpoint = checkpoint_mode::background});
  ASSERT_TRUE(s) << to_string(s.error());

  std::ostringstream csv;
  auto n = export_journal(*s, export_format::csv, csv, "csv");
  ASSERT_TRUE(n) << to_string(n.error());
  EXPECT_EQ(*n, all.size());
  auto text = csv.str();
  EXPECT_EQ(text.rfind(csv_header(), 0), 0u);
  // Rows end in CRLF; embedded newlines are inside quoted fields, so count
  // CRLFs: header + one per record.
  std::size_t crlf = 0;
  for (auto p = text.find("\r\n"); p != std::string::npos;
       p = text.find("\r\n", p + 2))
    ++crlf;
  EXPECT_EQ(crlf, all.size() + 1);

  std::ostringstream jsonl;
  n = export_journal(*s, export_format::jsonl, jsonl, "jsonl");
  ASSERT_TRUE(n);
  std::istringstream lines{jsonl.str()};
  std::string line;
  std::uint64_t expect_seq = 0;
  simdjson::dom::parser parser;
  while (std::getline(lines, line)) {
    ++expect_seq;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
    EXPECT_EQ(std::uint64_t(doc["seq"]), expect_seq);
    std::string_view kind = doc["kind"];
    EXPECT_EQ(kind, to_string(kind_of(all[expect_seq - 1].body)));
    EXPECT_TRUE(doc["payload"].is_object());
  }
  EXPECT_EQ(expect_seq, all.size());
}

TEST(journal_export, format_names) {
  EXPECT_EQ(export_format_from_string("csv"), export_format::csv);
  EXPECT_EQ(export_format_from_string("jsonl"), export_format::jsonl);
  EXPECT_EQ(export_format_from_string("xlsx"), std::nullopt);
}
