// The symbol filters of a new order (reference B9) with Binance's error
// codes: PRICE_FILTER, LOT_SIZE and MIN_NOTIONAL (reduce-only exempt).
#pragma once

#include "core/decimal.hpp"
#include "sim/binance/config.hpp"
#include "sim/binance/http.hpp"

#include <optional>

namespace tandem::sim::binance {

/// Checks a limit price: positive (-4001), no more decimals than the tick
/// (-1111), inside [minPrice, maxPrice] (-4013 / -4002), on the tick
/// counted from minPrice (-4014).
std::optional<sim_error> check_price(const symbol_config& s, price p);

/// Checks a quantity: positive (-4003), no more decimals than the step
/// (-1111), at least minQty (-4004), at most maxQty (-4005), on the step
/// counted from minQty (-4023).
std::optional<sim_error> check_quantity(const symbol_config& s, quantity q);

/// Checks MIN_NOTIONAL: `reference` x `q` >= notional (-4164). Reduce-only
/// orders are exempt. `reference` is the limit price, or the mark price for
/// a market order.
std::optional<sim_error> check_notional(const symbol_config& s, price reference,
                                        quantity q, bool reduce_only);

} // namespace tandem::sim::binance
