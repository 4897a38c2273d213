#include "risk/stop_loss.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::risk;

namespace {

money krw(const char* s) { return money::must_parse(s); }

fill make_fill(side s, const char* q, const char* p) {
  fill f;
  f.venue = venue::binance;
  f.symbol = "BTCUSDT";
  f.side = s;
  f.qty = quantity::must_parse(q);
  f.px = price::must_parse(p);
  return f;
}

} // namespace

TEST(risk_stop_loss, pair_loss_at_five_percent_closes) {
  config::risk_config cfg; // stop_loss_pct = 5
  // Notional 1,000,000 KRW: the stop is at -50,000 KRW.
  EXPECT_FALSE(check_stop_loss(krw("-49999.99999999"), krw("1000000"), cfg));
  auto hit = check_stop_loss(krw("-50000"), krw("1000000"), cfg);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->message(), "STOP_LOSS: pnl=-50000 notional=1000000 "
                            "limit=-50000");
  EXPECT_FALSE(check_stop_loss(krw("10000"), krw("1000000"), cfg));
  EXPECT_FALSE(check_stop_loss(krw("-1"), krw("0"), cfg)); // nothing open
  cfg.stop_loss_pct = 1;
  EXPECT_TRUE(check_stop_loss(krw("-10000"), krw("1000000"), cfg));
}

TEST(risk_stop_loss, single_positions_long_and_short) {
  config::risk_config cfg;
  position longp(venue::binance, "BTCUSDT");
  ASSERT_TRUE(longp.apply(make_fill(side::buy, "0.01", "100000")));
  // Cost 1,000 USDT; -5% at a mark of 95,000.
  EXPECT_FALSE(check_stop_loss(longp, price::must_parse("95000.1"), cfg));
  auto hit = check_stop_loss(longp, price::must_parse("95000"), cfg);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->pnl, krw("-50"));
  EXPECT_EQ(hit->notional, krw("1000"));
  position shortp(venue::binance, "BTCUSDT");
  ASSERT_TRUE(shortp.apply(make_fill(side::sell, "0.01", "100000")));
  EXPECT_FALSE(check_stop_loss(shortp, price::must_parse("104999.9"), cfg));
  EXPECT_TRUE(check_stop_loss(shortp, price::must_parse("105000"), cfg));
  EXPECT_FALSE(check_stop_loss(shortp, price::must_parse("90000"), cfg));
  position flat(venue::binance, "BTCUSDT");
  EXPECT_FALSE(check_stop_loss(flat, price::must_parse("1"), cfg));
}

TEST(risk_stop_loss, contract_multiplier_cancels_out) {
  config::risk_config cfg;
  position fut(venue::ls, "101W3000", 250'000);
  fill f = make_fill(side::buy, "1", "400");
  f.venue = venue::ls;
  f.symbol = "101W3000";
  ASSERT_TRUE(fut.apply(f));
  // Cost 400 x 250,000 = 100,000,000 KRW; -5% at 380 points.
  auto hit = check_stop_loss(fut, price::must_parse("380"), cfg);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->notional, krw("100000000"));
  EXPECT_EQ(hit->pnl, krw("-5000000"));
  EXPECT_FALSE(check_stop_loss(fut, price::must_parse("380.05"), cfg));
}

// -- a hedged pair is one position --------------------------------------------

namespace {

/// 0.01 BTC long on Upbit at 100,000,000 KRW (1,000,000 KRW) and short on
/// Binance at 70,000 USDT (700 USDT = 980,000 KRW at 1,400): the pair's
/// entry notional is 1,980,000 KRW, its stop at -99,000 KRW.
leg_mark upbit_long(const char* mark, const char* q = "0.01") {
  return {quantity::must_parse(q), price::must_parse("100000000"),
          price::must_parse(mark), "KRW", 1};
}
leg_mark binance_short(const char* mark, const char* q = "0.01") {
  return {-quantity::must_parse(q), price::must_parse("70000"),
          price::must_parse(mark), "USDT", 1};
}
const price usdt_krw = price::must_parse("1400");

} // namespace

TEST(risk_stop_loss, hedged_pair_on_a_ten_percent_btc_move_does_not_fire) {
  config::risk_config cfg; // 5 %
  // BTC -10% on both venues: Upbit -100,000 KRW, Binance +70 USDT = +98,000.
  auto down = check_pair_stop_loss(upbit_long("90000000"),
                                   binance_short("63000"), usdt_krw, cfg);
  EXPECT_EQ(down.hedged, quantity::must_parse("0.01"));
  EXPECT_FALSE(down.pair);
  EXPECT_FALSE(down.a_rest) << "no leg is alone";
  EXPECT_FALSE(down.b_rest);
  EXPECT_FALSE(down.unpriced);
  // Each leg alone would have fired.
  EXPECT_TRUE(check_stop_loss(krw("-100000"), krw("1000000"), cfg));
  // BTC +10%: the short loses what the long gains.
  auto up = check_pair_stop_loss(upbit_long("110000000"),
                                 binance_short("77000"), usdt_krw, cfg);
  EXPECT_FALSE(up.pair);
  EXPECT_FALSE(up.b_rest);
}

TEST(risk_stop_loss, premium_collapse_beyond_five_percent_of_the_pair_fires) {
  config::risk_config cfg;
  // Upbit -9.8% while Binance stands still: -98,000 KRW, inside -99,000.
  EXPECT_FALSE(check_pair_stop_loss(upbit_long("90200000"),
                                    binance_short("70000"), usdt_krw, cfg)
                 .pair);
  // -10%: -100,000 KRW on 1,980,000 KRW.
  auto r = check_pair_stop_loss(upbit_long("90000000"), binance_short("70000"),
                                usdt_krw, cfg);
  ASSERT_TRUE(r.pair);
  EXPECT_EQ(r.pair->pnl, krw("-100000"));
  EXPECT_EQ(r.pair->notional, krw("1980000"));
  EXPECT_EQ(r.pair->limit, krw("-99000"));
  // The premium collapsing from Binance's side: +7.5% on the short while
  // Upbit gives up 2.65% (-26,500 + -73,500 = -100,000 KRW).
  auto b = check_pair_stop_loss(upbit_long("97350000"), binance_short("75250"),
                                usdt_krw, cfg);
  ASSERT_TRUE(b.pair);
  EXPECT_EQ(b.pair->pnl, krw("-100000"));
}

TEST(risk_stop_loss, lone_leg_losing_five_percent_fires_alone) {
  config::risk_config cfg;
  leg_mark flat{quantity{}, price{}, price{}, "USDT", 1};
  auto r = check_pair_stop_loss(upbit_long("95000000"), flat, usdt_krw, cfg);
  EXPECT_TRUE(r.hedged.is_zero());
  EXPECT_FALSE(r.pair);
  ASSERT_TRUE(r.a_rest);
  EXPECT_EQ(r.a_rest->pnl, krw("-50000"));
  EXPECT_EQ(r.a_rest->notional, krw("1000000"));
  EXPECT_FALSE(
    check_pair_stop_loss(upbit_long("95000001"), flat, usdt_krw, cfg).a_rest);
  // A short alone, in USDT.
  auto s = check_pair_stop_loss(flat, binance_short("73500"), usdt_krw, cfg);
  ASSERT_TRUE(s.b_rest);
  EXPECT_EQ(s.b_rest->pnl, krw("-35"));
  EXPECT_EQ(s.b_rest->notional, krw("700"));
}

TEST(risk_stop_loss, the_unhedged_rest_of_a_bigger_leg_is_checked_alone) {
  config::risk_config cfg;
  // 0.03 BTC long against 0.01 short: 0.01 is a pair, 0.02 stands alone.
  // BTC -5%: the pair is fine, the rest (-100,000 on 2,000,000) fires.
  auto r = check_pair_stop_loss(upbit_long("95000000", "0.03"),
                                binance_short("66500"), usdt_krw, cfg);
  EXPECT_EQ(r.hedged, quantity::must_parse("0.01"));
  EXPECT_FALSE(r.pair);
  ASSERT_TRUE(r.a_rest);
  EXPECT_EQ(r.a_rest->pnl, krw("-100000"));
  EXPECT_EQ(r.a_rest->notional, krw("2000000"));
  EXPECT_FALSE(r.b_rest);
}

TEST(risk_stop_loss, legs_on_the_same_side_are_not_a_pair) {
  config::risk_config cfg;
  leg_mark bn_long{quantity::must_parse("0.01"), price::must_parse("70000"),
                   price::must_parse("66500"), "USDT", 1};
  auto r = check_pair_stop_loss(upbit_long("95000000"), bn_long, usdt_krw, cfg);
  EXPECT_TRUE(r.hedged.is_zero());
  EXPECT_FALSE(r.pair);
  EXPECT_TRUE(r.a_rest);
  EXPECT_TRUE(r.b_rest);
}

TEST(risk_stop_loss, a_pair_without_a_usdt_rate_is_not_guessed) {
  config::risk_config cfg;
  auto r = check_pair_stop_loss(upbit_long("50000000"), binance_short("70000"),
                                price{}, cfg);
  EXPECT_TRUE(r.unpriced);
  EXPECT_FALSE(r.pair) << "no rate: neither fired nor judged leg by leg";
  EXPECT_FALSE(r.a_rest);
}
