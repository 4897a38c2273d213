// Every Binance USD-M futures field the codec reads or writes, in one place:
// the canonical name the engine uses, the venue's JSON key (or parameter, or
// header), its wire type and its unit. The codec reads keys only through
// these constants, so this file is the whole field mapping at a glance
// (ccapi's extractionFieldNameMap, STYLE.md habit 4).
//
// Wire facts (protocol reference venues/upbit-binance.md, part B):
// - every price, quantity and money value is a JSON *string* decimal;
// - times are integer milliseconds since the epoch (UTC);
// - ids (`orderId`, trade id `t`, update id `u`) are JSON integers.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tandem::venues::binance {

/// How a value is written on the wire.
enum class wire_type : std::uint8_t {
  string,         ///< A JSON string (symbols, enums, ids we mint).
  decimal_string, ///< A decimal in a JSON string ("25.35190000").
  integer,        ///< A JSON integer.
  boolean,        ///< A JSON true/false.
  object,         ///< A nested JSON object.
  array,          ///< A JSON array.
  int_or_string,  ///< An integer that some payloads quote ("E":"1736...").
};

/// What a value measures.
enum class wire_unit : std::uint8_t {
  none,    ///< Names, enums, ids, flags.
  ms,      ///< Milliseconds since the epoch, or a duration in ms.
  seconds, ///< A duration in seconds (Retry-After).
  quote,   ///< A price in the quote currency (USDT per BTC).
  base,    ///< A quantity in base units (BTC).
  money,   ///< An amount of an asset (balances, fees, P&L).
  count,   ///< A plain count (weights, orders, leverage).
};

/// One field: canonical name, venue key, wire type and unit.
struct field {
  std::string_view canonical;
  std::string_view key;
  wire_type type;
  wire_unit unit;
};

// clang-format off
namespace fields {
using t = wire_type;
using u = wire_unit;

// -- REST order object (new/cancel/query order, openOrders) -----------------
namespace order {
inline constexpr field symbol       {"symbol",          "symbol",        t::string,         u::none};
inline constexpr field client_id    {"client_order_id", "clientOrderId", t::string,         u::none};
inline constexpr field order_id     {"venue_order_id",  "orderId",       t::integer,        u::none};
inline constexpr field side         {"side",            "side",          t::string,         u::none};
inline constexpr field status       {"status",          "status",        t::string,         u::none};
inline constexpr field orig_qty     {"order_qty",       "origQty",       t::decimal_string, u::base};
inline constexpr field executed_qty {"cum_qty",         "executedQty",   t::decimal_string, u::base};
inline constexpr field avg_price    {"avg_px",          "avgPrice",      t::decimal_string, u::quote};
inline constexpr field update_time  {"venue_ts",        "updateTime",    t::integer,        u::ms};
} // namespace order
inline constexpr std::array order_table{
  order::symbol, order::client_id, order::order_id, order::side, order::status,
  order::orig_qty, order::executed_qty, order::avg_price, order::update_time};

// -- error body {"code":-2019,"msg":"Margin is insufficient."} --------------
namespace error_body {
inline constexpr field code {"code",    "code", t::integer, u::none};
inline constexpr field msg  {"message", "msg",  t::string,  u::none};
} // namespace error_body

// -- GET /fapi/v1/time ------------------------------------------------------
namespace server_time {
inline constexpr field time {"server_time", "serverTime", t::integer, u::ms};
} // namespace server_time

// -- GET /fapi/v1/exchangeInfo: symbols[] and their filters[] ---------------
namespace exchange_info {
inline constexpr field symbols       {"symbols",       "symbols",      t::array,          u::none};
inline constexpr field symbol        {"symbol",        "symbol",       t::string,         u::none};
inline constexpr field status        {"status",        "status",       t::string,         u::none};
inline constexpr field contract_type {"contract_type", "contractType", t::string,         u::none};
inline constexpr field base          {"base",          "baseAsset",    t::string,         u::none};
inline constexpr field quote         {"quote",         "quoteAsset",   t::string,         u::none};
inline constexpr field filters       {"filters",       "filters",      t::array,          u::none};
inline constexpr field filter_type   {"filter_type",   "filterType",   t::string,         u::none};
// PRICE_FILTER: (price - minPrice) % tickSize == 0; "0" disables a bound.
inline constexpr field tick_size     {"tick",          "tickSize",     t::decimal_string, u::quote};
inline constexpr field min_price     {"min_price",     "minPrice",     t::decimal_string, u::quote};
inline constexpr field max_price     {"max_price",     "maxPrice",     t::decimal_string, u::quote};
// LOT_SIZE: (qty - minQty) % stepSize == 0.
inline constexpr field step_size     {"lot",           "stepSize",     t::decimal_string, u::base};
inline constexpr field min_qty       {"min_qty",       "minQty",       t::decimal_string, u::base};
inline constexpr field max_qty       {"max_qty",       "maxQty",       t::decimal_string, u::base};
// MIN_NOTIONAL: the key is `notional`, not `minNotional` (reference B9).
inline constexpr field notional      {"min_notional",  "notional",     t::decimal_string, u::money};
} // namespace exchange_info
inline constexpr std::array exchange_info_table{
  exchange_info::symbols, exchange_info::symbol, exchange_info::status,
  exchange_info::contract_type, exchange_info::base, exchange_info::quote,
  exchange_info::filters, exchange_info::filter_type, exchange_info::tick_size,
  exchange_info::min_price, exchange_info::max_price, exchange_info::step_size,
  exchange_info::min_qty, exchange_info::max_qty, exchange_info::notional};

// -- GET /fapi/v2/positionRisk ----------------------------------------------
namespace position_risk {
inline constexpr field symbol         {"symbol",         "symbol",           t::string,         u::none};
inline constexpr field position_amt   {"qty",            "positionAmt",      t::decimal_string, u::base};
inline constexpr field entry_price    {"entry_px",       "entryPrice",       t::decimal_string, u::quote};
inline constexpr field unrealized_pnl {"unrealized_pnl", "unRealizedProfit", t::decimal_string, u::money};
// v2 quotes the leverage ("leverage":"10"); v3 dropped the field.
inline constexpr field leverage       {"leverage",       "leverage",         t::int_or_string,  u::count};
inline constexpr field position_side  {"position_side",  "positionSide",     t::string,         u::none};
} // namespace position_risk
inline constexpr std::array position_risk_table{
  position_risk::symbol, position_risk::position_amt, position_risk::entry_price,
  position_risk::unrealized_pnl, position_risk::leverage,
  position_risk::position_side};

// -- GET /fapi/v3/balance ---------------------------------------------------
namespace balance {
inline constexpr field asset     {"asset",  "asset",            t::string,         u::none};
inline constexpr field wallet    {"wallet", "balance",          t::decimal_string, u::money};
inline constexpr field available {"free",   "availableBalance", t::decimal_string, u::money};
} // namespace balance

// -- GET /fapi/v3/account: assets[] (positions[] reuse position_risk keys) --
namespace account {
inline constexpr field assets         {"assets",         "assets",           t::array,          u::none};
inline constexpr field positions      {"positions",      "positions",        t::array,          u::none};
inline constexpr field asset          {"asset",          "asset",            t::string,         u::none};
inline constexpr field available      {"free",           "availableBalance", t::decimal_string, u::money};
inline constexpr field initial_margin {"locked",         "initialMargin",    t::decimal_string, u::money};
inline constexpr field unrealized_pnl {"unrealized_pnl", "unrealizedProfit", t::decimal_string, u::money};
} // namespace account

// -- GET /fapi/v1/ticker/bookTicker -----------------------------------------
namespace book_ticker {
inline constexpr field symbol    {"symbol",    "symbol",       t::string,         u::none};
inline constexpr field bid       {"bid",       "bidPrice",     t::decimal_string, u::quote};
inline constexpr field bid_qty   {"bid_qty",   "bidQty",       t::decimal_string, u::base};
inline constexpr field ask       {"ask",       "askPrice",     t::decimal_string, u::quote};
inline constexpr field ask_qty   {"ask_qty",   "askQty",       t::decimal_string, u::base};
inline constexpr field time      {"venue_ts",  "time",         t::integer,        u::ms};
inline constexpr field update_id {"update_id", "lastUpdateId", t::integer,        u::none};
} // namespace book_ticker

// -- GET /fapi/v1/depth -----------------------------------------------------
namespace depth {
inline constexpr field last_update_id {"update_id", "lastUpdateId", t::integer, u::none};
inline constexpr field txn_time       {"venue_ts",  "T",            t::integer, u::ms};
inline constexpr field bids           {"bids",      "bids",         t::array,   u::none};
inline constexpr field asks           {"asks",      "asks",         t::array,   u::none};
} // namespace depth

// -- POST /fapi/v1/leverage, countdownCancelAll, listenKey -----------------
namespace leverage {
inline constexpr field symbol       {"symbol",       "symbol",           t::string,         u::none};
inline constexpr field leverage     {"leverage",     "leverage",         t::integer,        u::count};
inline constexpr field max_notional {"max_notional", "maxNotionalValue", t::decimal_string, u::money};
} // namespace leverage
namespace countdown {
inline constexpr field symbol {"symbol",    "symbol",        t::string,        u::none};
// The answer quotes it: {"countdownTime":"100000"} (reference B3).
inline constexpr field time   {"countdown", "countdownTime", t::int_or_string, u::ms};
} // namespace countdown
namespace listen_key {
inline constexpr field key {"listen_key", "listenKey", t::string, u::none};
} // namespace listen_key

// -- WebSocket frames -------------------------------------------------------
namespace stream {
// Combined-stream wrapper {"stream":"btcusdt@bookTicker","data":{...}}.
inline constexpr field name       {"stream",     "stream", t::string,        u::none};
inline constexpr field data       {"data",       "data",   t::object,        u::none};
inline constexpr field event      {"event_type", "e",      t::string,        u::none};
// listenKeyExpired quotes E ("E":"1736996475556"); other events do not.
inline constexpr field event_time {"event_ts",   "E",      t::int_or_string, u::ms};
inline constexpr field txn_time   {"venue_ts",   "T",      t::integer,       u::ms};
} // namespace stream

// <symbol>@bookTicker
namespace ws_book_ticker {
inline constexpr field update_id {"update_id", "u", t::integer,        u::none};
inline constexpr field symbol    {"symbol",    "s", t::string,         u::none};
inline constexpr field bid       {"bid",       "b", t::decimal_string, u::quote};
inline constexpr field bid_qty   {"bid_qty",   "B", t::decimal_string, u::base};
inline constexpr field ask       {"ask",       "a", t::decimal_string, u::quote};
inline constexpr field ask_qty   {"ask_qty",   "A", t::decimal_string, u::base};
} // namespace ws_book_ticker

// ORDER_TRADE_UPDATE, the "o" object.
namespace ws_order {
inline constexpr field order          {"order",          "o",  t::object,         u::none};
inline constexpr field symbol         {"symbol",         "s",  t::string,         u::none};
inline constexpr field client_id      {"client_order_id","c",  t::string,         u::none};
inline constexpr field side           {"side",           "S",  t::string,         u::none};
inline constexpr field orig_qty       {"order_qty",      "q",  t::decimal_string, u::base};
inline constexpr field avg_price      {"avg_px",         "ap", t::decimal_string, u::quote};
inline constexpr field execution_type {"execution",      "x",  t::string,         u::none};
inline constexpr field status         {"status",         "X",  t::string,         u::none};
inline constexpr field order_id       {"venue_order_id", "i",  t::integer,        u::none};
inline constexpr field last_qty       {"fill_qty",       "l",  t::decimal_string, u::base};
inline constexpr field cum_qty        {"cum_qty",        "z",  t::decimal_string, u::base};
inline constexpr field last_price     {"fill_px",        "L",  t::decimal_string, u::quote};
// "will not push if no commission" (Binance docs): both may be absent.
inline constexpr field fee_asset      {"fee_asset",      "N",  t::string,         u::none};
inline constexpr field fee            {"fee",            "n",  t::decimal_string, u::money};
inline constexpr field trade_time     {"fill_ts",        "T",  t::integer,        u::ms};
inline constexpr field trade_id       {"trade_id",       "t",  t::integer,        u::none};
inline constexpr field is_maker       {"is_maker",       "m",  t::boolean,        u::none};
inline constexpr field realized_pnl   {"realized_pnl",   "rp", t::decimal_string, u::money};
inline constexpr field expire_reason  {"expire_reason",  "er", t::int_or_string,  u::none};
} // namespace ws_order
inline constexpr std::array ws_order_table{
  ws_order::order, ws_order::symbol, ws_order::client_id, ws_order::side,
  ws_order::orig_qty, ws_order::avg_price, ws_order::execution_type,
  ws_order::status, ws_order::order_id, ws_order::last_qty, ws_order::cum_qty,
  ws_order::last_price, ws_order::fee_asset, ws_order::fee,
  ws_order::trade_time, ws_order::trade_id, ws_order::is_maker,
  ws_order::realized_pnl, ws_order::expire_reason};

// ACCOUNT_UPDATE, the "a" object with B[] (balances) and P[] (positions).
namespace ws_account {
inline constexpr field update         {"update",         "a",  t::object,         u::none};
inline constexpr field reason         {"reason",         "m",  t::string,         u::none};
inline constexpr field balances       {"balances",       "B",  t::array,          u::none};
inline constexpr field positions      {"positions",      "P",  t::array,          u::none};
inline constexpr field asset          {"asset",          "a",  t::string,         u::none};
inline constexpr field wallet         {"wallet",         "wb", t::decimal_string, u::money};
inline constexpr field symbol         {"symbol",         "s",  t::string,         u::none};
inline constexpr field position_amt   {"qty",            "pa", t::decimal_string, u::base};
inline constexpr field entry_price    {"entry_px",       "ep", t::decimal_string, u::quote};
inline constexpr field unrealized_pnl {"unrealized_pnl", "up", t::decimal_string, u::money};
} // namespace ws_account

// listenKeyExpired
namespace ws_listen_key {
inline constexpr field key {"listen_key", "listenKey", t::string, u::none};
} // namespace ws_listen_key

// -- response headers (names are case-insensitive) --------------------------
namespace headers {
inline constexpr field used_weight_1m  {"used_weight_1m",  "X-MBX-USED-WEIGHT-1M",  t::integer, u::count};
inline constexpr field order_count_10s {"order_count_10s", "X-MBX-ORDER-COUNT-10S", t::integer, u::count};
inline constexpr field order_count_1m  {"order_count_1m",  "X-MBX-ORDER-COUNT-1M",  t::integer, u::count};
inline constexpr field retry_after     {"retry_after",     "Retry-After",           t::integer, u::seconds};
} // namespace headers
inline constexpr std::array header_table{
  headers::used_weight_1m, headers::order_count_10s, headers::order_count_1m,
  headers::retry_after};

// -- request parameters (query string) --------------------------------------
namespace param {
inline constexpr field symbol           {"symbol",          "symbol",            t::string,         u::none};
inline constexpr field side             {"side",            "side",              t::string,         u::none};
inline constexpr field type             {"type",            "type",              t::string,         u::none};
inline constexpr field time_in_force    {"tif",             "timeInForce",       t::string,         u::none};
inline constexpr field quantity         {"qty",             "quantity",          t::decimal_string, u::base};
inline constexpr field price            {"limit_price",     "price",             t::decimal_string, u::quote};
inline constexpr field reduce_only      {"reduce_only",     "reduceOnly",        t::string,         u::none};
inline constexpr field client_id        {"client_order_id", "newClientOrderId",  t::string,         u::none};
inline constexpr field orig_client_id   {"client_order_id", "origClientOrderId", t::string,         u::none};
inline constexpr field good_till_date   {"expire_at",       "goodTillDate",      t::integer,        u::ms};
inline constexpr field resp_type        {"response_type",   "newOrderRespType",  t::string,         u::none};
inline constexpr field leverage         {"leverage",        "leverage",          t::integer,        u::count};
inline constexpr field countdown_time   {"countdown",       "countdownTime",     t::integer,        u::ms};
inline constexpr field limit            {"depth_limit",     "limit",             t::integer,        u::count};
} // namespace param
} // namespace fields
// clang-format on

} // namespace tandem::venues::binance
