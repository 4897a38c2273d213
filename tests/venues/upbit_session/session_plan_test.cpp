// How engine orders become Upbit orders, and instrument rules from the
// venue's answers.
#include "venues/upbit/session_plan.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;

namespace {

price px(std::string_view s) { return price::must_parse(s); }
quantity qty(std::string_view s) { return quantity::must_parse(s); }

order_chance chance_5000() {
  order_chance c;
  c.market = "KRW-BTC";
  c.bid_min_total = money::must_parse("5000");
  c.ask_min_total = money::must_parse("5000");
  return c;
}

instrument krw_btc() {
  instrument_tick t{"KRW-BTC", "KRW", px("1000")};
  return *make_instrument("KRW-BTC", &t, chance_5000());
}

order_request order(side s, order_type t, std::string_view q,
                    std::optional<price> limit = std::nullopt,
                    time_in_force tif = time_in_force::gtc) {
  order_request o;
  o.id = *client_order_id::make("tdm-plan-1");
  o.venue = venue::upbit;
  o.symbol = "KRW-BTC";
  o.side = s;
  o.type = t;
  o.tif = tif;
  o.qty = qty(q);
  o.limit_price = limit;
  return o;
}

book_depth book() {
  book_depth b;
  b.symbol = "KRW-BTC";
  b.asks = {{px("100000000"), qty("0.01")},
            {px("100001000"), qty("0.02")},
            {px("100005000"), qty("0.05")}};
  b.bids = {{px("99999000"), qty("0.03")}};
  return b;
}

} // namespace

TEST(venues_upbit_session_plan, limit_orders_go_as_they_are) {
  for (auto tif :
       {time_in_force::gtc, time_in_force::ioc, time_in_force::fok}) {
    auto o = order(side::buy, order_type::limit, "0.001", px("99000000"), tif);
    auto p = plan_place(o, krw_btc(), nullptr);
    ASSERT_TRUE(p) << p.error().detail;
    EXPECT_EQ(p->wire.type, order_type::limit);
    EXPECT_EQ(p->wire.tif, tif);
    EXPECT_EQ(p->wire.limit_price, px("99000000"));
    EXPECT_FALSE(p->options.quote_amount);
  }
}

TEST(venues_upbit_session_plan, market_sell_stays_a_market_order) {
  auto p = plan_place(order(side::sell, order_type::market, "0.002"), krw_btc(),
                      nullptr);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->wire.type, order_type::market);
  EXPECT_EQ(p->wire.qty, qty("0.002"));
  EXPECT_FALSE(p->wire.limit_price);
}

TEST(venues_upbit_session_plan, market_buy_is_a_limit_ioc_that_sweeps_qty) {
  auto b = book();
  // 0.025 needs the first two levels: limit at the second ask.
  auto p = plan_place(order(side::buy, order_type::market, "0.025",
                            std::nullopt, time_in_force::ioc),
                      krw_btc(), &b);
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_EQ(p->wire.type, order_type::limit);
  EXPECT_EQ(p->wire.tif, time_in_force::ioc);
  EXPECT_EQ(p->wire.qty, qty("0.025")); // exactly the engine's quantity
  EXPECT_EQ(p->wire.limit_price, px("100001000"));
  // Exactly the first level's size stops there.
  p = plan_place(order(side::buy, order_type::market, "0.01"), krw_btc(), &b);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->wire.limit_price, px("100000000"));
  EXPECT_EQ(p->wire.tif, time_in_force::ioc);
}

TEST(venues_upbit_session_plan, market_buy_beyond_the_book_takes_the_last) {
  auto b = book();
  auto p = plan_place(order(side::buy, order_type::market, "5"), krw_btc(), &b);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->wire.limit_price, px("100005000"));
}

TEST(venues_upbit_session_plan, market_buy_fok_keeps_fok) {
  auto b = book();
  auto p = plan_place(order(side::buy, order_type::market, "0.01", std::nullopt,
                            time_in_force::fok),
                      krw_btc(), &b);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->wire.tif, time_in_force::fok);
}

TEST(venues_upbit_session_plan, market_buy_limit_rounds_up_to_the_tick) {
  book_depth b;
  b.symbol = "KRW-BTC";
  b.asks = {{px("100000500"), qty("1")}}; // finer than the 1000 KRW tick
  auto p
    = plan_place(order(side::buy, order_type::market, "0.01"), krw_btc(), &b);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->wire.limit_price, px("100001000"));
}

TEST(venues_upbit_session_plan, market_buy_without_asks_is_refused) {
  auto p = plan_place(order(side::buy, order_type::market, "0.01"), krw_btc(),
                      nullptr);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, venue_error::invalid_parameter);
  book_depth empty;
  p = plan_place(order(side::buy, order_type::market, "0.01"), krw_btc(),
                 &empty);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, venue_error::invalid_parameter);
}

TEST(venues_upbit_session_plan, instrument_from_the_venue) {
  auto i = krw_btc();
  EXPECT_EQ(i.venue, venue::upbit);
  EXPECT_EQ(i.base, "BTC");
  EXPECT_EQ(i.quote, "KRW");
  EXPECT_EQ(i.kind, instrument_kind::spot);
  EXPECT_TRUE(i.tick.is_fixed());
  EXPECT_EQ(i.tick.tick_at(px("100000000")), px("1000"));
  EXPECT_EQ(i.lot, quantity::from_raw(1));
  EXPECT_EQ(i.min_notional, money::must_parse("5000"));
}

TEST(venues_upbit_session_plan, instrument_without_tick_row_uses_bands) {
  auto c = chance_5000();
  c.ask_min_total = money::must_parse("6000"); // the stricter side wins
  auto i = make_instrument("KRW-USDT", nullptr, c);
  ASSERT_TRUE(i) << i.error();
  EXPECT_FALSE(i->tick.is_fixed());
  EXPECT_EQ(i->tick.tick_at(px("1400")),
            tick_rule::upbit_krw().tick_at(px("1400")));
  EXPECT_EQ(i->min_notional, money::must_parse("6000"));
}

TEST(venues_upbit_session_plan, instrument_errors) {
  EXPECT_FALSE(make_instrument("krw-btc", nullptr, chance_5000()));
  instrument_tick other{"KRW-ETH", "KRW", px("1000")};
  EXPECT_FALSE(make_instrument("KRW-BTC", &other, chance_5000()));
  instrument_tick zero{"KRW-BTC", "KRW", price{}};
  EXPECT_FALSE(make_instrument("KRW-BTC", &zero, chance_5000()));
}
