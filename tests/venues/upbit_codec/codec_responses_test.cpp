#include "venues/upbit/codec_responses.hpp"

#include "tests/venues/upbit_codec/fixtures.hpp"
#include "venues/upbit/detail/json.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;
using namespace tandem::venues::upbit::test;

namespace {

timestamp kst(std::string_view iso) {
  return *venues::upbit::detail::parse_iso8601(iso);
}

} // namespace

TEST(venues_upbit_codec_responses, placed_limit_order) {
  json_context ctx;
  auto r = parse_order(ctx, ok_file("order_limit_wait.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  const auto& u = r->update;
  EXPECT_EQ(u.venue, venue::upbit);
  EXPECT_EQ(u.symbol, "KRW-BTC");
  EXPECT_EQ(u.venue_order_id, "cdd92199-2897-4e14-9448-f923320408ad");
  EXPECT_EQ(u.id, id("tdm-mhx3k2a1-1z"));
  EXPECT_EQ(u.event, order_event::accepted);
  EXPECT_EQ(u.side, side::buy);
  EXPECT_EQ(u.order_qty, qty("0.01"));
  EXPECT_TRUE(u.cum_qty.is_zero());
  EXPECT_FALSE(u.avg_px);
  EXPECT_FALSE(u.last_fill);
  EXPECT_EQ(u.venue_ts, from_unix_ms(1751608800000)); // 15:00 KST = 06:00 UTC
  EXPECT_EQ(r->state, order_state::wait);
  EXPECT_EQ(r->type, ord_type::limit);
  EXPECT_EQ(r->limit_px, px("100000000"));
  EXPECT_FALSE(r->quote_amount);
  EXPECT_EQ(r->reserved_fee, krw("500"));
  EXPECT_EQ(r->locked, krw("1000500"));
  EXPECT_TRUE(r->fills.empty());
}

TEST(venues_upbit_codec_responses, done_order_trades_become_fills) {
  json_context ctx;
  auto r = parse_order(ctx, ok_file("order_done_with_trades.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  const auto& u = r->update;
  EXPECT_EQ(u.event, order_event::fill);
  EXPECT_EQ(u.cum_qty, qty("0.01"));
  EXPECT_EQ(u.avg_px, px("99999400")); // 999994 KRW / 0.01 BTC
  EXPECT_EQ(r->paid_fee, krw("499.997"));
  EXPECT_FALSE(r->tif); // null on the wire
  ASSERT_EQ(r->fills.size(), 2u);
  const auto& f1 = r->fills[0];
  EXPECT_EQ(f1.trade_id, "7a3f0e2c-1b4d-4c5e-9f60-0a1b2c3d4e5f");
  EXPECT_EQ(f1.order_id, id("tdm-mhx3k2a1-1z"));
  EXPECT_EQ(f1.symbol, "KRW-BTC");
  EXPECT_EQ(f1.side, side::buy);
  EXPECT_EQ(f1.px, px("100000000"));
  EXPECT_EQ(f1.qty, qty("0.004"));
  EXPECT_EQ(f1.ts, kst("2025-07-04T15:00:01+09:00"));
  // paid_fee shared by funds: 499.997 x 400000 / 999994 = 200.
  EXPECT_EQ(f1.fee, krw("200"));
  EXPECT_EQ(r->fills[1].fee, krw("299.997"));
  EXPECT_EQ(r->fills[1].px, px("99999000"));
  EXPECT_EQ(f1.fee + r->fills[1].fee, r->paid_fee);
}

TEST(venues_upbit_codec_responses, market_buy_is_sized_in_krw) {
  json_context ctx;
  auto r = parse_order(ctx, ok_file("order_market_buy_cancel.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->type, ord_type::price);
  EXPECT_EQ(r->quote_amount, krw("10000"));
  EXPECT_FALSE(r->limit_px);
  EXPECT_TRUE(r->update.order_qty.is_zero()); // volume is null
  EXPECT_FALSE(r->remaining_qty);
  // Unspent KRW comes back as a cancel after a partial fill.
  EXPECT_EQ(r->update.event, order_event::canceled);
  EXPECT_EQ(r->update.cum_qty, qty("0.0000999"));
  EXPECT_EQ(r->update.avg_px, px("100099099.0990991")); // half-even
  EXPECT_EQ(r->paid_fee, krw("4.99995"));
}

TEST(venues_upbit_codec_responses, open_orders_list) {
  json_context ctx;
  auto r = parse_orders(ctx, ok_file("orders_open.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  ASSERT_EQ(r->size(), 2u);
  const auto& sell = (*r)[1];
  EXPECT_EQ(sell.update.side, side::sell);
  EXPECT_EQ(sell.update.event, order_event::partial_fill);
  EXPECT_EQ(sell.tif, wire_tif::post_only);
  EXPECT_EQ(sell.remaining_qty, qty("0.015"));
  // A foreign identifier is kept as text; it is not one of our ids.
  EXPECT_EQ(sell.identifier,
            "placed-on-the-web-ui-with-a-very-long-identifier");
  EXPECT_TRUE(sell.update.id.empty());
}

TEST(venues_upbit_codec_responses, accounts_to_balances) {
  json_context ctx;
  auto r = parse_accounts(ctx, ok_file("accounts.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].bal.asset, "KRW");
  EXPECT_EQ((*r)[0].bal.free, krw("1000000"));
  EXPECT_TRUE((*r)[0].bal.locked.is_zero());
  EXPECT_EQ((*r)[1].bal.asset, "BTC");
  EXPECT_EQ((*r)[1].bal.free, krw("2"));
  EXPECT_EQ((*r)[1].bal.locked, krw("0.01"));
  EXPECT_EQ((*r)[1].avg_buy_price, px("101000000"));
  EXPECT_EQ((*r)[1].unit_currency, "KRW");
}

TEST(venues_upbit_codec_responses, order_chance_fees_and_minimums) {
  json_context ctx;
  auto r = parse_order_chance(ctx, ok_file("orders_chance.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->market, "KRW-BTC");
  EXPECT_EQ(r->bid_fee, rate::must_parse("0.0005"));
  EXPECT_EQ(r->ask_fee, rate::must_parse("0.0005"));
  EXPECT_EQ(r->maker_bid_fee, rate::must_parse("0.0005"));
  EXPECT_EQ(r->bid_min_total, krw("5000"));
  EXPECT_EQ(r->ask_min_total, krw("5000"));
  EXPECT_EQ(r->max_total, krw("1000000000"));
  EXPECT_EQ(r->market_state, "active");
  ASSERT_TRUE(r->bid_account);
  EXPECT_EQ(r->bid_account->asset, "KRW");
  ASSERT_TRUE(r->ask_account);
  EXPECT_EQ(r->ask_account->locked, krw("0.01"));
}

TEST(venues_upbit_codec_responses, order_chance_min_total_as_number) {
  json_context ctx;
  auto r = parse_order_chance(
    ctx, R"({"bid_fee":"0.0005","ask_fee":"0.0005","market":{"id":"KRW-BTC",)"
         R"("bid":{"currency":"KRW","min_total":5000},)"
         R"("ask":{"currency":"BTC","min_total":5000},"state":"active"}})");
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->bid_min_total, krw("5000"));
  EXPECT_FALSE(r->bid_account);
}

TEST(venues_upbit_codec_responses, one_context_parses_many_answers) {
  json_context ctx;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(parse_order(ctx, ok_file("order_done_with_trades.json")));
    EXPECT_TRUE(parse_accounts(ctx, ok_file("accounts.json")));
  }
}

TEST(venues_upbit_codec_responses, batch_cancel_answer) {
  json_context ctx;
  auto r = parse_cancel_open(ctx, ok_file("cancel_open_orders.json"));
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->success_count, 2);
  ASSERT_EQ(r->cancelled.size(), 2u);
  EXPECT_EQ(r->cancelled[0].uuid, "cdd92199-2897-4e14-9448-f923320408ad");
  EXPECT_EQ(r->cancelled[0].market, "KRW-BTC");
  EXPECT_EQ(r->cancelled[0].identifier, "tdm-mhx3k2a1-1z");
  EXPECT_EQ(r->cancelled[1].identifier, ""); // null: placed without one
  EXPECT_EQ(r->failed_count, 1);
  ASSERT_EQ(r->failed.size(), 1u);
  EXPECT_EQ(r->failed[0].market, "KRW-ETH");
}

TEST(venues_upbit_codec_responses, batch_cancel_of_nothing) {
  json_context ctx;
  auto r = parse_cancel_open(
    ctx, R"({"success":{"count":0,"orders":[]},"failed":{"count":0,)"
         R"("orders":[]}})");
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->success_count, 0);
  EXPECT_TRUE(r->cancelled.empty());
  EXPECT_TRUE(r->failed.empty());
}
