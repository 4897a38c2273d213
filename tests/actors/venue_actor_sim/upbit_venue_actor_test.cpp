// The Upbit venue actor around the real session, against the simulated
// Upbit over TLS loopback: what the engine sees through the actor's
// protocol for acceptance, partial and full fills, cancel, a typed
// refusal, an outcome-unknown answer, dropped streams and a burst held
// inside the venue's order limit.
#include "tests/actors/venue_actor_sim/actor_fixture.hpp"

#include "sim/runtime/upbit_service.hpp"
#include "test_pki.hpp"
#include "venues/upbit/session.hpp"

#include <optional>
#include <string>
#include <vector>

using namespace tandem;
using namespace tandem::actors;
using namespace tandem::actors::sim_test;

namespace {

constexpr std::string_view access_key = "actor-test-access";
constexpr std::string_view secret_key = "actor-test-secret";

/// A KRW-BTC order (limit when `limit` is set).
order_request order(std::string_view cid, side s, order_type t,
                    std::string_view q,
                    std::optional<std::string_view> limit = std::nullopt,
                    time_in_force tif = time_in_force::gtc) {
  order_request o;
  o.id = client_order_id::make(cid).value();
  o.venue = venue::upbit;
  o.symbol = "KRW-BTC";
  o.side = s;
  o.type = t;
  o.tif = tif;
  o.qty = qty(q);
  if (limit)
    o.limit_price = px(*limit);
  return o;
}

/// An account with 100,000,000 KRW and 1 BTC, KRW-BTC quoted 99,999,000 /
/// 100,000,000 KRW, and a venue actor around a session trading it.
class upbit_venue_actor : public actor_fixture {
 protected:
  void SetUp() override {
    auto cfg = sim::upbit::default_config();
    sim::upbit::account_config a;
    a.access_key = std::string{access_key};
    a.secret_key = std::string{secret_key};
    a.balances = {{"KRW", money::must_parse("100000000")},
                  {"BTC", money::must_parse("1")}};
    cfg.accounts.push_back(std::move(a));
    sim::runtime::service_options so;
    so.tls = sim::tls_files{pki_.cert_file(), pki_.key_file()};
    auto svc = sim::runtime::upbit_service::start(cfg, so);
    ASSERT_TRUE(svc) << svc.error();
    svc_ = std::move(*svc);
    quote_btc("99999000", "100000000");

    venues::upbit::session_options o;
    o.rest_url = svc_->urls().rest_origin;
    o.ws_url = svc_->urls().ws_public;
    o.ws_private_url = svc_->urls().ws_private;
    o.ca_file = pki_.ca_file();
    o.access_key = std::string{access_key};
    o.secret_key = std::string{secret_key};
    o.markets = {"KRW-BTC"};
    o.orderbook_levels = 15;
    o.resolve_base = 20ms;
    o.reconnect_base = 50ms;
    o.reconnect_max = 1000ms;
    auto s = venues::upbit::session(o);
    ASSERT_TRUE(s) << s.error();
    start_actor(std::move(*s));
    wait_connected();
    ASSERT_TRUE(session_->instrument_of("KRW-BTC").has_value());
  }

  /// House quotes on KRW-BTC, 0.5 BTC on each side.
  void quote_btc(std::string_view bid, std::string_view ask) {
    svc_->set_book("KRW-BTC", {{px(bid), qty("0.5")}}, {{px(ask), qty("0.5")}});
  }

  venues::upbit::session_counters counters() {
    auto c = venues::upbit::counters_of(*session_);
    EXPECT_TRUE(c.has_value());
    return c.value_or(venues::upbit::session_counters{});
  }

  std::size_t venue_open_orders() {
    return svc_->with_venue([](sim::upbit::upbit_venue& v) {
      return v.state().open_orders(std::string{access_key}, "KRW-BTC").size();
    });
  }

  net::testing::test_pki pki_;
  std::unique_ptr<sim::runtime::upbit_service> svc_;
};

TEST_F(upbit_venue_actor, place_is_accepted_and_reported_connected) {
  auto st = ask<venue_status>(status_atom::value);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->venue, venue::upbit);
  EXPECT_TRUE(st->connected);

  auto r = place(
    order("ua-accept-1", side::buy, order_type::limit, "0.01", "90000000"));
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->event, order_event::accepted);
  EXPECT_EQ(r->id.view(), "ua-accept-1");
  EXPECT_FALSE(r->venue_order_id.empty());
  EXPECT_EQ(venue_open_orders(), 1u);
  EXPECT_TRUE(wait_order("ua-accept-1", order_event::accepted));

  auto q = query("KRW-BTC", "ua-accept-1");
  ASSERT_TRUE(q) << q.error().detail;
  EXPECT_EQ(q->venue_order_id, r->venue_order_id);
  EXPECT_EQ(q->event, order_event::accepted);
}

TEST_F(upbit_venue_actor, partial_then_full_fill_are_pushed) {
  auto r = place(
    order("ua-fill-1", side::buy, order_type::limit, "0.3", "99000000"));
  ASSERT_TRUE(r) << r.error().detail;
  // A seller at our price for 0.1 BTC, then for the remaining 0.2.
  svc_->set_book("KRW-BTC", {}, {{px("99000000"), qty("0.1")}});
  auto part = wait_order("ua-fill-1", order_event::partial_fill);
  ASSERT_TRUE(part);
  EXPECT_EQ(part->cum_qty, qty("0.1"));
  ASSERT_TRUE(part->last_fill);
  EXPECT_EQ(part->last_fill->qty, qty("0.1"));
  EXPECT_EQ(part->last_fill->px, px("99000000"));

  svc_->set_book("KRW-BTC", {}, {{px("99000000"), qty("0.2")}});
  auto full = wait_order("ua-fill-1", order_event::fill);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->cum_qty, qty("0.3"));
  ASSERT_TRUE(full->avg_px);
  EXPECT_EQ(*full->avg_px, px("99000000"));
  EXPECT_EQ(venue_open_orders(), 0u);
  // Balances follow on the private stream.
  EXPECT_TRUE(log_->wait([&] { return log_->balance_events > 0; }));
}

TEST_F(upbit_venue_actor, cancel_answers_canceled) {
  ASSERT_TRUE(place(
    order("ua-cancel-1", side::buy, order_type::limit, "0.01", "90000000")));
  auto c = cancel("KRW-BTC", "ua-cancel-1");
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->event, order_event::canceled);
  EXPECT_EQ(c->id.view(), "ua-cancel-1");
  EXPECT_EQ(venue_open_orders(), 0u);
  EXPECT_TRUE(wait_order("ua-cancel-1", order_event::canceled));
}

TEST_F(upbit_venue_actor, refusal_is_a_typed_venue_failure) {
  // 2 BTC at 99,000,000 KRW; the account holds 100,000,000 KRW.
  auto r
    = place(order("ua-funds-1", side::buy, order_type::limit, "2", "99000000"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, venues::venue_error::insufficient_funds);
  EXPECT_NE(r.error().detail.find("insufficient_funds_bid"), std::string::npos)
    << r.error().detail;
  EXPECT_EQ(venue_open_orders(), 0u);
  auto st = ask<venue_status>(status_atom::value);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->failures, 0u);
}

TEST_F(upbit_venue_actor, outcome_unknown_place_answers_the_venue_state) {
  // The venue applies the order, then answers 500.
  svc_->with_venue(
    [](sim::upbit::upbit_venue& v) { v.faults().fail_after_apply = 1; });
  auto r = place(
    order("ua-unknown-1", side::buy, order_type::limit, "0.01", "90000000"));
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->event, order_event::accepted);
  EXPECT_EQ(r->id.view(), "ua-unknown-1");
  EXPECT_FALSE(r->venue_order_id.empty());
  EXPECT_EQ(venue_open_orders(), 1u);
  auto q = query("KRW-BTC", "ua-unknown-1");
  ASSERT_TRUE(q) << q.error().detail;
  EXPECT_EQ(q->venue_order_id, r->venue_order_id);
}

TEST_F(upbit_venue_actor, dropped_streams_reconnect_and_quotes_resume) {
  svc_->drop_streams();
  ASSERT_TRUE(log_->wait(
    [&] { return log_->reconnected("market") && log_->reconnected("user"); }));
  // Quotes are pushed again: the subscription was re-sent.
  quote_btc("101999000", "102000000");
  ASSERT_TRUE(
    log_->wait([&] { return log_->has_quote("KRW-BTC", px("101999000")); }));
  // Order updates flow on the new private stream.
  ASSERT_TRUE(place(order("ua-recon-1", side::buy, order_type::limit, "0.01",
                          "102000000", time_in_force::ioc)));
  EXPECT_TRUE(wait_order("ua-recon-1", order_event::fill));
  auto c = counters();
  EXPECT_GE(c.market_connects, 2u);
  EXPECT_GE(c.user_connects, 2u);
}

TEST_F(upbit_venue_actor, burst_stays_inside_the_order_limit) {
  // 20 orders at once through the actor: Upbit allows 8 per second; the
  // session spreads them and the venue never answers 429.
  constexpr int n = 20;
  using handle = decltype(engine_->request(venue_, patience, place_atom::value,
                                           order_request{}));
  std::vector<handle> handles;
  for (int i = 0; i < n; ++i)
    handles.push_back(
      engine_->request(venue_, patience, place_atom::value,
                       order("ua-burst-" + std::to_string(i), side::buy,
                             order_type::limit, "0.0001", "80000000")));
  int accepted = 0;
  for (auto& h : handles)
    h.receive(
      [&](order_reply& r) {
        if (r && r->event == order_event::accepted)
          ++accepted;
        else
          ADD_FAILURE() << (r ? "unexpected event" : r.error().detail);
      },
      [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
  EXPECT_EQ(accepted, n);
  auto c = counters();
  EXPECT_EQ(c.rate_limited, 0u);
  EXPECT_EQ(c.banned, 0u);
  EXPECT_EQ(venue_open_orders(), static_cast<std::size_t>(n));
}

} // namespace
