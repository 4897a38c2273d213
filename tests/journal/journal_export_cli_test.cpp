// `tandem journal export`: arguments, output to a file or stdout, clear
// errors for a missing or broken journal.
#include "apps/tandem/journal_export.hpp"

#include "journal/store.hpp"
#include "tests/journal/fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

namespace {

struct run_result {
  int code;
  std::string out;
  std::string err;
};

run_result run(std::vector<std::string> args) {
  std::vector<const char*> argv;
  for (const auto& a : args)
    argv.push_back(a.c_str());
  std::ostringstream out, err;
  int code = app::run_journal_export(argv, out, err);
  return {code, out.str(), err.str()};
}

void make_journal(const std::filesystem::path& dir, std::size_t n) {
  auto s = store::open(journal_file(dir));
  ASSERT_TRUE(s);
  auto all = every_kind();
  all.resize(n);
  ASSERT_TRUE(s->append(all));
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in{p, std::ios::binary};
  return {std::istreambuf_iterator<char>{in}, {}};
}

} // namespace

TEST(journal_export_cli, csv_to_stdout) {
  temp_dir dir;
  make_journal(dir.path(), 3);
  auto r = run({"--data-dir", dir.path().string(), "--format", "csv"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("seq,ts,ts_ns,kind,", 0), 0u);
  EXPECT_NE(r.out.find("\r\n3,"), std::string::npos);
  EXPECT_NE(r.err.find("3 records"), std::string::npos) << r.err;
}

TEST(journal_export_cli, jsonl_to_a_file) {
  temp_dir dir;
  make_journal(dir.path(), 4);
  auto out = dir / "export.jsonl";
  auto r = run({"--data-dir=" + dir.path().string(), "--format=jsonl", "--out",
                out.string()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto text = slurp(out);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);
  EXPECT_EQ(text.rfind("{\"seq\":1,", 0), 0u);
  EXPECT_FALSE(std::filesystem::exists(out.string() + ".tmp"));
}

TEST(journal_export_cli, bad_arguments_exit_2) {
  EXPECT_EQ(run({"--format", "csv"}).code, 2);
  EXPECT_EQ(run({"--data-dir", "/x"}).code, 2);
  auto r = run({"--data-dir", "/x", "--format", "xlsx"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--format needs csv or jsonl"), std::string::npos);
  EXPECT_EQ(run({"--data-dir", "/x", "--format", "csv", "--bogus"}).code, 2);
  auto h = run({"--help"});
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("usage: tandem journal export"), std::string::npos);
}

TEST(journal_export_cli, missing_journal_is_an_error_not_an_empty_export) {
  temp_dir dir;
  auto out = dir / "export.csv";
  auto r = run({"--data-dir", (dir / "nothing-here").string(), "--format",
                "csv", "--out", out.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not_found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing-here"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(dir / "nothing-here"));
}

TEST(journal_export_cli, corrupt_journal_is_reported_with_its_path) {
  temp_dir dir;
  {
    std::ofstream f{journal_file(dir.path()), std::ios::binary};
    f << std::string(4096, 'z');
  }
  auto r = run({"--data-dir", dir.path().string(), "--format", "jsonl"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not_a_database"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("journal.db"), std::string::npos);
  EXPECT_TRUE(r.out.empty());
}
