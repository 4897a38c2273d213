// Configuration of the simulated Binance USD-M futures venue: symbols and
// their filters, accounts, fee rates, rate limits and the receive window.
// Defaults live here as member initializers and nowhere else.
#pragma once

#include "core/decimal.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace tandem::sim::binance {

/// One tradable symbol and its exchangeInfo filters (reference B9).
struct symbol_config {
  std::string symbol = "BTCUSDT";
  std::string base = "BTC";
  std::string quote = "USDT";
  /// PRICE_FILTER.
  price tick = price::must_parse("0.1");
  price min_price = price::must_parse("261.1");
  price max_price = price::must_parse("809484");
  /// LOT_SIZE (also used for MARKET orders).
  quantity step = quantity::must_parse("0.001");
  quantity min_qty = quantity::must_parse("0.001");
  quantity max_qty = quantity::must_parse("1000");
  /// MIN_NOTIONAL `notional`; reduce-only orders are exempt.
  money min_notional = money::must_parse("100");
  /// MAX_NUM_ORDERS: open orders per account and symbol.
  std::int64_t max_open_orders = 200;
  /// Leverage of an account that never called POST /fapi/v1/leverage.
  std::int32_t default_leverage = 20;
};

/// One API account: key, secret and its starting USDT wallet balance.
struct account_config {
  std::string api_key;
  std::string secret;
  money usdt_balance = money::must_parse("10000");
};

/// Commission rates (reference C2: VIP 0 is 0.02 % maker, 0.05 % taker).
struct fee_config {
  rate maker = rate::must_parse("0.0002");
  rate taker = rate::must_parse("0.0005");
};

/// Rate limits (reference B7); the 10 s figure is the brief's, UNCONFIRMED.
struct rate_limit_config {
  /// REQUEST_WEIGHT per IP and minute.
  std::int64_t weight_per_minute = 2400;
  /// ORDERS per account and 10 s window.
  std::int64_t orders_per_10s = 300;
  /// ORDERS per account and minute.
  std::int64_t orders_per_minute = 1200;
  /// First IP ban after ignoring a 429; each later ban doubles, up to
  /// max_ban ("from 2 minutes to 3 days").
  std::chrono::seconds first_ban{120};
  std::chrono::seconds max_ban{3 * 24 * 3600};
};

/// Everything the simulated venue needs.
struct venue_config {
  std::vector<symbol_config> symbols{symbol_config{}};
  std::vector<account_config> accounts;
  fee_config fees;
  rate_limit_config limits;
  /// recvWindow when the request has none, and the largest one accepted.
  std::int64_t default_recv_window_ms = 5000;
  std::int64_t max_recv_window_ms = 60000;
  /// A listen key lives this long after creation or its last keepalive.
  std::chrono::minutes listen_key_validity{60};
  /// The margin asset every account holds.
  std::string margin_asset = "USDT";
};

} // namespace tandem::sim::binance
