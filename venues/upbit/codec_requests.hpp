// Upbit REST requests, built from engine types and signed with auth.hpp.
// Pure: the nonce (a fresh UUID per private request, auth.hpp make_nonce)
// is a parameter, nothing here reads a clock or a socket.
//
// Prices and volumes are NOT rounded here: a price off the instrument's tick
// or a volume off its lot is refused (price_off_tick / bad_quantity). The
// order planner rounds before the order is journaled; rounding again here
// would send something other than what the journal holds.
#pragma once

#include "core/client_order_id.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/order_request.hpp"
#include "core/result.hpp"
#include "venues/common/venue_error.hpp"
#include "venues/upbit/auth.hpp"
#include "venues/upbit/enums.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues::upbit {

/// REST host and path prefix (protocol reference A1). TLS 1.2+.
inline constexpr std::string_view rest_host = "api.upbit.com";

using venues::http_header;
using venues::http_request;

/// Why a request could not be built.
struct request_error {
  /// invalid_parameter (shape, unsupported option), price_off_tick,
  /// bad_quantity, below_minimum, auth_failed (signing failed).
  venue_error code = venue_error::invalid_parameter;
  /// key=value detail for logs: "price=100050 tick=1000".
  std::string detail;
};

/// Upbit-only choices the engine's order_request does not carry.
struct place_options {
  /// Market buy (ord_type=price) and best-price buy: the quote amount (KRW)
  /// to spend. Upbit market buys are sized in KRW, not in BTC.
  std::optional<money> quote_amount;
  /// A market order with tif ioc/fok becomes ord_type=best (a limit at the
  /// best opposite price) instead of ord_type=price/market.
  bool best_price = false;
  /// A limit order with tif gtc is sent as time_in_force=post_only.
  bool post_only = false;
  /// Self-match prevention; omitted when unset (Upbit then applies
  /// cancel_maker since 2026-11-09). Not allowed with post_only.
  std::optional<upbit::smp_type> smp;
};

/// Builds `POST /v1/orders` for `o` on instrument `inst`:
///  - limit: ord_type=limit, price on tick, volume on lot, min notional;
///    tif ioc/fok -> time_in_force; gtc rests (or post_only, see options).
///  - market buy: ord_type=price, price = options.quote_amount (KRW).
///  - market sell: ord_type=market, volume.
///  - best (options.best_price, tif ioc/fok): bid sends the KRW amount as
///    price, ask sends volume.
///  - identifier = o.id (our client order id, unique forever on Upbit).
/// Body keys in order: market, side, volume, price, ord_type,
/// time_in_force, smp_type, identifier (absent ones skipped); the token's
/// query_hash covers the same pairs in the same order. Refused: stop,
/// stop-limit, trailing, GTD, reduce-only, a market FOK without best_price.
result<http_request, request_error> place_order(const order_request& o,
                                                const instrument& inst,
                                                const place_options& options,
                                                const credentials& creds,
                                                std::string_view nonce);

/// Names one order: by Upbit's uuid or by our identifier.
struct order_ref {
  enum class kind : std::uint8_t { uuid, identifier };
  kind by = kind::identifier;
  std::string value;

  static order_ref uuid(std::string_view venue_order_id);
  static order_ref identifier(const client_order_id& id);
};

/// Builds `DELETE /v1/order?uuid=...` (or `identifier=`). Cancels are
/// asynchronous: confirm through query_order or myOrder.
result<http_request, request_error> cancel_order(const order_ref& ref,
                                                 const credentials& creds,
                                                 std::string_view nonce);

/// Builds `GET /v1/order?uuid=...` (or `identifier=`); the answer carries
/// the order's `trades`.
result<http_request, request_error> query_order(const order_ref& ref,
                                                const credentials& creds,
                                                std::string_view nonce);

/// Parameters of `GET /v1/orders/open` (exact set UNCONFIRMED; these are
/// the ones the reference lists).
struct open_orders_query {
  /// "KRW-BTC"; empty for every market.
  std::string market;
  /// Adds states[]=watch to states[]=wait (reserved orders).
  bool include_watch = false;
  /// 1-based page; sent only when > 1.
  std::uint32_t page = 1;
  /// Page size; sent only when set (Upbit's default otherwise).
  std::optional<std::uint32_t> limit;
};

/// Builds `GET /v1/orders/open?market=..&states[]=wait[&states[]=watch]`.
result<http_request, request_error> open_orders(const open_orders_query& q,
                                                const credentials& creds,
                                                std::string_view nonce);

/// Which orders a batch cancel takes (`cancel_side`).
enum class cancel_side : std::uint8_t { all, ask, bid };
/// Which end of the open orders a batch cancel starts from (`order_by`).
enum class cancel_order_by : std::uint8_t { newest_first, oldest_first };

/// Parameters of `DELETE /v1/orders/open`, Upbit's batch cancel ("cancel
/// orders in bulk", 2024-12-11; docs.upbit.com/kr/reference/
/// batch-cancel-orders). Venue notes:
///  - only resting (wait) orders are taken; reserved (watch) orders need
///    DELETE /v1/order;
///  - query parameters only (no body); `pairs` and `quote_currencies` are
///    mutually exclusive, each list at most 20 entries, comma-separated;
///    `excluded_pairs` wins over both;
///  - `count` defaults to 20 and is at most 300, `order_by` defaults to
///    desc (newest first): with no parameters at all Upbit cancels the 20
///    newest orders of every market;
///  - its own rate-limit group, "order-cancel-all": one call per 2 s per
///    pocket (session_limits.hpp);
///  - cancellation is accepted, not done: confirm through myOrder or GET.
struct cancel_open_query {
  cancel_side side = cancel_side::all;
  /// Markets whose orders go ("KRW-BTC"); empty: every market.
  std::vector<std::string> pairs;
  /// Markets whose orders stay.
  std::vector<std::string> excluded_pairs;
  /// Quote currencies ("KRW") whose markets' orders go.
  std::vector<std::string> quote_currencies;
  /// Orders taken at most (1..300); Upbit's default (20) when unset.
  std::optional<std::uint32_t> count;
  /// Sent only when set (Upbit's default is newest_first).
  std::optional<cancel_order_by> order_by;
};

/// Upbit's cap on `count` of a batch cancel.
inline constexpr std::uint32_t max_cancel_open_count = 300;
/// Upbit's cap on the entries of `pairs` / `excluded_pairs`.
inline constexpr std::size_t max_cancel_open_pairs = 20;

/// Builds `DELETE /v1/orders/open?cancel_side=..&pairs=..&count=..` with
/// the parameters in the order cancel_side, pairs, excluded_pairs,
/// quote_currencies, count, order_by (query_hash over the same string).
/// Refused (invalid_parameter): pairs together with quote_currencies, more
/// than 20 pairs, a market or currency code Upbit would not accept, count
/// outside 1..300.
result<http_request, request_error>
cancel_open_orders(const cancel_open_query& q, const credentials& creds,
                   std::string_view nonce);

/// Builds `GET /v1/accounts` (no parameters, so no query_hash).
result<http_request, request_error> accounts(const credentials& creds,
                                             std::string_view nonce);

/// Builds `GET /v1/orders/chance?market=...` (fees, minimum total).
result<http_request, request_error> chance_request(std::string_view market,
                                                   const credentials& creds,
                                                   std::string_view nonce);

// -- public (quotation) requests: no Authorization ----------------------------

/// Builds `GET /v1/market/all[?is_details=true]`.
http_request market_all(bool details = false);

/// Builds `GET /v1/ticker?markets=KRW-BTC,KRW-USDT` (named *_request so it
/// does not hide the `ticker` answer type of codec_quotes.hpp). Errors:
/// invalid_parameter for no market or a code outside [A-Z0-9-].
result<http_request, request_error>
ticker_request(std::span<const std::string> markets);

/// Builds `GET /v1/orderbook?markets=...`.
result<http_request, request_error>
orderbook_request(std::span<const std::string> markets);

/// Builds `GET /v1/orderbook/instruments?markets=...` (tick sizes, since
/// 2025-07-31).
result<http_request, request_error>
orderbook_instruments(std::span<const std::string> markets);

/// Returns true for a market code Upbit accepts: "KRW-BTC" (uppercase
/// letters and digits, one '-' between quote and base).
bool is_market_code(std::string_view code) noexcept;

} // namespace tandem::venues::upbit
