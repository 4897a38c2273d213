// Configuration of the simulated Upbit KRW exchange: markets, accounts,
// fees, limits. Defaults live here as member initializers and nowhere else;
// default_config() only adds the markets and one account.
#pragma once

#include "core/decimal.hpp"
#include "core/instrument.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace tandem::sim::upbit {

/// One tradable KRW market.
struct market_config {
  /// "KRW-BTC": quote first.
  std::string code;
  /// "BTC".
  std::string base;
  /// "KRW".
  std::string quote = "KRW";
  std::string korean_name;
  std::string english_name;
  /// The tick table (tick_rule::upbit_krw(), or the KRW-USDT variant).
  tick_rule tick = tick_rule::upbit_krw();
  /// The price the ticker reports before the first trade.
  price reference_price;
};

/// One currency balance an account starts with.
struct starting_balance {
  std::string currency;
  money amount;
};

/// One API key pair and the pocket it trades for.
struct account_config {
  std::string access_key;
  std::string secret_key;
  std::vector<starting_balance> balances;
};

/// Requests per second of one rate-limit group (protocol reference A7).
struct group_limit {
  std::string group;
  std::int32_t per_second = 0;
};

/// Rate limits and the block that follows ignoring them.
struct rate_limit_config {
  /// POST /v1/orders: 8/s (12/s from 2026-08-21, CHANGED in the reference).
  std::int32_t order_per_second = 8;
  /// Every other Exchange call: 30/s.
  std::int32_t default_per_second = 30;
  /// Each quotation group (market, ticker, orderbook), per IP: 10/s.
  std::int32_t quotation_per_second = 10;
  /// DELETE /v1/orders/open (batch cancel), group "order-cancel-all": one
  /// call per 2 s window.
  std::int32_t cancel_all_per_window = 1;
  std::chrono::milliseconds cancel_all_window{2000};
  /// 429 answers in a row after which the caller is blocked (418).
  std::int32_t violations_before_block = 5;
  /// How long a block lasts.
  std::chrono::seconds block_duration{60};
};

/// Everything the simulated venue is built from.
struct venue_config {
  std::vector<market_config> markets;
  std::vector<account_config> accounts;
  /// Taker and maker fee rate on both sides, charged in KRW (0.05%).
  rate bid_fee = rate::must_parse("0.0005");
  rate ask_fee = rate::must_parse("0.0005");
  /// Minimum order total per side in KRW.
  money min_total = money::must_parse("5000");
  /// Maximum order total in KRW (reported by /v1/orders/chance).
  money max_total = money::must_parse("1000000000");
  /// Book depth for the market-order rule and the orderbook answers.
  std::size_t book_levels = 30;
  rate_limit_config limits;
  /// The account market-maker quotes (set_book) rest under. It has no
  /// balances and never receives private events.
  std::string house_account = "__house__";
  /// Seeds the uuids the venue mints; same seed, same uuids.
  std::uint64_t seed = 0x5eed'0b17'4b2c'0001ULL;
};

/// Returns the KRW-USDT tick table: the KRW table with 0.5 KRW in the
/// 1,000-10,000 band (reference A9, since 2025-03-21; whether it survives
/// the 2025-07-31 revision is UNCONFIRMED).
tick_rule krw_usdt_tick();

/// Returns KRW-BTC (reference 100,000,000 KRW) and KRW-USDT (1,400 KRW)
/// and no accounts.
venue_config default_config();

} // namespace tandem::sim::upbit
