#include "risk/halt_rules.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::risk;

namespace {

const timestamp t0 = from_unix_ms(1'700'000'000'000);
quantity qty(const char* s) { return quantity::must_parse(s); }

} // namespace

TEST(risk_halt_rules, daily_loss_beyond_the_limit) {
  config::risk_config cfg; // 3% of 10,000,000 KRW
  EXPECT_FALSE(check_daily_loss(money::must_parse("-299999"), cfg, t0));
  auto h = check_daily_loss(money::must_parse("-300001"), cfg, t0);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->trigger, halt_trigger::daily_loss);
  EXPECT_EQ(h->at, t0);
  EXPECT_EQ(h->message(),
            "DAILY_LOSS: daily_pnl_krw=-300001 limit_krw=-300000");
  EXPECT_TRUE(check_daily_loss(money::must_parse("-300000"), cfg, t0));
}

TEST(risk_halt_rules, more_than_n_consecutive_errors_per_venue) {
  config::risk_config cfg; // max_consecutive_venue_errors = 10
  venue_error_streak s;
  for (int i = 0; i < 10; ++i)
    EXPECT_FALSE(s.on_error(venue::binance, "SERVER_ERROR", cfg, t0));
  // Errors on another venue are another streak.
  EXPECT_FALSE(s.on_error(venue::upbit, "RATE_LIMITED", cfg, t0));
  auto h = s.on_error(venue::binance, "SERVER_ERROR", cfg, t0);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->message(), "VENUE_ERRORS: venue=binance consecutive_errors=11 "
                          "max=10 last=SERVER_ERROR");
  EXPECT_EQ(s.count(venue::upbit), 1);
  s.on_success(venue::binance);
  EXPECT_EQ(s.count(venue::binance), 0);
  EXPECT_FALSE(s.on_error(venue::binance, "SERVER_ERROR", cfg, t0));
}

TEST(risk_halt_rules, position_mismatch_of_a_lot_or_more) {
  EXPECT_FALSE(check_position_mismatch(venue::binance, "BTCUSDT", qty("-0.002"),
                                       qty("-0.002"), qty("0.001"), t0));
  EXPECT_FALSE(check_position_mismatch(venue::upbit, "KRW-BTC", qty("0.002"),
                                       qty("0.00199"), qty("0.001"), t0));
  auto h = check_position_mismatch(venue::binance, "BTCUSDT", qty("-0.002"),
                                   qty("-0.003"), qty("0.001"), t0);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->message(), "POSITION_MISMATCH: instrument=binance:BTCUSDT "
                          "ours=-0.002 venue=-0.003 lot=0.001");
}

TEST(risk_halt_rules, rollback_venue_down_and_manual_reasons) {
  EXPECT_EQ(
    failed_rollback("tdm-1-s4", "unwind upbit #2 refused", t0).message(),
    "FAILED_ROLLBACK: pair=tdm-1-s4 unwind upbit #2 refused");
  EXPECT_EQ(venue_down(venue::binance, 30'000, t0).message(),
            "VENUE_DOWN: venue=binance away_ms=30000 while unhedged");
  auto m = manual_halt("alice", "maintenance", t0);
  EXPECT_EQ(m.trigger, halt_trigger::manual);
  EXPECT_EQ(m.message(), "MANUAL: operator=alice maintenance");
}

TEST(risk_halt_rules, latch_holds_until_an_operator_clears_it) {
  halt_latch l;
  EXPECT_FALSE(l.halted());
  EXPECT_FALSE(l.clear("alice")); // nothing to clear
  EXPECT_TRUE(l.trip(manual_halt("bob", "test", t0)));
  EXPECT_TRUE(l.halted());
  // A second trigger is recorded but does not halt again.
  EXPECT_FALSE(l.trip(failed_rollback("p", "x", t0)));
  ASSERT_EQ(l.reasons().size(), 2u);
  EXPECT_EQ(l.reasons().front().trigger, halt_trigger::manual);
  EXPECT_FALSE(l.clear("")); // someone must own the clear
  EXPECT_TRUE(l.halted());
  EXPECT_TRUE(l.clear("alice"));
  EXPECT_FALSE(l.halted());
  EXPECT_TRUE(l.reasons().empty());
}
