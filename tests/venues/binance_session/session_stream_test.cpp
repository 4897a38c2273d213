// The Binance session's streams and timers against the simulated venue
// over TLS loopback: reconnect and resubscribe after dropped streams, the
// open-order resync after a user-stream gap, listen-key expiry and refused
// keepalives, the dead-man's switch refresh, and a burst of orders that
// stays inside the venue's rate limits.
#include "fixture.hpp"

#include <string>
#include <vector>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::binance::testing;

namespace {

using binance_session_stream = session_fixture;

TEST_F(binance_session_stream, market_stream_reconnects_and_resubscribes) {
  auto connects = binance().counters().market_connects;
  svc_->drop_streams();
  ASSERT_TRUE(rec_.wait([&] {
    return binance().counters().market_connects > connects
           && rec_.is("market", link_state::connected);
  }));
  // Quotes resume on the new connection: the subscription was re-sent.
  svc_->set_book("BTCUSDT", px("43200.0"), qty("1"), px("43210.0"), qty("1"));
  ASSERT_TRUE(rec_.wait([&] {
    return !rec_.quotes.empty() && rec_.quotes.back().bid == px("43200.0");
  }));
  EXPECT_TRUE(rec_.read([&] {
    for (const auto& s : rec_.statuses)
      if (s.stream == "market" && s.state == link_state::disconnected)
        return true;
    return false;
  }));
}

// A session that trades nothing and only watches quotes it subscribed to
// (lower case, before start).
class binance_session_quotes : public session_fixture {
 protected:
  void configure(binance::session_options& o) override { o.symbols.clear(); }
  void before_start() override { session_->subscribe_quotes({"btcusdt"}); }
};

TEST_F(binance_session_quotes, subscribed_symbols_stream_book_tops) {
  EXPECT_EQ(rec_.read([&] {
    return rec_.count_rest("POST", "/fapi/v1/leverage", 200);
  }),
            0u);
  svc_->set_book("BTCUSDT", px("43300.0"), qty("1"), px("43310.0"), qty("1"));
  ASSERT_TRUE(rec_.wait([&] {
    return !rec_.quotes.empty() && rec_.quotes.back().bid == px("43300.0");
  }));
}

TEST_F(binance_session_stream, user_stream_gap_loses_no_fill) {
  auto r = place(limit("t-gap-1", side::buy, "0.010", "42000.0"));
  ASSERT_TRUE(r) << r.error().detail;
  auto resyncs = binance().counters().order_resyncs;
  svc_->drop_streams();
  // Filled while the user stream may be down: either the frame arrives on
  // the new socket or the resync finds the order gone and queries it.
  svc_->set_book("BTCUSDT", px("41000.0"), qty("1"), px("42000.0"), qty("1"));
  ASSERT_TRUE(rec_.wait(
    [&] { return rec_.has_order_event("t-gap-1", order_event::fill); }));
  ASSERT_TRUE(rec_.wait([&] {
    return binance().counters().order_resyncs > resyncs
           && rec_.is("user", link_state::connected);
  }));
}

TEST_F(binance_session_stream, resync_pushes_open_orders_after_reconnect) {
  auto r = place(limit("t-resync-1", side::buy, "0.010", "41000.0"));
  ASSERT_TRUE(r) << r.error().detail;
  ASSERT_TRUE(rec_.wait(
    [&] { return rec_.has_order_event("t-resync-1", order_event::accepted); }));
  auto before = updates_of("t-resync-1").size();
  svc_->drop_streams();
  // The resync reads the open order back and pushes it once more.
  ASSERT_TRUE(
    rec_.wait([&] { return rec_.orders_of("t-resync-1").size() > before; }));
  auto last = updates_of("t-resync-1").back();
  EXPECT_EQ(last.event, order_event::accepted);
  EXPECT_EQ(last.order_qty, qty("0.010"));
  EXPECT_GE(rec_.read([&] {
    return rec_.count_rest("GET", "/fapi/v1/openOrders", 200);
  }),
            1u);
}

TEST_F(binance_session_stream, expired_listen_key_is_replaced) {
  auto connects = binance().counters().user_connects;
  svc_->with_venue([](sim::binance::binance_venue& v) {
    v.faults().expire_listen_keys_now();
  });
  svc_->pump_now();
  ASSERT_TRUE(rec_.wait([&] {
    return rec_.count_rest("POST", "/fapi/v1/listenKey", 200) >= 2
           && binance().counters().user_connects > connects
           && rec_.is("user", link_state::connected);
  }));
  // Order updates still arrive on the new key.
  auto r = place(limit("t-key-1", side::buy, "0.010", "42000.0"));
  ASSERT_TRUE(r) << r.error().detail;
  svc_->set_book("BTCUSDT", px("41000.0"), qty("1"), px("42000.0"), qty("1"));
  ASSERT_TRUE(rec_.wait(
    [&] { return rec_.has_order_event("t-key-1", order_event::fill); }));
}

// -- timers
// --------------------------------------------------------------------

class binance_session_timers : public session_fixture {
 protected:
  void configure(binance::session_options& o) override {
    o.countdown = 5000ms;
    o.countdown_refresh = 200ms;
    o.listen_key_keepalive = 100ms;
  }
};

TEST_F(binance_session_timers, countdown_and_keepalive_are_refreshed) {
  // The counters move right after the exchange is recorded; the next
  // exchange (they keep coming) re-checks them.
  ASSERT_TRUE(rec_.wait([&] {
    auto c = binance().counters();
    return rec_.count_rest("POST", "/fapi/v1/countdownCancelAll", 200) >= 3
           && rec_.count_rest("PUT", "/fapi/v1/listenKey", 200) >= 3
           && c.countdown_refreshes >= 3 && c.keepalives >= 3;
  }));
  // Every refresh re-arms the switch with the configured countdown.
  EXPECT_EQ(rec_.read([&] {
    return rec_.count_rest("POST", "/fapi/v1/countdownCancelAll", 400);
  }),
            0u);
}

TEST_F(binance_session_timers, refused_keepalive_renews_the_key) {
  // Hold the stream frames back so that the listenKeyExpired frame cannot
  // tell the session: the refused keepalive (-1125) must.
  svc_->set_streams_stalled(true);
  svc_->with_venue([](sim::binance::binance_venue& v) {
    v.faults().expire_listen_keys_now();
  });
  svc_->pump_now();
  ASSERT_TRUE(rec_.wait([&] {
    return rec_.count_rest("PUT", "/fapi/v1/listenKey", 400) >= 1
           && rec_.count_rest("POST", "/fapi/v1/listenKey", 200) >= 2;
  }));
  svc_->set_streams_stalled(false);
  ASSERT_TRUE(
    rec_.wait([&] { return rec_.is("user", link_state::connected); }));
}

// -- rate limits
// ---------------------------------------------------------------

using binance_session_burst = session_fixture;

TEST_F(binance_session_burst, four_hundred_orders_stay_inside_the_limits) {
  // 400 orders against 300 per 10 s (the session keeps 90 %: 270): the
  // limiter must hold some back rather than let the venue refuse them.
  constexpr int n = 400;
  struct tally {
    std::mutex mtx;
    std::condition_variable cv;
    int done = 0;
    int ok = 0;
    std::vector<std::string> errors;
  };
  auto t = std::make_shared<tally>();
  for (int i = 0; i < n; ++i) {
    // IOC below the ask: each expires at once and none stays open.
    auto o = limit("t-burst-" + std::to_string(i), side::buy, "0.010",
                   "42000.0", time_in_force::ioc);
    session_->place(std::move(o), [t](venue_result<order_update> r) {
      {
        std::lock_guard lock{t->mtx};
        ++t->done;
        if (r && r->event == order_event::expired)
          ++t->ok;
        else if (!r)
          t->errors.push_back(r.error().detail);
      }
      t->cv.notify_all();
    });
  }
  {
    std::unique_lock lock{t->mtx};
    ASSERT_TRUE(t->cv.wait_for(lock, 3 * guard, [&] { return t->done == n; }))
      << "answered " << t->done << " of " << n;
    EXPECT_EQ(t->ok, n) << (t->errors.empty() ? "" : t->errors.front());
  }
  rec_.read([&] {
    EXPECT_EQ(rec_.count_status(429), 0u);
    EXPECT_EQ(rec_.count_status(418), 0u);
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 200),
              static_cast<std::size_t>(n));
    return 0;
  });
  auto c = binance().counters();
  EXPECT_EQ(c.rate_limited, 0u);
  EXPECT_EQ(c.banned, 0u);
  EXPECT_GE(c.limiter_waits, 1u);
}

} // namespace
