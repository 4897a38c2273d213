// A fill (execution) reported by a venue.
#pragma once

#include "core/client_order_id.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/order_types.hpp"
#include "core/venue.hpp"

#include <cstdint>
#include <string>

namespace tandem {

/// Whether the fill added or took liquidity.
enum class liquidity : std::uint8_t { unknown = 0, maker = 1, taker = 2 };

/// One execution of one order.
struct fill {
  client_order_id order_id;
  /// The venue's trade id; unique per venue and symbol, used to drop
  /// duplicates (the same fill seen on REST and on the user stream).
  std::string trade_id;
  tandem::venue venue = venue::upbit;
  std::string symbol;
  tandem::side side = side::buy;
  /// Base asset units (BTC) or contracts.
  quantity qty;
  /// In the instrument's quote currency (KRW, USDT).
  price px;
  /// Fee in the instrument's quote currency: positive is paid, negative is a
  /// rebate. Codecs convert other fee assets before building a fill.
  money fee;
  tandem::liquidity liquidity = liquidity::unknown;
  timestamp ts;
};

} // namespace tandem
