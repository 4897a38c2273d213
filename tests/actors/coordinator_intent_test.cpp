// The pair coordinator's direct durable intents (coordinator_config::
// intent_store): both legs' intents are committed, in one transaction,
// before either venue sees a place request; a store that cannot commit
// sends nothing and reports the failure to the emergency stop.
#include "actors/engine_protocol.hpp"
#include "actors/journal_protocol.hpp"
#include "actors/pair_coordinator.hpp"
#include "journal/store.hpp"
#include "tests/arbitrage/fixtures.hpp"
#include "tests/journal/fixtures.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;
using namespace arbitrage::test;

const timestamp t0 = from_unix_ms(1'700'000'000'000);

/// What a fake venue saw: the client ids of the places, and how many order
/// intents the journal held (committed) when each place arrived.
struct venue_log {
  std::vector<std::string> places;
  std::vector<std::size_t> intents_when_placed;
};

std::size_t committed_intents(const std::filesystem::path& file) {
  journal::store_options o;
  o.mode = journal::open_mode::reader;
  auto s = journal::store::open(file, o);
  if (!s)
    return 0;
  auto all = s.value().read_all();
  if (!all)
    return 0;
  std::size_t n = 0;
  for (const auto& r : all.value())
    n += std::holds_alternative<journal::order_intent>(r.body) ? 1u : 0u;
  return n;
}

caf::behavior logging_venue(caf::event_based_actor* self, venue_log* log,
                            std::filesystem::path file) {
  self->set_default_handler(caf::drop);
  return {
    [=](place_atom, const order_request& o) -> order_reply {
      log->places.push_back(std::string{o.id.view()});
      log->intents_when_placed.push_back(committed_intents(file));
      return order_reply{failure{venues::venue_failure{
        venues::venue_error::insufficient_funds, "test", std::nullopt}}};
    },
  };
}

/// Records journal failures; halts are acknowledged and dropped.
caf::behavior recording_stop(caf::event_based_actor* self,
                             std::vector<journal_failure>* seen) {
  self->set_default_handler(caf::drop);
  return {
    [=](const journal_failure& f) { seen->push_back(f); },
    [=](halt_atom, const halt_request&) {},
  };
}

struct coordinator_intent_test : ::testing::Test {
  journal::testing::temp_dir dir;
  std::filesystem::path file = dir.path() / "journal.db";
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::unique_ptr<caf::scoped_actor> self;
  std::shared_ptr<manual_clock> clock = std::make_shared<manual_clock>(t0);
  venue_log up_log, bn_log;
  std::vector<journal_failure> failures;
  caf::actor upbit, binance, stop, coord;

  coordinator_intent_test() {
    cfg.set("scheduler.policy", caf::atom("testing"));
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
    self = std::make_unique<caf::scoped_actor>(*sys);
  }

  void start(std::shared_ptr<journal::store> store) {
    upbit = sys->spawn(logging_venue, &up_log, file);
    binance = sys->spawn(logging_venue, &bn_log, file);
    stop = sys->spawn(recording_stop, &failures);
    coordinator_config cc;
    cc.upbit = upbit;
    cc.binance = binance;
    cc.upbit_btc = upbit_krw_btc();
    cc.binance_btc = binance_btcusdt();
    cc.cid_prefix = "tdm";
    cc.session = 7;
    cc.strategy = caf::actor_cast<caf::actor>(*self);
    cc.emergency_stop = stop;
    cc.intent_store = std::move(store);
    cc.clock = clock;
    coord = spawn_pair_coordinator(*sys, cc);
    sched->run();
  }

  ~coordinator_intent_test() override {
    for (auto* a : {&coord, &stop, &upbit, &binance})
      if (*a)
        (*self)->send_exit(*a, caf::exit_reason::user_shutdown);
    sched->run();
  }

  arbitrage::pair_signal signal(std::string id) {
    arbitrage::pair_signal s;
    s.id = std::move(id);
    s.kind = arbitrage::pair_kind::entry;
    s.qty = qty("0.005");
    s.upbit_limit = px("100000000");
    s.binance_limit = px("70000");
    s.created = clock->now();
    return s;
  }

  std::optional<pair_settled> settled() {
    std::optional<pair_settled> got;
    (*self)->receive([&](pair_settled& p) { got = std::move(p); },
                     caf::after(0s) >> [] {});
    return got;
  }
};

TEST_F(coordinator_intent_test, both_intents_are_committed_before_any_place) {
  auto st = journal::store::open(file);
  ASSERT_TRUE(st.has_value()) << journal::to_string(st.error());
  auto store = std::make_shared<journal::store>(std::move(st.value()));
  start(store);
  auto before = store->transactions();
  (*self)->send(coord, signal("tdm-7-s1"));
  sched->run();
  ASSERT_EQ(up_log.places.size(), 1u);
  ASSERT_EQ(bn_log.places.size(), 1u);
  // Each venue saw its place only after both intents were on disk.
  EXPECT_EQ(up_log.intents_when_placed[0], 2u);
  EXPECT_EQ(bn_log.intents_when_placed[0], 2u);
  // One transaction for the pair's two intents (the rest of the pair's
  // records go through the journal actor, absent here).
  EXPECT_EQ(store->transactions(), before + 1);
  auto all = store->read_all();
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all.value().size(), 2u);
  std::vector<std::string> ids;
  for (const auto& r : all.value())
    if (const auto* i = std::get_if<journal::order_intent>(&r.body)) {
      ids.emplace_back(i->request.id.view());
      EXPECT_EQ(i->signal_id, "tdm-7-s1");
    }
  EXPECT_EQ(ids, (std::vector<std::string>{up_log.places[0], bn_log.places[0]}));
  EXPECT_TRUE(failures.empty());
}

TEST_F(coordinator_intent_test, a_pair_reports_its_tick_to_trade) {
  auto st = journal::store::open(file);
  ASSERT_TRUE(st.has_value());
  start(std::make_shared<journal::store>(std::move(st.value())));
  auto s = signal("tdm-7-s3");
  // The newest of the three quotes was read 300 us before the legs leave.
  s.upbit_quote_ts = clock->now() - std::chrono::microseconds{900};
  s.binance_quote_ts = clock->now() - std::chrono::microseconds{300};
  s.usdt_krw_quote_ts = clock->now() - std::chrono::milliseconds{40};
  (*self)->send(coord, s);
  sched->run();
  std::vector<pair_view> pairs;
  auto h = (*self)->request(coord, 10s, pairs_atom::value);
  sched->run();
  h.receive([&](std::vector<pair_view>& v) { pairs = std::move(v); },
            [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
  ASSERT_EQ(pairs.size(), 1u);
  ASSERT_TRUE(pairs[0].tick_to_trade_ns);
  EXPECT_EQ(*pairs[0].tick_to_trade_ns, 300'000);
}

TEST_F(coordinator_intent_test, a_store_that_cannot_commit_sends_nothing) {
  // Create the journal, then share a reader: every append is refused.
  {
    auto w = journal::store::open(file);
    ASSERT_TRUE(w.has_value());
  }
  journal::store_options o;
  o.mode = journal::open_mode::reader;
  auto r = journal::store::open(file, o);
  ASSERT_TRUE(r.has_value()) << journal::to_string(r.error());
  start(std::make_shared<journal::store>(std::move(r.value())));
  (*self)->send(coord, signal("tdm-7-s2"));
  sched->run();
  EXPECT_TRUE(up_log.places.empty());
  EXPECT_TRUE(bn_log.places.empty());
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].refused, 2u);
  EXPECT_EQ(failures[0].error.code, journal::journal_error::read_only);
  auto s = settled();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->signal_id, "tdm-7-s2");
  EXPECT_TRUE(s->hedged_qty.is_zero());
}

} // namespace
} // namespace tandem::actors
