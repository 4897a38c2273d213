// venue_session::stats() of the Upbit session on loopback: the REST round
// trip is measured, and a group's headroom follows the venue's
// Remaining-Req even when the venue's budget is smaller than the session
// believes (another client on the key, or a changed limit).
#include "tests/venues/upbit_session/sim_fixture.hpp"

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

const limit_usage* group_of(const session_stats& s, std::string_view name) {
  for (const auto& g : s.limits)
    if (g.group == name)
      return &g;
  return nullptr;
}

std::int64_t second_of(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch())
    .count();
}

} // namespace

class upbit_session_stats : public upbit_session_sim {
 protected:
  void SetUp() override {
    auto cfg = sim::upbit::default_config();
    // The venue allows 10 default-group calls a second; the session
    // believes in Upbit's documented 30.
    cfg.limits.default_per_second = 10;
    start_with(std::move(cfg), {});
  }
};

TEST_F(upbit_session_stats, round_trip_and_headroom_from_remaining_req) {
  constexpr int n = 4;
  bool compared = false;
  // A second boundary between the answers and stats() empties the window:
  // compare only within one second.
  for (int attempt = 0; attempt < 5 && !compared; ++attempt) {
    auto before = std::chrono::system_clock::now();
    for (int i = 0; i < n; ++i) {
      answer<std::vector<balance>> a;
      session_->balances(a.cb());
      auto r = a.get();
      ASSERT_TRUE(r) << r.error().detail;
    }
    auto s = session_->stats();
    if (second_of(before) != second_of(std::chrono::system_clock::now()))
      continue;
    compared = true;
    EXPECT_GE(s.rest_rtt_samples, static_cast<std::uint64_t>(n));
    EXPECT_GT(s.rest_rtt_us, 0);
    EXPECT_GT(s.rest_rtt_last_us, 0);
    const auto* d = group_of(s, "default");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->limit, 30);
    EXPECT_EQ(d->window, std::chrono::milliseconds{1000});
    // The venue counted at least our n calls of this second against its
    // 10 (Remaining-Req sec <= 10 - n), so the session sees 30 - sec used:
    // far more than the n it sent itself.
    EXPECT_GE(d->used, 30 - (10 - n));
    EXPECT_LE(d->remaining(), 10 - n);
    EXPECT_EQ(d->remaining(), d->limit - d->used);
    ASSERT_NE(group_of(s, "order"), nullptr);
    EXPECT_EQ(group_of(s, "order")->limit, 8);
  }
  EXPECT_TRUE(compared) << "five second boundaries in a row";
}
