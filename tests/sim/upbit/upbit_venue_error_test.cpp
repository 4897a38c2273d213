// Failure paths of the simulated Upbit venue: authentication, order
// refusals, identifier reuse, injected faults and rate limits, each read
// back through our codec's error classification.
#include "tests/sim/upbit/venue_fixture.hpp"

#include "venues/upbit/rate_headers.hpp"

namespace tandem::sim::upbit::test {

class upbit_venue_error_test : public venue_test {
 protected:
  venues::http_request signed_place(const order_request& o,
                                    const vu::credentials& who) {
    return *vu::place_order(o, krw_btc(), {}, who, nonce());
  }

  /// Signs a POST /v1/orders with raw parameters (shapes our codec would
  /// never build).
  venues::http_request raw_place(std::vector<vu::param> ps) {
    auto s = vu::sign_request(http_method::post, ps, alice, nonce());
    venues::http_request r;
    r.method = http_method::post;
    r.path = "/v1/orders";
    r.body = s->body;
    r.headers.push_back({"Authorization", s->authorization});
    return r;
  }

  /// Expects `r` to be an error named `name` that our codec maps to `code`.
  void expect_error(const sim_response& r, int status, std::string_view name,
                    venue_error code,
                    vu::request_kind kind = vu::request_kind::place_order) {
    EXPECT_EQ(r.status, status) << r.body;
    auto e = error(r, kind);
    EXPECT_EQ(e.name, name) << r.body;
    EXPECT_EQ(e.code, code) << r.body;
  }

  order_request small_bid(std::string_view id) {
    return order("tdm-e-" + std::string{id}, side::buy, order_type::limit,
                 "0.0001", px("90000000"));
  }
};

// -- authentication -----------------------------------------------------------

TEST_F(upbit_venue_error_test, parameter_changed_after_signing) {
  auto r = signed_place(small_bid("1"), alice);
  auto pos = r.body.find("0.0001");
  ASSERT_NE(pos, std::string::npos);
  r.body.replace(pos, 6, "0.0002");
  expect_error(send(r), 401, "invalid_query_payload", venue_error::auth_failed);
  EXPECT_TRUE(venue_.state().open_orders(std::string{alice_key}, "").empty());
}

TEST_F(upbit_venue_error_test, query_changed_after_signing) {
  auto r = *vu::query_order(
    vu::order_ref::identifier(*client_order_id::make("tdm-x")), alice, nonce());
  r.query += "x";
  expect_error(send(r), 401, "invalid_query_payload", venue_error::auth_failed,
               vu::request_kind::query);
}

TEST_F(upbit_venue_error_test, reused_nonce) {
  auto first = *vu::accounts(alice, "b2f1e3f8-2dc1-4d6f-a838-c74c49b0e39a");
  ASSERT_EQ(send(first).status, 200);
  auto again = *vu::accounts(alice, "b2f1e3f8-2dc1-4d6f-a838-c74c49b0e39a");
  expect_error(send(again), 401, "nonce_used", venue_error::auth_failed,
               vu::request_kind::query);
  // Another account may use the same nonce.
  EXPECT_EQ(
    send(*vu::accounts(bob, "b2f1e3f8-2dc1-4d6f-a838-c74c49b0e39a")).status,
    200);
}

TEST_F(upbit_venue_error_test, wrong_secret) {
  const vu::credentials forged{alice_key, "not-alice-secret"};
  expect_error(send(signed_place(small_bid("1"), forged)), 401,
               "jwt_verification", venue_error::auth_failed);
}

TEST_F(upbit_venue_error_test, hs256_is_accepted_and_nonce_still_counts) {
  std::vector<vu::param> none;
  auto s = vu::sign_request(http_method::get, none, alice, nonce(),
                            venues::jwt_alg::hs256);
  venues::http_request r;
  r.path = "/v1/accounts";
  r.headers.push_back({"Authorization", s->authorization});
  EXPECT_EQ(send(r).status, 200);
  expect_error(send(r), 401, "nonce_used", venue_error::auth_failed,
               vu::request_kind::query);
}

TEST_F(upbit_venue_error_test, unknown_access_key) {
  const vu::credentials stranger{"nobody", "whatever"};
  expect_error(send(*vu::accounts(stranger, nonce())), 401,
               "invalid_access_key", venue_error::auth_failed,
               vu::request_kind::query);
}

TEST_F(upbit_venue_error_test, missing_or_garbled_authorization) {
  auto r = *vu::accounts(alice, nonce());
  r.headers.clear();
  expect_error(send(r), 401, "jwt_verification", venue_error::auth_failed,
               vu::request_kind::query);
  r.headers.push_back({"Authorization", "Bearer not.a.jwt"});
  expect_error(send(r), 401, "jwt_verification", venue_error::auth_failed,
               vu::request_kind::query);
}

// -- order refusals -----------------------------------------------------------

TEST_F(upbit_venue_error_test, below_minimum_total) {
  auto o = order("tdm-e-1", side::buy, order_type::limit, "0.00004",
                 px("100000000"));
  auto r = *vu::place_order(o, loose_krw_btc(), {}, alice, nonce());
  expect_error(send(r), 400, "under_min_total_bid", venue_error::below_minimum);
  auto ask = order("tdm-e-2", side::sell, order_type::limit, "0.00004",
                   px("100000000"));
  expect_error(send(*vu::place_order(ask, loose_krw_btc(), {}, alice, nonce())),
               400, "under_min_total_ask", venue_error::below_minimum);
}

TEST_F(upbit_venue_error_test, market_buy_below_minimum_total) {
  quote_btc();
  auto o = order("tdm-e-1", side::buy, order_type::market, "0.01", std::nullopt,
                 time_in_force::ioc);
  vu::place_options opt;
  opt.quote_amount = krw("4999");
  auto inst = loose_krw_btc();
  auto r = *vu::place_order(o, inst, opt, alice, nonce());
  expect_error(send(r), 400, "under_min_total_bid", venue_error::below_minimum);
}

TEST_F(upbit_venue_error_test, off_tick_price) {
  auto o
    = order("tdm-e-1", side::buy, order_type::limit, "0.01", px("100000500"));
  auto r = *vu::place_order(o, loose_krw_btc(), {}, alice, nonce());
  expect_error(send(r), 400, "invalid_price_bid", venue_error::price_off_tick);
  auto ask = order("tdm-e-2", side::sell, order_type::limit, "0.01",
                   px("100000000.5"));
  expect_error(send(*vu::place_order(ask, loose_krw_btc(), {}, alice, nonce())),
               400, "invalid_price_ask", venue_error::price_off_tick);
}

TEST_F(upbit_venue_error_test, insufficient_funds) {
  // 0.1 BTC at 100,000,000 needs 10,005,000 KRW with the fee.
  auto bid
    = order("tdm-e-1", side::buy, order_type::limit, "0.1", px("100000000"));
  expect_error(send(signed_place(bid, alice)), 400, "insufficient_funds_bid",
               venue_error::insufficient_funds);
  auto ask
    = order("tdm-e-2", side::sell, order_type::limit, "1.5", px("100000000"));
  expect_error(send(signed_place(ask, alice)), 400, "insufficient_funds_ask",
               venue_error::insufficient_funds);
  EXPECT_EQ(held(alice_key, "KRW").free, krw("10000000"));
  EXPECT_EQ(held(alice_key, "BTC").locked, krw("0"));
}

TEST_F(upbit_venue_error_test, identifier_reused_even_after_a_failed_order) {
  auto o = small_bid("1");
  ASSERT_EQ(send(signed_place(o, alice)).status, 201);
  expect_error(send(signed_place(o, alice)), 400, "duplicate_identifier",
               venue_error::duplicate_client_id);

  auto too_big
    = order("tdm-e-2", side::buy, order_type::limit, "1", px("100000000"));
  expect_error(send(signed_place(too_big, alice)), 400,
               "insufficient_funds_bid", venue_error::insufficient_funds);
  auto retry
    = order("tdm-e-2", side::buy, order_type::limit, "0.0001", px("90000000"));
  expect_error(send(signed_place(retry, alice)), 400, "duplicate_identifier",
               venue_error::duplicate_client_id);
  // Identifiers are per account.
  EXPECT_EQ(send(signed_place(o, bob)).status, 201);
}

TEST_F(upbit_venue_error_test, market_orders_larger_than_the_book) {
  quote_btc();
  auto buy = order("tdm-e-1", side::buy, order_type::market, "0.01",
                   std::nullopt, time_in_force::ioc);
  vu::place_options opt;
  opt.quote_amount = krw("200000000"); // more than asks 1-30 hold
  expect_error(send(*vu::place_order(buy, krw_btc(), opt, alice, nonce())), 400,
               "create_bid_error", venue_error::invalid_parameter);
  auto sell = order("tdm-e-2", side::sell, order_type::market, "1.5",
                    std::nullopt, time_in_force::ioc);
  expect_error(send(signed_place(sell, alice)), 400, "create_ask_error",
               venue_error::invalid_parameter);
}

TEST_F(upbit_venue_error_test, malformed_order_parameters) {
  expect_error(send(raw_place({{"side", "bid"}, {"volume", "0.01"}})), 400,
               "validation_error", venue_error::invalid_parameter);
  expect_error(send(raw_place({{"market", "KRW-DOGE"}, {"side", "bid"}})), 400,
               "validation_error", venue_error::invalid_parameter);
  expect_error(send(raw_place({{"market", "KRW-BTC"},
                               {"side", "bid"},
                               {"volume", "-1"},
                               {"price", "100000000"},
                               {"ord_type", "limit"}})),
               400, "validation_error", venue_error::invalid_parameter);
  expect_error(send(raw_place({{"market", "KRW-BTC"},
                               {"side", "ask"},
                               {"volume", "0.01"},
                               {"price", "100000000"},
                               {"ord_type", "market"}})),
               400, "create_ask_error", venue_error::invalid_parameter);
  expect_error(send(raw_place({{"market", "KRW-BTC"},
                               {"side", "bid"},
                               {"price", "10000"},
                               {"ord_type", "best"}})),
               400, "create_bid_error", venue_error::invalid_parameter);
}

TEST_F(upbit_venue_error_test, cancel_and_query_unknown_orders) {
  auto ref = vu::order_ref::identifier(*client_order_id::make("tdm-none"));
  expect_error(send(*vu::cancel_order(ref, alice, nonce())), 404,
               "order_not_found", venue_error::unknown_order,
               vu::request_kind::cancel_order);
  expect_error(
    send(*vu::query_order(vu::order_ref::uuid("nope"), alice, nonce())), 404,
    "order_not_found", venue_error::unknown_order, vu::request_kind::query);
  // Someone else's order is not found either; a finished one not cancelable.
  auto o = small_bid("1");
  ASSERT_EQ(send(signed_place(o, alice)).status, 201);
  auto mine = vu::order_ref::identifier(o.id);
  expect_error(send(*vu::cancel_order(mine, bob, nonce())), 404,
               "order_not_found", venue_error::unknown_order,
               vu::request_kind::cancel_order);
  ASSERT_EQ(send(*vu::cancel_order(mine, alice, nonce())).status, 200);
  expect_error(send(*vu::cancel_order(mine, alice, nonce())), 404,
               "order_not_found", venue_error::unknown_order,
               vu::request_kind::cancel_order);
}

// -- injected faults ----------------------------------------------------------

TEST_F(upbit_venue_error_test, server_error_after_apply_then_query_finds_it) {
  venue_.faults().fail_after_apply = 1;
  auto o = small_bid("1");
  auto r = send(signed_place(o, alice));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(error(r).code, venue_error::outcome_unknown);
  auto q = parse(query("tdm-e-1", alice));
  EXPECT_EQ(q.state, vu::order_state::wait);
  EXPECT_EQ(q.update.id, o.id);
}

TEST_F(upbit_venue_error_test, server_error_before_apply_leaves_nothing) {
  venue_.faults().fail_before_apply = 1;
  auto o = small_bid("1");
  EXPECT_EQ(error(send(signed_place(o, alice))).code,
            venue_error::outcome_unknown);
  expect_error(query("tdm-e-1", alice), 404, "order_not_found",
               venue_error::unknown_order, vu::request_kind::query);
  // Not applied, so the identifier is still free.
  EXPECT_EQ(send(signed_place(o, alice)).status, 201);
}

TEST_F(upbit_venue_error_test, injected_rejects_count_down) {
  venue_.faults().reject_orders = 1;
  venue_.faults().reject_name = "insufficient_funds_bid";
  expect_error(send(signed_place(small_bid("1"), alice)), 400,
               "insufficient_funds_bid", venue_error::insufficient_funds);
  EXPECT_EQ(send(signed_place(small_bid("2"), alice)).status, 201);
}

// -- rate limits --------------------------------------------------------------

TEST_F(upbit_venue_error_test, order_burst_gets_429_then_418) {
  for (int i = 0; i < 8; ++i) {
    auto r = send(signed_place(small_bid(std::to_string(i)), alice));
    ASSERT_EQ(r.status, 201) << i << r.body;
  }
  auto limited = send(signed_place(small_bid("8"), alice));
  expect_error(limited, 429, "too_many_requests", venue_error::rate_limited);
  auto h = vu::parse_remaining_req(limited.header("Remaining-Req"));
  ASSERT_TRUE(h);
  EXPECT_EQ(h->group, "order");
  EXPECT_EQ(h->sec, 0);
  // Other groups still answer.
  EXPECT_EQ(send(*vu::accounts(alice, nonce())).status, 200);

  int last = 0;
  for (int i = 0; i < 10 && last != 418; ++i)
    last = send(signed_place(small_bid("k" + std::to_string(i)), alice)).status;
  EXPECT_EQ(last, 418);
  // The block covers every group and outlives the second.
  now_ += std::chrono::seconds{5};
  auto blocked = send(*vu::accounts(alice, nonce()));
  expect_error(blocked, 418, "too_many_requests", venue_error::ip_banned,
               vu::request_kind::query);
  now_ += std::chrono::seconds{60};
  EXPECT_EQ(send(*vu::accounts(alice, nonce())).status, 200);
}

TEST_F(upbit_venue_error_test, quotation_burst_counts_per_ip) {
  std::vector<std::string> m{"KRW-BTC"};
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(send(*vu::ticker_request(m)).status, 200) << i;
  expect_error(send(*vu::ticker_request(m)), 429, "too_many_requests",
               venue_error::rate_limited, vu::request_kind::query);
  auto other_ip = from_http(*vu::ticker_request(m));
  other_ip.remote = "127.0.0.2";
  EXPECT_EQ(venue_.handle(other_ip, now_).status, 200);
  now_ += std::chrono::seconds{1};
  EXPECT_EQ(send(*vu::ticker_request(m)).status, 200);
}

TEST_F(upbit_venue_error_test, unknown_paths_and_markets) {
  venues::http_request r;
  r.path = "/v1/nothing";
  EXPECT_EQ(send(r).status, 404);
  std::vector<std::string> m{"KRW-DOGE"};
  expect_error(send(*vu::ticker_request(m)), 400, "validation_error",
               venue_error::invalid_parameter, vu::request_kind::query);
}

// -- batch cancel -------------------------------------------------------------

TEST_F(upbit_venue_error_test, batch_cancel_is_one_call_per_two_seconds) {
  // Windows are aligned to 2 s of the epoch; now_ is on an even second.
  auto batch = [&] {
    return send(
      *vu::cancel_open_orders(vu::cancel_open_query{}, alice, nonce()));
  };
  ASSERT_EQ(batch().status, 200);
  now_ += std::chrono::milliseconds{1500};
  auto limited = batch();
  expect_error(limited, 429, "too_many_requests", venue_error::rate_limited,
               vu::request_kind::cancel_order);
  EXPECT_EQ(limited.header("Remaining-Req"),
            "group=order-cancel-all; min=1800; sec=0");
  // Other groups are not held up by it.
  ASSERT_EQ(place(small_bid("1"), alice).status, 201);
  now_ += std::chrono::milliseconds{500};
  EXPECT_EQ(batch().status, 200);
}

TEST_F(upbit_venue_error_test, batch_cancel_refuses_bad_parameters) {
  // Shapes our codec would never build, signed as Upbit requires.
  auto raw = [&](std::vector<vu::param> ps, std::string body = {}) {
    auto s = vu::sign_request(http_method::del, ps, alice, nonce());
    venues::http_request r;
    r.method = http_method::del;
    r.path = "/v1/orders/open";
    r.query = s->query;
    r.body = std::move(body);
    r.headers.push_back({"Authorization", s->authorization});
    return r;
  };
  const std::vector<std::vector<vu::param>> bad{
    {{"cancel_side", "both"}},
    {{"pairs", "KRW-BTC"}, {"quote_currencies", "KRW"}},
    {{"pairs", "KRW-NOPE"}},
    {{"count", "0"}},
    {{"count", "301"}},
    {{"order_by", "newest"}},
  };
  for (const auto& ps : bad) {
    expect_error(send(raw(ps)), 400, "validation_error",
                 venue_error::invalid_parameter,
                 vu::request_kind::cancel_order);
    now_ += std::chrono::milliseconds{2000}; // past the group's window
  }
  expect_error(send(raw({{"count", "5"}}, R"({"count":"5"})")), 400,
               "validation_error", venue_error::invalid_parameter,
               vu::request_kind::cancel_order);
}

} // namespace tandem::sim::upbit::test
