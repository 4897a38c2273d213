// The WebSocket frames the simulator pushes, key for key as the real
// streams write them (reference B5, B6): ORDER_TRADE_UPDATE,
// ACCOUNT_UPDATE, ACCOUNT_CONFIG_UPDATE, listenKeyExpired and bookTicker.
#pragma once

#include "core/decimal.hpp"
#include "sim/binance/accounts.hpp"
#include "sim/binance/config.hpp"
#include "sim/binance/orders.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tandem::sim::binance {

/// The execution an ORDER_TRADE_UPDATE of type TRADE reports.
struct fill_info {
  std::uint64_t trade_id = 0;
  price px;
  quantity qty;
  bool maker = false;
  money fee;
  money realized;
};

/// Expire reasons `er` (reference B4).
enum class expire_reason : std::uint8_t {
  none = 0,
  stp = 1,
  ioc = 2,
  reduce_only = 4,
  gtd = 6,
  market = 9,
};

/// Everything one ORDER_TRADE_UPDATE says besides the order itself.
struct order_event_info {
  wire::execution_type execution = wire::execution_type::new_;
  std::optional<fill_info> fill;
  expire_reason reason = expire_reason::none;
  /// Open-order notional of the account on each side (`b`, `a`).
  money bids_notional;
  money asks_notional;
  std::int64_t event_ms = 0;
  std::string_view fee_asset = "USDT";
};

/// Returns an ORDER_TRADE_UPDATE frame.
std::string order_trade_update_frame(const order_record& o,
                                     const symbol_config& s,
                                     const order_event_info& e);

/// Returns an ACCOUNT_UPDATE frame (reason "ORDER") with the wallet and
/// one position.
std::string account_update_frame(std::string_view asset, money wallet,
                                 const symbol_config& s,
                                 const position_state& p, money unrealized,
                                 std::int64_t now_ms);

/// Returns an ACCOUNT_CONFIG_UPDATE frame for a leverage change.
std::string leverage_update_frame(std::string_view symbol,
                                  std::int32_t leverage, std::int64_t now_ms);

/// Returns {"e":"listenKeyExpired","E":"<ms>","listenKey":...}; E quoted
/// as in the reference's example.
std::string listen_key_expired_frame(std::string_view key, std::int64_t now_ms);

/// Returns a <symbol>@bookTicker frame.
std::string book_ticker_frame_json(std::string_view symbol, std::uint64_t u,
                                   price bid, quantity bid_qty, price ask,
                                   quantity ask_qty, const symbol_config& s,
                                   std::int64_t now_ms);

} // namespace tandem::sim::binance
