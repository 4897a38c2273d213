// The venue-away rule: which pairs count as unhedged, what a venue away
// past the limit does, and when a venue counts as away.
#include "risk/venue_away.hpp"

#include <gtest/gtest.h>

namespace tandem::risk {
namespace {

using namespace std::chrono_literals;
using clock_tp = venue_presence::time_point;

const clock_tp t0{std::chrono::seconds{1000}};

TEST(venue_away, flat_settled_and_hedged_pairs_are_not_unhedged) {
  for (const char* s : {"closed", "rolled_back", "abandoned", "hedged"})
    EXPECT_FALSE(is_unhedged({"p", s, 0})) << s;
}

TEST(venue_away, open_states_and_unknown_states_are_unhedged) {
  for (const char* s :
       {"opening", "closing", "rolling_back", "escalated", "", "weird"})
    EXPECT_TRUE(is_unhedged({"p", s, 0})) << s;
}

TEST(venue_away, a_hedged_pair_with_an_order_in_flight_is_unhedged) {
  // A correction still working on a pair that said hedged.
  EXPECT_TRUE(is_unhedged({"p", "hedged", 1}));
  // Flat and settled: an order that never reported never went out.
  EXPECT_FALSE(is_unhedged({"p", "rolled_back", 1}));
}

TEST(venue_away, shorter_than_the_limit_does_nothing) {
  auto v = decide_venue_away(venue::binance, 9999ms, 10000ms,
                             {{"sig-1", "opening", 1}}, "actor down: kill");
  EXPECT_EQ(v.action, away_action::none);
  EXPECT_TRUE(v.detail.empty());
}

TEST(venue_away, past_the_limit_with_an_unhedged_pair_halts_naming_it) {
  auto v = decide_venue_away(
    venue::binance, 12000ms, 10000ms,
    {{"sig-0", "hedged", 0}, {"sig-1", "opening", 1}, {"sig-2", "closing", 2}},
    "actor down: kill");
  EXPECT_EQ(v.action, away_action::halt);
  EXPECT_EQ(v.detail, "venue=binance away_ms=12000 limit_ms=10000 pair=sig-1 "
                      "state=opening unhedged_pairs=2 why=\"actor down: "
                      "kill\"");
}

TEST(venue_away, at_the_limit_exactly_counts) {
  auto v = decide_venue_away(venue::upbit, 10000ms, 10000ms,
                             {{"sig-1", "rolling_back", 0}}, "");
  EXPECT_EQ(v.action, away_action::halt);
  EXPECT_EQ(v.detail, "venue=upbit away_ms=10000 limit_ms=10000 pair=sig-1 "
                      "state=rolling_back unhedged_pairs=1");
}

TEST(venue_away, past_the_limit_while_flat_or_hedged_only_alerts) {
  auto v = decide_venue_away(venue::binance, 15000ms, 10000ms,
                             {{"sig-0", "hedged", 0}, {"sig-1", "closed", 0}},
                             "user disconnected: eof");
  EXPECT_EQ(v.action, away_action::alert);
  EXPECT_EQ(v.detail, "venue=binance away_ms=15000 limit_ms=10000 "
                      "unhedged_pairs=0 why=\"user disconnected: eof\"");
  EXPECT_EQ(decide_venue_away(venue::binance, 15000ms, 10000ms, {}, "").action,
            away_action::alert);
}

TEST(venue_away_veto, a_present_venue_passes) {
  EXPECT_FALSE(check_venue_present(venue::binance, std::nullopt, ""));
}

TEST(venue_away_veto, an_away_venue_is_vetoed_naming_it_and_how_long) {
  auto v = check_venue_present(venue::binance, 1200ms, "actor down: kill");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->rule, risk_rule::venue_away);
  EXPECT_EQ(v->message(),
            "VENUE_AWAY: venue=binance away_ms=1200 why=\"actor down: kill\"");
  // Just gone: away for 0 ms still counts.
  auto u = check_venue_present(venue::upbit, 0ms, "");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->message(), "VENUE_AWAY: venue=upbit away_ms=0");
}

TEST(venue_presence, a_crash_is_away_until_the_new_instance_connects) {
  venue_presence p;
  EXPECT_FALSE(p.away());
  p.actor_down(t0, "kill");
  EXPECT_TRUE(p.away());
  EXPECT_EQ(p.why(), "actor down: kill");
  EXPECT_EQ(p.outage(), 1u);
  p.actor_restarted(t0 + 200ms);
  // Still the same outage: the new session has not connected yet.
  EXPECT_TRUE(p.away());
  EXPECT_EQ(p.away_for(t0 + 300ms), 300ms);
  p.stream("rest", link_report::connected, t0 + 400ms, "");
  p.stream("market", link_report::connected, t0 + 500ms, "");
  EXPECT_TRUE(p.away());
  p.stream("user", link_report::connected, t0 + 600ms, "");
  EXPECT_FALSE(p.away());
  EXPECT_EQ(p.away_for(t0 + 700ms), 0ms);
  EXPECT_EQ(p.outage(), 1u);
}

TEST(venue_presence, the_instance_status_confirms_a_restart) {
  venue_presence p;
  p.actor_down(t0, "kill");
  p.actor_restarted(t0 + 10ms);
  p.confirm_connected(t0 + 20ms);
  EXPECT_FALSE(p.away());
}

TEST(venue_presence, a_disconnected_stream_is_away_until_it_reconnects) {
  venue_presence p;
  // Start-up: connecting streams are not an outage.
  p.stream("market", link_report::connecting, t0, "");
  p.stream("market", link_report::connected, t0, "");
  p.stream("user", link_report::connected, t0, "");
  EXPECT_FALSE(p.away());
  p.stream("user", link_report::disconnected, t0 + 1s, "eof");
  EXPECT_TRUE(p.away());
  EXPECT_EQ(p.why(), "user disconnected: eof");
  // Reconnecting is still away.
  p.stream("user", link_report::connecting, t0 + 2s, "");
  EXPECT_TRUE(p.away());
  EXPECT_EQ(p.away_for(t0 + 3s), 2000ms);
  p.stream("user", link_report::connected, t0 + 4s, "");
  EXPECT_FALSE(p.away());
  p.stream("rest", link_report::halted, t0 + 5s, "IP_BANNED");
  EXPECT_TRUE(p.away());
  EXPECT_EQ(p.why(), "rest halted: IP_BANNED");
  EXPECT_EQ(p.outage(), 2u);
}

TEST(venue_presence, a_crash_during_a_link_outage_keeps_the_first_start) {
  venue_presence p;
  p.stream("market", link_report::disconnected, t0, "eof");
  p.actor_down(t0 + 1s, "kill");
  EXPECT_EQ(p.away_since(), t0);
  EXPECT_EQ(p.why(), "actor down: kill");
  // The dead instance's late reports change nothing.
  p.stream("market", link_report::connected, t0 + 2s, "");
  EXPECT_TRUE(p.away());
  EXPECT_EQ(p.outage(), 1u);
}

} // namespace
} // namespace tandem::risk
