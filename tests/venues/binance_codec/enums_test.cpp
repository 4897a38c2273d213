#include "venues/binance/enums.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <utility>

namespace tandem::venues::binance {
namespace {

using core_status = tandem::order_status;
using core_type = tandem::order_type;
using core_tif = tandem::time_in_force;
using ev = tandem::order_event;

// -- order status
// ----------------------------------------------------------------

TEST(venues_binance_enums, order_status_round_trips_every_value) {
  const std::pair<order_status, std::string_view> rows[] = {
    {order_status::new_, "NEW"},
    {order_status::partially_filled, "PARTIALLY_FILLED"},
    {order_status::filled, "FILLED"},
    {order_status::canceled, "CANCELED"},
    {order_status::rejected, "REJECTED"},
    {order_status::expired, "EXPIRED"},
    {order_status::expired_in_match, "EXPIRED_IN_MATCH"},
  };
  for (auto [value, wire] : rows) {
    EXPECT_EQ(to_wire(value), wire);
    auto parsed = parse_order_status(wire);
    ASSERT_TRUE(parsed) << wire;
    EXPECT_EQ(*parsed, value) << wire;
  }
}

TEST(venues_binance_enums, order_status_maps_to_core) {
  EXPECT_EQ(to_core(order_status::new_), core_status::accepted);
  EXPECT_EQ(to_core(order_status::partially_filled),
            core_status::partially_filled);
  EXPECT_EQ(to_core(order_status::filled), core_status::filled);
  EXPECT_EQ(to_core(order_status::canceled), core_status::canceled);
  EXPECT_EQ(to_core(order_status::rejected), core_status::rejected);
  EXPECT_EQ(to_core(order_status::expired), core_status::expired);
  EXPECT_EQ(to_core(order_status::expired_in_match), core_status::expired);
}

TEST(venues_binance_enums, rest_status_gives_its_event) {
  EXPECT_EQ(event_for(order_status::new_), ev::accepted);
  EXPECT_EQ(event_for(order_status::partially_filled), ev::partial_fill);
  EXPECT_EQ(event_for(order_status::filled), ev::fill);
  EXPECT_EQ(event_for(order_status::canceled), ev::canceled);
  EXPECT_EQ(event_for(order_status::rejected), ev::rejected);
  EXPECT_EQ(event_for(order_status::expired), ev::expired);
  EXPECT_EQ(event_for(order_status::expired_in_match), ev::expired);
}

// -- execution type
// --------------------------------------------------------------

TEST(venues_binance_enums, execution_type_round_trips_every_value) {
  const std::pair<execution_type, std::string_view> rows[] = {
    {execution_type::new_, "NEW"},
    {execution_type::trade, "TRADE"},
    {execution_type::canceled, "CANCELED"},
    {execution_type::expired, "EXPIRED"},
    {execution_type::calculated, "CALCULATED"},
    {execution_type::amendment, "AMENDMENT"},
  };
  for (auto [value, wire] : rows) {
    EXPECT_EQ(to_wire(value), wire);
    auto parsed = parse_execution_type(wire);
    ASSERT_TRUE(parsed) << wire;
    EXPECT_EQ(*parsed, value) << wire;
  }
}

TEST(venues_binance_enums, stream_event_from_execution_and_status) {
  using x = execution_type;
  using s = order_status;
  EXPECT_EQ(event_for(x::new_, s::new_), ev::accepted);
  EXPECT_EQ(event_for(x::trade, s::partially_filled), ev::partial_fill);
  EXPECT_EQ(event_for(x::trade, s::filled), ev::fill);
  EXPECT_EQ(event_for(x::calculated, s::filled), ev::fill);
  EXPECT_EQ(event_for(x::calculated, s::partially_filled), ev::partial_fill);
  EXPECT_EQ(event_for(x::canceled, s::canceled), ev::canceled);
  EXPECT_EQ(event_for(x::expired, s::expired), ev::expired);
  EXPECT_EQ(event_for(x::expired, s::expired_in_match), ev::expired);
  EXPECT_EQ(event_for(x::amendment, s::new_), ev::accepted);
  // A fill whose order is not FILLED leaves quantity open.
  EXPECT_EQ(event_for(x::trade, s::expired), ev::partial_fill);
}

// -- side
// ------------------------------------------------------------------------

TEST(venues_binance_enums, side_round_trips) {
  EXPECT_EQ(to_wire(tandem::side::buy), "BUY");
  EXPECT_EQ(to_wire(tandem::side::sell), "SELL");
  EXPECT_EQ(*parse_side("BUY"), tandem::side::buy);
  EXPECT_EQ(*parse_side("SELL"), tandem::side::sell);
}

// -- order type
// ------------------------------------------------------------------

TEST(venues_binance_enums, order_type_round_trips_every_value) {
  const std::pair<order_type, std::string_view> rows[] = {
    {order_type::limit, "LIMIT"},
    {order_type::market, "MARKET"},
    {order_type::stop, "STOP"},
    {order_type::stop_market, "STOP_MARKET"},
    {order_type::take_profit, "TAKE_PROFIT"},
    {order_type::take_profit_market, "TAKE_PROFIT_MARKET"},
    {order_type::trailing_stop_market, "TRAILING_STOP_MARKET"},
  };
  for (auto [value, wire] : rows) {
    EXPECT_EQ(to_wire(value), wire);
    auto parsed = parse_order_type(wire);
    ASSERT_TRUE(parsed) << wire;
    EXPECT_EQ(*parsed, value) << wire;
  }
}

TEST(venues_binance_enums, order_type_maps_both_ways) {
  EXPECT_EQ(from_core(core_type::market), order_type::market);
  EXPECT_EQ(from_core(core_type::limit), order_type::limit);
  EXPECT_EQ(from_core(core_type::stop), order_type::stop_market);
  EXPECT_EQ(from_core(core_type::stop_limit), order_type::stop);
  EXPECT_EQ(from_core(core_type::trailing_stop),
            order_type::trailing_stop_market);
  EXPECT_EQ(to_core(order_type::market), core_type::market);
  EXPECT_EQ(to_core(order_type::limit), core_type::limit);
  EXPECT_EQ(to_core(order_type::stop), core_type::stop_limit);
  EXPECT_EQ(to_core(order_type::stop_market), core_type::stop);
  EXPECT_EQ(to_core(order_type::take_profit), core_type::stop_limit);
  EXPECT_EQ(to_core(order_type::take_profit_market), core_type::stop);
  EXPECT_EQ(to_core(order_type::trailing_stop_market),
            core_type::trailing_stop);
  // Core -> wire -> core is the identity.
  for (auto t : {core_type::market, core_type::limit, core_type::stop,
                 core_type::stop_limit, core_type::trailing_stop})
    EXPECT_EQ(to_core(from_core(t)), t);
}

// -- time in force
// ---------------------------------------------------------------

TEST(venues_binance_enums, time_in_force_round_trips_every_value) {
  const std::pair<time_in_force, std::string_view> rows[] = {
    {time_in_force::gtc, "GTC"}, {time_in_force::ioc, "IOC"},
    {time_in_force::fok, "FOK"}, {time_in_force::gtx, "GTX"},
    {time_in_force::gtd, "GTD"},
  };
  for (auto [value, wire] : rows) {
    EXPECT_EQ(to_wire(value), wire);
    auto parsed = parse_time_in_force(wire);
    ASSERT_TRUE(parsed) << wire;
    EXPECT_EQ(*parsed, value) << wire;
  }
}

TEST(venues_binance_enums, time_in_force_maps_both_ways) {
  EXPECT_EQ(from_core(core_tif::gtc), time_in_force::gtc);
  EXPECT_EQ(from_core(core_tif::ioc), time_in_force::ioc);
  EXPECT_EQ(from_core(core_tif::fok), time_in_force::fok);
  EXPECT_EQ(from_core(core_tif::gtd), time_in_force::gtd);
  EXPECT_EQ(to_core(time_in_force::gtc), core_tif::gtc);
  EXPECT_EQ(to_core(time_in_force::ioc), core_tif::ioc);
  EXPECT_EQ(to_core(time_in_force::fok), core_tif::fok);
  EXPECT_EQ(to_core(time_in_force::gtx), core_tif::gtc);
  EXPECT_EQ(to_core(time_in_force::gtd), core_tif::gtd);
}

} // namespace
} // namespace tandem::venues::binance
