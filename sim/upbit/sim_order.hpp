// One order as the simulated Upbit venue keeps it, with its fills: the
// fields Upbit reports (protocol reference A3, A4, A6) and what the venue
// needs to settle it (the funds it holds).
#pragma once

#include "core/clock.hpp"
#include "core/decimal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::upbit {

/// `ord_type`.
enum class order_kind : std::uint8_t {
  /// Price and volume.
  limit,
  /// Market BUY sized in KRW (`price` is the amount).
  price,
  /// Market SELL sized in volume.
  market,
  /// Limit at the best opposite price, ioc or fok; a bid is sized in KRW.
  best,
};

/// REST `state` (myOrder adds `trade`, written by the frame builder).
enum class order_status : std::uint8_t { wait, done, cancel };

/// `time_in_force`; absent means "rests until canceled".
enum class order_tif : std::uint8_t { ioc, fok, post_only };

std::string_view to_wire(order_kind k) noexcept;
std::string_view to_wire(order_status s) noexcept;
std::string_view to_wire(order_tif t) noexcept;

/// One fill of one order.
struct sim_trade {
  std::string uuid;
  price px;
  quantity qty;
  /// px x qty in KRW.
  money funds;
  /// This order's fee for the fill, KRW.
  money fee;
  bool is_maker = false;
  timestamp ts;
};

/// One order.
struct sim_order {
  std::string uuid;
  /// Owner's access key.
  std::string account;
  /// "KRW-BTC", and its base currency "BTC".
  std::string market;
  std::string base;
  bool bid = true;
  order_kind kind = order_kind::limit;
  std::optional<order_tif> tif;
  /// `smp_type` as sent (kept and echoed; matching always expires the
  /// taker at the account's own order).
  std::string smp_type;
  /// `identifier` as sent; empty when none was.
  std::string identifier;
  /// Limit price: limit, and best once the venue picked it.
  std::optional<price> limit_px;
  /// KRW to spend: price, and best bids.
  std::optional<money> amount;
  /// Base volume: absent for price and best bids.
  std::optional<quantity> volume;

  order_status status = order_status::wait;
  quantity executed;
  money executed_funds;
  money reserved_fee;
  money paid_fee;
  /// Funds held: KRW (budget + fee) on bids, base currency on asks.
  money locked;
  timestamp created;
  /// The matching engine's id while the order rests or matches.
  std::uint64_t book_id = 0;
  /// Creation order, for sorting (uuids are random).
  std::uint64_t seq = 0;
  std::vector<sim_trade> trades;

  /// Returns volume - executed, or nullopt without a volume.
  std::optional<quantity> remaining_volume() const {
    if (!volume)
      return std::nullopt;
    return *volume - executed;
  }
  /// Returns reserved_fee - paid_fee, never below zero.
  money remaining_fee() const {
    return paid_fee < reserved_fee ? reserved_fee - paid_fee : money::zero();
  }
  /// Returns true when the order is sized in KRW (price, best bid).
  bool sized_in_krw() const {
    return kind == order_kind::price || (kind == order_kind::best && bid);
  }
};

} // namespace tandem::sim::upbit
