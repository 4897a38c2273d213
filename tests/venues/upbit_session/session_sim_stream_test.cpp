// The Upbit session's streams against the simulated Upbit: after the venue
// drops them they come back, resubscribe, and nothing the private stream
// missed is lost or reported twice.
#include "tests/venues/upbit_session/sim_fixture.hpp"

#include "test_server.hpp"

#include <set>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

/// Waits until the last status of `stream` was preceded by a drop.
bool reconnected(recorder& rec, std::string_view stream) {
  return rec.wait([&] {
    bool dropped = false;
    for (const auto& s : rec.statuses) {
      if (s.stream != stream)
        continue;
      if (s.state == link_state::disconnected)
        dropped = true;
      else if (dropped && s.state == link_state::connected)
        return true;
    }
    return false;
  });
}

} // namespace

TEST_F(upbit_session_sim, streams_come_back_after_a_drop) {
  svc_->drop_streams();
  ASSERT_TRUE(reconnected(rec_, "market"));
  ASSERT_TRUE(reconnected(rec_, "user"));
  // Quotes resume: the new connection was subscribed again.
  quote_btc("101999000", "102000000");
  ASSERT_TRUE(rec_.wait([&] {
    for (const auto& q : rec_.quotes)
      if (q.symbol == "KRW-BTC" && q.ask == px("102000000"))
        return true;
    return false;
  }));
  // Private updates still arrive.
  auto o = order("tdm-r-1", side::buy, order_type::limit, "0.01", "102000000",
                 time_in_force::ioc);
  ASSERT_TRUE(place(o));
  auto done = wait_event(o.id, order_event::fill);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->cum_qty, qty("0.01"));
  auto c = counters();
  EXPECT_GE(c.market_connects, 2u);
  EXPECT_GE(c.user_connects, 2u);
}

TEST_F(upbit_session_sim, fills_during_a_private_gap_are_reported_once) {
  auto o = order("tdm-r-2", side::buy, order_type::limit, "0.3", "99000000");
  ASSERT_TRUE(place(o));
  ASSERT_TRUE(wait_event(o.id, order_event::accepted));
  // In one step: the private stream drops, and a seller fills the order
  // in two trades while no one listens.
  svc_->with_venue([](sim::upbit::upbit_venue& v) {
    v.faults().drop_private_stream = true;
    v.set_book("KRW-BTC", {},
               {{px("98000000"), qty("0.1")}, {px("99000000"), qty("0.5")}},
               from_unix_ms(to_unix_ms(std::chrono::system_clock::now())));
  });
  auto done = wait_event(o.id, order_event::fill);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->cum_qty, qty("0.3"));
  ASSERT_TRUE(reconnected(rec_, "user"));
  EXPECT_GE(counters().resyncs, 1u);

  // Each trade once, adding up to the order; one end.
  auto updates = rec_.of(o.id);
  quantity filled;
  std::size_t ends = 0;
  std::set<std::string> trades;
  for (const auto& u : updates) {
    if (u.last_fill) {
      EXPECT_TRUE(trades.insert(u.last_fill->trade_id).second)
        << "trade reported twice: " << u.last_fill->trade_id;
      filled += u.last_fill->qty;
    }
    if (u.event == order_event::fill)
      ++ends;
  }
  EXPECT_EQ(filled, qty("0.3"));
  EXPECT_EQ(ends, 1u);
}

// -- frames the codec cannot read
// -----------------------------------------------

namespace {

// A public stream that echoes what the session sends: its subscribe
// request (a JSON array, not an event) and "PING" (not JSON) come back as
// frames the decoder refuses, and no PING answer ever comes.
class upbit_session_garbage : public upbit_session_sim {
 protected:
  void SetUp() override {
    echo_ = std::make_unique<net::testing::test_server>(
      &pki_, net::testing::ws_behavior::echo);
    start_with(sim::upbit::default_config(), [this](session_options& o) {
      o.ws_url = echo_->url("wss") + "/websocket/v1";
      o.connect_timeout = std::chrono::milliseconds{1000};
    });
  }

  std::unique_ptr<net::testing::test_server> echo_;
};

} // namespace

TEST_F(upbit_session_garbage, unreadable_frames_are_counted_not_fatal) {
  // start_with waited for "market" connected: without a PING answer the
  // session stops waiting for one after connect_timeout.
  ASSERT_TRUE(echo_->wait_messages(2));
  auto c = counters();
  EXPECT_GE(c.malformed, 2u);
  EXPECT_EQ(c.market_connects, 1u); // no reconnect: the stream lives on
  // Trading goes on through the other streams.
  auto o = order("tdm-g-1", side::buy, order_type::limit, "0.01", "100000000",
                 time_in_force::ioc);
  ASSERT_TRUE(place(o));
  EXPECT_TRUE(wait_event(o.id, order_event::fill));
}
