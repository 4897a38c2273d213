#include "sim/matching/order_book.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::sim;

namespace {

std::uint64_t next_id = 1;

book_order limit(const char* acct, side s, const char* px, const char* q,
                 time_in_force tif = time_in_force::gtc) {
  book_order o;
  o.id = next_id++;
  o.account = acct;
  o.s = s;
  o.limit = price::must_parse(px);
  o.tif = tif;
  o.qty = quantity::must_parse(q);
  return o;
}

book_order market(const char* acct, side s, const char* q) {
  auto o = limit(acct, s, "1", q, time_in_force::ioc);
  o.limit.reset();
  return o;
}

quantity qty(const char* s) { return quantity::must_parse(s); }
price px(const char* s) { return price::must_parse(s); }

/// A book with asks 100 x1 (mm, first), 100 x2 (mm2), 101 x5 and bids 99 x3.
order_book seeded() {
  order_book b;
  (void)b.submit(limit("mm", side::sell, "100", "1"));
  (void)b.submit(limit("mm2", side::sell, "100", "2"));
  (void)b.submit(limit("mm", side::sell, "101", "5"));
  (void)b.submit(limit("mm", side::buy, "99", "3"));
  return b;
}

} // namespace

TEST(sim_order_book, resting_orders_and_best_prices) {
  auto b = seeded();
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(b.best_ask(), px("100"));
  EXPECT_EQ(b.best_bid(), px("99"));
  auto asks = b.levels(side::sell, 5);
  ASSERT_EQ(asks.size(), 2u);
  EXPECT_EQ(asks[0].second, qty("3"));
  EXPECT_EQ(asks[1].second, qty("5"));
}

TEST(sim_order_book, price_time_priority_and_maker_price) {
  auto b = seeded();
  auto r = b.submit(limit("taker", side::buy, "101", "2"));
  ASSERT_EQ(r.trades.size(), 2u);
  // First in time at 100 fills first, at the maker's price.
  EXPECT_EQ(r.trades[0].maker_account, "mm");
  EXPECT_EQ(r.trades[0].qty, qty("1"));
  EXPECT_EQ(r.trades[0].px, px("100"));
  EXPECT_EQ(r.trades[1].maker_account, "mm2");
  EXPECT_EQ(r.trades[1].qty, qty("1"));
  EXPECT_EQ(r.outcome, match_outcome::filled);
  EXPECT_EQ(b.levels(side::sell, 1)[0].second, qty("1")); // mm2 has 1 left
}

TEST(sim_order_book, limit_remainder_rests_gtc) {
  auto b = seeded();
  auto r = b.submit(limit("taker", side::buy, "100", "4"));
  EXPECT_EQ(r.outcome, match_outcome::rested);
  EXPECT_EQ(r.order.filled, qty("3"));
  EXPECT_EQ(b.best_bid(), px("100"));
  EXPECT_NE(b.find(r.order.id), nullptr);
  EXPECT_EQ(b.find(r.order.id)->open(), qty("1"));
}

TEST(sim_order_book, ioc_remainder_is_canceled) {
  auto b = seeded();
  auto r = b.submit(limit("taker", side::buy, "100", "4", time_in_force::ioc));
  EXPECT_EQ(r.outcome, match_outcome::remainder_canceled);
  EXPECT_EQ(r.order.filled, qty("3"));
  EXPECT_EQ(b.find(r.order.id), nullptr);
  EXPECT_EQ(b.best_bid(), px("99"));
}

TEST(sim_order_book, fok_fills_all_or_nothing) {
  auto b = seeded();
  auto killed
    = b.submit(limit("taker", side::buy, "100", "4", time_in_force::fok));
  EXPECT_EQ(killed.outcome, match_outcome::killed);
  EXPECT_TRUE(killed.trades.empty());
  EXPECT_EQ(b.size(), 4u);
  auto ok = b.submit(limit("taker", side::buy, "101", "4", time_in_force::fok));
  EXPECT_EQ(ok.outcome, match_outcome::filled);
  EXPECT_EQ(ok.trades.size(), 3u);
}

TEST(sim_order_book, market_orders_sweep_levels) {
  auto b = seeded();
  auto r = b.submit(market("taker", side::buy, "10"));
  EXPECT_EQ(r.order.filled, qty("8"));
  EXPECT_EQ(r.outcome, match_outcome::remainder_canceled);
  EXPECT_EQ(b.best_ask(), std::nullopt);
  auto s = b.submit(market("taker", side::sell, "1"));
  ASSERT_EQ(s.trades.size(), 1u);
  EXPECT_EQ(s.trades[0].px, px("99"));
}

TEST(sim_order_book, partial_fills_only_fault_caps_each_match) {
  auto b = seeded();
  auto r = b.submit(limit("taker", side::buy, "101", "3"), qty("0.5"));
  EXPECT_EQ(r.order.filled, qty("0.5"));
  EXPECT_EQ(r.outcome, match_outcome::rested); // the rest waits on the book
  EXPECT_EQ(b.find(r.order.id)->open(), qty("2.5"));
}

TEST(sim_order_book, no_self_trades) {
  auto b = seeded();
  auto r = b.submit(limit("mm", side::buy, "101", "1"));
  EXPECT_EQ(r.outcome, match_outcome::self_trade_prevented);
  EXPECT_TRUE(r.trades.empty());
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(b.available(side::buy, px("101"), "mm"), qty("0"));
  EXPECT_EQ(b.available(side::buy, px("101"), "x"), qty("8"));
}

TEST(sim_order_book, cancel_removes_exactly_one_order) {
  auto b = seeded();
  auto o = limit("mm", side::sell, "102", "1");
  auto id = o.id;
  (void)b.submit(std::move(o));
  auto c = b.cancel(id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, id);
  EXPECT_FALSE(b.cancel(id));
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(b.levels(side::sell, 5).size(), 2u);
}

TEST(sim_order_book, trade_ids_are_unique_and_increasing) {
  auto b = seeded();
  auto r1 = b.submit(limit("t", side::buy, "100", "1"));
  auto r2 = b.submit(limit("t", side::buy, "101", "3"));
  std::uint64_t last = 0;
  for (const auto* r : {&r1, &r2})
    for (const auto& t : r->trades) {
      EXPECT_GT(t.trade_id, last);
      last = t.trade_id;
    }
  EXPECT_EQ(last, 3u); // 1 at 100 (mm), then 2 at 100 (mm2) and 1 at 101
}
