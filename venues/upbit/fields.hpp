// Every Upbit JSON key the codec reads or writes, in one table: canonical
// field -> wire key, wire type and unit (ccapi's extractionFieldNameMap,
// typed). Parsers and builders name keys through key(field::...), so this
// file is the one place to read Upbit's field names. The same wire key can
// mean different things in different messages (`price` is a limit price,
// a KRW amount or a fill price), which is why the canonical names are
// scoped by message.
//
// Wire conventions (protocol reference A3, A5, A6):
//  - REST Exchange API decimals are JSON strings ("0.01"); REST quotation
//    and every WebSocket payload send JSON numbers. Both are read from their
//    text, never through a double.
//  - REST timestamps are ISO-8601 with the KST offset ("...T15:00:00+09:00");
//    WebSocket timestamps are integer ms since the Unix epoch.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tandem::venues::upbit {

/// How a value is written on the wire.
enum class wire_type : std::uint8_t {
  /// A JSON string holding free text or an enum value.
  string,
  /// A decimal written as a JSON string: "0.01".
  string_decimal,
  /// A decimal written as a JSON number: 0.01 (read from its text).
  number_decimal,
  /// A decimal either way (the reference does not say which; both parse).
  any_decimal,
  /// A JSON integer.
  integer,
  /// A JSON boolean.
  boolean,
  /// An ISO-8601 string with offset: "2025-07-04T15:00:00+09:00".
  iso8601,
  /// A JSON integer, milliseconds since the Unix epoch.
  epoch_ms,
  /// A JSON array.
  array,
  /// A JSON object.
  object,
};

/// What a value measures.
enum class unit : std::uint8_t {
  /// No unit: ids, names, enums.
  none,
  /// Quote currency per base unit (KRW per BTC on KRW markets).
  quote_per_base,
  /// Base asset units (BTC).
  base,
  /// Quote currency (KRW): notionals, fees, KRW amounts of market buys.
  quote,
  /// The asset named next to it (accounts, myAsset).
  asset,
  /// A ratio: 0.0005 is 0.05%.
  ratio,
  /// A point in time.
  time,
  /// A count.
  count,
};

/// Canonical fields, scoped by the message that carries them.
enum class field : std::uint8_t {
  // -- order (REST POST/GET/DELETE /v1/order(s)) --
  order_uuid,
  order_identifier,
  order_market,
  order_side,
  order_ord_type,
  order_state,
  order_limit_price,
  order_volume,
  order_remaining_volume,
  order_executed_volume,
  order_executed_funds,
  order_paid_fee,
  order_reserved_fee,
  order_remaining_fee,
  order_locked,
  order_trades_count,
  order_time_in_force,
  order_smp_type,
  order_created_at,
  order_trades,
  // -- order request body (POST /v1/orders) --
  req_market,
  req_side,
  req_volume,
  req_price,
  req_ord_type,
  req_time_in_force,
  req_smp_type,
  req_identifier,
  // -- query params --
  query_uuid,
  query_identifier,
  query_market,
  query_markets,
  query_states,
  query_page,
  query_limit,
  query_is_details,
  // -- batch cancel query (DELETE /v1/orders/open) --
  query_cancel_side,
  query_pairs,
  query_excluded_pairs,
  query_quote_currencies,
  query_count,
  query_order_by,
  // -- batch cancel answer --
  batch_success,
  batch_failed,
  batch_count,
  batch_orders,
  batch_uuid,
  batch_market,
  batch_identifier,
  // -- one trade of GET /v1/order `trades` --
  trade_uuid,
  trade_market,
  trade_price,
  trade_volume,
  trade_funds,
  trade_side,
  trade_created_at,
  // -- accounts --
  account_currency,
  account_balance,
  account_locked,
  account_avg_buy_price,
  account_unit_currency,
  // -- orders/chance --
  chance_bid_fee,
  chance_ask_fee,
  chance_maker_bid_fee,
  chance_maker_ask_fee,
  chance_market,
  chance_market_id,
  chance_market_state,
  chance_market_bid,
  chance_market_ask,
  chance_min_total,
  chance_max_total,
  chance_bid_account,
  chance_ask_account,
  // -- orderbook/instruments --
  instr_market,
  instr_quote_currency,
  instr_tick_size,
  // -- market/all --
  market_code,
  market_korean_name,
  market_english_name,
  // -- orderbook (REST and WebSocket) --
  book_market,
  book_code,
  book_timestamp,
  book_units,
  unit_ask_price,
  unit_bid_price,
  unit_ask_size,
  unit_bid_size,
  // -- ticker (REST and WebSocket) --
  ticker_market,
  ticker_code,
  ticker_trade_price,
  ticker_trade_volume,
  ticker_acc_trade_volume_24h,
  ticker_trade_timestamp,
  ticker_timestamp,
  // -- every WebSocket frame --
  ws_type,
  ws_timestamp,
  ws_stream_type,
  ws_status,
  // -- myOrder --
  my_code,
  my_uuid,
  my_ask_bid,
  my_order_type,
  my_state,
  my_trade_uuid,
  my_price,
  my_avg_price,
  my_volume,
  my_remaining_volume,
  my_executed_volume,
  my_executed_funds,
  my_paid_fee,
  my_trade_fee,
  my_is_maker,
  my_identifier,
  my_time_in_force,
  my_trade_timestamp,
  my_order_timestamp,
  // -- myAsset --
  asset_assets,
  asset_currency,
  asset_balance,
  asset_locked,
  asset_timestamp,
  // -- error body --
  error_object,
  error_name,
  error_message,
};

/// One row of the table.
struct field_spec {
  upbit::field field;
  std::string_view key;
  wire_type type;
  upbit::unit unit;
};

// clang-format off
inline constexpr std::array field_table{
  //         canonical                        wire key                 wire type                 unit
  field_spec{field::order_uuid,              "uuid",                  wire_type::string,        unit::none},
  field_spec{field::order_identifier,        "identifier",            wire_type::string,        unit::none},   // our client_order_id
  field_spec{field::order_market,            "market",                wire_type::string,        unit::none},
  field_spec{field::order_side,              "side",                  wire_type::string,        unit::none},   // bid/ask
  field_spec{field::order_ord_type,          "ord_type",              wire_type::string,        unit::none},
  field_spec{field::order_state,             "state",                 wire_type::string,        unit::none},
  field_spec{field::order_limit_price,       "price",                 wire_type::string_decimal,unit::quote_per_base}, // KRW amount for ord_type=price
  field_spec{field::order_volume,            "volume",                wire_type::string_decimal,unit::base},   // null for ord_type=price
  field_spec{field::order_remaining_volume,  "remaining_volume",      wire_type::string_decimal,unit::base},
  field_spec{field::order_executed_volume,   "executed_volume",       wire_type::string_decimal,unit::base},
  field_spec{field::order_executed_funds,    "executed_funds",        wire_type::string_decimal,unit::quote},
  field_spec{field::order_paid_fee,          "paid_fee",              wire_type::string_decimal,unit::quote},  // KRW on KRW markets
  field_spec{field::order_reserved_fee,      "reserved_fee",          wire_type::string_decimal,unit::quote},
  field_spec{field::order_remaining_fee,     "remaining_fee",         wire_type::string_decimal,unit::quote},
  field_spec{field::order_locked,            "locked",                wire_type::string_decimal,unit::quote},  // notional + reserved fee on bids
  field_spec{field::order_trades_count,      "trades_count",          wire_type::integer,       unit::count},
  field_spec{field::order_time_in_force,     "time_in_force",         wire_type::string,        unit::none},
  field_spec{field::order_smp_type,          "smp_type",              wire_type::string,        unit::none},
  field_spec{field::order_created_at,        "created_at",            wire_type::iso8601,       unit::time},
  field_spec{field::order_trades,            "trades",                wire_type::array,         unit::none},   // GET /v1/order only

  field_spec{field::req_market,              "market",                wire_type::string,        unit::none},
  field_spec{field::req_side,                "side",                  wire_type::string,        unit::none},
  field_spec{field::req_volume,              "volume",                wire_type::string_decimal,unit::base},
  field_spec{field::req_price,               "price",                 wire_type::string_decimal,unit::quote_per_base}, // or KRW amount (price/best bid)
  field_spec{field::req_ord_type,            "ord_type",              wire_type::string,        unit::none},
  field_spec{field::req_time_in_force,       "time_in_force",         wire_type::string,        unit::none},
  field_spec{field::req_smp_type,            "smp_type",              wire_type::string,        unit::none},
  field_spec{field::req_identifier,          "identifier",            wire_type::string,        unit::none},

  field_spec{field::query_uuid,              "uuid",                  wire_type::string,        unit::none},
  field_spec{field::query_identifier,        "identifier",            wire_type::string,        unit::none},
  field_spec{field::query_market,            "market",                wire_type::string,        unit::none},
  field_spec{field::query_markets,           "markets",               wire_type::string,        unit::none},   // comma-separated
  field_spec{field::query_states,            "states[]",              wire_type::array,         unit::none},   // key[]=v form
  field_spec{field::query_page,              "page",                  wire_type::integer,       unit::count},
  field_spec{field::query_limit,             "limit",                 wire_type::integer,       unit::count},
  field_spec{field::query_is_details,        "is_details",            wire_type::boolean,       unit::none},
  field_spec{field::query_cancel_side,       "cancel_side",           wire_type::string,        unit::none},   // all (default) / ask / bid
  field_spec{field::query_pairs,             "pairs",                 wire_type::string,        unit::none},   // comma-separated, max 20
  field_spec{field::query_excluded_pairs,    "excluded_pairs",        wire_type::string,        unit::none},   // comma-separated, max 20
  field_spec{field::query_quote_currencies,  "quote_currencies",      wire_type::string,        unit::none},   // not with pairs
  field_spec{field::query_count,             "count",                 wire_type::integer,       unit::count},  // default 20, max 300
  field_spec{field::query_order_by,          "order_by",              wire_type::string,        unit::none},   // asc / desc (default)

  field_spec{field::batch_success,           "success",               wire_type::object,        unit::none},
  field_spec{field::batch_failed,            "failed",                wire_type::object,        unit::none},
  field_spec{field::batch_count,             "count",                 wire_type::integer,       unit::count},
  field_spec{field::batch_orders,            "orders",                wire_type::array,         unit::none},
  field_spec{field::batch_uuid,              "uuid",                  wire_type::string,        unit::none},
  field_spec{field::batch_market,            "market",                wire_type::string,        unit::none},
  field_spec{field::batch_identifier,        "identifier",            wire_type::string,        unit::none},   // null for orders before 2024-10-18

  field_spec{field::trade_uuid,              "uuid",                  wire_type::string,        unit::none},   // the fill's id
  field_spec{field::trade_market,            "market",                wire_type::string,        unit::none},
  field_spec{field::trade_price,             "price",                 wire_type::string_decimal,unit::quote_per_base},
  field_spec{field::trade_volume,            "volume",                wire_type::string_decimal,unit::base},
  field_spec{field::trade_funds,             "funds",                 wire_type::string_decimal,unit::quote},
  field_spec{field::trade_side,              "side",                  wire_type::string,        unit::none},
  field_spec{field::trade_created_at,        "created_at",            wire_type::iso8601,       unit::time},

  field_spec{field::account_currency,        "currency",              wire_type::string,        unit::none},
  field_spec{field::account_balance,         "balance",               wire_type::string_decimal,unit::asset},  // free, excludes locked
  field_spec{field::account_locked,          "locked",                wire_type::string_decimal,unit::asset},
  field_spec{field::account_avg_buy_price,   "avg_buy_price",         wire_type::string_decimal,unit::quote_per_base},
  field_spec{field::account_unit_currency,   "unit_currency",         wire_type::string,        unit::none},

  field_spec{field::chance_bid_fee,          "bid_fee",               wire_type::string_decimal,unit::ratio},
  field_spec{field::chance_ask_fee,          "ask_fee",               wire_type::string_decimal,unit::ratio},
  field_spec{field::chance_maker_bid_fee,    "maker_bid_fee",         wire_type::string_decimal,unit::ratio},
  field_spec{field::chance_maker_ask_fee,    "maker_ask_fee",         wire_type::string_decimal,unit::ratio},
  field_spec{field::chance_market,           "market",                wire_type::object,        unit::none},
  field_spec{field::chance_market_id,        "id",                    wire_type::string,        unit::none},
  field_spec{field::chance_market_state,     "state",                 wire_type::string,        unit::none},   // "active"
  field_spec{field::chance_market_bid,       "bid",                   wire_type::object,        unit::none},
  field_spec{field::chance_market_ask,       "ask",                   wire_type::object,        unit::none},
  field_spec{field::chance_min_total,        "min_total",             wire_type::any_decimal,   unit::quote},  // UNCONFIRMED string or number
  field_spec{field::chance_max_total,        "max_total",             wire_type::any_decimal,   unit::quote},
  field_spec{field::chance_bid_account,      "bid_account",           wire_type::object,        unit::none},
  field_spec{field::chance_ask_account,      "ask_account",           wire_type::object,        unit::none},

  field_spec{field::instr_market,            "market",                wire_type::string,        unit::none},
  field_spec{field::instr_quote_currency,    "quote_currency",        wire_type::string,        unit::none},
  field_spec{field::instr_tick_size,         "tick_size",             wire_type::any_decimal,   unit::quote_per_base}, // UNCONFIRMED string or number

  field_spec{field::market_code,             "market",                wire_type::string,        unit::none},   // "KRW-BTC": quote first
  field_spec{field::market_korean_name,      "korean_name",           wire_type::string,        unit::none},
  field_spec{field::market_english_name,     "english_name",          wire_type::string,        unit::none},

  field_spec{field::book_market,             "market",                wire_type::string,        unit::none},   // REST
  field_spec{field::book_code,               "code",                  wire_type::string,        unit::none},   // WebSocket
  field_spec{field::book_timestamp,          "timestamp",             wire_type::epoch_ms,      unit::time},
  field_spec{field::book_units,              "orderbook_units",       wire_type::array,         unit::none},   // [0] is best
  field_spec{field::unit_ask_price,          "ask_price",             wire_type::number_decimal,unit::quote_per_base},
  field_spec{field::unit_bid_price,          "bid_price",             wire_type::number_decimal,unit::quote_per_base},
  field_spec{field::unit_ask_size,           "ask_size",              wire_type::number_decimal,unit::base},
  field_spec{field::unit_bid_size,           "bid_size",              wire_type::number_decimal,unit::base},

  field_spec{field::ticker_market,           "market",                wire_type::string,        unit::none},   // REST
  field_spec{field::ticker_code,             "code",                  wire_type::string,        unit::none},   // WebSocket
  field_spec{field::ticker_trade_price,      "trade_price",           wire_type::number_decimal,unit::quote_per_base},
  field_spec{field::ticker_trade_volume,     "trade_volume",          wire_type::number_decimal,unit::base},
  field_spec{field::ticker_acc_trade_volume_24h,"acc_trade_volume_24h",wire_type::number_decimal,unit::base},
  field_spec{field::ticker_trade_timestamp,  "trade_timestamp",       wire_type::epoch_ms,      unit::time},
  field_spec{field::ticker_timestamp,        "timestamp",             wire_type::epoch_ms,      unit::time},

  field_spec{field::ws_type,                 "type",                  wire_type::string,        unit::none},
  field_spec{field::ws_timestamp,            "timestamp",             wire_type::epoch_ms,      unit::time},
  field_spec{field::ws_stream_type,          "stream_type",           wire_type::string,        unit::none},
  field_spec{field::ws_status,               "status",                wire_type::string,        unit::none},   // {"status":"UP"} answers "PING"

  field_spec{field::my_code,                 "code",                  wire_type::string,        unit::none},
  field_spec{field::my_uuid,                 "uuid",                  wire_type::string,        unit::none},
  field_spec{field::my_ask_bid,              "ask_bid",               wire_type::string,        unit::none},   // ASK/BID
  field_spec{field::my_order_type,           "order_type",            wire_type::string,        unit::none},
  field_spec{field::my_state,                "state",                 wire_type::string,        unit::none},
  field_spec{field::my_trade_uuid,           "trade_uuid",            wire_type::string,        unit::none},   // the fill's id
  field_spec{field::my_price,                "price",                 wire_type::number_decimal,unit::quote_per_base}, // fill price when state=trade
  field_spec{field::my_avg_price,            "avg_price",             wire_type::number_decimal,unit::quote_per_base},
  field_spec{field::my_volume,               "volume",                wire_type::number_decimal,unit::base},   // fill qty when state=trade
  field_spec{field::my_remaining_volume,     "remaining_volume",      wire_type::number_decimal,unit::base},
  field_spec{field::my_executed_volume,      "executed_volume",       wire_type::number_decimal,unit::base},
  field_spec{field::my_executed_funds,       "executed_funds",        wire_type::number_decimal,unit::quote},
  field_spec{field::my_paid_fee,             "paid_fee",              wire_type::number_decimal,unit::quote},
  field_spec{field::my_trade_fee,            "trade_fee",             wire_type::number_decimal,unit::quote},  // null unless state=trade
  field_spec{field::my_is_maker,             "is_maker",              wire_type::boolean,       unit::none},   // null unless state=trade
  field_spec{field::my_identifier,           "identifier",            wire_type::string,        unit::none},
  field_spec{field::my_time_in_force,        "time_in_force",         wire_type::string,        unit::none},
  field_spec{field::my_trade_timestamp,      "trade_timestamp",       wire_type::epoch_ms,      unit::time},
  field_spec{field::my_order_timestamp,      "order_timestamp",       wire_type::epoch_ms,      unit::time},

  field_spec{field::asset_assets,            "assets",                wire_type::array,         unit::none},   // only changed currencies
  field_spec{field::asset_currency,          "currency",              wire_type::string,        unit::none},
  field_spec{field::asset_balance,           "balance",               wire_type::number_decimal,unit::asset},
  field_spec{field::asset_locked,            "locked",                wire_type::number_decimal,unit::asset},
  field_spec{field::asset_timestamp,         "asset_timestamp",       wire_type::epoch_ms,      unit::time},

  field_spec{field::error_object,            "error",                 wire_type::object,        unit::none},
  field_spec{field::error_name,              "name",                  wire_type::string,        unit::none},   // a number (400) on some old errors
  field_spec{field::error_message,           "message",               wire_type::string,        unit::none},   // Korean on api.upbit.com
};
// clang-format on

/// Returns the row for `f`; every field has exactly one (checked below).
constexpr const field_spec& spec(field f) {
  for (const auto& row : field_table)
    if (row.field == f)
      return row;
  // Unreachable: table_is_complete() below proves every field has a row.
  return field_table.front();
}

/// Returns the wire key of `f`.
constexpr std::string_view key(field f) { return spec(f).key; }

namespace detail {

constexpr bool table_is_complete() {
  constexpr auto last = static_cast<std::size_t>(field::error_message);
  if (field_table.size() != last + 1)
    return false;
  for (std::size_t i = 0; i <= last; ++i) {
    int seen = 0;
    for (const auto& row : field_table)
      if (static_cast<std::size_t>(row.field) == i)
        ++seen;
    if (seen != 1)
      return false;
  }
  return true;
}

} // namespace detail

static_assert(detail::table_is_complete(),
              "every upbit::field has exactly one row in field_table");

} // namespace tandem::venues::upbit
