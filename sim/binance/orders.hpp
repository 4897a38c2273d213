// The simulator's record of one order, and its REST JSON (the order
// object of POST/DELETE/GET /fapi/v1/order and openOrders, reference B3).
#pragma once

#include "core/decimal.hpp"
#include "core/order_types.hpp"
#include "sim/binance/config.hpp"
#include "venues/binance/enums.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace tandem::sim::binance {

namespace wire = venues::binance;

/// One order as the venue keeps it.
struct order_record {
  std::uint64_t id = 0;
  /// The owning account's API key.
  std::string account;
  std::string symbol;
  std::string client_id;
  tandem::side side = tandem::side::buy;
  wire::order_type type = wire::order_type::limit;
  wire::time_in_force tif = wire::time_in_force::gtc;
  /// Limit price; nullopt for MARKET.
  std::optional<price> limit;
  quantity qty;
  quantity executed;
  /// Sum of price x quantity of every fill.
  money cum_quote;
  bool reduce_only = false;
  wire::order_status status = wire::order_status::new_;
  /// GTD expiry in ms; 0 when not GTD.
  std::int64_t good_till_ms = 0;
  std::int64_t time_ms = 0;
  std::int64_t update_ms = 0;

  /// Returns whether the order still rests (NEW or PARTIALLY_FILLED).
  bool is_open() const noexcept;
  /// Returns the open quantity.
  quantity open_qty() const noexcept { return qty - executed; }
  /// Returns cum_quote / executed, or zero before any fill.
  price avg_price() const noexcept;
};

/// Which endpoint the order object answers: GET adds `time`, POST and
/// DELETE add `cumQty`.
enum class order_view : std::uint8_t { placed = 1, queried = 2 };

/// Returns the order object as Binance writes it.
std::string order_json(const order_record& o, const symbol_config& s,
                       order_view view);

} // namespace tandem::sim::binance
