// The journal actor, driven from a scoped_actor against a real store on
// disk (the actor is detached: its own thread, real SQLite). Waits are on
// replies with generous timeouts, never sleeps.
#include "actors/journal_actor.hpp"

#include "tests/journal/fixtures.hpp"
#include "tests/journal/sqlite_raw.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/system_messages.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace tandem;
using namespace tandem::actors;
using namespace tandem::journal;
using namespace tandem::journal::testing;
using namespace std::chrono_literals;

namespace {

constexpr auto patience = 30s;

struct journal_actor_test : ::testing::Test {
  temp_dir dir;
  std::filesystem::path file = dir / "journal.db";
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;
  journal_actor journal;

  journal_actor_test() {
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
  }

  ~journal_actor_test() override {
    if (journal)
      stop();
    self.reset();
    sys.reset();
  }

  void start(journal_actor_config jc) {
    auto s = store::open(file);
    ASSERT_TRUE(s) << to_string(s.error());
    journal = make_journal_actor(*sys, std::move(*s), std::move(jc));
  }

  /// Stops the actor and waits until it is gone (its store closed).
  void stop() {
    (*self)->monitor(journal);
    caf::anon_send_exit(journal, caf::exit_reason::user_shutdown);
    bool down = false;
    (*self)->receive([&](const caf::down_msg&) { down = true; },
                     caf::after(patience) >> [] {});
    EXPECT_TRUE(down);
    journal = nullptr;
  }

  durable_reply durable(record r) {
    std::optional<durable_reply> out;
    (*self)
      ->request(journal, patience, journal_durable_atom::value, std::move(r))
      .receive([&](const durable_reply& x) { out = x; },
               [&](const caf::error& e) { ADD_FAILURE() << sys->render(e); });
    if (!out)
      return durable_reply{failure{store_error{}}};
    return *out;
  }

  journal_stats stats() {
    journal_stats out;
    (*self)
      ->request(journal, patience, journal_stats_atom::value)
      .receive([&](const journal_stats& x) { out = x; },
               [&](const caf::error& e) { ADD_FAILURE() << sys->render(e); });
    return out;
  }

  std::size_t lag() {
    std::size_t out = 999;
    (*self)
      ->request(journal, patience, journal_lag_atom::value)
      .receive([&](std::size_t x) { out = x; },
               [&](const caf::error& e) { ADD_FAILURE() << sys->render(e); });
    return out;
  }

  durable_reply flush() {
    std::optional<durable_reply> out;
    (*self)
      ->request(journal, patience, journal_flush_atom::value)
      .receive([&](const durable_reply& x) { out = x; },
               [&](const caf::error& e) { ADD_FAILURE() << sys->render(e); });
    return out.value_or(durable_reply{failure{store_error{}}});
  }

  void append(record r) {
    (*self)->send(journal, journal_append_atom::value, std::move(r));
  }

  /// What a separate reader connection sees on disk right now.
  std::vector<record> on_disk() {
    auto s = store::open(
      file, store_options{.mode = open_mode::reader,
                          .sync = sync_mode::normal,
                          .busy_timeout = 5000ms,
                          .checkpoint = checkpoint_mode::background});
    EXPECT_TRUE(s) << to_string(s.error());
    if (!s)
      return {};
    auto all = s->read_all();
    EXPECT_TRUE(all);
    return all ? std::move(*all) : std::vector<record>{};
  }
};

record sig(const std::string& id) { return rec(signal_processed{id}); }

} // namespace

TEST_F(journal_actor_test, durable_ack_comes_after_the_commit) {
  // A group timer of an hour: the ack must not wait for it.
  start(journal_actor_config{.max_batch = 256,
                             .max_delay = std::chrono::hours{1},
                             .retry_delay = 1000ms,
                             .on_failure = {}});
  auto in = intent("tdm-a-1", venue::upbit, "KRW-BTC", side::buy, "0.01",
                   "143000000", "pair-1", "sig-1");
  auto r = durable(rec(in));
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(*r, 1u);
  // Committed: another connection sees it now.
  auto disk = on_disk();
  ASSERT_EQ(disk.size(), 1u);
  expect_same(rec(in), disk[0]);
  EXPECT_EQ(lag(), 0u);
  auto st = stats();
  EXPECT_EQ(st.transactions, 1u);
  EXPECT_EQ(st.durable_acks, 1u);
  EXPECT_EQ(st.last_seq, 1u);
}

TEST_F(journal_actor_test, many_appends_make_few_transactions) {
  start(journal_actor_config{.max_batch = 256,
                             .max_delay = std::chrono::hours{1},
                             .retry_delay = 1000ms,
                             .on_failure = {}});
  for (int i = 0; i < 1000; ++i)
    append(sig("ff-" + std::to_string(i)));
  // FIFO from one sender: the durable record is behind all 1000.
  auto r = durable(sig("last"));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 1001u);
  auto st = stats();
  EXPECT_EQ(st.records, 1001u);
  // Groups of 256 at 256, 512, 768, then the rest with the durable one.
  EXPECT_EQ(st.transactions, 4u);
  EXPECT_EQ(st.largest_group, 256u);
  EXPECT_EQ(st.pending, 0u);
  auto disk = on_disk();
  ASSERT_EQ(disk.size(), 1001u);
  for (std::size_t i = 0; i < disk.size(); ++i)
    ASSERT_EQ(disk[i].seq, i + 1);
  EXPECT_EQ(std::get<signal_processed>(disk[999].body).signal_id, "ff-999");
}

TEST_F(journal_actor_test, fire_and_forget_commits_after_max_delay) {
  start(journal_actor_config{.max_batch = 256,
                             .max_delay = 1ms,
                             .retry_delay = 1000ms,
                             .on_failure = {}});
  for (int i = 0; i < 3; ++i)
    append(sig("ff-" + std::to_string(i)));
  // Nothing asks for durability: only the group timer commits these.
  auto deadline = std::chrono::steady_clock::now() + patience;
  journal_stats st;
  while ((st = stats()).records < 3
         && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(1ms); // poll interval, not a sync point
  EXPECT_EQ(st.records, 3u);
  EXPECT_EQ(st.transactions, 1u);
  EXPECT_EQ(on_disk().size(), 3u);
}

TEST_F(journal_actor_test, flush_commits_what_is_pending) {
  start(journal_actor_config{.max_batch = 256,
                             .max_delay = std::chrono::hours{1},
                             .retry_delay = 1000ms,
                             .on_failure = {}});
  append(rec(signal_processed{"a"}, 2'000'000'000));
  append(rec(signal_processed{"b"}, 1'000'000'000));
  EXPECT_EQ(lag(), 2u);
  // The oldest record waiting, by its own time (not arrival order).
  auto waiting = stats();
  EXPECT_EQ(waiting.pending, 2u);
  ASSERT_TRUE(waiting.oldest_pending.has_value());
  EXPECT_EQ(waiting.oldest_pending->time_since_epoch().count(),
            1'000'000'000);
  auto r = flush();
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 2u);
  EXPECT_EQ(lag(), 0u);
  EXPECT_FALSE(stats().oldest_pending.has_value());
  EXPECT_EQ(on_disk().size(), 2u);
}

TEST_F(journal_actor_test, exit_commits_what_is_pending) {
  start(journal_actor_config{.max_batch = 256,
                             .max_delay = std::chrono::hours{1},
                             .retry_delay = 1000ms,
                             .on_failure = {}});
  for (int i = 0; i < 5; ++i)
    append(sig("ff-" + std::to_string(i)));
  EXPECT_EQ(lag(), 5u); // also orders the appends before the exit
  stop();
  EXPECT_EQ(on_disk().size(), 5u);
}

TEST_F(journal_actor_test, write_failure_refuses_durable_keeps_the_rest) {
  caf::scoped_actor listener{*sys};
  start(journal_actor_config{
    .max_batch = 256,
    .max_delay = std::chrono::hours{1},
    .retry_delay = std::chrono::hours{1}, // retries only when told to
    .on_failure = caf::actor_cast<caf::actor>(listener)});
  {
    raw_db raw{file};
    raw.must("CREATE TRIGGER poison BEFORE INSERT ON journal "
             "WHEN NEW.payload LIKE '%poison%' "
             "BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
  }
  append(sig("keep-1"));
  auto r = durable(sig("poison-intent"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().path, file.string());
  EXPECT_NE(r.error().detail.find("disk says no"), std::string::npos)
    << to_string(r.error());

  std::optional<journal_failure> told;
  listener->receive([&](const journal_failure& f) { told = f; },
                    caf::after(patience) >> [] {});
  ASSERT_TRUE(told);
  EXPECT_EQ(told->refused, 1u);
  EXPECT_EQ(told->pending, 1u);
  EXPECT_EQ(told->error.path, file.string());

  // While commits fail, a durable append is refused at once.
  auto again = durable(sig("next-intent"));
  ASSERT_FALSE(again);
  auto st = stats();
  EXPECT_TRUE(st.failing);
  EXPECT_EQ(st.failed_transactions, 1u);
  EXPECT_EQ(st.durable_errors, 2u);
  EXPECT_EQ(st.pending, 1u); // keep-1 waits for the retry

  {
    raw_db raw{file};
    raw.must("DROP TRIGGER poison");
  }
  auto ok = flush();
  ASSERT_TRUE(ok) << to_string(ok.error());
  EXPECT_EQ(*ok, 1u);
  auto later = durable(sig("after-recovery"));
  ASSERT_TRUE(later);
  EXPECT_EQ(*later, 2u);
  EXPECT_FALSE(stats().failing);
  auto disk = on_disk();
  ASSERT_EQ(disk.size(), 2u);
  EXPECT_EQ(std::get<signal_processed>(disk[0].body).signal_id, "keep-1");
  EXPECT_EQ(std::get<signal_processed>(disk[1].body).signal_id,
            "after-recovery");
}

TEST_F(journal_actor_test, seqs_continue_from_the_store) {
  {
    auto s = store::open(file);
    ASSERT_TRUE(s);
    std::vector<record> b{sig("old-1"), sig("old-2")};
    ASSERT_TRUE(s->append(b));
  }
  start(journal_actor_config{});
  EXPECT_EQ(stats().last_seq, 2u);
  auto r = durable(sig("new"));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 3u);
}

TEST_F(journal_actor_test, durable_ack_never_waits_for_the_group_timer) {
  // Whatever is queued behind a durable record (a stale timer tick, a
  // stats query), its group commits once the mailbox drains, not after
  // max_delay (an hour here; the request would time out first).
  start(journal_actor_config{.max_batch = 256,
                             .max_delay = std::chrono::hours{1},
                             .retry_delay = 1000ms,
                             .on_failure = {}});
  for (int i = 0; i < 20; ++i) {
    auto rp = (*self)->request(journal, patience, journal_durable_atom::value,
                               sig("d-" + std::to_string(i)));
    if (i % 2 == 0)
      (*self)->send(journal, journal_tick_atom::value,
                    std::uint64_t{1'000'000}); // a stale generation
    else
      (*self)->send(journal, journal_lag_atom::value);
    bool acked = false;
    rp.receive([&](const durable_reply& r) { acked = r.has_value(); },
               [&](const caf::error& e) { ADD_FAILURE() << sys->render(e); });
    EXPECT_TRUE(acked) << i;
    if (i % 2 == 1) // drain the lag reply
      (*self)->receive([](std::size_t) {}, caf::after(patience) >> [] {});
  }
  EXPECT_EQ(stats().records, 20u);
}
