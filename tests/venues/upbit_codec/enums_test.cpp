#include "venues/upbit/enums.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::upbit;

TEST(venues_upbit_enums, order_states_round_trip) {
  for (auto s :
       {order_state::wait, order_state::watch, order_state::trade,
        order_state::done, order_state::cancel, order_state::prevented}) {
    auto parsed = parse_order_state(to_wire(s));
    ASSERT_TRUE(parsed) << to_wire(s);
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(to_wire(order_state::wait), "wait");
  EXPECT_EQ(to_wire(order_state::watch), "watch");
  EXPECT_EQ(to_wire(order_state::trade), "trade");
  EXPECT_EQ(to_wire(order_state::done), "done");
  EXPECT_EQ(to_wire(order_state::cancel), "cancel");
  EXPECT_EQ(to_wire(order_state::prevented), "prevented");
}

TEST(venues_upbit_enums, sides_rest_and_websocket_forms) {
  EXPECT_EQ(*parse_side("bid"), wire_side::bid);
  EXPECT_EQ(*parse_side("ask"), wire_side::ask);
  EXPECT_EQ(*parse_ask_bid("BID"), wire_side::bid);
  EXPECT_EQ(*parse_ask_bid("ASK"), wire_side::ask);
  EXPECT_EQ(to_wire(wire_side::bid), "bid");
  EXPECT_EQ(to_wire(wire_side::ask), "ask");
  EXPECT_EQ(to_core(wire_side::bid), side::buy);
  EXPECT_EQ(to_core(wire_side::ask), side::sell);
  EXPECT_EQ(to_wire_side(side::buy), wire_side::bid);
  EXPECT_EQ(to_wire_side(side::sell), wire_side::ask);
}

TEST(venues_upbit_enums, ord_types_round_trip) {
  for (auto t :
       {ord_type::limit, ord_type::price, ord_type::market, ord_type::best}) {
    auto parsed = parse_ord_type(to_wire(t));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, t);
  }
  EXPECT_EQ(to_wire(ord_type::price), "price");   // market BUY
  EXPECT_EQ(to_wire(ord_type::market), "market"); // market SELL
}

TEST(venues_upbit_enums, time_in_force_round_trip) {
  for (auto t : {wire_tif::ioc, wire_tif::fok, wire_tif::post_only}) {
    auto parsed = parse_tif(to_wire(t));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, t);
  }
  EXPECT_EQ(to_wire(wire_tif::post_only), "post_only");
}

TEST(venues_upbit_enums, smp_and_stream_types_round_trip) {
  for (auto t : {smp_type::cancel_maker, smp_type::cancel_taker,
                 smp_type::reduce, smp_type::none})
    EXPECT_EQ(*parse_smp_type(to_wire(t)), t);
  EXPECT_EQ(*parse_stream_type("SNAPSHOT"), stream_type::snapshot);
  EXPECT_EQ(*parse_stream_type("REALTIME"), stream_type::realtime);
}

TEST(venues_upbit_enums, state_to_event_table) {
  using e = order_event;
  EXPECT_EQ(to_event(order_state::wait, false), e::accepted);
  EXPECT_EQ(to_event(order_state::wait, true), e::partial_fill);
  EXPECT_EQ(to_event(order_state::watch, false), e::accepted);
  EXPECT_EQ(to_event(order_state::watch, true), e::partial_fill);
  EXPECT_EQ(to_event(order_state::trade, true), e::partial_fill);
  EXPECT_EQ(to_event(order_state::trade, false), e::partial_fill);
  EXPECT_EQ(to_event(order_state::done, true), e::fill);
  EXPECT_EQ(to_event(order_state::cancel, false), e::canceled);
  EXPECT_EQ(to_event(order_state::cancel, true), e::canceled);
  EXPECT_EQ(to_event(order_state::prevented, false), e::accepted);
  EXPECT_EQ(to_event(order_state::prevented, true), e::partial_fill);
}
