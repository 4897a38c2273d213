#include "venues/binance/clock_offset.hpp"

namespace tandem::venues::binance {

clock_offset::clock_offset(std::size_t window)
  : window_(window == 0 ? 1 : window) {
  samples_.reserve(window_);
}

bool clock_offset::add(timestamp sent, timestamp received,
                       timestamp server_time) {
  if (received < sent)
    return false;
  auto rtt = received - sent;
  auto midpoint = sent + rtt / 2;
  sample s{rtt, server_time - midpoint};
  if (samples_.size() < window_) {
    samples_.push_back(s);
  } else {
    samples_[next_] = s;
    next_ = (next_ + 1) % window_;
  }
  return true;
}

const clock_offset::sample* clock_offset::best() const noexcept {
  const sample* out = nullptr;
  // Ties go to the earliest stored sample; any of them is as good.
  for (const auto& s : samples_)
    if (!out || s.rtt < out->rtt)
      out = &s;
  return out;
}

std::optional<std::chrono::nanoseconds> clock_offset::offset() const noexcept {
  if (auto b = best())
    return b->offset;
  return std::nullopt;
}

std::optional<std::chrono::nanoseconds> clock_offset::rtt() const noexcept {
  if (auto b = best())
    return b->rtt;
  return std::nullopt;
}

timestamp clock_offset::to_venue(timestamp local) const noexcept {
  if (auto b = best())
    return local + b->offset;
  return local;
}

} // namespace tandem::venues::binance
