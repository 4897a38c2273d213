// The delivery policy, driven with explicit times: dedup bursts, repeat
// counts, the minimum gap, 429 waits, backoff, bounded attempts and the
// bounded queue.
#include "alerts/alert_queue.hpp"

#include <gtest/gtest.h>

using namespace tandem::alerts;
using namespace std::chrono_literals;

namespace {

const mono_time t0 = mono_time{} + 1000h;

alert make(std::string key, std::string title = "t") {
  alert a;
  a.severity = severity::error;
  a.kind = alert_kind::one_leg_failure;
  a.title = std::move(title);
  a.dedup_key = std::move(key);
  return a;
}

queue_options opts() {
  queue_options o;
  o.capacity = 8;
  o.min_interval = 1000ms;
  o.dedup_window = 60s;
  o.max_attempts = 3;
  o.backoff_base = 1000ms;
  o.backoff_max = 10s;
  o.max_retry_after = 300s;
  return o;
}

} // namespace

TEST(alerts_queue, first_alert_is_due_at_once) {
  alert_queue q{opts()};
  EXPECT_EQ(q.next_due(t0), std::nullopt);
  EXPECT_EQ(q.push(make("k"), t0), alert_queue::push_result::queued);
  EXPECT_EQ(q.next_due(t0), t0);
  auto m = q.take(t0);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->a.dedup_key, "k");
  EXPECT_EQ(m->attempt, 1u);
  EXPECT_EQ(m->extras.repeats, 0u);
  EXPECT_TRUE(q.in_flight());
}

TEST(alerts_queue, a_burst_of_one_fault_is_one_message_with_a_repeat_count) {
  alert_queue q{opts()};
  // Another message is in flight, so the burst waits in the queue.
  q.push(make("other"), t0);
  auto first = q.take(t0);
  ASSERT_TRUE(first);
  EXPECT_EQ(q.push(make("margin", "first"), t0 + 1ms),
            alert_queue::push_result::queued);
  for (int i = 0; i < 7; ++i)
    EXPECT_EQ(q.push(make("margin", "later"), t0 + 2ms),
              alert_queue::push_result::merged);
  EXPECT_EQ(q.waiting(), 1u);
  q.on_delivered(first->id, t0 + 10ms);
  auto m = q.take(t0 + 1s);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->a.title, "first");
  EXPECT_EQ(m->extras.repeats, 7u);
  EXPECT_EQ(q.stats().deduplicated, 7u);
  // And the text says so.
  EXPECT_NE(build_discord_payload(m->a, m->extras).find("repeated 7 times"),
            std::string::npos);
}

TEST(alerts_queue, repeats_after_sending_are_reported_when_the_window_closes) {
  alert_queue q{opts()};
  q.push(make("k", "one"), t0);
  auto m = q.take(t0);
  ASSERT_TRUE(m);
  q.on_delivered(m->id, t0 + 5ms);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(q.push(make("k", "again " + std::to_string(i)), t0 + 10s),
              alert_queue::push_result::suppressed);
  EXPECT_EQ(q.waiting(), 0u);
  EXPECT_EQ(q.take(t0 + 30s), std::nullopt);
  // The window opened at t0; the follow-up is due when it closes.
  EXPECT_EQ(q.next_due(t0 + 30s), t0 + 60s);
  EXPECT_EQ(q.take(t0 + 60s - 1ms), std::nullopt);
  auto f = q.take(t0 + 60s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->a.title, "again 3"); // the latest occurrence
  EXPECT_EQ(f->extras.repeats, 4u);
  q.on_delivered(f->id, t0 + 60s);
  // The follow-up opened a new window: still folded.
  EXPECT_EQ(q.push(make("k"), t0 + 61s), alert_queue::push_result::suppressed);
  // That repeat is the next window's follow-up.
  auto next = q.take(t0 + 120s);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->extras.repeats, 1u);
}

TEST(alerts_queue, a_quiet_window_forgets_the_key) {
  alert_queue q{opts()};
  q.push(make("k"), t0);
  auto m = q.take(t0);
  q.on_delivered(m->id, t0);
  EXPECT_EQ(q.next_due(t0 + 60s), std::nullopt);
  EXPECT_EQ(q.push(make("k"), t0 + 60s), alert_queue::push_result::queued);
}

TEST(alerts_queue, different_keys_are_separate_messages) {
  alert_queue q{opts()};
  EXPECT_EQ(q.push(make("a"), t0), alert_queue::push_result::queued);
  EXPECT_EQ(q.push(make("b"), t0), alert_queue::push_result::queued);
  EXPECT_EQ(q.waiting(), 2u);
}

TEST(alerts_queue, empty_key_uses_kind_and_title) {
  alert_queue q{opts()};
  EXPECT_EQ(q.push(make("", "x"), t0), alert_queue::push_result::queued);
  EXPECT_EQ(q.push(make("", "x"), t0), alert_queue::push_result::merged);
  EXPECT_EQ(q.push(make("", "y"), t0), alert_queue::push_result::queued);
}

TEST(alerts_queue, sends_keep_the_minimum_interval) {
  alert_queue q{opts()};
  q.push(make("a"), t0);
  q.push(make("b"), t0);
  auto a = q.take(t0);
  ASSERT_TRUE(a);
  EXPECT_EQ(q.take(t0), std::nullopt); // one in flight
  q.on_delivered(a->id, t0 + 100ms);
  EXPECT_EQ(q.next_due(t0 + 100ms), t0 + 1000ms);
  EXPECT_EQ(q.take(t0 + 999ms), std::nullopt);
  auto b = q.take(t0 + 1000ms);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->a.dedup_key, "b");
}

TEST(alerts_queue, rate_limited_message_is_resent_first_after_retry_after) {
  alert_queue q{opts()};
  q.push(make("a"), t0);
  q.push(make("b"), t0);
  auto a = q.take(t0);
  q.on_rate_limited(a->id, 2500ms, t0 + 20ms);
  EXPECT_FALSE(q.in_flight());
  EXPECT_EQ(q.next_due(t0 + 20ms), t0 + 2520ms);
  EXPECT_EQ(q.take(t0 + 2519ms), std::nullopt);
  auto again = q.take(t0 + 2520ms);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, a->id);
  EXPECT_EQ(again->attempt, 2u);
  EXPECT_EQ(q.stats().rate_limited, 1u);
}

TEST(alerts_queue, retry_after_is_clamped) {
  auto o = opts();
  o.max_retry_after = 30s;
  alert_queue q{o};
  q.push(make("a"), t0);
  auto a = q.take(t0);
  q.on_rate_limited(a->id, 3'600'000ms, t0);
  EXPECT_EQ(q.next_due(t0), t0 + 30s);
}

TEST(alerts_queue, exhausted_bucket_holds_the_next_send) {
  alert_queue q{opts()};
  q.push(make("a"), t0);
  q.push(make("b"), t0);
  auto a = q.take(t0);
  q.on_delivered(a->id, t0, 4000ms);
  EXPECT_EQ(q.next_due(t0), t0 + 4000ms);
}

TEST(alerts_queue, failures_back_off_exponentially_and_attempts_are_bounded) {
  alert_queue q{opts()}; // 3 attempts, backoff 1 s, 2 s
  q.push(make("a"), t0);
  auto m = q.take(t0);
  q.on_failed(m->id, t0);
  EXPECT_EQ(q.next_due(t0), t0 + 1s);
  m = q.take(t0 + 1s);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->attempt, 2u);
  q.on_failed(m->id, t0 + 1s);
  EXPECT_EQ(q.next_due(t0 + 1s), t0 + 3s);
  m = q.take(t0 + 3s);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->attempt, 3u);
  q.on_failed(m->id, t0 + 3s);
  EXPECT_EQ(q.waiting(), 0u);
  EXPECT_EQ(q.stats().dropped_retries, 1u);
  EXPECT_EQ(q.stats().failed_attempts, 3u);
  // The next message says one was lost.
  q.push(make("b"), t0 + 4s);
  auto b = q.take(t0 + 4s);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->extras.dropped, 1u);
  q.on_delivered(b->id, t0 + 4s);
  q.push(make("c"), t0 + 6s);
  EXPECT_EQ(q.take(t0 + 6s)->extras.dropped, 0u);
}

TEST(alerts_queue, rate_limits_count_against_the_attempts) {
  alert_queue q{opts()};
  q.push(make("a"), t0);
  auto now = t0;
  for (int i = 0; i < 3; ++i) {
    auto m = q.take(now);
    ASSERT_TRUE(m) << i;
    q.on_rate_limited(m->id, 100ms, now);
    now += 1s;
  }
  EXPECT_EQ(q.waiting(), 0u);
  EXPECT_EQ(q.stats().dropped_retries, 1u);
}

TEST(alerts_queue, rejected_message_is_dropped_without_retry) {
  alert_queue q{opts()};
  q.push(make("a"), t0);
  auto m = q.take(t0);
  q.on_rejected(m->id, t0);
  EXPECT_EQ(q.waiting(), 0u);
  EXPECT_FALSE(q.in_flight());
  EXPECT_EQ(q.stats().rejected, 1u);
}

TEST(alerts_queue, full_queue_drops_the_oldest_and_counts_it) {
  auto o = opts();
  o.capacity = 3;
  alert_queue q{o};
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(q.push(make("k" + std::to_string(i)), t0),
              alert_queue::push_result::queued);
  EXPECT_EQ(q.push(make("k3"), t0), alert_queue::push_result::queued_dropping);
  EXPECT_EQ(q.push(make("k4"), t0), alert_queue::push_result::queued_dropping);
  EXPECT_EQ(q.waiting(), 3u);
  EXPECT_EQ(q.stats().dropped_full, 2u);
  auto m = q.take(t0);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->a.dedup_key, "k2");
  EXPECT_EQ(m->extras.dropped, 2u);
  // A dropped message's key is not merged into: the next one is counted.
  EXPECT_EQ(q.push(make("k0"), t0), alert_queue::push_result::suppressed);
}

TEST(alerts_queue, repeats_while_in_flight_ride_along_with_a_retry) {
  alert_queue q{opts()};
  q.push(make("k"), t0);
  auto m = q.take(t0);
  EXPECT_EQ(q.push(make("k"), t0 + 1ms), alert_queue::push_result::suppressed);
  q.on_failed(m->id, t0 + 2ms);
  EXPECT_EQ(q.push(make("k"), t0 + 3ms), alert_queue::push_result::merged);
  auto again = q.take(t0 + 2s);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->extras.repeats, 2u);
}

TEST(alerts_queue, stale_outcomes_are_ignored) {
  alert_queue q{opts()};
  q.push(make("a"), t0);
  auto m = q.take(t0);
  q.on_delivered(m->id + 99, t0);
  q.on_failed(m->id + 99, t0);
  EXPECT_TRUE(q.in_flight());
  q.on_delivered(m->id, t0);
  EXPECT_FALSE(q.in_flight());
  EXPECT_EQ(q.stats().delivered, 1u);
}
