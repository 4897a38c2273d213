// The kimchi strategy's decision function: given the quote board and the
// time, should a pair be opened or closed now, how big, at which prices?
//
// States: flat -> (entry signal) -> entering -> (settled) -> hedged ->
// (exit signal) -> exiting -> (settled) -> flat, or back to hedged when
// the exit closed only part of the pair or was rolled back. While entering
// or exiting nothing is signalled: one pair in flight at a time.
//
// Rules, each checked on every evaluate():
// * The three quotes (Upbit KRW-BTC, Binance BTCUSDT, Upbit KRW-USDT) must
//   exist, be sane (bid < ask, both > 0) and be at most
//   kimchi.max_quote_age_ms old; otherwise nothing is signalled.
// * Entry when flat and premium(entry) >= kimchi.entry_bps.
// * Exit when hedged and premium(exit) <= kimchi.exit_bps, or when the pair
//   has been held kimchi.max_holding_s or longer (fresh quotes still needed:
//   the legs must be priced).
// * The premium is taken at the tops (premium.hpp). Depth never raises it:
//   walking the book only widens this pair's measured premium (it buys the
//   dear venue), so the top is already the conservative figure. Depth is
//   used for sizing: what each book offers within the leg's limit price.
// * Limit prices: marketable IOC limits `cfg.leg_slippage_bps` past the
//   top. A buy at ask x (1 + slippage) rounds DOWN to the tick, a sell at
//   bid x (1 - slippage) rounds UP: never beyond the slippage, and still at
//   or through the top (the top is on the tick), so the order stays
//   marketable.
//
// Economics, stated plainly: a long Upbit / short Binance pair gains when
// the premium WIDENS after entry and loses when it narrows. Entering at
// >= entry_bps and closing at <= exit_bps (< entry_bps) as the issue and
// config specify realizes roughly (exit - entry) premium minus fees: a loss
// whenever the exit threshold is what closes the pair. These rules follow
// the spec; the direction is for the product owner to confirm.
#pragma once

#include "arbitrage/premium.hpp"
#include "arbitrage/quote_board.hpp"
#include "arbitrage/signal.hpp"
#include "arbitrage/sizing.hpp"
#include "config/schema.hpp"
#include "core/instrument.hpp"

#include <optional>

namespace tandem::arbitrage {

/// Where the strategy is with its (single) pair.
enum class strategy_state : std::uint8_t {
  flat = 1,     ///< No pair; entries are evaluated.
  entering = 2, ///< An entry signal is being executed.
  hedged = 3,   ///< A pair is open; exits are evaluated.
  exiting = 4,  ///< An exit signal is being executed.
};

/// Returns "flat", "entering", "hedged" or "exiting".
std::string_view to_string(strategy_state s) noexcept;

/// What the last evaluate() decided (status line, tests, logs).
enum class decision : std::uint8_t {
  signalled = 1,       ///< A signal was returned.
  busy = 2,            ///< Entering or exiting: nothing is evaluated.
  missing_quote = 3,   ///< A quote was never received.
  stale_quote = 4,     ///< A quote is older than max_quote_age_ms.
  bad_book = 5,        ///< A book is crossed or has a zero side.
  below_threshold = 6, ///< Flat, premium < entry_bps.
  holding = 7,         ///< Hedged, premium > exit_bps, not held too long.
  size_refused = 8,    ///< The sizing refused (see last_refusal()).
  price_error = 9,     ///< Premium or limit price arithmetic failed.
};

/// Returns "signalled", "busy", ...
std::string_view to_string(decision d) noexcept;

/// Everything the rules need. `cfg` holds the thresholds, ages, order size
/// and symbols (defaults in config/schema.hpp); the instruments must match
/// cfg.upbit_symbol and cfg.binance_symbol.
struct kimchi_params {
  config::kimchi_config cfg;
  /// Taker fees (venues.upbit.taker_fee, venues.binance.taker_fee).
  fee_rates fees;
  instrument upbit;
  instrument binance;
};

/// The kimchi decision function with its flat/entering/hedged/exiting state.
class kimchi_rules {
 public:
  /// Returns the rules, or bad_params (thresholds not entry > exit, symbols
  /// not matching the instruments, fees or slippage out of range,
  /// instruments without a common lot).
  static result<kimchi_rules, arbitrage_error> make(kimchi_params p,
                                                    signal_id_generator ids);

  /// Returns a signal if one should be traded now, and moves to entering
  /// or exiting. `cap`: the caller's limit on an entry's BTC quantity (risk
  /// headroom, balances); exits are sized from the hedged quantity.
  std::optional<pair_signal> evaluate(const quote_board& board, timestamp now,
                                      quantity cap = quantity::max());

  /// Reports how the pair in flight settled: `hedged_qty` is the BTC per
  /// leg still hedged (0: flat). Entering -> hedged (held since `now`) or
  /// flat; exiting -> hedged (original open time kept) or flat. Returns
  /// false, changing nothing, when no pair was in flight.
  bool on_settled(quantity hedged_qty, timestamp now) noexcept;

  /// Restores the state after a restart (from the journal): a hedged pair
  /// of `hedged_qty` opened at `opened_at`, or flat when zero.
  void restore(quantity hedged_qty, timestamp opened_at) noexcept;

  strategy_state state() const noexcept { return state_; }
  /// BTC per leg of the open pair; zero when flat.
  quantity hedged_qty() const noexcept { return hedged_qty_; }
  /// When the open pair was hedged.
  timestamp opened_at() const noexcept { return opened_at_; }

  decision last_decision() const noexcept { return last_decision_; }
  /// The premium seen by the last evaluate() that got that far, bps.
  std::optional<bps> last_premium() const noexcept { return last_premium_; }
  /// Why the last sizing refused, when last_decision() is size_refused.
  const std::optional<size_refusal>& last_refusal() const noexcept {
    return last_refusal_;
  }

  const kimchi_params& params() const noexcept { return p_; }

 private:
  kimchi_rules(kimchi_params p, signal_id_generator ids, quantity lot);

  std::optional<pair_signal> decide(pair_kind k, const venues::book_top& up,
                                    const venues::book_top& bn,
                                    const venues::book_top& fx,
                                    const quote_board& board, timestamp now,
                                    quantity cap);
  std::optional<pair_signal> fail(decision d) noexcept;

  kimchi_params p_;
  signal_id_generator ids_;
  quantity lot_;
  strategy_state state_ = strategy_state::flat;
  quantity hedged_qty_;
  timestamp opened_at_;
  decision last_decision_ = decision::missing_quote;
  std::optional<bps> last_premium_;
  std::optional<size_refusal> last_refusal_;
};

/// Returns the marketable IOC limit price `slippage_bps` past `top` for a
/// taker on `s` (buy: above the ask, rounded down to the tick; sell: below
/// the bid, rounded up), or an error.
result<price, arbitrage_error> marketable_limit(const instrument& i, side s,
                                                price top,
                                                std::int64_t slippage_bps);

} // namespace tandem::arbitrage
