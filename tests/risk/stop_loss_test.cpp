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
