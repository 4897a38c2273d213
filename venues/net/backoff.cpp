#include "venues/net/backoff.hpp"

#include <algorithm>

namespace tandem::net {

std::chrono::milliseconds backoff::ceiling() const noexcept {
  // 2^attempt with the shift capped so it cannot overflow.
  auto shift = std::min<std::uint32_t>(attempt_, 30);
  auto cap = base_.count() * (std::int64_t{1} << shift);
  return std::chrono::milliseconds{std::min(cap, max_.count())};
}

std::chrono::milliseconds backoff::next(std::uint64_t random) noexcept {
  auto cap = static_cast<std::uint64_t>(ceiling().count());
  ++attempt_;
  // Full jitter in [0, cap]; at least 1 ms so a reconnect loop never spins.
  auto d = cap == 0 ? 0 : random % (cap + 1);
  return std::chrono::milliseconds{
    std::max<std::int64_t>(1, static_cast<std::int64_t>(d))};
}

} // namespace tandem::net
