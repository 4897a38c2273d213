#include "venues/binance/codec_requests.hpp"

#include "tests/venues/binance_codec/fixtures.hpp"

#include <gtest/gtest.h>

namespace tandem::venues::binance {
namespace {

constexpr credentials creds{"key", "secret"};
constexpr std::int64_t ts_ms = 1717000000000;
const signing_input in{ts_ms, 5000};

order_request limit_buy() {
  order_request o;
  o.id = *client_order_id::make("tdm-mhx3k2a1-2a");
  o.venue = venue::binance;
  o.symbol = "BTCUSDT";
  o.side = tandem::side::buy;
  o.type = tandem::order_type::limit;
  o.qty = quantity::must_parse("0.010");
  o.limit_price = price::must_parse("64000");
  return o;
}

venue_error refused(const order_request& o,
                    const instrument& i = test::btcusdt(),
                    const signing_input& s = in) {
  auto r = new_order(o, i, s, creds);
  EXPECT_FALSE(r);
  return r ? venue_error::rejected_other : r.error();
}

TEST(venues_binance_codec_requests_error, price_off_tick_is_not_rounded) {
  auto o = limit_buy();
  o.limit_price = price::must_parse("64000.05");
  EXPECT_EQ(refused(o), venue_error::price_off_tick);
}

TEST(venues_binance_codec_requests_error, quantity_off_lot_or_too_big) {
  auto o = limit_buy();
  o.qty = quantity::must_parse("0.0105");
  EXPECT_EQ(refused(o), venue_error::bad_quantity);
  o.qty = quantity::must_parse("1000.001");
  EXPECT_EQ(refused(o), venue_error::bad_quantity);
}

TEST(venues_binance_codec_requests_error, below_min_notional_or_qty) {
  auto o = limit_buy();
  o.qty = quantity::must_parse("0.001"); // 64 USDT < 100
  EXPECT_EQ(refused(o), venue_error::below_minimum);
  auto i = test::btcusdt();
  i.min_qty = quantity::must_parse("0.002");
  i.min_notional = money::zero();
  EXPECT_EQ(refused(o, i), venue_error::below_minimum);
}

TEST(venues_binance_codec_requests_error, conditional_types_need_algo_api) {
  auto stop = limit_buy();
  stop.type = tandem::order_type::stop;
  stop.limit_price.reset();
  stop.stop_price = price::must_parse("66000");
  EXPECT_EQ(refused(stop), venue_error::invalid_parameter);
  auto stop_limit = limit_buy();
  stop_limit.type = tandem::order_type::stop_limit;
  stop_limit.stop_price = price::must_parse("66000");
  EXPECT_EQ(refused(stop_limit), venue_error::invalid_parameter);
  auto trailing = limit_buy();
  trailing.type = tandem::order_type::trailing_stop;
  trailing.limit_price.reset();
  trailing.trailing_rate = rate::must_parse("0.01");
  EXPECT_EQ(refused(trailing), venue_error::invalid_parameter);
}

TEST(venues_binance_codec_requests_error, market_with_price) {
  auto o = limit_buy();
  o.type = tandem::order_type::market;
  EXPECT_EQ(refused(o), venue_error::invalid_parameter);
}

TEST(venues_binance_codec_requests_error, wrong_venue_or_symbol) {
  auto o = limit_buy();
  o.venue = venue::upbit;
  EXPECT_EQ(refused(o), venue_error::invalid_parameter);
  o = limit_buy();
  o.symbol = "ETHUSDT";
  EXPECT_EQ(refused(o), venue_error::invalid_parameter);
}

TEST(venues_binance_codec_requests_error, gtd_too_soon_or_too_late) {
  auto o = limit_buy();
  o.tif = tandem::time_in_force::gtd;
  o.expire_at = from_unix_ms(ts_ms + 600'000); // must be strictly later
  EXPECT_EQ(refused(o), venue_error::invalid_parameter);
  o.expire_at = from_unix_ms(ts_ms + 600'999); // truncates to +600 s
  EXPECT_EQ(refused(o), venue_error::invalid_parameter);
  o.expire_at = from_unix_ms(253'402'300'800'000);
  EXPECT_EQ(refused(o), venue_error::invalid_parameter);
  o.expire_at.reset(); // GTD without a date
  EXPECT_EQ(refused(o), venue_error::invalid_parameter);
}

TEST(venues_binance_codec_requests_error, bad_signing_input) {
  EXPECT_EQ(refused(limit_buy(), test::btcusdt(), {ts_ms, 60'001}),
            venue_error::invalid_parameter);
  EXPECT_EQ(refused(limit_buy(), test::btcusdt(), {ts_ms, 0}),
            venue_error::invalid_parameter);
  EXPECT_EQ(refused(limit_buy(), test::btcusdt(), {0, std::nullopt}),
            venue_error::invalid_parameter);
  auto r = new_order(limit_buy(), test::btcusdt(), in, credentials{"key", ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), venue_error::auth_failed); // empty secret
  auto k = new_order(limit_buy(), test::btcusdt(), in, credentials{"", "s"});
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error(), venue_error::invalid_parameter);
}

TEST(venues_binance_codec_requests_error, other_builders_check_arguments) {
  auto id = *client_order_id::make("tdm-1");
  EXPECT_FALSE(cancel_order("", id, in, creds));
  EXPECT_FALSE(cancel_order("BTCUSDT", client_order_id{}, in, creds));
  EXPECT_FALSE(query_order("", id, in, creds));
  EXPECT_FALSE(open_orders(std::string_view{}, in, creds));
  EXPECT_FALSE(change_leverage("BTCUSDT", 0, in, creds));
  EXPECT_FALSE(change_leverage("BTCUSDT", 126, in, creds));
  EXPECT_FALSE(
    countdown_cancel_all("BTCUSDT", std::chrono::milliseconds{-1}, in, creds));
  EXPECT_FALSE(listen_key_create(""));
  EXPECT_FALSE(depth("BTCUSDT", 7));
  EXPECT_FALSE(depth("", 5));
  EXPECT_FALSE(book_ticker(""));
}

} // namespace
} // namespace tandem::venues::binance
