// The market driver moves both simulated venues from one price process:
// the scripted premium is what a client measures from the venues' own REST
// answers (read with our codecs), and its timer keeps the streams moving.
#include "sim/runtime/market_driver.hpp"

#include "loopback.hpp"
#include "sim/runtime/binance_service.hpp"
#include "sim/runtime/upbit_service.hpp"
#include "venues/binance/codec_requests.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/binance/codec_stream.hpp"
#include "venues/upbit/codec_quotes.hpp"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include "venues/upbit/codec_requests.hpp"
#pragma GCC diagnostic pop

#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>

using namespace tandem;
using namespace std::chrono_literals;
using sim::testing::call;
using sim::testing::ws_probe;
namespace mk = sim::market;
namespace vb = venues::binance;
namespace vu = venues::upbit;

namespace {

class market_driver_test : public ::testing::Test {
 protected:
  void SetUp() override {
    auto b = sim::runtime::binance_service::start({});
    ASSERT_TRUE(b) << b.error();
    binance_ = std::move(*b);
    auto u = sim::runtime::upbit_service::start(sim::upbit::default_config());
    ASSERT_TRUE(u) << u.error();
    upbit_ = std::move(*u);
    runner_.start();
    bn_http_ = sim::testing::make_http(runner_, binance_->urls().rest, {});
    up_http_ = sim::testing::make_http(runner_, upbit_->urls().rest_origin, {});
  }
  void TearDown() override {
    bn_http_.reset();
    up_http_.reset();
    runner_.stop();
  }

  std::unique_ptr<sim::runtime::market_driver>
  driver(std::string_view script, std::optional<timestamp> start = {}) {
    mk::process_config c;
    c.seed = 99;
    c.upbit_usdt_ticks = sim::upbit::krw_usdt_tick();
    auto s = mk::premium_script::parse(script);
    EXPECT_TRUE(s);
    c.script = *s;
    auto p = mk::price_process::make(c, start.value_or(t0_));
    EXPECT_TRUE(p);
    return std::make_unique<sim::runtime::market_driver>(
      std::move(*p), binance_.get(), upbit_.get());
  }

  /// The premium in bps a client measures from the venues' REST answers,
  /// mid to mid (a measurement with a tolerance, so long double is fine).
  double measured_bps() {
    auto bt = call(*bn_http_, *vb::book_ticker("BTCUSDT"));
    auto top = vb::parse_book_ticker(parser_, bt.body, timestamp{});
    EXPECT_TRUE(top) << bt.body;
    const std::string markets[] = {"KRW-BTC", "KRW-USDT"};
    auto ob = call(*up_http_, *vu::orderbook_request(markets));
    auto books = vu::parse_orderbooks(ctx_, ob.body, timestamp{});
    EXPECT_TRUE(books) << ob.body;
    if (!top || !books || books->size() != 2)
      return -1e9;
    auto mid = [](price bid, price ask) {
      return (static_cast<long double>(bid.raw())
              + static_cast<long double>(ask.raw()))
             / 2e8L;
    };
    const auto& krw_btc = *(*books)[0].top;
    const auto& krw_usdt = *(*books)[1].top;
    long double p
      = mid(krw_btc.bid, krw_btc.ask)
          / (mid(top->bid, top->ask) * mid(krw_usdt.bid, krw_usdt.ask))
        - 1.0L;
    return static_cast<double>(p * 1e4L);
  }

  const timestamp t0_ = from_unix_ms(1'760'000'000'000);
  std::unique_ptr<sim::runtime::binance_service> binance_;
  std::unique_ptr<sim::runtime::upbit_service> upbit_;
  net::io_runner runner_;
  std::unique_ptr<net::http_client> bn_http_;
  std::unique_ptr<net::http_client> up_http_;
  simdjson::dom::parser parser_;
  vu::json_context ctx_;
};

} // namespace

TEST_F(market_driver_test, the_premium_opens_and_closes_on_cue_at_the_venues) {
  // Steps at times of the test's choosing, from a start at the clock's
  // now (set_premium applies at the clock's now, which the process then
  // answers as of the latest step).
  const auto t0 = system_clock_source{}.now();
  auto d = driver("hold 0 bps for 5 s, ramp to 250 bps over 2 s, hold 10 s, "
                  "ramp to 20 bps over 1 s",
                  t0);
  d->step_at(t0 + 1s);
  EXPECT_NEAR(measured_bps(), 0.0, 0.2);
  d->step_at(t0 + 8s);
  EXPECT_NEAR(measured_bps(), 250.0, 0.2);
  d->step_at(t0 + 20s);
  EXPECT_NEAR(measured_bps(), 20.0, 0.2);
  // Set outright: applied at once, no step needed.
  d->set_premium(mk::from_bps(-35));
  EXPECT_NEAR(measured_bps(), -35.0, 0.2);
}

TEST_F(market_driver_test, its_timer_keeps_book_tickers_coming) {
  ws_probe ws{runner_, binance_->urls().ws + "/ws/btcusdt@bookTicker", {}};
  ASSERT_TRUE(ws.wait_connected());
  // The timer steps at the system clock's now: start the process there.
  auto d = driver("hold 100 bps for 1 s", system_clock_source{}.now());
  ASSERT_TRUE(d->start(20ms));
  // Three different books in a row, with no step called by the test.
  std::set<std::string> seen;
  std::size_t from = 0;
  while (seen.size() < 3) {
    auto f = ws.wait_frame([](const std::string&) { return true; }, from);
    ASSERT_TRUE(f);
    ++from;
    auto top = vb::parse_market_frame(parser_, *f, timestamp{});
    ASSERT_TRUE(top);
    auto* t = std::get_if<venues::book_top>(&*top);
    ASSERT_NE(t, nullptr);
    seen.insert(t->bid.to_string());
  }
  d->stop();
  EXPECT_TRUE(d->last().has_value());
  EXPECT_FALSE(d->start(0ms));
}
