#include "risk/limits.hpp"

#include "risk/order_rate.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::risk;
using namespace std::chrono_literals;

namespace {

price px(const char* s) { return price::must_parse(s); }
quantity qty(const char* s) { return quantity::must_parse(s); }
money krw(const char* s) { return money::must_parse(s); }

const timestamp t0 = from_unix_ms(1'700'000'000'000);

instrument upbit_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = "KRW-BTC";
  i.base = "BTC";
  i.quote = "KRW";
  i.tick = tick_rule::upbit_krw();
  i.lot = qty("0.00000001");
  return i;
}

instrument binance_btc() {
  instrument i;
  i.venue = venue::binance;
  i.symbol = "BTCUSDT";
  i.base = "BTC";
  i.quote = "USDT";
  i.kind = instrument_kind::perpetual;
  i.tick = tick_rule::fixed(px("0.1"));
  i.lot = qty("0.001");
  return i;
}

order_request order(const instrument& i, side s, const char* q,
                    std::optional<const char*> p) {
  order_request o;
  o.id = *client_order_id::make("tdm-1-1");
  o.venue = i.venue;
  o.symbol = i.symbol;
  o.side = s;
  o.qty = qty(q);
  if (p) {
    o.type = order_type::limit;
    o.limit_price = px(*p);
  } else {
    o.type = order_type::market;
  }
  return o;
}

struct risk_limits : ::testing::Test {
  config::risk_config cfg; // defaults: capital 10,000,000 KRW, ...
  instrument up = upbit_btc();
  instrument bn = binance_btc();
  risk_snapshot snap;

  risk_limits() {
    snap.now = t0;
    snap.usdt_krw = px("1440");
  }

  void hold(const instrument& i, const char* q, const char* mark) {
    snap.positions.push_back(
      position_exposure{i.venue, i.symbol, qty(q), px(mark), i.quote, 1});
  }

  std::string verdict(const order_request& o, const instrument& i) {
    auto v = check(o, i, snap, cfg);
    return v ? v->message() : "pass";
  }
};

} // namespace

TEST_F(risk_limits, an_ordinary_leg_passes) {
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up), "pass");
  EXPECT_EQ(verdict(order(bn, side::sell, "0.002", "97000"), bn), "pass");
}

TEST_F(risk_limits, max_order_notional_in_krw) {
  // 0.007 x 143,000,000 = 1,001,000 KRW > 1,000,000.
  EXPECT_EQ(verdict(order(up, side::buy, "0.007", "143000000"), up),
            "MAX_ORDER_NOTIONAL: notional_krw=1001000 max_krw=1000000");
  // USDT converted: 0.008 x 97,000 = 776 USDT x 1,440 = 1,117,440 KRW.
  EXPECT_EQ(verdict(order(bn, side::sell, "0.008", "97000"), bn),
            "MAX_ORDER_NOTIONAL: notional_krw=1117440 max_krw=1000000");
  // 0.007 -> 977,760 KRW: passes.
  EXPECT_EQ(verdict(order(bn, side::sell, "0.007", "97000"), bn), "pass");
}

TEST_F(risk_limits, usdt_orders_need_a_rate) {
  snap.usdt_krw = price::zero();
  EXPECT_EQ(verdict(order(bn, side::sell, "0.002", "97000"), bn),
            "NO_FX_RATE: quote=USDT usdt_krw=0");
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up), "pass");
}

TEST_F(risk_limits, daily_loss_reached_vetoes_everything) {
  // 3% of 10,000,000 KRW = 300,000 KRW.
  snap.daily_pnl_krw = krw("-299999.99999999");
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up), "pass");
  snap.daily_pnl_krw = krw("-300000");
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up),
            "DAILY_LOSS_LIMIT: daily_pnl_krw=-300000 limit_krw=-300000");
  auto close = order(bn, side::buy, "0.001", "97000");
  close.reduce_only = true;
  auto v = check(close, bn, snap, cfg);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->rule, risk_rule::daily_loss_limit);
}

TEST_F(risk_limits, max_open_orders) {
  snap.open_orders = 9;
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up), "pass");
  snap.open_orders = 10;
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up),
            "MAX_OPEN_ORDERS: open=10 max=10");
}

TEST_F(risk_limits, order_rate_over_a_sliding_second) {
  // Four in the window, one exactly a second ago (out): a fifth may go.
  snap.recent_orders = {t0 - 1s, t0 - 999ms, t0 - 500ms, t0 - 1ms, t0};
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up), "pass");
  snap.recent_orders.push_back(t0);
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up),
            "ORDER_RATE: orders_last_1s=5 max=5");
  snap.now = t0 + 1ms; // t0 - 999ms leaves the window
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up), "pass");
}

TEST_F(risk_limits, binance_leverage_above_max_blocks_opening_orders) {
  snap.binance_leverage = 3;
  EXPECT_EQ(verdict(order(bn, side::sell, "0.002", "97000"), bn),
            "VENUE_LEVERAGE: binance_leverage=3 max=2");
  auto close = order(bn, side::buy, "0.002", "97000");
  close.reduce_only = true;
  EXPECT_EQ(verdict(close, bn), "pass");
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up), "pass");
  snap.binance_leverage = 2;
  EXPECT_EQ(verdict(order(bn, side::sell, "0.002", "97000"), bn), "pass");
}

TEST_F(risk_limits, max_position_per_side) {
  // 50% of 10,000,000 = 5,000,000 KRW. Held: 0.034 BTC = 4,862,000 KRW.
  hold(up, "0.034", "143000000");
  EXPECT_EQ(verdict(order(up, side::buy, "0.001", "143000000"), up),
            "MAX_POSITION: instrument=upbit:KRW-BTC position_after=0.035 "
            "value_krw=5005000 max_krw=5000000");
  // Reducing is always allowed.
  EXPECT_EQ(verdict(order(up, side::sell, "0.002", "143000000"), up), "pass");
  // The short side on Binance, valued in KRW at the mark:
  // 0.036 x 97,000 x 1,440 = 5,028,480 KRW.
  hold(bn, "-0.035", "97000");
  EXPECT_EQ(verdict(order(bn, side::sell, "0.001", "97000"), bn),
            "MAX_POSITION: instrument=binance:BTCUSDT position_after=-0.036 "
            "value_krw=5028480 max_krw=5000000");
  EXPECT_EQ(verdict(order(bn, side::buy, "0.001", "97000"), bn), "pass");
}

TEST_F(risk_limits, flipping_past_zero_is_judged_on_the_new_side) {
  hold(bn, "0.001", "97000");
  // Long 0.001, sell 0.0369: short 0.0359 = 5,014,512 KRW.
  EXPECT_EQ(check(order(bn, side::sell, "0.0369", "97000"), bn, snap, cfg)
              .value_or(veto{})
              .rule,
            risk_rule::max_order_notional);
  cfg.max_order_notional_krw = krw("100000000");
  auto v = check(order(bn, side::sell, "0.0369", "97000"), bn, snap, cfg);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->rule, risk_rule::max_position);
}

TEST_F(risk_limits, gross_leverage_across_instruments) {
  cfg.max_position_pct = 100;
  cfg.max_leverage = 1;           // gross <= 10,000,000 KRW
  hold(up, "0.034", "143000000"); // 4,862,000 KRW
  hold(bn, "-0.035", "97000");    // 4,888,800 KRW
  // Upbit after 0.036: 5,148,000 + 4,888,800 = 10,036,800 KRW.
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up),
            "MAX_LEVERAGE: gross_krw=10036800 max_krw=10000000 "
            "max_leverage=1");
  EXPECT_EQ(verdict(order(up, side::buy, "0.0009", "143000000"), up), "pass");
}

TEST_F(risk_limits, market_orders_are_valued_at_the_mark) {
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", std::nullopt), up),
            "NO_REFERENCE_PRICE: order=upbit:KRW-BTC has no price or mark");
  hold(up, "0", "143000000");
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", std::nullopt), up), "pass");
  EXPECT_EQ(verdict(order(up, side::buy, "0.007", std::nullopt), up),
            "MAX_ORDER_NOTIONAL: notional_krw=1001000 max_krw=1000000");
}

TEST_F(risk_limits, unknown_exposure_does_not_pass_silently) {
  hold(bn, "-0.01", "0"); // no mark
  EXPECT_EQ(verdict(order(up, side::buy, "0.002", "143000000"), up),
            "NO_REFERENCE_PRICE: position=binance:BTCUSDT has no mark");
}

TEST_F(risk_limits, malformed_orders_are_vetoed) {
  EXPECT_EQ(check(order(up, side::buy, "0", "143000000"), up, snap, cfg)
              .value_or(veto{risk_rule::max_leverage, ""})
              .rule,
            risk_rule::bad_order);
  EXPECT_EQ(check(order(up, side::buy, "0.001", "143000000"), bn, snap, cfg)
              .value_or(veto{risk_rule::max_leverage, ""})
              .rule,
            risk_rule::bad_order);
}

TEST(risk_helpers, percent_and_conversion) {
  EXPECT_EQ(percent_of(krw("10000000"), 3), krw("300000"));
  EXPECT_EQ(percent_of(krw("0.00000099"), 50), krw("0.00000049"));
  EXPECT_EQ(to_krw(krw("1.5"), "USDT", px("1440")), krw("2160"));
  EXPECT_EQ(to_krw(krw("1.5"), "KRW", price::zero()), krw("1.5"));
  EXPECT_FALSE(to_krw(krw("1"), "USDT", price::zero()));
  EXPECT_FALSE(to_krw(krw("1"), "EUR", px("1")));
  EXPECT_EQ(to_string(risk_rule::order_rate), "ORDER_RATE");
}

TEST(risk_order_rate, log_keeps_a_sorted_window) {
  order_rate_log log;
  log.record(t0);
  log.record(t0 - 2s); // out of order
  log.record(t0 - 500ms);
  EXPECT_EQ(count_in_window(log.times(), t0), 2u);
  log.prune(t0);
  ASSERT_EQ(log.times().size(), 2u);
  EXPECT_EQ(log.times()[0], t0 - 500ms);
  log.prune(t0 + 500ms); // t0 - 500ms is exactly a second old: gone
  ASSERT_EQ(log.times().size(), 1u);
  EXPECT_EQ(log.times()[0], t0);
}
