// Crash durability: a child process appends through the journal actor and
// reports every durable ack; we SIGKILL it at a random point, reopen the
// journal, and every acked record must be there at its seq, with seqs
// 1..N without a gap. Repeated against the same journal, as an engine that
// is killed and restarted again and again.
#include "journal/store.hpp"

#include "tests/journal/fixtures.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <sstream>

#include <csignal>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

namespace {

struct child {
  pid_t pid = -1;
  int out = -1;
};

child spawn_child(const std::string& db, int run) {
  int fds[2];
  if (::pipe(fds) != 0)
    std::abort();
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  posix_spawn_file_actions_addclose(&fa, fds[1]);
  std::string run_text = std::to_string(run);
  const char* path = JOURNAL_CRASH_CHILD;
  char* argv[] = {const_cast<char*>(path), const_cast<char*>(db.c_str()),
                  run_text.data(), nullptr};
  pid_t pid = -1;
  int rc = posix_spawn(&pid, path, &fa, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    return {};
  }
  return {pid, fds[0]};
}

/// Reads acks ("<seq> <id>\n") until `want` were seen or the child stops.
void read_acks(const child& c, std::size_t want,
               std::map<std::uint64_t, std::string>& acks) {
  std::string buf;
  std::size_t seen = 0;
  while (seen < want) {
    pollfd p{c.out, POLLIN, 0};
    if (::poll(&p, 1, 60'000) <= 0) // generous: a stuck child fails the test
      return;
    char chunk[4096];
    auto n = ::read(c.out, chunk, sizeof(chunk));
    if (n <= 0)
      return;
    buf.append(chunk, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = buf.find('\n')) != std::string::npos) {
      std::istringstream line{buf.substr(0, nl)};
      buf.erase(0, nl + 1);
      std::uint64_t seq = 0;
      std::string id;
      line >> seq >> id;
      acks[seq] = id;
      ++seen;
    }
  }
}

} // namespace

TEST(journal_crash, every_acked_record_survives_sigkill) {
  temp_dir dir;
  auto file = journal_file(dir.path());
  std::map<std::uint64_t, std::string> acks;
  std::mt19937 rng{20250104};
  std::uniform_int_distribution<std::size_t> when{1, 400};
  constexpr int kills = 20;
  for (int run = 0; run < kills; ++run) {
    auto c = spawn_child(file.string(), run);
    ASSERT_GT(c.pid, 0) << "cannot start " << JOURNAL_CRASH_CHILD;
    auto before = acks.size();
    read_acks(c, when(rng), acks);
    ::kill(c.pid, SIGKILL);
    int status = 0;
    ::waitpid(c.pid, &status, 0);
    ::close(c.out);
    ASSERT_TRUE(WIFSIGNALED(status))
      << "child exited on its own, status " << status;
    ASSERT_GT(acks.size(), before) << "run " << run << " acked nothing";

    // Reopen as the restarted engine would: every ack is there.
    auto s = store::open(file);
    ASSERT_TRUE(s) << to_string(s.error());
    auto all = s->read_all();
    ASSERT_TRUE(all) << to_string(all.error());
    ASSERT_GE(s->last_seq(), acks.rbegin()->first);
    for (std::size_t i = 0; i < all->size(); ++i)
      ASSERT_EQ((*all)[i].seq, i + 1) << "gap in seqs";
    for (const auto& [seq, id] : acks) {
      ASSERT_LE(seq, all->size());
      const auto& r = (*all)[seq - 1];
      ASSERT_TRUE(std::holds_alternative<signal_processed>(r.body));
      EXPECT_EQ(std::get<signal_processed>(r.body).signal_id, id)
        << "seq " << seq;
    }
  }
  EXPECT_GE(acks.size(), static_cast<std::size_t>(kills));
}
