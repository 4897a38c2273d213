// The seeded, scriptable price process (sim/market): determinism, the
// premium script played on cue (measured from the books it produces, mid
// to mid), tick grids, and script parse errors.
#include "sim/market/price_process.hpp"

#include "sim/upbit/config.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace std::chrono_literals;
namespace mk = sim::market;

namespace {

const timestamp t0 = from_unix_ms(1'760'000'000'000);

mk::process_config config(std::uint64_t seed, std::string_view script = "") {
  mk::process_config c;
  c.seed = seed;
  c.upbit_usdt_ticks = sim::upbit::krw_usdt_tick();
  auto s = mk::premium_script::parse(script);
  EXPECT_TRUE(s) << (s ? "" : s.error());
  if (s)
    c.script = *s;
  return c;
}

mk::price_process make(std::uint64_t seed, std::string_view script = "") {
  auto p = mk::price_process::make(config(seed, script), t0);
  EXPECT_TRUE(p) << (p ? "" : p.error());
  return std::move(*p);
}

bool same(const mk::book& a, const mk::book& b) {
  auto eq
    = [](const std::vector<mk::level>& x, const std::vector<mk::level>& y) {
        if (x.size() != y.size())
          return false;
        for (std::size_t i = 0; i < x.size(); ++i)
          if (x[i].px != y[i].px || x[i].qty != y[i].qty)
            return false;
        return true;
      };
  return a.symbol == b.symbol && eq(a.bids, b.bids) && eq(a.asks, b.asks);
}

bool same(const mk::market_books& a, const mk::market_books& b) {
  return same(a.binance_btc, b.binance_btc) && same(a.upbit_btc, b.upbit_btc)
         && same(a.upbit_usdt, b.upbit_usdt);
}

/// The premium in bps measured from the books alone (mid to mid), computed
/// here rather than with implied_premium() so the test checks the library:
/// upbit_btc_mid / (binance_mid x usdt_mid) - 1, in 1e-4 bps.
std::int64_t measured_centi_bps(const mk::market_books& b) {
  auto mid = [](const mk::book& bk) {
    return (static_cast<long double>(bk.bids[0].px.raw())
            + static_cast<long double>(bk.asks[0].px.raw()))
           / 2.0L / 1e8L;
  };
  // long double is fine here: a measurement with a tolerance, not money.
  long double p
    = mid(b.upbit_btc) / (mid(b.binance_btc) * mid(b.upbit_usdt)) - 1.0L;
  return static_cast<std::int64_t>(p * 1e6L);
}

} // namespace

TEST(price_process, same_seed_same_books) {
  auto a = make(42);
  auto b = make(42);
  for (auto dt : {0ms, 50ms, 75ms, 1000ms, 60'000ms})
    EXPECT_TRUE(same(a.at(t0 + dt), b.at(t0 + dt))) << dt.count();
}

TEST(price_process, books_at_t_do_not_depend_on_how_often_it_was_asked) {
  auto polled = make(7);
  for (int i = 0; i <= 200; ++i)
    polled.at(t0 + i * 13ms);
  auto once = make(7);
  EXPECT_TRUE(same(polled.at(t0 + 2600ms), once.at(t0 + 2600ms)));
}

TEST(price_process, different_seeds_walk_differently) {
  auto a = make(1);
  auto b = make(2);
  EXPECT_FALSE(same(a.at(t0 + 10s), b.at(t0 + 10s)));
}

TEST(price_process, books_sit_on_each_venues_tick_grid) {
  auto p = make(3, "hold 137 bps for 1 s");
  const auto usdt_ticks = sim::upbit::krw_usdt_tick();
  for (std::chrono::milliseconds dt : {0ms, 500ms, 5000ms, 30000ms}) {
    auto b = p.at(t0 + dt);
    ASSERT_EQ(b.binance_btc.bids.size(), 5u);
    ASSERT_EQ(b.upbit_btc.asks.size(), 5u);
    for (const mk::book* bk : {&b.binance_btc, &b.upbit_btc, &b.upbit_usdt}) {
      EXPECT_LT(bk->bids[0].px, bk->asks[0].px) << bk->symbol;
      for (std::size_t i = 1; i < bk->bids.size(); ++i) {
        EXPECT_LT(bk->bids[i].px, bk->bids[i - 1].px) << bk->symbol;
        EXPECT_GT(bk->asks[i].px, bk->asks[i - 1].px) << bk->symbol;
      }
    }
    for (const auto& l : b.binance_btc.bids)
      EXPECT_TRUE(is_multiple_of(l.px, price::must_parse("0.1")));
    for (const auto& l : b.upbit_btc.asks)
      EXPECT_TRUE(tick_rule::upbit_krw().on_tick(l.px)) << l.px;
    for (const auto& l : b.upbit_usdt.bids)
      EXPECT_TRUE(usdt_ticks.on_tick(l.px)) << l.px;
  }
}

TEST(price_process, the_premium_follows_its_script_on_cue) {
  auto p = make(11, "hold 0 bps for 5 s, ramp to 250 bps over 2 s, "
                    "hold 10 s, ramp to 20 bps over 1 s");
  // (time, scripted bps); measured from the books within 0.2 bps (the
  // KRW-BTC tick is 1,000 KRW, 0.07 bps at these prices).
  const std::pair<std::chrono::milliseconds, std::int64_t> cues[]
    = {{0ms, 0},        {4'999ms, 0},    {6s, 125}, {7s, 250}, {12s, 250},
       {16'999ms, 250}, {17'500ms, 135}, {18s, 20}, {120s, 20}};
  for (auto [dt, bps] : cues) {
    auto b = p.at(t0 + dt);
    EXPECT_EQ(mk::to_bps(b.premium), bps) << dt.count();
    EXPECT_NEAR(static_cast<double>(measured_centi_bps(b)),
                static_cast<double>(bps * 100), 20.0)
      << "at " << dt.count() << " ms";
    auto implied = mk::implied_premium(b);
    ASSERT_TRUE(implied);
    EXPECT_EQ(mk::to_bps(*implied), bps) << dt.count();
  }
}

TEST(price_process, set_premium_overrides_the_script_at_once) {
  auto p = make(5, "hold 0 bps for 60 s");
  p.at(t0 + 1s);
  p.set_premium(mk::from_bps(300));
  auto b = p.at(t0 + 1s);
  EXPECT_NEAR(static_cast<double>(measured_centi_bps(b)), 30'000.0, 20.0);
  auto s = mk::premium_script::parse("ramp to 100 bps over 1 s");
  ASSERT_TRUE(s);
  p.set_script(*s, t0 + 2s);
  EXPECT_EQ(mk::to_bps(p.at(t0 + 2500ms).premium), 50);
}

TEST(premium_script, parses_the_forms_and_units) {
  auto s = mk::premium_script::parse(
    "hold -30 bps for 500ms; hold for 1.5 s, ramp to 12.5 bps over 1 min, "
    "hold 2s");
  ASSERT_TRUE(s) << s.error();
  EXPECT_EQ(s->segments().size(), 4u);
  EXPECT_EQ(s->length(), 500ms + 1500ms + 60s + 2s);
  EXPECT_EQ(s->at(0ms), mk::from_bps(-30));
  EXPECT_EQ(s->at(1999ms), mk::from_bps(-30));
  EXPECT_EQ(s->at(10h), rate::must_parse("0.00125"));
}

TEST(premium_script, refuses_bad_segments_with_a_clear_message) {
  for (auto bad : {"hold 5 bps", "ramp to 10 bps", "jump to 5 bps over 1 s",
                   "hold 0 bps for 5 fortnights", "ramp to abc bps over 1 s",
                   "ramp to 20000 bps over 1 s", "hold 0 bps for 0.0001 s",
                   "hold 1 s,,hold 1 s"}) {
    auto s = mk::premium_script::parse(bad);
    ASSERT_FALSE(s) << bad;
    EXPECT_NE(s.error().find("premium script segment"), std::string::npos)
      << s.error();
  }
}

TEST(price_process, walks_stay_in_their_bands) {
  auto c = config(8);
  c.btc_step_ticks = 5'000; // 500 USDT a step: would leave 10 % fast
  c.btc_band = rate::must_parse("0.1");
  c.usdt_step_ticks = 20;
  c.usdt_band = rate::must_parse("0.01");
  auto p = mk::price_process::make(c, t0);
  ASSERT_TRUE(p);
  for (int i = 1; i <= 2'000; ++i) {
    auto b = p->at(t0 + i * 50ms);
    EXPECT_GE(b.binance_btc.bids[0].px, price::must_parse("90000"));
    EXPECT_LE(b.binance_btc.bids[0].px, price::must_parse("110000"));
    EXPECT_GE(b.upbit_usdt.bids[0].px, price::must_parse("1386"));
    EXPECT_LE(b.upbit_usdt.bids[0].px, price::must_parse("1414"));
  }
}

TEST(price_process, refuses_a_config_that_cannot_make_books) {
  auto c = config(1);
  c.btc_usdt = price::must_parse("100000.05"); // off the 0.1 tick
  EXPECT_FALSE(mk::price_process::make(c, t0));
  c = config(1);
  c.step = 0ms;
  EXPECT_FALSE(mk::price_process::make(c, t0));
  c = config(1);
  c.usdt_band = rate::must_parse("1");
  EXPECT_FALSE(mk::price_process::make(c, t0));
}
