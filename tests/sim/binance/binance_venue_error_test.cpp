// The simulated Binance venue's refusals: authentication, recvWindow,
// parameters, filters, account checks, rate limits and injected faults,
// each with the code the real venue sends (reference B8) and decoded by
// OUR codec's error mapping.
#include "tests/sim/binance/fixture.hpp"

#include "venues/binance/rate_headers.hpp"

#include <algorithm>

namespace tandem::sim::binance::test {
namespace {

using namespace std::chrono_literals;
using venues::venue_error;

using binance_venue_error_test = venue_fixture;

/// Replaces the first `from` in the query with `to`.
sim_request tamper(venues::http_request r, std::string_view from,
                   std::string_view to) {
  auto pos = r.query.find(from);
  EXPECT_NE(pos, std::string::npos);
  r.query.replace(pos, from.size(), to);
  return sim_request::from(r);
}

TEST_F(binance_venue_error_test, tampered_parameter_is_invalid_signature) {
  auto o = order("tdm-sig-1", side::buy, order_type::limit, "0.01", "42000.0");
  auto r = vb::new_order(o, btcusdt(), signing(), creds_a());
  ASSERT_TRUE(r.has_value());
  auto resp
    = venue_.handle(tamper(*r, "quantity=0.01", "quantity=0.02"), now());
  EXPECT_EQ(resp.status, 400);
  auto e = parse_error(resp);
  EXPECT_EQ(e.code, -1022);
  EXPECT_EQ(e.error, venue_error::auth_failed);
  EXPECT_EQ(venue_.open_order_count(key_a), 0u);
}

TEST_F(binance_venue_error_test, tampered_signature_byte_is_refused) {
  auto r = vb::open_orders("BTCUSDT", signing(), creds_a());
  ASSERT_TRUE(r.has_value());
  auto q = r->query;
  auto& last = q.back();
  last = last == '0' ? '1' : '0';
  auto req = sim_request::from(*r);
  req.query = q;
  EXPECT_EQ(parse_error(venue_.handle(req, now())).code, -1022);
}

TEST_F(binance_venue_error_test, missing_signature_is_mandatory_parameter) {
  auto r = vb::open_orders("BTCUSDT", signing(), creds_a());
  auto req = sim_request::from(*r);
  req.query = req.query.substr(0, req.query.find("&signature="));
  EXPECT_EQ(parse_error(venue_.handle(req, now())).code, -1102);
}

TEST_F(binance_venue_error_test, stale_timestamp_is_outside_recv_window) {
  vb::signing_input old{to_unix_ms(now()) - 5001, {}};
  auto r = send(vb::open_orders("BTCUSDT", old, creds_a()));
  auto e = parse_error(r);
  EXPECT_EQ(e.code, -1021);
  EXPECT_EQ(e.error, venue_error::timestamp_outside_window);
  // Exactly recvWindow old is still accepted.
  vb::signing_input edge{to_unix_ms(now()) - 5000, {}};
  EXPECT_EQ(send(vb::open_orders("BTCUSDT", edge, creds_a())).status, 200);
  // A wider window lets it through.
  vb::signing_input wide{to_unix_ms(now()) - 5001, 10000};
  EXPECT_EQ(send(vb::open_orders("BTCUSDT", wide, creds_a())).status, 200);
}

TEST_F(binance_venue_error_test, timestamp_ahead_by_a_second_is_refused) {
  vb::signing_input ahead{to_unix_ms(now()) + 1000, {}};
  EXPECT_EQ(
    parse_error(send(vb::open_orders("BTCUSDT", ahead, creds_a()))).code,
    -1021);
  vb::signing_input nearly{to_unix_ms(now()) + 999, {}};
  EXPECT_EQ(send(vb::open_orders("BTCUSDT", nearly, creds_a())).status, 200);
}

TEST_F(binance_venue_error_test, api_key_missing_or_unknown) {
  auto r = vb::open_orders("BTCUSDT", signing(), creds_a());
  auto no_key = sim_request::from(*r);
  no_key.headers.clear();
  auto resp = venue_.handle(no_key, now());
  EXPECT_EQ(resp.status, 401);
  EXPECT_EQ(parse_error(resp).code, -2014);
  auto stranger
    = send(vb::open_orders("BTCUSDT", signing(), {"someoneElse", secret_a}));
  EXPECT_EQ(stranger.status, 401);
  EXPECT_EQ(parse_error(stranger).code, -2015);
  // The wrong secret for a known key is a bad signature.
  auto wrong = send(vb::open_orders("BTCUSDT", signing(), {key_a, secret_b}));
  EXPECT_EQ(parse_error(wrong).code, -1022);
}

TEST_F(binance_venue_error_test, missing_and_malformed_parameters) {
  using m = http_method;
  auto e = parse_error(
    send_raw(m::post, "/fapi/v1/order", {{"side", "BUY"}, {"type", "LIMIT"}}));
  EXPECT_EQ(e.code, -1102);
  e = parse_error(send_raw(m::post, "/fapi/v1/order",
                           {{"symbol", "ETHBTC"},
                            {"side", "BUY"},
                            {"type", "MARKET"},
                            {"quantity", "1"}}));
  EXPECT_EQ(e.code, -1121);
  e = parse_error(send_raw(m::post, "/fapi/v1/order",
                           {{"symbol", "BTCUSDT"},
                            {"side", "BUY"},
                            {"type", "LIMIT"},
                            {"timeInForce", "GTC"},
                            {"quantity", "1e-2"},
                            {"price", "42000"}}));
  EXPECT_EQ(e.code, -1100);
  e = parse_error(send_raw(m::post, "/fapi/v1/order",
                           {{"symbol", "BTCUSDT"},
                            {"side", "BUY"},
                            {"type", "LIMIT"},
                            {"timeInForce", "GTC"},
                            {"quantity", "0.01"}}));
  EXPECT_EQ(e.code, -1102);
  e = parse_error(send_raw(m::post, "/fapi/v1/order",
                           {{"symbol", "BTCUSDT"},
                            {"side", "BUY"},
                            {"type", "STOP_MARKET"},
                            {"quantity", "0.01"}}));
  EXPECT_EQ(e.code, -4120);
  e = parse_error(send_raw(m::get, "/fapi/v1/order", {{"symbol", "BTCUSDT"}}));
  EXPECT_EQ(e.code, -1102);
}

TEST_F(binance_venue_error_test, price_and_quantity_filters) {
  using m = http_method;
  auto limit = [&](std::string_view q, std::string_view p) {
    return parse_error(send_raw(m::post, "/fapi/v1/order",
                                {{"symbol", "BTCUSDT"},
                                 {"side", "BUY"},
                                 {"type", "LIMIT"},
                                 {"timeInForce", "GTC"},
                                 {"quantity", q},
                                 {"price", p}}))
      .code;
  };
  EXPECT_EQ(limit("0.01", "42000.05"), -1111); // finer than the tick
  EXPECT_EQ(limit("0.0105", "42000"), -1111);  // finer than the step
  EXPECT_EQ(limit("0.01", "100"), -4013);      // below minPrice
  EXPECT_EQ(limit("0.01", "900000"), -4002);   // above maxPrice
  EXPECT_EQ(limit("0", "42000"), -4003);
  EXPECT_EQ(limit("1001", "42000"), -4005);
}

TEST_F(binance_venue_error_test, min_notional_refused_unless_reduce_only) {
  auto r = place_raw("tdm-small-1", "0.002", "42000.0");
  auto e = parse_error(r);
  EXPECT_EQ(e.code, -4164);
  EXPECT_EQ(e.error, venue_error::below_minimum);
  // Reduce-only is exempt: open a position, then close a sliver of it.
  parse_order(
    place(order("tdm-long-1", side::buy, order_type::market, "0.01")));
  auto close
    = order("tdm-small-2", side::sell, order_type::limit, "0.002", "43100.0");
  close.reduce_only = true;
  EXPECT_EQ(place(close).status, 200);
}

TEST_F(binance_venue_error_test, reduce_only_refused_when_flat) {
  auto o = order("tdm-ro-1", side::sell, order_type::market, "0.01");
  o.reduce_only = true;
  auto e = parse_error(place(o));
  EXPECT_EQ(e.code, -2022);
  EXPECT_EQ(e.error, venue_error::reduce_only_rejected);
}

TEST_F(binance_venue_error_test, duplicate_client_id_among_open_orders) {
  auto o = order("tdm-dup-1", side::buy, order_type::limit, "0.01", "42000.0");
  parse_order(place(o));
  auto e = parse_error(place(o));
  EXPECT_EQ(e.code, -4116);
  EXPECT_EQ(e.error, venue_error::duplicate_client_id);
  EXPECT_EQ(venue_.open_order_count(key_a), 1u);
}

TEST_F(binance_venue_error_test, unknown_order_on_cancel_and_query) {
  auto id = *client_order_id::make("tdm-ghost-1");
  auto c
    = parse_error(send(vb::cancel_order("BTCUSDT", id, signing(), creds_a())));
  EXPECT_EQ(c.code, -2011);
  EXPECT_EQ(c.error, venue_error::unknown_order);
  auto q
    = parse_error(send(vb::query_order("BTCUSDT", id, signing(), creds_a())));
  EXPECT_EQ(q.code, -2013);
  // Canceling a filled order is unknown too.
  parse_order(
    place(order("tdm-done-1", side::buy, order_type::market, "0.01")));
  auto done = *client_order_id::make("tdm-done-1");
  EXPECT_EQ(
    parse_error(send(vb::cancel_order("BTCUSDT", done, signing(), creds_a())))
      .code,
    -2011);
  // Another account's order is not ours to see.
  parse_order(
    place(order("tdm-bs-1", side::buy, order_type::limit, "0.01", "42000.0"),
          creds_b()));
  EXPECT_EQ(parse_error(send(vb::query_order("BTCUSDT",
                                             *client_order_id::make("tdm-bs-1"),
                                             signing(), creds_a())))
              .code,
            -2013);
}

TEST_F(binance_venue_error_test, margin_insufficient_with_leverage) {
  // 5 BTC at 43010 = 215,050 USDT; at 20x that needs 10,752.5 > 10,000.
  auto e = parse_error(
    place(order("tdm-big-1", side::buy, order_type::market, "5")));
  EXPECT_EQ(e.code, -2019);
  EXPECT_EQ(e.error, venue_error::insufficient_funds);
  // At 25x it needs 8,602: accepted.
  EXPECT_EQ(
    send(vb::change_leverage("BTCUSDT", 25, signing(), creds_a())).status, 200);
  EXPECT_EQ(parse_order(place(order("tdm-big-2", side::buy, order_type::limit,
                                    "5", "42000.0")))
              .event,
            order_event::accepted);
}

TEST_F(binance_venue_error_test, post_only_and_fok_refusals) {
  using m = http_method;
  auto gtx = parse_error(send_raw(m::post, "/fapi/v1/order",
                                  {{"symbol", "BTCUSDT"},
                                   {"side", "BUY"},
                                   {"type", "LIMIT"},
                                   {"timeInForce", "GTX"},
                                   {"quantity", "0.01"},
                                   {"price", "43010"}}));
  EXPECT_EQ(gtx.code, -5022);
  auto fok = parse_error(place(order("tdm-fok-1", side::buy, order_type::limit,
                                     "2", "43010.0", time_in_force::fok)));
  EXPECT_EQ(fok.code, -5021);
  EXPECT_EQ(venue_.open_order_count(key_a), 0u);
}

TEST_F(binance_venue_error_test, leverage_out_of_range) {
  auto e = parse_error(send_raw(http_method::post, "/fapi/v1/leverage",
                                {{"symbol", "BTCUSDT"}, {"leverage", "126"}}));
  EXPECT_EQ(e.code, -4028);
}

TEST_F(binance_venue_error_test, order_burst_gets_429_then_418) {
  // Orders count even when refused; min-notional refusals keep the book
  // untouched.
  auto tiny = [&](int i) {
    return place_raw("tdm-burst-" + std::to_string(i), "0.001", "42000.0");
  };
  for (int i = 0; i < 300; ++i)
    ASSERT_EQ(parse_error(tiny(i)).code, -4164) << i;
  auto limited = tiny(300);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(parse_error(limited).code, -1015);
  EXPECT_EQ(parse_error(limited).error, venue_error::rate_limited);
  ASSERT_TRUE(limited.header("Retry-After"));
  EXPECT_EQ(*limited.header("Retry-After"), "10"); // window aligned to 10 s
  EXPECT_EQ(*limited.header("X-MBX-ORDER-COUNT-10S"), "301");
  ASSERT_TRUE(limited.header("X-MBX-USED-WEIGHT-1M"));
  auto rates = vb::parse_rate_headers([&] {
    std::vector<vb::header_view> hs;
    for (const auto& h : limited.headers)
      hs.push_back({h.name, h.value});
    return hs;
  }());
  ASSERT_TRUE(rates.has_value());
  EXPECT_EQ(rates->order_count_10s, 301);
  EXPECT_EQ(rates->retry_after, std::chrono::seconds{10});

  auto banned = tiny(301);
  EXPECT_EQ(banned.status, 418);
  EXPECT_EQ(parse_error(banned).error, venue_error::ip_banned);
  EXPECT_EQ(*banned.header("Retry-After"), "120");
  // The ban covers every request from the IP, public ones too.
  EXPECT_EQ(send(vb::server_time()).status, 418);
  advance(121s);
  EXPECT_EQ(send(vb::server_time()).status, 200);
}

TEST_F(binance_venue_error_test, order_burst_that_waits_is_not_banned) {
  for (int i = 0; i < 301; ++i)
    place_raw("tdm-wait-" + std::to_string(i), "0.001", "42000.0");
  advance(10s);
  EXPECT_EQ(parse_error(place_raw("tdm-wait-x", "0.001", "42000.0")).code,
            -4164);
}

TEST_F(binance_venue_error_test, ip_weight_limit_gets_429) {
  // depth limit 1000 weighs 20: 120 of them use the 2400 of a minute.
  for (int i = 0; i < 120; ++i)
    ASSERT_EQ(send(vb::depth("BTCUSDT", 1000)).status, 200) << i;
  auto r = send(vb::depth("BTCUSDT", 1000));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(parse_error(r).code, -1003);
  EXPECT_EQ(*r.header("X-MBX-USED-WEIGHT-1M"), "2420");
  EXPECT_TRUE(r.header("Retry-After"));
  // Another IP is counted apart.
  EXPECT_EQ(send(vb::book_ticker("BTCUSDT"), "10.0.0.2").status, 200);
}

TEST_F(binance_venue_error_test, injected_order_rejection) {
  venue_.faults().reject_next_orders(1, -2010,
                                     "Account has insufficient "
                                     "balance for requested action.");
  auto e = parse_error(
    place(order("tdm-rej-1", side::buy, order_type::limit, "0.01", "42000.0")));
  EXPECT_EQ(e.code, -2010);
  EXPECT_EQ(e.error, venue_error::rejected_other);
  EXPECT_EQ(
    place(order("tdm-rej-2", side::buy, order_type::limit, "0.01", "42000.0"))
      .status,
    200);
}

TEST_F(binance_venue_error_test, unknown_outcome_without_apply_loses_order) {
  venue_.faults().unknown_error_next(1, unknown_outcome::without_apply);
  auto r = place(
    order("tdm-lost-1", side::buy, order_type::limit, "0.01", "42000.0"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(parse_error(r).error, venue_error::outcome_unknown);
  auto q = send(vb::query_order("BTCUSDT", *client_order_id::make("tdm-lost-1"),
                                signing(), creds_a()));
  EXPECT_EQ(parse_error(q).code, -2013);
}

TEST_F(binance_venue_error_test, unknown_path_and_listen_key) {
  auto r = send_raw(http_method::get, "/fapi/v9/nothing", {});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(parse_error(send(vb::listen_key_keepalive(key_a))).code, -1125);
  EXPECT_EQ(parse_error(send(vb::listen_key_close(key_a))).code, -1125);
  EXPECT_TRUE(venue_.drain_user_events("no-such-key").empty());
}

} // namespace
} // namespace tandem::sim::binance::test
