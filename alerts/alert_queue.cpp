#include "alerts/alert_queue.hpp"

#include <algorithm>
#include <utility>

namespace tandem::alerts {

using std::chrono::milliseconds;

alert_queue::alert_queue(queue_options opts) : opts_(std::move(opts)) {
  if (opts_.capacity == 0)
    opts_.capacity = 1;
  if (opts_.max_attempts == 0)
    opts_.max_attempts = 1;
}

alert_queue::push_result alert_queue::push(alert a, mono_time now) {
  ++stats_.pushed;
  expire_windows(now);
  std::string key = effective_dedup_key(a);
  if (auto it = windows_.find(key); it != windows_.end()) {
    auto& w = it->second;
    ++stats_.deduplicated;
    if (w.queued) {
      auto e = std::find_if(queue_.begin(), queue_.end(),
                            [&](const entry& x) { return x.key == key; });
      if (e != queue_.end()) {
        // The first occurrence's text stays; the count says how many more.
        ++e->repeats;
        return push_result::merged;
      }
      w.queued = false; // defensive: the flag outlived its entry
    }
    ++w.suppressed;
    w.latest = std::move(a);
    return push_result::suppressed;
  }
  window w;
  w.opened = now;
  w.queued = true;
  windows_.emplace(key, std::move(w));
  bool dropping = queue_.size() >= opts_.capacity;
  entry e;
  e.id = next_id_++;
  e.key = std::move(key);
  e.a = std::move(a);
  enqueue(std::move(e), false);
  if (windows_.size() > opts_.max_dedup_keys) {
    // Forget the oldest window that has no message waiting.
    auto oldest = windows_.end();
    for (auto it = windows_.begin(); it != windows_.end(); ++it)
      if (!it->second.queued
          && (oldest == windows_.end()
              || it->second.opened < oldest->second.opened))
        oldest = it;
    if (oldest != windows_.end())
      windows_.erase(oldest);
  }
  return dropping ? push_result::queued_dropping : push_result::queued;
}

void alert_queue::enqueue(entry e, bool front) {
  if (!front && queue_.size() >= opts_.capacity) {
    auto& old = queue_.front();
    if (auto it = windows_.find(old.key); it != windows_.end())
      it->second.queued = false;
    ++stats_.dropped_full;
    dropped_unreported_ += 1 + old.repeats;
    queue_.pop_front();
  }
  if (front)
    queue_.push_front(std::move(e));
  else
    queue_.push_back(std::move(e));
}

void alert_queue::expire_windows(mono_time now) {
  for (auto it = windows_.begin(); it != windows_.end();) {
    auto& w = it->second;
    if (w.queued || now < w.opened + opts_.dedup_window) {
      ++it;
      continue;
    }
    if (w.suppressed == 0) {
      it = windows_.erase(it);
      continue;
    }
    // The window closed with repeats nobody has heard of: one follow-up
    // message carries the latest of them and the count, and opens the
    // next window (a fault that keeps firing costs one message a window).
    entry e;
    e.id = next_id_++;
    e.key = it->first;
    e.a = std::move(w.latest);
    e.repeats = w.suppressed;
    w.latest = {};
    w.suppressed = 0;
    w.opened = now;
    w.queued = true;
    enqueue(std::move(e), false);
    ++it;
  }
}

mono_time alert_queue::earliest_send() const noexcept {
  mono_time t = blocked_until_;
  if (last_send_)
    t = std::max(t, *last_send_ + opts_.min_interval);
  return t;
}

std::optional<mono_time> alert_queue::next_due(mono_time now) {
  expire_windows(now);
  if (in_flight_)
    return std::nullopt;
  if (!queue_.empty())
    return std::max({now, earliest_send(), queue_.front().not_before});
  std::optional<mono_time> t;
  for (const auto& [key, w] : windows_)
    if (!w.queued && w.suppressed > 0) {
      auto close = w.opened + opts_.dedup_window;
      if (!t || close < *t)
        t = close;
    }
  if (t)
    return std::max({now, *t, earliest_send()});
  return std::nullopt;
}

std::optional<outgoing> alert_queue::take(mono_time now) {
  expire_windows(now);
  if (in_flight_ || queue_.empty())
    return std::nullopt;
  if (now < earliest_send() || now < queue_.front().not_before)
    return std::nullopt;
  entry e = std::move(queue_.front());
  queue_.pop_front();
  if (auto it = windows_.find(e.key); it != windows_.end())
    it->second.queued = false;
  ++e.attempts;
  last_send_ = now;
  outgoing out;
  out.id = e.id;
  out.a = e.a;
  out.extras.repeats = e.repeats;
  out.extras.dropped = dropped_unreported_;
  out.attempt = e.attempts;
  reported_dropped_ = dropped_unreported_;
  in_flight_ = std::move(e);
  return out;
}

void alert_queue::on_delivered(std::uint64_t id, mono_time now,
                               std::optional<milliseconds> hold) {
  if (!in_flight_ || in_flight_->id != id)
    return;
  ++stats_.delivered;
  // Drops that happened while it was in flight are reported next time.
  dropped_unreported_ -= std::min(dropped_unreported_, reported_dropped_);
  reported_dropped_ = 0;
  if (hold)
    blocked_until_
      = std::max(blocked_until_, now + std::min(*hold, opts_.max_retry_after));
  in_flight_.reset();
}

void alert_queue::on_rate_limited(std::uint64_t id, milliseconds retry_after,
                                  mono_time now) {
  if (!in_flight_ || in_flight_->id != id)
    return;
  ++stats_.rate_limited;
  auto wait = std::clamp(retry_after, milliseconds{0}, opts_.max_retry_after);
  blocked_until_ = std::max(blocked_until_, now + wait);
  entry e = std::move(*in_flight_);
  in_flight_.reset();
  requeue_or_drop(std::move(e), now);
}

void alert_queue::on_failed(std::uint64_t id, mono_time now) {
  if (!in_flight_ || in_flight_->id != id)
    return;
  ++stats_.failed_attempts;
  entry e = std::move(*in_flight_);
  in_flight_.reset();
  // base * 2^(attempts-1), capped; attempts >= 1 here.
  auto delay = opts_.backoff_base;
  for (std::uint32_t k = 1; k < e.attempts && delay < opts_.backoff_max; ++k)
    delay *= 2;
  delay = std::min(delay, opts_.backoff_max);
  requeue_or_drop(std::move(e), now + delay);
}

void alert_queue::on_rejected(std::uint64_t id, mono_time) {
  if (!in_flight_ || in_flight_->id != id)
    return;
  ++stats_.rejected;
  dropped_unreported_ += 1 + in_flight_->repeats;
  in_flight_.reset();
}

bool alert_queue::requeue_or_drop(entry e, mono_time not_before) {
  if (e.attempts >= opts_.max_attempts) {
    ++stats_.dropped_retries;
    dropped_unreported_ += 1 + e.repeats;
    return false;
  }
  e.not_before = not_before;
  auto [it, fresh] = windows_.try_emplace(e.key);
  auto& w = it->second;
  if (fresh)
    w.opened = not_before;
  // Occurrences suppressed while it was in flight ride along with it.
  e.repeats += w.suppressed;
  w.suppressed = 0;
  w.latest = {};
  w.queued = true;
  enqueue(std::move(e), true);
  return true;
}

} // namespace tandem::alerts
