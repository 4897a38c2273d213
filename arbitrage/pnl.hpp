// A pair's profit and loss in KRW, from both legs' fills and fees.
//
// Per venue, cash-flow style: sells - buys - fees, plus the open quantity
// at a mark price (a closed pair has none). Upbit is KRW already; Binance
// is USDT and converts at a KRW-per-USDT rate given by the caller (the
// Upbit KRW-USDT price of the caller's choice, e.g. the bid used to exit).
// Everything is exact in 128 bits and rounded half-even once per figure.
// Funding payments on the Binance short are not fills and are not here.
#pragma once

#include "arbitrage/errors.hpp"
#include "core/decimal.hpp"
#include "core/fill.hpp"
#include "core/result.hpp"

#include <optional>
#include <span>

namespace tandem::arbitrage {

/// Marks for quantities still open; needed only when some are.
struct pnl_marks {
  /// KRW per BTC.
  std::optional<price> upbit_krw;
  /// USDT per BTC.
  std::optional<price> binance_usdt;
};

/// A pair's P&L.
struct pair_pnl {
  /// Upbit KRW-BTC: sells - buys - fees (+ open x mark), KRW.
  money upbit_krw;
  /// Binance BTCUSDT: sells - buys - fees (+ open x mark), USDT.
  money binance_usdt;
  /// binance_usdt x usdt_krw, KRW.
  money binance_krw;
  /// upbit_krw + binance_krw, KRW.
  money total_krw;
  /// Fees paid on both venues, KRW (Binance's converted).
  money fees_krw;
  /// Net BTC still open per venue (buy +, sell -).
  quantity upbit_open;
  quantity binance_open;
};

/// Returns the pair's P&L. `usdt_krw`: KRW per USDT. Errors:
/// non_positive_price (rate or a fill price), bad_event (a fill from the
/// wrong venue or of non-positive quantity), missing_quote (open quantity
/// without a mark), overflow.
result<pair_pnl, arbitrage_error>
compute_pair_pnl(std::span<const fill> upbit_fills,
                 std::span<const fill> binance_fills, price usdt_krw,
                 const pnl_marks& marks = {});

} // namespace tandem::arbitrage
