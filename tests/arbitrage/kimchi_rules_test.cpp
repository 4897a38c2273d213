#include "arbitrage/kimchi_rules.hpp"

#include "tests/arbitrage/fixtures.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::arbitrage;
using namespace tandem::arbitrage::test;
using namespace std::chrono_literals;

namespace {

const timestamp t0 = from_unix_ms(1'700'000'000'000);

struct arbitrage_kimchi_rules : ::testing::Test {
  kimchi_params params() {
    kimchi_params p;
    p.cfg.order_qty = qty("0.002"); // 0.001 is under Binance's 100 USDT
    p.fees = {rt("0.0005"), rt("0.0005")};
    p.upbit = upbit_krw_btc();
    p.binance = binance_btcusdt();
    return p;
  }

  kimchi_rules rules(kimchi_params p) {
    auto ids = signal_id_generator::make("tdm", 36 * 36 + 1);
    auto r = kimchi_rules::make(std::move(p), *ids);
    EXPECT_TRUE(r);
    return *r;
  }

  kimchi_rules rules() { return rules(params()); }

  /// Entry premium 227.45 bps (see premium_test), exit premium ~ 248 bps.
  void quote(timestamp at, const char* upbit_ask = "143000000",
             const char* upbit_bid = "142900000") {
    board.update(
      top(venue::upbit, "KRW-BTC", upbit_bid, "1", upbit_ask, "1", at));
    board.update(
      top(venue::binance, "BTCUSDT", "97000", "1", "97000.1", "1", at));
    board.update(
      top(venue::upbit, "KRW-USDT", "1439", "100000", "1440", "100000", at));
  }

  quote_board board;
};

} // namespace

TEST_F(arbitrage_kimchi_rules, flat_and_premium_above_entry_signals_an_entry) {
  auto r = rules();
  quote(t0);
  auto s = r.evaluate(board, t0 + 100ms);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->id, "tdm-101-s1"); // session 1297 = "101" in base36
  EXPECT_EQ(s->kind, pair_kind::entry);
  EXPECT_EQ(s->cause, signal_cause::entry_threshold);
  EXPECT_EQ(s->premium.to_string(), "227.453569");
  EXPECT_EQ(s->qty, qty("0.002"));
  // 143,000,000 x 1.001 = 143,143,000 (on the 1,000 KRW tick); buy <= it.
  EXPECT_EQ(s->upbit_limit, px("143143000"));
  // 97,000 x 0.999 = 96,903 (on the 0.1 tick); sell >= it.
  EXPECT_EQ(s->binance_limit, px("96903"));
  EXPECT_EQ(s->quoted.upbit_krw, px("143000000"));
  EXPECT_EQ(s->quoted.binance_usdt, px("97000"));
  EXPECT_EQ(s->quoted.usdt_krw, px("1440"));
  EXPECT_EQ(s->upbit_quote_ts, t0);
  EXPECT_EQ(s->binance_quote_ts, t0);
  EXPECT_EQ(s->usdt_krw_quote_ts, t0);
  EXPECT_EQ(s->created, t0 + 100ms);
  EXPECT_EQ(r.state(), strategy_state::entering);
  EXPECT_EQ(r.last_decision(), decision::signalled);
}

TEST_F(arbitrage_kimchi_rules, nothing_while_a_pair_is_in_flight) {
  auto r = rules();
  quote(t0);
  ASSERT_TRUE(r.evaluate(board, t0));
  EXPECT_FALSE(r.evaluate(board, t0));
  EXPECT_EQ(r.last_decision(), decision::busy);
}

TEST_F(arbitrage_kimchi_rules, below_entry_threshold_no_signal) {
  auto r = rules();
  quote(t0, "142500000", "142400000"); // ~192 bps net
  EXPECT_FALSE(r.evaluate(board, t0));
  EXPECT_EQ(r.last_decision(), decision::below_threshold);
  ASSERT_TRUE(r.last_premium());
  EXPECT_LT(*r.last_premium(), whole_bps(200));
  EXPECT_GT(*r.last_premium(), whole_bps(190));
  EXPECT_EQ(r.state(), strategy_state::flat);
}

TEST_F(arbitrage_kimchi_rules, a_premium_exactly_at_entry_bps_enters) {
  auto p = params();
  p.fees = {rate::zero(), rate::zero()};
  p.upbit.min_notional = money::zero();
  p.binance.min_notional = money::zero();
  auto r = rules(p);
  // 102 / (1 x 100) - 1 = 200 bps exactly.
  board.update(top(venue::upbit, "KRW-BTC", "101", "1", "102", "1", t0));
  board.update(top(venue::binance, "BTCUSDT", "1", "1", "1.1", "1", t0));
  board.update(top(venue::upbit, "KRW-USDT", "99", "1", "100", "1", t0));
  auto s = r.evaluate(board, t0);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->premium, whole_bps(200));
}

TEST_F(arbitrage_kimchi_rules, stale_quote_on_either_venue_never_signals) {
  auto r = rules();
  quote(t0);
  // max_quote_age_ms defaults to 500: the Binance top is 501 ms old.
  board.update(
    top(venue::upbit, "KRW-BTC", "142900000", "1", "143000000", "1", t0 + 1ms));
  board.update(
    top(venue::upbit, "KRW-USDT", "1439", "1", "1440", "1", t0 + 1ms));
  EXPECT_FALSE(r.evaluate(board, t0 + 501ms));
  EXPECT_EQ(r.last_decision(), decision::stale_quote);
  // The conversion rate counts too.
  quote(t0 + 1s);
  board.update(top(venue::upbit, "KRW-BTC", "142900000", "1", "143000000", "1",
                   t0 + 1s + 1ms));
  board.update(top(venue::binance, "BTCUSDT", "97000", "1", "97000.1", "1",
                   t0 + 1s + 1ms));
  EXPECT_FALSE(r.evaluate(board, t0 + 1s + 501ms));
  EXPECT_EQ(r.last_decision(), decision::stale_quote);
  // Exactly 500 ms old is still fresh.
  quote(t0 + 2s);
  EXPECT_TRUE(r.evaluate(board, t0 + 2s + 500ms));
}

TEST_F(arbitrage_kimchi_rules, missing_or_broken_books_never_signal) {
  auto r = rules();
  EXPECT_FALSE(r.evaluate(board, t0));
  EXPECT_EQ(r.last_decision(), decision::missing_quote);
  quote(t0);
  board.update(
    top(venue::binance, "BTCUSDT", "97000.1", "1", "97000.1", "1", t0));
  EXPECT_FALSE(r.evaluate(board, t0));
  EXPECT_EQ(r.last_decision(), decision::bad_book);
}

TEST_F(arbitrage_kimchi_rules, thin_books_refuse_with_the_reason) {
  auto r = rules();
  quote(t0);
  // Only 0.0015 BTC at the Binance bid: 0.001 after rounding, 97 USDT.
  board.update(
    top(venue::binance, "BTCUSDT", "97000", "0.0015", "97000.1", "1", t0));
  EXPECT_FALSE(r.evaluate(board, t0));
  EXPECT_EQ(r.last_decision(), decision::size_refused);
  ASSERT_TRUE(r.last_refusal());
  EXPECT_EQ(r.last_refusal()->reason, size_refusal_reason::below_min_notional);
  EXPECT_EQ(r.state(), strategy_state::flat);
}

TEST_F(arbitrage_kimchi_rules, caller_cap_and_fresh_depth_size_the_pair) {
  auto p = params();
  p.cfg.order_qty = qty("0.01");
  auto r = rules(p);
  quote(t0); // tops show 1 BTC each
  venues::book_depth d;
  d.venue = venue::upbit;
  d.symbol = "KRW-BTC";
  // Within the 143,143,000 limit: 0.004 + 0.003; the 3rd level is beyond.
  d.asks = {{px("143000000"), qty("0.004")},
            {px("143143000"), qty("0.003")},
            {px("143144000"), qty("5")}};
  board.update(d, t0);
  auto s = r.evaluate(board, t0);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->qty, qty("0.007"));
  // A stale depth snapshot falls back to the top's size; the cap still
  // applies.
  auto r2 = rules(p);
  quote(t0 + 1s);
  auto s2 = r2.evaluate(board, t0 + 1s, qty("0.0035"));
  ASSERT_TRUE(s2);
  EXPECT_EQ(s2->qty, qty("0.003"));
}

TEST_F(arbitrage_kimchi_rules, hedged_exits_at_or_below_exit_bps) {
  auto r = rules();
  r.restore(qty("0.002"), t0);
  EXPECT_EQ(r.state(), strategy_state::hedged);
  quote(t0 + 1s); // exit premium ~ 248 bps: hold
  EXPECT_FALSE(r.evaluate(board, t0 + 1s));
  EXPECT_EQ(r.last_decision(), decision::holding);
  // Upbit bid falls to 140,000,000: exit premium
  // 140,000,000 x 1.0005 / (97,000.1 x 0.9995 x 1,439) - 1 ~ 39.9 bps.
  quote(t0 + 2s, "140100000", "140000000");
  auto s = r.evaluate(board, t0 + 2s);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, pair_kind::exit);
  EXPECT_EQ(s->cause, signal_cause::exit_threshold);
  EXPECT_LE(s->premium, whole_bps(50));
  EXPECT_EQ(s->qty, qty("0.002"));
  EXPECT_EQ(s->quoted.upbit_krw, px("140000000"));  // the bid
  EXPECT_EQ(s->quoted.binance_usdt, px("97000.1")); // the ask
  EXPECT_EQ(s->quoted.usdt_krw, px("1439"));        // the bid
  // Sell 140,000,000 x 0.999 = 139,860,000 (on the 1,000 KRW tick).
  EXPECT_EQ(s->upbit_limit, px("139860000"));
  // Buy 97,000.1 x 1.001 = 97,097.1001 -> down to the tick: 97,097.1.
  EXPECT_EQ(s->binance_limit, px("97097.1"));
  EXPECT_EQ(r.state(), strategy_state::exiting);
}

TEST_F(arbitrage_kimchi_rules, exit_of_a_small_pair_is_reduce_only_on_binance) {
  auto r = rules();
  r.restore(qty("0.001"), t0); // 97 USDT: fine for a reduce-only buy
  quote(t0 + 86'400s + 1s);
  auto s = r.evaluate(board, t0 + 86'400s + 1s);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->qty, qty("0.001"));
}

TEST_F(arbitrage_kimchi_rules, max_holding_time_forces_an_exit) {
  auto r = rules();
  r.restore(qty("0.002"), t0);
  // max_holding_s defaults to 86,400.
  quote(t0 + 86'400s - 1ms);
  EXPECT_FALSE(r.evaluate(board, t0 + 86'400s - 1ms));
  EXPECT_EQ(r.last_decision(), decision::holding);
  quote(t0 + 86'400s);
  auto s = r.evaluate(board, t0 + 86'400s);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->cause, signal_cause::max_holding);
  EXPECT_GT(s->premium, whole_bps(50));
}

TEST_F(arbitrage_kimchi_rules, max_holding_still_needs_fresh_quotes) {
  auto r = rules();
  r.restore(qty("0.002"), t0);
  quote(t0);
  EXPECT_FALSE(r.evaluate(board, t0 + 100'000s));
  EXPECT_EQ(r.last_decision(), decision::stale_quote);
}

TEST_F(arbitrage_kimchi_rules, settlement_moves_the_state) {
  auto r = rules();
  EXPECT_FALSE(r.on_settled(qty("0.002"), t0)); // nothing in flight
  quote(t0);
  ASSERT_TRUE(r.evaluate(board, t0));
  EXPECT_TRUE(r.on_settled(qty("0.002"), t0 + 1s));
  EXPECT_EQ(r.state(), strategy_state::hedged);
  EXPECT_EQ(r.hedged_qty(), qty("0.002"));
  EXPECT_EQ(r.opened_at(), t0 + 1s);
  // A partial exit keeps the pair and its open time.
  quote(t0 + 86'401s);
  ASSERT_TRUE(r.evaluate(board, t0 + 86'401s));
  EXPECT_TRUE(r.on_settled(qty("0.001"), t0 + 86'402s));
  EXPECT_EQ(r.state(), strategy_state::hedged);
  EXPECT_EQ(r.hedged_qty(), qty("0.001"));
  EXPECT_EQ(r.opened_at(), t0 + 1s);
  // A full exit: flat.
  quote(t0 + 86'403s);
  ASSERT_TRUE(r.evaluate(board, t0 + 86'403s));
  EXPECT_TRUE(r.on_settled(quantity::zero(), t0 + 86'404s));
  EXPECT_EQ(r.state(), strategy_state::flat);
  EXPECT_EQ(r.hedged_qty(), quantity::zero());
}

TEST_F(arbitrage_kimchi_rules, rolled_back_entry_and_dust_are_flat) {
  auto r = rules();
  quote(t0);
  ASSERT_TRUE(r.evaluate(board, t0));
  EXPECT_TRUE(r.on_settled(quantity::zero(), t0));
  EXPECT_EQ(r.state(), strategy_state::flat);
  ASSERT_TRUE(r.evaluate(board, t0));
  // Less than one common lot (0.001) hedged cannot be exited: flat.
  EXPECT_TRUE(r.on_settled(qty("0.00099999"), t0));
  EXPECT_EQ(r.state(), strategy_state::flat);
}

TEST_F(arbitrage_kimchi_rules, signal_ids_are_unique_and_sequenced) {
  auto r = rules();
  quote(t0);
  auto a = r.evaluate(board, t0);
  r.on_settled(quantity::zero(), t0);
  auto b = r.evaluate(board, t0);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->id, "tdm-101-s1");
  EXPECT_EQ(b->id, "tdm-101-s2");
  auto g = signal_id_generator::make("tdm", 0, 36);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->next(), "tdm-0-s10");
  EXPECT_EQ(g->next_seq(), 37u);
  EXPECT_FALSE(signal_id_generator::make("TDM", 1));
  EXPECT_FALSE(signal_id_generator::make("", 1));
  EXPECT_FALSE(signal_id_generator::make("toolongpx", 1));
}

TEST_F(arbitrage_kimchi_rules, make_refuses_contradictory_params) {
  auto ids = *signal_id_generator::make("tdm", 1);
  auto p = params();
  p.cfg.exit_bps = p.cfg.entry_bps;
  EXPECT_EQ(kimchi_rules::make(p, ids).error(), arbitrage_error::bad_params);
  p = params();
  p.binance.symbol = "ETHUSDT";
  EXPECT_EQ(kimchi_rules::make(p, ids).error(), arbitrage_error::bad_params);
  p = params();
  p.fees.upbit = rt("-0.001");
  EXPECT_EQ(kimchi_rules::make(p, ids).error(), arbitrage_error::bad_fee);
  p = params();
  p.cfg.leg_slippage_bps = -1;
  EXPECT_EQ(kimchi_rules::make(p, ids).error(), arbitrage_error::bad_params);
  p = params();
  p.binance.lot = quantity::zero();
  EXPECT_EQ(kimchi_rules::make(p, ids).error(), arbitrage_error::invalid_lot);
}

TEST(arbitrage_marketable_limit, stays_marketable_within_the_slippage) {
  auto up = upbit_krw_btc();
  // 999,500 is in the 500-KRW band; +10 bps crosses into the 1,000 band:
  // 1,000,499.5 rounds down to 1,000,000, still >= the ask.
  EXPECT_EQ(*marketable_limit(up, side::buy, px("999500"), 10), px("1000000"));
  // Sell 1,000,000 - 10 bps = 999,000 (on the 500 tick).
  EXPECT_EQ(*marketable_limit(up, side::sell, px("1000000"), 10), px("999000"));
  // Zero slippage: the top itself.
  EXPECT_EQ(*marketable_limit(up, side::buy, px("143000000"), 0),
            px("143000000"));
  auto bn = binance_btcusdt();
  // 97,000.1 x 0.999 = 96,903.0999 -> up to 96,903.1 (sell never below).
  EXPECT_EQ(*marketable_limit(bn, side::sell, px("97000.1"), 10),
            px("96903.1"));
  EXPECT_EQ(marketable_limit(bn, side::sell, px("0"), 10).error(),
            arbitrage_error::non_positive_price);
  EXPECT_EQ(marketable_limit(bn, side::sell, px("1"), 10'000).error(),
            arbitrage_error::bad_params);
}
