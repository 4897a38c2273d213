// What the Binance session does when the venue's limits are tighter than
// the session believes (a misconfiguration, or another process sharing
// the key): a 429 is honoured (Retry-After, then the same order again)
// and a 418 ban halts REST until it ends.
#include "fixture.hpp"

#include <mutex>
#include <string>
#include <vector>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::binance::testing;

namespace {

/// The session thinks it may send 1,000 orders per window.
void lax_rules(binance::session_options& o) {
  o.rate_rules = {{std::string{binance::weight_group}, 100000, 60000ms},
                  {std::string{binance::orders_10s_group}, 1000, 10000ms},
                  {std::string{binance::orders_1m_group}, 1000, 60000ms}};
}

/// The answers to a batch of orders, filled in on the session's thread.
struct tally {
  std::mutex mtx;
  std::condition_variable cv;
  std::vector<venue_result<order_update>> answers;

  std::size_t count() {
    std::lock_guard lock{mtx};
    return answers.size();
  }
  /// Waits for `n` answers and returns them.
  std::vector<venue_result<order_update>> wait(std::size_t n) {
    std::unique_lock lock{mtx};
    EXPECT_TRUE(cv.wait_for(lock, guard, [&] { return answers.size() == n; }))
      << "answered " << answers.size() << " of " << n;
    return answers;
  }
};

/// Places IOC orders "<prefix>-0".. at once; answers go to the tally.
std::shared_ptr<tally> place_async(venue_session& s, std::string_view prefix,
                                   int n) {
  auto t = std::make_shared<tally>();
  for (int i = 0; i < n; ++i)
    s.place(limit(std::string{prefix} + "-" + std::to_string(i), side::buy,
                  "0.010", "42000.0", tandem::time_in_force::ioc),
            [t](venue_result<order_update> r) {
              {
                std::lock_guard lock{t->mtx};
                t->answers.push_back(std::move(r));
              }
              t->cv.notify_all();
            });
  return t;
}

// -- 429
// -----------------------------------------------------------------------

class binance_session_429 : public session_fixture {
 protected:
  void configure(sim::binance::venue_config& c) override {
    c.limits.orders_per_10s = 3;
  }
  void configure(binance::session_options& o) override {
    lax_rules(o);
    // One request at a time: nothing else is in flight when the 429
    // comes, so nothing reaches the venue during its Retry-After.
    o.max_in_flight = 1;
  }
};

TEST_F(binance_session_429, too_many_orders_waits_and_resends) {
  auto t = place_async(*session_, "t-429", 5);
  // The fourth order waits out Retry-After (at least a second); a request
  // of another group does not wait behind it.
  auto b
    = await<std::vector<balance>>([&](auto cb) { session_->balances(cb); });
  ASSERT_TRUE(b) << b.error().detail;
  EXPECT_LT(t->count(), 5u);
  auto answers = t->wait(5);
  for (const auto& a : answers) {
    ASSERT_TRUE(a) << a.error().detail;
    EXPECT_EQ(a->event, order_event::expired);
  }
  rec_.read([&] {
    EXPECT_GE(rec_.count_rest("POST", "/fapi/v1/order", 429), 1u);
    EXPECT_EQ(rec_.count_status(418), 0u);
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 200), 5u);
    return 0;
  });
  EXPECT_GE(binance().counters().rate_limited, 1u);
  EXPECT_EQ(binance().counters().banned, 0u);
}

// -- 418
// -----------------------------------------------------------------------

class binance_session_418 : public session_fixture {
 protected:
  void configure(sim::binance::venue_config& c) override {
    c.limits.orders_per_10s = 1;
    c.limits.first_ban = std::chrono::seconds{2};
  }
  void configure(binance::session_options& o) override {
    lax_rules(o);
    o.max_in_flight = 4;
  }
};

TEST_F(binance_session_418, ban_halts_rest_until_it_ends) {
  // Four orders in flight against a limit of one: the second gets a 429,
  // the ones already on the wire arrive inside its Retry-After and earn
  // a ban.
  auto answers = place_async(*session_, "t-418", 6)->wait(6);
  std::size_t banned = 0;
  for (const auto& a : answers)
    if (!a && a.error().code == venue_error::ip_banned) {
      ++banned;
      EXPECT_TRUE(a.error().retry_after.has_value());
    }
  EXPECT_GE(banned, 1u);
  EXPECT_GE(binance().counters().banned, 1u);
  ASSERT_TRUE(rec_.wait([&] {
    for (const auto& s : rec_.statuses)
      if (s.stream == "rest" && s.state == link_state::halted
          && s.reason == "IP_BANNED")
        return true;
    return false;
  }));
  // The ban ends (2 s): REST is back.
  ASSERT_TRUE(
    rec_.wait([&] { return rec_.is("rest", link_state::connected); }));
  auto q
    = await<std::vector<balance>>([&](auto cb) { session_->balances(cb); });
  EXPECT_TRUE(q) << q.error().detail;
}

} // namespace
