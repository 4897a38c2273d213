#include "venues/binance/codec_responses.hpp"

#include "venues/binance/detail/json_reader.hpp"
#include "venues/binance/enums.hpp"

#include <limits>

namespace tandem::venues::binance {

namespace {

using detail::object_reader;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// Parses `body` and returns its top-level object.
result<object, venue_error> top_object(simdjson::dom::parser& parser,
                                       std::string_view body) {
  auto doc = detail::parse_document(parser, body);
  if (!doc)
    return failure{doc.error()};
  return detail::as_object(*doc);
}

// Parses `body` and returns its top-level array.
result<array, venue_error> top_array(simdjson::dom::parser& parser,
                                     std::string_view body) {
  auto doc = detail::parse_document(parser, body);
  if (!doc)
    return failure{doc.error()};
  array arr;
  if (doc->get_array().get(arr) != simdjson::SUCCESS)
    return failure{venue_error::malformed_response};
  return arr;
}

// Parses the ids of our format; anything else (a foreign order) stays empty.
client_order_id client_id_or_empty(std::string_view s) {
  auto id = client_order_id::make(s);
  return id ? *id : client_order_id{};
}

result<order_update, venue_error> read_order(object obj) {
  namespace f = fields::order;
  object_reader r{obj};
  order_update u;
  u.venue = venue::binance;
  u.symbol = std::string{r.string(f::symbol)};
  u.id = client_id_or_empty(r.string(f::client_id));
  u.venue_order_id = std::to_string(r.int64(f::order_id));
  auto status = r.enumeration(f::status, parse_order_status);
  u.side = r.enumeration(f::side, parse_side);
  u.order_qty = r.decimal<quantity>(f::orig_qty);
  u.cum_qty = r.decimal<quantity>(f::executed_qty);
  auto avg = r.decimal<price>(f::avg_price);
  u.venue_ts = from_unix_ms(r.int64(f::update_time));
  if (!r.ok())
    return failure{r.error()};
  u.event = event_for(status);
  // avgPrice is "0.00000" until something fills.
  if (u.cum_qty.is_positive())
    u.avg_px = avg;
  if (status == order_status::rejected)
    u.reason = venue_error::rejected_other;
  return u;
}

// -- exchangeInfo
// ----------------------------------------------------------------

// Returns the value, or nullopt for Binance's "0" (rule disabled).
template<class T>
std::optional<T> bound(T v) {
  return v.is_zero() ? std::nullopt : std::optional<T>{v};
}

struct symbol_filters {
  bool has_price = false;
  bool has_lot = false;
};

// Applies one filter to `inst`; false if a value is unreadable.
bool apply_filter(object filter, instrument& inst, symbol_filters& seen) {
  namespace f = fields::exchange_info;
  object_reader r{filter};
  auto type = r.string(f::filter_type);
  if (!r.ok())
    return false;
  if (type == "PRICE_FILTER") {
    auto tick = r.decimal<price>(f::tick_size);
    auto lo = r.decimal<price>(f::min_price);
    auto hi = r.decimal<price>(f::max_price);
    if (!r.ok() || !tick.is_positive())
      return false;
    inst.tick = tick_rule::fixed(tick);
    inst.min_price = bound(lo);
    inst.max_price = bound(hi);
    seen.has_price = true;
  } else if (type == "LOT_SIZE") {
    auto step = r.decimal<quantity>(f::step_size);
    auto lo = r.decimal<quantity>(f::min_qty);
    auto hi = r.decimal<quantity>(f::max_qty);
    if (!r.ok() || !step.is_positive())
      return false;
    inst.lot = step;
    inst.min_qty = lo;
    inst.max_qty = bound(hi);
    seen.has_lot = true;
  } else if (type == "MIN_NOTIONAL") {
    inst.min_notional = r.decimal<money>(f::notional);
    if (!r.ok())
      return false;
  }
  // MARKET_LOT_SIZE, PERCENT_PRICE, MAX_NUM_ORDERS, ...: not core rules.
  return true;
}

// Builds one instrument, or says why it was skipped.
std::optional<std::string> read_symbol(object sym, instrument& inst) {
  namespace f = fields::exchange_info;
  object_reader r{sym};
  auto status = r.string(f::status);
  auto contract = r.string(f::contract_type);
  auto base = r.string(f::base);
  auto quote = r.string(f::quote);
  auto filters = r.array(f::filters);
  if (!r.ok())
    return std::string{"reason=malformed"};
  // Only TRADING symbols take orders; PENDING_TRADING, SETTLING, CLOSE, ...
  // must not look tradable to the engine.
  if (status != "TRADING")
    return "reason=status status=" + std::string{status};
  inst.venue = venue::binance;
  inst.base = std::string{base};
  inst.quote = std::string{quote};
  inst.kind = contract == "PERPETUAL" ? instrument_kind::perpetual
                                      : instrument_kind::future;
  inst.reduce_only_skips_min_notional = true;
  symbol_filters seen;
  for (element e : filters) {
    object filter;
    if (e.get_object().get(filter) != simdjson::SUCCESS
        || !apply_filter(filter, inst, seen))
      return std::string{"reason=bad_filter"};
  }
  if (!seen.has_price || !seen.has_lot)
    return std::string{"reason=missing_filter"};
  if (auto v = check_instrument(inst))
    return "reason=" + v->message();
  return std::nullopt;
}

position_snapshot read_position(object_reader& r) {
  namespace f = fields::position_risk;
  position_snapshot p;
  p.venue = venue::binance;
  p.symbol = std::string{r.string(f::symbol)};
  p.qty = r.decimal<quantity>(f::position_amt);
  p.entry_px = r.decimal<price>(f::entry_price);
  p.unrealized_pnl = r.decimal<money>(f::unrealized_pnl);
  auto lev = r.int64_or_string(f::leverage);
  if (r.ok() && (lev < 1 || lev > std::numeric_limits<std::int32_t>::max()))
    r.fail(venue_error::malformed_response);
  p.leverage = static_cast<std::int32_t>(r.ok() ? lev : 1);
  return p;
}

// Reads [["price","qty"], ...] best first.
bool read_levels(array levels, std::vector<book_level>& out) {
  for (element lvl : levels) {
    array pair;
    if (lvl.get_array().get(pair) != simdjson::SUCCESS || pair.size() < 2)
      return false;
    auto px = detail::parse_decimal<price>(pair.at(0).value_unsafe());
    auto qty = detail::parse_decimal<quantity>(pair.at(1).value_unsafe());
    if (!px || !qty)
      return false;
    out.push_back({*px, *qty});
  }
  return true;
}

} // namespace

result<order_update, venue_error> parse_order(simdjson::dom::parser& parser,
                                              std::string_view body) {
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  return read_order(*obj);
}

result<std::vector<order_update>, venue_error>
parse_open_orders(simdjson::dom::parser& parser, std::string_view body) {
  auto arr = top_array(parser, body);
  if (!arr)
    return failure{arr.error()};
  std::vector<order_update> out;
  for (element e : *arr) {
    auto obj = detail::as_object(e);
    if (!obj)
      return failure{obj.error()};
    auto u = read_order(*obj);
    if (!u)
      return failure{u.error()};
    out.push_back(std::move(*u));
  }
  return out;
}

result<timestamp, venue_error> parse_server_time(simdjson::dom::parser& parser,
                                                 std::string_view body) {
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  object_reader r{*obj};
  auto ms = r.int64(fields::server_time::time);
  if (!r.ok())
    return failure{r.error()};
  return from_unix_ms(ms);
}

result<exchange_info_result, venue_error>
parse_exchange_info(simdjson::dom::parser& parser, std::string_view body) {
  namespace f = fields::exchange_info;
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  object_reader top{*obj};
  auto symbols = top.array(f::symbols);
  if (!top.ok())
    return failure{top.error()};
  exchange_info_result out;
  for (element e : symbols) {
    auto sym = detail::as_object(e);
    if (!sym)
      return failure{sym.error()};
    object_reader r{*sym};
    auto name = r.string(f::symbol);
    if (!r.ok() || name.empty())
      return failure{venue_error::malformed_response};
    instrument inst;
    inst.symbol = std::string{name};
    if (auto why = read_symbol(*sym, inst))
      out.skipped.push_back({inst.symbol, std::move(*why)});
    else
      out.instruments.push_back(std::move(inst));
  }
  return out;
}

result<std::vector<position_snapshot>, venue_error>
parse_position_risk(simdjson::dom::parser& parser, std::string_view body) {
  auto arr = top_array(parser, body);
  if (!arr)
    return failure{arr.error()};
  std::vector<position_snapshot> out;
  for (element e : *arr) {
    auto obj = detail::as_object(e);
    if (!obj)
      return failure{obj.error()};
    object_reader r{*obj};
    auto p = read_position(r);
    if (!r.ok())
      return failure{r.error()};
    out.push_back(std::move(p));
  }
  return out;
}

result<std::vector<balance>, venue_error>
parse_balances(simdjson::dom::parser& parser, std::string_view body) {
  namespace f = fields::balance;
  auto arr = top_array(parser, body);
  if (!arr)
    return failure{arr.error()};
  std::vector<balance> out;
  for (element e : *arr) {
    auto obj = detail::as_object(e);
    if (!obj)
      return failure{obj.error()};
    object_reader r{*obj};
    balance b;
    b.asset = std::string{r.string(f::asset)};
    auto wallet = r.decimal<money>(f::wallet);
    b.free = r.decimal<money>(f::available);
    if (!r.ok())
      return failure{r.error()};
    auto locked = checked_sub(wallet, b.free);
    if (!locked)
      return failure{venue_error::malformed_response};
    b.locked = *locked;
    out.push_back(std::move(b));
  }
  return out;
}

result<account_snapshot, venue_error>
parse_account(simdjson::dom::parser& parser, std::string_view body) {
  namespace f = fields::account;
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  object_reader top{*obj};
  auto assets = top.array(f::assets);
  auto positions = top.array(f::positions);
  if (!top.ok())
    return failure{top.error()};
  account_snapshot out;
  for (element e : assets) {
    auto a = detail::as_object(e);
    if (!a)
      return failure{a.error()};
    object_reader r{*a};
    balance b;
    b.asset = std::string{r.string(f::asset)};
    b.free = r.decimal<money>(f::available);
    b.locked = r.decimal<money>(f::initial_margin);
    if (!r.ok())
      return failure{r.error()};
    out.balances.push_back(std::move(b));
  }
  for (element e : positions) {
    auto pos = detail::as_object(e);
    if (!pos)
      return failure{pos.error()};
    object_reader r{*pos};
    position_snapshot p;
    p.venue = venue::binance;
    p.symbol = std::string{r.string(fields::position_risk::symbol)};
    p.qty = r.decimal<quantity>(fields::position_risk::position_amt);
    p.unrealized_pnl = r.decimal<money>(f::unrealized_pnl);
    if (!r.ok())
      return failure{r.error()};
    out.positions.push_back(std::move(p));
  }
  return out;
}

result<book_top, venue_error> parse_book_ticker(simdjson::dom::parser& parser,
                                                std::string_view body,
                                                timestamp recv_ts) {
  namespace f = fields::book_ticker;
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  object_reader r{*obj};
  book_top t;
  t.venue = venue::binance;
  t.symbol = std::string{r.string(f::symbol)};
  t.bid = r.decimal<price>(f::bid);
  t.bid_qty = r.decimal<quantity>(f::bid_qty);
  t.ask = r.decimal<price>(f::ask);
  t.ask_qty = r.decimal<quantity>(f::ask_qty);
  t.venue_ts = from_unix_ms(r.int64(f::time));
  t.update_id = r.uint64(f::update_id);
  t.recv_ts = recv_ts;
  if (!r.ok())
    return failure{r.error()};
  return t;
}

result<depth_snapshot, venue_error> parse_depth(simdjson::dom::parser& parser,
                                                std::string_view body,
                                                std::string_view symbol) {
  namespace f = fields::depth;
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  object_reader r{*obj};
  depth_snapshot out;
  out.last_update_id = r.uint64(f::last_update_id);
  out.depth.venue_ts = from_unix_ms(r.int64(f::txn_time));
  auto bids = r.array(f::bids);
  auto asks = r.array(f::asks);
  if (!r.ok())
    return failure{r.error()};
  out.depth.venue = venue::binance;
  out.depth.symbol = std::string{symbol};
  if (!read_levels(bids, out.depth.bids) || !read_levels(asks, out.depth.asks))
    return failure{venue_error::malformed_response};
  return out;
}

result<leverage_setting, venue_error>
parse_leverage(simdjson::dom::parser& parser, std::string_view body) {
  namespace f = fields::leverage;
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  object_reader r{*obj};
  leverage_setting out;
  out.symbol = std::string{r.string(f::symbol)};
  auto lev = r.int64(f::leverage);
  out.max_notional = r.decimal<money>(f::max_notional);
  if (!r.ok())
    return failure{r.error()};
  if (lev < 1 || lev > std::numeric_limits<std::int32_t>::max())
    return failure{venue_error::malformed_response};
  out.leverage = static_cast<std::int32_t>(lev);
  return out;
}

result<countdown_ack, venue_error>
parse_countdown(simdjson::dom::parser& parser, std::string_view body) {
  namespace f = fields::countdown;
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  object_reader r{*obj};
  countdown_ack out;
  out.symbol = std::string{r.string(f::symbol)};
  auto ms = r.int64_or_string(f::time);
  if (!r.ok())
    return failure{r.error()};
  if (ms < 0)
    return failure{venue_error::malformed_response};
  out.countdown = std::chrono::milliseconds{ms};
  return out;
}

result<std::string, venue_error> parse_listen_key(simdjson::dom::parser& parser,
                                                  std::string_view body) {
  auto obj = top_object(parser, body);
  if (!obj)
    return failure{obj.error()};
  object_reader r{*obj};
  auto key = r.string(fields::listen_key::key);
  if (!r.ok())
    return failure{r.error()};
  if (key.empty())
    return failure{venue_error::malformed_response};
  return std::string{key};
}

} // namespace tandem::venues::binance
