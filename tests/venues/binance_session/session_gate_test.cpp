// The Binance session holds back the places it queued when the venue
// actor's halt gate goes up (drop_queued_places): those are answered
// blocked and never reach the venue, a kept one (an unwind) still goes, and
// places issued afterwards go as usual.
#include "fixture.hpp"

#include <future>
#include <memory>
#include <string>
#include <vector>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::binance::testing;

namespace {

class binance_session_gate : public session_fixture {
 protected:
  // Three orders per second: a burst of ten queues most of them.
  void configure(binance::session_options& o) override {
    o.rate_rules = {{std::string{binance::weight_group}, 100000, 60000ms},
                    {std::string{binance::orders_10s_group}, 3, 1000ms},
                    {std::string{binance::orders_1m_group}, 1000, 60000ms}};
    o.rate_headroom_pct = 100;
  }
};

TEST_F(binance_session_gate, queued_places_are_refused_not_sent) {
  constexpr int n = 10;
  std::vector<std::future<venue_result<order_update>>> answers;
  for (int i = 0; i < n; ++i) {
    auto p = std::make_shared<std::promise<venue_result<order_update>>>();
    answers.push_back(p->get_future());
    session_->place(
      limit("tdm-gate-" + std::to_string(i), side::buy, "0.010", "41000.0"),
      [p](venue_result<order_update> r) { p->set_value(std::move(r)); });
  }
  session_->drop_queued_places({client_order_id::make("tdm-gate-9").value()},
                               "test halt");
  std::size_t accepted = 0, blocked = 0;
  for (int i = 0; i < n; ++i) {
    auto& f = answers[static_cast<std::size_t>(i)];
    ASSERT_EQ(f.wait_for(guard), std::future_status::ready) << i;
    auto r = f.get();
    if (r) {
      ++accepted;
    } else {
      EXPECT_EQ(r.error().code, venue_error::blocked) << r.error().detail;
      EXPECT_NE(i, 9) << "the kept order is sent";
      ++blocked;
    }
  }
  EXPECT_GE(blocked, 1u);
  EXPECT_EQ(accepted + blocked, static_cast<std::size_t>(n));
  // Only the accepted ones ever reached the venue.
  EXPECT_EQ(venue_open_orders(), accepted);
  rec_.read([&] {
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 200), accepted);
  });
  // A place issued after the drop goes as usual.
  auto later = place(limit("tdm-gate-after", side::buy, "0.010", "41000.0"));
  ASSERT_TRUE(later) << later.error().detail;
  EXPECT_EQ(venue_open_orders(), accepted + 1);
}

} // namespace
