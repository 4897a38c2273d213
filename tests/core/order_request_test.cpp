#include "core/order_request.hpp"

#include <gtest/gtest.h>

using namespace tandem;

namespace {

order_request base(order_type t) {
  order_request o;
  o.id = *client_order_id::make("tdm-1-1");
  o.venue = venue::binance;
  o.symbol = "BTCUSDT";
  o.type = t;
  o.qty = quantity::must_parse("0.01");
  return o;
}

validation_error code(const order_request& o) {
  auto v = check_shape(o);
  EXPECT_TRUE(v);
  return v ? v->code : validation_error{};
}

} // namespace

TEST(core_order_request, valid_shapes) {
  auto m = base(order_type::market);
  EXPECT_EQ(check_shape(m), std::nullopt);
  auto l = base(order_type::limit);
  l.limit_price = price::must_parse("97000");
  EXPECT_EQ(check_shape(l), std::nullopt);
  auto s = base(order_type::stop);
  s.stop_price = price::must_parse("90000");
  EXPECT_EQ(check_shape(s), std::nullopt);
  auto sl = base(order_type::stop_limit);
  sl.stop_price = price::must_parse("90000");
  sl.limit_price = price::must_parse("89900");
  EXPECT_EQ(check_shape(sl), std::nullopt);
  auto t = base(order_type::trailing_stop);
  t.trailing_rate = rate::must_parse("0.01");
  EXPECT_EQ(check_shape(t), std::nullopt);
  auto g = base(order_type::limit);
  g.limit_price = price::must_parse("97000");
  g.tif = time_in_force::gtd;
  g.expire_at = from_unix_ms(1'800'000'000'000);
  EXPECT_EQ(check_shape(g), std::nullopt);
  auto ro = base(order_type::market);
  ro.reduce_only = true;
  ro.tif = time_in_force::ioc;
  EXPECT_EQ(check_shape(ro), std::nullopt);
}

TEST(core_order_request, limit_without_price) {
  EXPECT_EQ(code(base(order_type::limit)), validation_error::missing_price);
  EXPECT_EQ(code(base(order_type::stop_limit)),
            validation_error::missing_price);
}

TEST(core_order_request, market_with_price) {
  auto m = base(order_type::market);
  m.limit_price = price::must_parse("1");
  EXPECT_EQ(code(m), validation_error::unexpected_price);
  m.limit_price.reset();
  m.stop_price = price::must_parse("1");
  EXPECT_EQ(code(m), validation_error::unexpected_price);
}

TEST(core_order_request, stop_without_trigger) {
  EXPECT_EQ(code(base(order_type::stop)), validation_error::missing_stop_price);
  auto sl = base(order_type::stop_limit);
  sl.limit_price = price::must_parse("1");
  EXPECT_EQ(code(sl), validation_error::missing_stop_price);
}

TEST(core_order_request, trailing_rules) {
  auto t = base(order_type::trailing_stop);
  EXPECT_EQ(code(t), validation_error::missing_trailing);
  t.trailing_rate = rate::must_parse("0.01");
  t.trailing_amount = price::must_parse("100");
  EXPECT_EQ(code(t), validation_error::bad_trailing);
  t.trailing_amount.reset();
  t.trailing_rate = rate::must_parse("-0.01");
  EXPECT_EQ(code(t), validation_error::bad_trailing);
  auto l = base(order_type::limit);
  l.limit_price = price::must_parse("1");
  l.trailing_rate = rate::must_parse("0.01");
  EXPECT_EQ(code(l), validation_error::bad_trailing);
}

TEST(core_order_request, gtd_needs_expiry_and_only_gtd_has_one) {
  auto g = base(order_type::limit);
  g.limit_price = price::must_parse("1");
  g.tif = time_in_force::gtd;
  EXPECT_EQ(code(g), validation_error::missing_expiry);
  g.tif = time_in_force::gtc;
  g.expire_at = from_unix_ms(1);
  EXPECT_EQ(code(g), validation_error::missing_expiry);
  auto m = base(order_type::market);
  m.tif = time_in_force::gtd;
  m.expire_at = from_unix_ms(1);
  EXPECT_EQ(code(m), validation_error::bad_time_in_force);
}

TEST(core_order_request, quantities_and_prices_must_be_positive) {
  auto m = base(order_type::market);
  m.qty = quantity::zero();
  EXPECT_EQ(code(m), validation_error::non_positive_quantity);
  auto l = base(order_type::limit);
  l.limit_price = price::must_parse("-1");
  EXPECT_EQ(code(l), validation_error::non_positive_price);
}

TEST(core_order_request, missing_client_id) {
  auto m = base(order_type::market);
  m.id = client_order_id{};
  EXPECT_EQ(code(m), validation_error::bad_client_order_id);
}
