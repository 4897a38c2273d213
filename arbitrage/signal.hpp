// A trading signal of the kimchi strategy: one pair to open or close, with
// everything the pair coordinator needs to act and to journal why.
#pragma once

#include "arbitrage/premium.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/errors.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::arbitrage {

/// Why a signal fired.
enum class signal_cause : std::uint8_t {
  /// Entry: premium >= entry_bps while flat.
  entry_threshold = 1,
  /// Exit: premium <= exit_bps while hedged.
  exit_threshold = 2,
  /// Exit: the pair was held max_holding_s or longer.
  max_holding = 3,
};

/// Returns "entry_threshold", "exit_threshold" or "max_holding".
std::string_view to_string(signal_cause c) noexcept;

/// One pair to trade (not called `signal`: that clashes with ::signal from
/// <csignal> under using-directives). Both legs carry `qty`; the limit
/// prices make each leg a marketable IOC within the configured slippage.
struct pair_signal {
  /// Unique forever: "<prefix>-<session>-s<seq>" (signal_id_generator). The
  /// coordinator drops a repeated id; it is also the pair's id.
  std::string id;
  pair_kind kind = pair_kind::entry;
  signal_cause cause = signal_cause::entry_threshold;
  /// Net premium at the tops, bps (premium.hpp's conservative rule).
  bps premium;
  /// BTC per leg, on both venues' lot grids.
  quantity qty;
  /// Upbit KRW-BTC limit, KRW: buy (entry) or sell (exit).
  price upbit_limit;
  /// Binance BTCUSDT limit, USDT: sell (entry) or buy (exit).
  price binance_limit;
  /// The top prices the premium came from (KRW, USDT, KRW per USDT).
  premium_prices quoted;
  /// Receive times of the three quotes used.
  timestamp upbit_quote_ts;
  timestamp binance_quote_ts;
  timestamp usdt_krw_quote_ts;
  /// When the signal was made (the `now` given to evaluate()).
  timestamp created;
};

/// Mints signal ids for one engine session, like client_order_id_generator
/// but with an "s" before the sequence, so a signal id never equals an
/// order id minted from the same prefix and session.
class signal_id_generator {
 public:
  /// Prefix: 1..8 of [a-z0-9] (engine.cid_prefix); session: the engine's
  /// session number (start time in ms), printed in base36.
  static result<signal_id_generator, validation_error>
  make(std::string_view prefix, std::uint64_t session,
       std::uint64_t first_seq = 1) noexcept;

  /// Returns the next id, "tdm-mhx3k2a1-s1z"; never repeats.
  std::string next();

  /// Returns the sequence number the next id will carry (for the journal).
  std::uint64_t next_seq() const noexcept { return seq_; }

 private:
  signal_id_generator() = default;
  std::string stem_; // "<prefix>-<session>-s"
  std::uint64_t seq_ = 1;
};

} // namespace tandem::arbitrage
