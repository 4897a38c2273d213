// A position on one venue and instrument, built from fills only.
// All money is in the instrument's quote currency (KRW for Upbit KRW-BTC,
// USDT for Binance BTCUSDT); quantities are base units or contracts.
#pragma once

#include "core/decimal.hpp"
#include "core/errors.hpp"
#include "core/fill.hpp"
#include "core/result.hpp"
#include "core/venue.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace tandem {

/// Net quantity (long positive, short negative), average entry price,
/// realized P&L net of fees, unrealized P&L at a mark price.
class position {
 public:
  /// `multiplier`: quote currency per price point per contract (1 for spot
  /// and linear perpetuals).
  position(tandem::venue v, std::string symbol, std::int64_t multiplier = 1);

  /// Applies a fill. Returns the P&L it realized (before its fee), or an
  /// error and no change. Reducing closes at the average entry price;
  /// crossing zero closes all and opens the rest at the fill price.
  result<money, position_error> apply(const fill& f);

  /// Signed quantity: > 0 long, < 0 short.
  quantity net_qty() const noexcept { return qty_; }
  bool is_flat() const noexcept { return qty_.is_zero(); }
  /// Average entry price of the open quantity; nullopt when flat.
  std::optional<price> avg_entry() const noexcept;
  /// Realized P&L net of all fees paid (quote currency), rounded half-even.
  money realized_pnl() const noexcept;
  /// Sum of fees paid (negative for net rebates).
  money fees() const noexcept { return fees_; }
  /// (mark - entry) x qty x multiplier, signed for shorts; 0 when flat.
  result<money, position_error> unrealized_pnl(price mark) const noexcept;

  tandem::venue venue() const noexcept { return venue_; }
  const std::string& symbol() const noexcept { return symbol_; }

 private:
  tandem::venue venue_;
  std::string symbol_;
  std::int64_t multiplier_;
  quantity qty_;
  /// Exact cost basis of the open quantity: sum of entry price x |qty|,
  /// raw at scale 16 (price::scale + quantity::scale).
  detail::i128 cost_ = 0;
  /// Exact realized P&L before fees, raw at scale 16.
  detail::i128 realized_ = 0;
  money fees_;
};

} // namespace tandem
