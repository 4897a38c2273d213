// Keeps the venue_session promise that every callback runs exactly once,
// also when the session stops with requests queued, in flight or waiting
// on a retry timer: stop() answers whatever is still pending with a
// failure, then refuses every later answer. One thread (the I/O thread).
#pragma once

#include "venues/common/venue_session.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <utility>

namespace tandem::venues::upbit {

/// Pending user callbacks.
class reply_registry {
 public:
  template<class T>
  using callback = std::function<void(venue_result<T>)>;

  /// Returns a callback that forwards the first answer to `cb` and ignores
  /// the rest, and that fail_all() answers if nothing else did.
  template<class T>
  callback<T> track(callback<T> cb) {
    auto cell = std::make_shared<callback<T>>(std::move(cb));
    const auto id = next_++;
    pending_.emplace(id, [cell](const venue_failure& f) {
      if (auto c = take(*cell))
        c(venue_result<T>{failure{f}});
    });
    return [this, id, cell](venue_result<T> r) {
      if (closed_)
        return;
      if (auto c = take(*cell)) {
        pending_.erase(id);
        c(std::move(r));
      }
    };
  }

  /// Answers every pending callback with `f`; later answers are dropped.
  void fail_all(const venue_failure& f) {
    closed_ = true;
    auto pending = std::move(pending_);
    pending_.clear();
    for (auto& [id, fail] : pending)
      fail(f);
  }

  /// Returns how many callbacks wait for an answer.
  std::size_t pending() const noexcept { return pending_.size(); }

 private:
  template<class F>
  static F take(F& f) {
    F out = std::move(f);
    f = nullptr;
    return out;
  }

  std::uint64_t next_ = 0;
  std::map<std::uint64_t, std::function<void(const venue_failure&)>> pending_;
  bool closed_ = false;
};

} // namespace tandem::venues::upbit
