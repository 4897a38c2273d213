#include "actors/order_tracker.hpp"

#include <gtest/gtest.h>

namespace tandem::actors {
namespace {

template<class T>
T dec(const char* s) {
  return T::parse(s).value();
}

order_request leg() {
  order_request r;
  r.id = client_order_id::make("tdm-1-1").value();
  r.venue = venue::binance;
  r.symbol = "BTCUSDT";
  r.side = side::sell;
  r.type = order_type::limit;
  r.tif = time_in_force::ioc;
  r.qty = dec<quantity>("0.010");
  r.limit_price = dec<price>("60000");
  return r;
}

tracker_policy policy() {
  tracker_policy p;
  p.max_queries = 3;
  p.fee_rate = dec<rate>("0.0005");
  return p;
}

venues::order_update update(order_event e, const char* cum,
                            std::optional<const char*> avg = std::nullopt) {
  venues::order_update u;
  u.venue = venue::binance;
  u.symbol = "BTCUSDT";
  u.id = client_order_id::make("tdm-1-1").value();
  u.venue_order_id = "4000000001";
  u.event = e;
  u.side = side::sell;
  u.order_qty = dec<quantity>("0.010");
  u.cum_qty = dec<quantity>(cum);
  if (avg)
    u.avg_px = dec<price>(*avg);
  return u;
}

venues::order_update stream_fill(order_event e, const char* cum,
                                 const char* qty, const char* px,
                                 const char* trade) {
  auto u = update(e, cum);
  fill f;
  f.order_id = u.id;
  f.trade_id = trade;
  f.venue = venue::binance;
  f.symbol = "BTCUSDT";
  f.side = side::sell;
  f.qty = dec<quantity>(qty);
  f.px = dec<price>(px);
  f.fee = dec<money>("0.12");
  u.last_fill = f;
  return u;
}

venues::venue_result<venues::order_update> fail(venues::venue_error e) {
  return failure{venues::venue_failure{e, "test", std::nullopt}};
}

TEST(order_tracker, accepted_then_stream_fills_complete_the_order) {
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_answer(update(order_event::accepted, "0")),
            tracker_step::wait);
  EXPECT_EQ(t.state().status(), order_status::accepted);
  EXPECT_EQ(t.state().venue_order_id(), "4000000001");
  EXPECT_EQ(t.on_update(stream_fill(order_event::partial_fill, "0.004", "0.004",
                                    "60000", "t1")),
            tracker_step::wait);
  ASSERT_EQ(t.new_fills().size(), 1u);
  EXPECT_EQ(t.new_fills()[0].trade_id, "t1");
  EXPECT_EQ(t.on_update(
              stream_fill(order_event::fill, "0.010", "0.006", "60010", "t2")),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::filled);
  EXPECT_EQ(t.state().filled_qty(), dec<quantity>("0.010"));
  // (0.004 * 60000 + 0.006 * 60010) / 0.010 = 60006
  EXPECT_EQ(t.state().avg_fill_price(), dec<price>("60006"));
  EXPECT_EQ(t.state().fees(), dec<money>("0.24"));
}

TEST(order_tracker,
     a_fill_seen_on_the_stream_and_in_a_rest_answer_counts_once) {
  order_tracker t{leg(), policy()};
  t.on_update(
    stream_fill(order_event::partial_fill, "0.004", "0.004", "60000", "t1"));
  // The place answer arrives late and reports the same quantity.
  EXPECT_EQ(t.on_answer(update(order_event::partial_fill, "0.004", "60000")),
            tracker_step::wait);
  EXPECT_TRUE(t.new_fills().empty());
  EXPECT_EQ(t.state().filled_qty(), dec<quantity>("0.004"));
}

TEST(order_tracker, a_rest_answer_with_more_quantity_adds_one_priced_fill) {
  order_tracker t{leg(), policy()};
  t.on_update(
    stream_fill(order_event::partial_fill, "0.004", "0.004", "60000", "t1"));
  // Venue says: all 0.010 filled at an average of 60006.
  EXPECT_EQ(t.on_answer(update(order_event::fill, "0.010", "60006")),
            tracker_step::done);
  ASSERT_EQ(t.new_fills().size(), 1u);
  const auto& f = t.new_fills()[0];
  EXPECT_EQ(f.qty, dec<quantity>("0.006"));
  EXPECT_EQ(f.px, dec<price>("60010"));
  EXPECT_EQ(f.trade_id, "cum:tdm-1-1:0.01");
  // Fee estimated at the taker rate: 0.006 * 60010 * 0.0005 = 0.18003
  EXPECT_EQ(f.fee, dec<money>("0.18003"));
  EXPECT_EQ(t.state().avg_fill_price(), dec<price>("60006"));
  EXPECT_EQ(t.outcome(), leg_outcome::filled);
}

TEST(order_tracker, a_refused_place_is_rejected_with_the_venue_reason) {
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::insufficient_funds)),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::rejected);
  EXPECT_EQ(t.state().status(), order_status::rejected);
  ASSERT_TRUE(t.failure());
  EXPECT_EQ(t.failure()->code, venues::venue_error::insufficient_funds);
}

TEST(order_tracker, outcome_unknown_is_queried_and_resolved_by_the_answer) {
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::outcome_unknown)),
            tracker_step::query);
  EXPECT_EQ(t.queries_made(), 1);
  EXPECT_EQ(t.on_answer(update(order_event::fill, "0.010", "60000")),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::filled);
  EXPECT_EQ(t.state().filled_qty(), dec<quantity>("0.010"));
}

TEST(order_tracker, a_missing_answer_is_queried_never_assumed) {
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_timeout(), tracker_step::query);
  ASSERT_TRUE(t.failure());
  EXPECT_EQ(t.failure()->code, venues::venue_error::outcome_unknown);
  EXPECT_EQ(t.outcome(), leg_outcome::working);
  EXPECT_EQ(t.on_answer(update(order_event::canceled, "0.003", "60000")),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::closed);
  EXPECT_EQ(t.state().filled_qty(), dec<quantity>("0.003"));
}

TEST(order_tracker, an_order_the_venue_never_knew_is_absent_after_every_query) {
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_timeout(), tracker_step::query);
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::unknown_order)),
            tracker_step::query);
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::unknown_order)),
            tracker_step::query);
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::unknown_order)),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::absent);
  EXPECT_EQ(t.queries_made(), 3);
}

TEST(order_tracker, queries_that_keep_failing_end_unknown_not_absent) {
  order_tracker t{leg(), policy()};
  t.on_timeout();
  t.on_answer(fail(venues::venue_error::unknown_order));
  t.on_answer(fail(venues::venue_error::server_error));
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::unknown_order)),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::unknown);
}

TEST(order_tracker, a_late_stream_update_settles_an_order_given_up_on) {
  order_tracker t{leg(), policy()};
  t.on_timeout();
  t.on_answer(fail(venues::venue_error::server_error));
  t.on_answer(fail(venues::venue_error::server_error));
  t.on_answer(fail(venues::venue_error::server_error));
  ASSERT_EQ(t.outcome(), leg_outcome::unknown);
  EXPECT_EQ(t.on_update(
              stream_fill(order_event::fill, "0.010", "0.010", "60000", "t9")),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::filled);
  EXPECT_EQ(t.new_fills().size(), 1u);
}

TEST(order_tracker, query_delay_doubles_up_to_the_cap) {
  tracker_policy p = policy();
  p.max_queries = 10;
  p.query_delay = std::chrono::milliseconds{100};
  p.query_delay_max = std::chrono::milliseconds{350};
  order_tracker t{leg(), p};
  t.on_timeout();
  EXPECT_EQ(t.query_delay(), std::chrono::milliseconds{100});
  t.on_answer(fail(venues::venue_error::server_error));
  EXPECT_EQ(t.query_delay(), std::chrono::milliseconds{200});
  t.on_answer(fail(venues::venue_error::server_error));
  EXPECT_EQ(t.query_delay(), std::chrono::milliseconds{350});
}

TEST(order_tracker, a_duplicate_client_id_refusal_is_queried) {
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::duplicate_client_id)),
            tracker_step::query);
  EXPECT_EQ(t.on_answer(update(order_event::accepted, "0")),
            tracker_step::wait);
  EXPECT_EQ(t.state().status(), order_status::accepted);
}

TEST(order_tracker, quantity_beyond_the_order_is_clamped_not_overfilled) {
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_answer(update(order_event::fill, "0.020", "60000")),
            tracker_step::done);
  EXPECT_EQ(t.state().filled_qty(), dec<quantity>("0.010"));
}

TEST(order_tracker, a_place_held_back_by_the_halt_gate_is_rejected_at_once) {
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::blocked)),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::rejected);
  EXPECT_EQ(t.state().status(), order_status::rejected);
  EXPECT_EQ(t.queries_made(), 0);
  ASSERT_TRUE(t.failure());
  EXPECT_EQ(t.failure()->code, venues::venue_error::blocked);
}

TEST(order_tracker, a_blocked_query_answer_ends_the_queries) {
  // The place timed out while it waited in the session's queue; the halt
  // dropped it, so the venue actor answers the query blocked: no storm of
  // unknown_order queries.
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_timeout(), tracker_step::query);
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::blocked)),
            tracker_step::done);
  EXPECT_EQ(t.outcome(), leg_outcome::rejected);
  EXPECT_EQ(t.queries_made(), 1);
}

TEST(order_tracker, blocked_after_the_venue_acknowledged_is_not_absent) {
  // Cannot happen (queries are never gated), but an order the venue has
  // seen must never be declared absent by it.
  order_tracker t{leg(), policy()};
  EXPECT_EQ(t.on_answer(update(order_event::accepted, "0")),
            tracker_step::wait);
  EXPECT_EQ(t.on_timeout(), tracker_step::query);
  EXPECT_EQ(t.on_answer(fail(venues::venue_error::blocked)),
            tracker_step::query);
  EXPECT_EQ(t.outcome(), leg_outcome::working);
}

} // namespace
} // namespace tandem::actors
