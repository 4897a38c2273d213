#include "admin/json_writer.hpp"
#include "admin/render.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

namespace tandem::admin {
namespace {

namespace dom = simdjson::dom;

/// Parses `json`, failing the test when it is not valid JSON.
struct parsed {
  dom::parser parser;
  dom::element root;
  explicit parsed(const std::string& json) {
    auto err = parser.parse(json).get(root);
    EXPECT_FALSE(err) << json;
  }
  std::string_view str(std::string_view path) {
    std::string_view s;
    EXPECT_FALSE(root.at_pointer(path).get_string().get(s)) << path;
    return s;
  }
  std::int64_t num(std::string_view path) {
    std::int64_t n = 0;
    EXPECT_FALSE(root.at_pointer(path).get_int64().get(n)) << path;
    return n;
  }
  bool flag(std::string_view path) {
    bool b = false;
    EXPECT_FALSE(root.at_pointer(path).get_bool().get(b)) << path;
    return b;
  }
  bool is_null(std::string_view path) {
    return root.at_pointer(path).is_null();
  }
};

timestamp at_ms(std::int64_t ms) { return from_unix_ms(ms); }

TEST(admin_render, json_strings_escape_what_json_needs) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01\x7f\xed\x95\x9c");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001\\u007f\xed\x95\x9c\"");
}

TEST(admin_render, timestamps_are_iso_utc_with_milliseconds) {
  EXPECT_EQ(format_utc(at_ms(1'735'787'045'123)), "2025-01-02T03:04:05.123Z");
  EXPECT_EQ(format_utc(at_ms(0)), "1970-01-01T00:00:00.000Z");
  json_writer w;
  w.begin_array().value(timestamp{}).value(at_ms(1)).end_array();
  EXPECT_EQ(w.str(), R"([null,"1970-01-01T00:00:00.001Z"])");
}

TEST(admin_render, status_shows_halt_venues_and_strategies) {
  status_view v;
  v.instance = "tandem-1";
  v.mode = "paper";
  v.now = at_ms(1'735'787'045'123);
  v.halted = true;
  v.halt_reason = "manual";
  v.halted_by = "alice";
  v.halted_at = at_ms(1'735'787'000'000);
  v.venues = {{venue::upbit, true, 850, 0}, {venue::binance, false, -1, 3}};
  v.strategies = {{"kimchi", strategy_state::paused, 1}};
  v.open_orders = 2;
  parsed p(to_json(v));
  EXPECT_EQ(p.str("/instance"), "tandem-1");
  EXPECT_TRUE(p.flag("/halted"));
  EXPECT_EQ(p.str("/halt/reason"), "manual");
  EXPECT_EQ(p.str("/halt/by"), "alice");
  EXPECT_EQ(p.str("/halt/at"), "2025-01-02T03:03:20.000Z");
  EXPECT_EQ(p.str("/venues/0/venue"), "upbit");
  EXPECT_EQ(p.num("/venues/0/latency_us"), 850);
  EXPECT_TRUE(p.is_null("/venues/1/latency_us"));
  EXPECT_EQ(p.num("/venues/1/consecutive_failures"), 3);
  EXPECT_EQ(p.str("/strategies/0/state"), "paused");
  EXPECT_EQ(p.num("/open_orders"), 2);
  EXPECT_TRUE(p.is_null("/started_at"));

  v.halted = false;
  parsed q(to_json(v));
  EXPECT_TRUE(q.is_null("/halt"));
}

TEST(admin_render, premium_is_in_exact_bps_and_prices_are_strings) {
  premium_view v;
  v.available = true;
  v.entry_premium = rate::must_parse("0.02155");
  v.exit_premium = rate::must_parse("-0.0001");
  v.entry_bps = 200;
  v.upbit_ask_krw = price::must_parse("145000000");
  v.usdt_krw = price::must_parse("1391.5");
  parsed p(to_json(v));
  EXPECT_EQ(p.str("/entry_premium_bps"), "215.5");
  EXPECT_EQ(p.str("/exit_premium_bps"), "-1");
  EXPECT_EQ(p.num("/entry_bps"), 200);
  EXPECT_EQ(p.str("/upbit_ask_krw"), "145000000");
  EXPECT_EQ(p.str("/usdt_krw"), "1391.5");
  EXPECT_TRUE(p.is_null("/unavailable_reason"));
  v.available = false;
  v.unavailable_reason = "binance book stale (812 ms)";
  parsed q(to_json(v));
  EXPECT_EQ(q.str("/unavailable_reason"), "binance book stale (812 ms)");
}

TEST(admin_render, positions_orders_pairs_and_pnl) {
  positions_view pos{
    {{venue::binance, "BTCUSDT", quantity::must_parse("-0.002"),
      price::must_parse("97000.1"), price::must_parse("97100"), "USDT",
      money::must_parse("1.5"), money::must_parse("-0.2")}}};
  parsed p(to_json(pos));
  EXPECT_EQ(p.str("/positions/0/venue"), "binance");
  EXPECT_EQ(p.str("/positions/0/qty"), "-0.002");
  EXPECT_EQ(p.str("/positions/0/unrealized_pnl"), "-0.2");

  order_row o;
  o.venue = venue::upbit;
  o.symbol = "KRW-BTC";
  o.id = *client_order_id::make("tdm-1-7");
  o.side = side::buy;
  o.status = order_status::partially_filled;
  o.px = price::must_parse("145000000");
  o.qty = quantity::must_parse("0.001");
  o.filled = quantity::must_parse("0.0004");
  parsed q(to_json(orders_view{{o}}));
  EXPECT_EQ(q.str("/orders/0/id"), "tdm-1-7");
  EXPECT_EQ(q.str("/orders/0/status"), "partially_filled");
  EXPECT_EQ(q.str("/orders/0/side"), "buy");
  EXPECT_EQ(q.str("/orders/0/type"), "limit");
  EXPECT_EQ(q.str("/orders/0/filled"), "0.0004");

  pair_row open;
  open.pair_id = "p1";
  open.phase = pair_phase::open;
  open.entry_premium = rate::must_parse("0.021");
  pair_row done = open;
  done.pair_id = "p0";
  done.phase = pair_phase::rolled_back;
  done.detail = "binance leg rejected";
  parsed r(to_json(pairs_view{{open}, {done}}));
  EXPECT_EQ(r.str("/open/0/pair_id"), "p1");
  EXPECT_EQ(r.str("/open/0/entry_premium_bps"), "210");
  EXPECT_EQ(r.str("/recent/0/phase"), "rolled_back");
  EXPECT_TRUE(r.is_null("/open/0/closed_at"));

  pnl_view n;
  n.realized_krw = money::must_parse("12000.5");
  n.unrealized_krw = money::must_parse("-500");
  pair_pnl_row closed;
  closed.pair_id = "tdm-a-s1";
  closed.closed_by = "tdm-a-s2";
  closed.pnl_krw = money::must_parse("-11029");
  closed.fees_krw = money::must_parse("412.5");
  pair_pnl_row held;
  held.pair_id = "tdm-a-s3";
  held.open = true; // no quote to mark it at: null
  n.pairs = {closed, held};
  parsed s(to_json(n));
  EXPECT_EQ(s.str("/total_krw"), "11500.5");
  EXPECT_EQ(s.str("/realized_krw"), "12000.5");
  EXPECT_EQ(s.str("/pairs/0/pair_id"), "tdm-a-s1");
  EXPECT_EQ(s.str("/pairs/0/closed_by"), "tdm-a-s2");
  EXPECT_FALSE(s.flag("/pairs/0/open"));
  EXPECT_EQ(s.str("/pairs/0/pnl_krw"), "-11029");
  EXPECT_EQ(s.str("/pairs/0/fees_krw"), "412.5");
  EXPECT_TRUE(s.flag("/pairs/1/open"));
  EXPECT_TRUE(s.is_null("/pairs/1/pnl_krw"));
}

TEST(admin_render, command_outcomes_and_refusals) {
  auto ok = command_result("cancel-all",
                           command_reply{command_done{"cancelled 3", 3}});
  EXPECT_EQ(ok.status, 200u);
  parsed p(ok.body);
  EXPECT_TRUE(p.flag("/ok"));
  EXPECT_EQ(p.str("/command"), "cancel-all");
  EXPECT_EQ(p.num("/affected"), 3);

  auto set = command_result(
    set_param_reply{param_change{"kimchi.entry_bps", "200", "180"}});
  parsed q(set.body);
  EXPECT_EQ(q.str("/old"), "200");
  EXPECT_EQ(q.str("/new"), "180");

  auto refused = command_result(set_param_reply{
    failure{refusal{refusal_code::invalid_value, "kimchi.entry_bps",
                    "entry_bps must stay above exit_bps (50)"}}});
  EXPECT_EQ(refused.status, 400u);
  parsed r(refused.body);
  EXPECT_EQ(r.str("/field"), "kimchi.entry_bps");
  EXPECT_EQ(r.str("/error"), "entry_bps must stay above exit_bps (50)");

  EXPECT_EQ(http_status(refusal_code::not_found), 404u);
  EXPECT_EQ(http_status(refusal_code::conflict), 409u);
  EXPECT_EQ(http_status(refusal_code::unavailable), 503u);
  auto conflict = command_result(
    "clear",
    command_reply{failure{refusal{refusal_code::conflict, "", "not halted"}}});
  EXPECT_EQ(conflict.status, 409u);
  parsed c(conflict.body);
  EXPECT_TRUE(c.is_null("/field"));
}

TEST(admin_render, health_needs_every_venue_and_no_halt) {
  status_view v;
  v.venues = {{venue::upbit, true, 1, 0}, {venue::binance, true, 1, 0}};
  auto h = assess(v);
  EXPECT_TRUE(h.healthy);
  EXPECT_EQ(health_reply(h).status, 200u);
  v.venues[1].connected = false;
  v.halted = true;
  h = assess(v);
  EXPECT_FALSE(h.healthy);
  ASSERT_EQ(h.problems.size(), 2u);
  EXPECT_EQ(h.problems[0], "halted");
  EXPECT_EQ(h.problems[1], "venue binance disconnected");
  auto r = health_reply(h);
  EXPECT_EQ(r.status, 503u);
  parsed p(r.body);
  EXPECT_FALSE(p.flag("/healthy"));
  EXPECT_EQ(p.str("/problems/1"), "venue binance disconnected");
  EXPECT_FALSE(assess(status_view{}).healthy); // no venue at all
}

TEST(admin_render, events_carry_their_type) {
  fill f;
  f.order_id = *client_order_id::make("tdm-1-9");
  f.trade_id = "t77";
  f.venue = venue::binance;
  f.symbol = "BTCUSDT";
  f.side = side::sell;
  f.qty = quantity::must_parse("0.001");
  f.px = price::must_parse("97000");
  f.ts = at_ms(1000);
  parsed a(to_json(fill_event{f, "p1"}));
  EXPECT_EQ(a.str("/type"), "fill");
  EXPECT_EQ(a.str("/order_id"), "tdm-1-9");
  EXPECT_EQ(a.str("/side"), "sell");
  EXPECT_EQ(a.str("/pair_id"), "p1");
  parsed b(
    to_json(pair_settlement_event{"p1", "s1", settlement_outcome::escalated,
                                  money::must_parse("-10"), "x", at_ms(1)}));
  EXPECT_EQ(b.str("/type"), "pair_settlement");
  EXPECT_EQ(b.str("/outcome"), "escalated");
  EXPECT_EQ(b.str("/pnl_krw"), "-10");
  parsed c(to_json(alert_event{alert_severity::critical, "HALT", "d", {}}));
  EXPECT_EQ(c.str("/type"), "alert");
  EXPECT_EQ(c.str("/severity"), "critical");
  parsed d(to_json(status_change_event{status_change::param_changed,
                                       "kimchi.entry_bps", "200 -> 180",
                                       "alice", at_ms(5)}));
  EXPECT_EQ(d.str("/type"), "status_change");
  EXPECT_EQ(d.str("/change"), "param_changed");
  EXPECT_EQ(d.str("/by"), "alice");
}

TEST(admin_render, errors_are_error_and_field) {
  auto r = error_reply({403, "read-only token", "", {}});
  EXPECT_EQ(r.status, 403u);
  EXPECT_EQ(r.body, R"({"error":"read-only token","field":null})");
  EXPECT_TRUE(r.headers.empty());
  auto unauth = error_reply({401, "no token", "", {}});
  ASSERT_EQ(unauth.headers.size(), 1u);
  EXPECT_EQ(unauth.headers[0].first, "WWW-Authenticate");
  auto wrong = error_reply({405, "use POST", "method", "POST"});
  ASSERT_EQ(wrong.headers.size(), 1u);
  EXPECT_EQ(wrong.headers[0].second, "POST");
  EXPECT_EQ(to_json(api_error{400, "bad", "reason", {}}),
            R"({"error":"bad","field":"reason"})");
}

} // namespace
} // namespace tandem::admin
