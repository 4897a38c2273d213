// Upbit Exchange API answers (2xx bodies) -> engine types. Errors go
// through errors.hpp instead. Every parser returns malformed_response for
// malformed or truncated JSON, a missing required field, a wrong wire type
// or a decimal with more than 8 decimals; unknown_enum_value for a state,
// side or order type this codec does not know. Nothing throws.
#pragma once

#include "core/decimal.hpp"
#include "core/fill.hpp"
#include "core/result.hpp"
#include "venues/common/events.hpp"
#include "venues/upbit/enums.hpp"
#include "venues/upbit/json_context.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues::upbit {

/// One order as Upbit reports it (POST /v1/orders, GET/DELETE /v1/order,
/// GET /v1/orders/open), with what order_update has no room for.
struct order_snapshot {
  /// symbol, id (identifier), venue_order_id (uuid), event (enums.hpp
  /// to_event), side, order_qty (`volume`; 0 for a market buy, which is
  /// sized in KRW), cum_qty (`executed_volume`), avg_px (executed_funds /
  /// executed_volume, half-even, when both are known and volume > 0),
  /// venue_ts (`created_at`: REST carries no update time).
  order_update update;
  order_state state = order_state::wait;
  ord_type type = ord_type::limit;
  std::optional<wire_tif> tif;
  /// `identifier` as sent, also when it is not a valid client_order_id
  /// (orders placed elsewhere); then update.id is empty.
  std::string identifier;
  /// `price`: the limit price (limit, and best once known) ...
  std::optional<price> limit_px;
  /// ... or, for ord_type=price, the KRW amount to spend.
  std::optional<money> quote_amount;
  std::optional<quantity> remaining_qty;
  /// Fees in the quote currency (KRW on KRW markets).
  money paid_fee;
  money reserved_fee;
  money remaining_fee;
  /// Funds held by the order: notional + reserved fee on bids.
  money locked;
  std::optional<money> executed_funds;
  std::int64_t trades_count = 0;
  /// From `trades` (GET /v1/order only), in wire order. Each fill's fee is
  /// paid_fee shared by `funds` (rounded down, the last fill takes the
  /// remainder, so the fees add up to paid_fee exactly): REST trades carry
  /// no fee of their own. myOrder `trade_fee` is the exact per-fill fee.
  std::vector<fill> fills;
};

/// Parses one order object.
result<order_snapshot, venue_error> parse_order(json_context& ctx,
                                                std::string_view body);

/// Parses an array of orders (GET /v1/orders/open).
result<std::vector<order_snapshot>, venue_error>
parse_orders(json_context& ctx, std::string_view body);

/// One order named in a batch cancel answer.
struct cancel_open_order {
  std::string uuid;
  std::string market;
  /// `identifier` as sent; empty when null (orders placed without one, or
  /// before 2024-10-18, when Upbit started reporting it here).
  std::string identifier;
};

/// The answer to `DELETE /v1/orders/open`:
/// {"success":{"count":N,"orders":[{"uuid","market","identifier"}]},
///  "failed":{"count":M,"orders":[...]}}. Cancels are accepted, not done:
/// the orders end on the private stream.
struct cancel_open_result {
  /// `success.count` and `failed.count` as sent.
  std::int64_t success_count = 0;
  std::int64_t failed_count = 0;
  std::vector<cancel_open_order> cancelled;
  /// Orders Upbit could not cancel (filled or cancelled meanwhile, market
  /// suspended).
  std::vector<cancel_open_order> failed;
};

/// Parses `DELETE /v1/orders/open`. `success` is required, `failed` may
/// be absent; a negative count is malformed.
result<cancel_open_result, venue_error>
parse_cancel_open(json_context& ctx, std::string_view body);

/// One `GET /v1/accounts` row.
struct account_balance {
  /// asset ("KRW", "BTC"), free (`balance`), locked.
  balance bal;
  /// Average buy price in `unit_currency`; absent for the quote itself.
  std::optional<price> avg_buy_price;
  std::string unit_currency;
};

/// Parses `GET /v1/accounts`.
result<std::vector<account_balance>, venue_error>
parse_accounts(json_context& ctx, std::string_view body);

/// `GET /v1/orders/chance`: what one market allows and costs.
struct order_chance {
  std::string market;
  /// Taker fee rates (0.0005 = 0.05%).
  rate bid_fee;
  rate ask_fee;
  /// Maker fee rates, when sent.
  std::optional<rate> maker_bid_fee;
  std::optional<rate> maker_ask_fee;
  /// Minimum order total per side, in the quote currency (5000 KRW).
  money bid_min_total;
  money ask_min_total;
  std::optional<money> max_total;
  /// `market.state`: "active" when trading.
  std::string market_state;
  /// The quote (bid side) and base (ask side) balances.
  std::optional<balance> bid_account;
  std::optional<balance> ask_account;
};

/// Parses `GET /v1/orders/chance`. Field names under `market` are
/// UNCONFIRMED (read from a schema and a client library).
result<order_chance, venue_error> parse_order_chance(json_context& ctx,
                                                     std::string_view body);

} // namespace tandem::venues::upbit
