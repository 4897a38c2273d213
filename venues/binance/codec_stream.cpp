#include "venues/binance/codec_stream.hpp"

#include "venues/binance/detail/json_reader.hpp"

namespace tandem::venues::binance {

namespace {

using detail::object_reader;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// -- event type names
// ----------------------------------------------------------
constexpr std::string_view book_ticker_event = "bookTicker";
constexpr std::string_view order_trade_update_event = "ORDER_TRADE_UPDATE";
constexpr std::string_view account_update_event = "ACCOUNT_UPDATE";
constexpr std::string_view listen_key_expired_event = "listenKeyExpired";
/// The key of a SUBSCRIBE/UNSUBSCRIBE answer {"result":null,"id":1}.
constexpr std::string_view control_result_key = "result";

const instrument* find_instrument(std::span<const instrument> all,
                                  std::string_view symbol) {
  for (const auto& i : all)
    if (i.symbol == symbol)
      return &i;
  return nullptr;
}

result<book_top, venue_error> read_book_ticker(object obj, timestamp recv_ts) {
  namespace f = fields::ws_book_ticker;
  object_reader r{obj};
  book_top t;
  t.venue = venue::binance;
  t.update_id = r.uint64(f::update_id);
  t.symbol = std::string{r.string(f::symbol)};
  t.bid = r.decimal<price>(f::bid);
  t.bid_qty = r.decimal<quantity>(f::bid_qty);
  t.ask = r.decimal<price>(f::ask);
  t.ask_qty = r.decimal<quantity>(f::ask_qty);
  t.venue_ts = from_unix_ms(r.int64(fields::stream::txn_time));
  t.recv_ts = recv_ts;
  if (!r.ok())
    return failure{r.error()};
  return t;
}

result<user_event, venue_error>
read_order_trade_update(object obj, std::span<const instrument> instruments) {
  namespace f = fields::ws_order;
  object_reader top{obj};
  order_trade_update out;
  out.event_ts = from_unix_ms(top.int64_or_string(fields::stream::event_time));
  auto txn_ts = from_unix_ms(top.int64(fields::stream::txn_time));
  auto o = top.object(f::order);
  if (!top.ok())
    return failure{top.error()};

  object_reader r{o};
  auto& u = out.update;
  u.venue = venue::binance;
  u.venue_ts = txn_ts;
  u.symbol = std::string{r.string(f::symbol)};
  out.raw_client_id = std::string{r.string(f::client_id)};
  if (auto id = client_order_id::make(out.raw_client_id))
    u.id = *id; // else a foreign order ("autoclose-...", web orders)
  u.side = r.enumeration(f::side, parse_side);
  u.order_qty = r.decimal<quantity>(f::orig_qty);
  auto avg = r.decimal<price>(f::avg_price);
  out.execution = r.enumeration(f::execution_type, parse_execution_type);
  out.status = r.enumeration(f::status, parse_order_status);
  u.venue_order_id = std::to_string(r.int64(f::order_id));
  auto last_qty = r.decimal<quantity>(f::last_qty);
  u.cum_qty = r.decimal<quantity>(f::cum_qty);
  auto last_px = r.decimal<price>(f::last_price);
  auto fill_ts = from_unix_ms(r.int64(f::trade_time));
  auto trade_id = r.int64(f::trade_id);
  auto maker = r.boolean(f::is_maker);
  out.realized_pnl
    = r.optional_decimal<money>(f::realized_pnl).value_or(money::zero());
  // "will not push if no commission": both keys or neither.
  auto fee_asset = r.optional_string(f::fee_asset);
  auto fee = r.optional_decimal<money>(f::fee);
  if (r.ok() && fee_asset.has_value() != fee.has_value())
    r.fail(venue_error::malformed_response);
  if (!r.ok())
    return failure{r.error()};

  u.event = event_for(out.execution, out.status);
  if (u.cum_qty.is_positive())
    u.avg_px = avg;
  if (fee)
    out.fee = commission{*fee, std::string{*fee_asset}};

  const bool is_fill = out.execution == execution_type::trade
                       || out.execution == execution_type::calculated;
  if (!is_fill)
    return user_event{std::move(out)};
  // A fill of nothing, or at no price, is a broken event, not a fill.
  if (!last_qty.is_positive() || !last_px.is_positive())
    return failure{venue_error::malformed_response};
  fill fl;
  fl.order_id = u.id;
  fl.trade_id = std::to_string(trade_id);
  fl.venue = venue::binance;
  fl.symbol = u.symbol;
  fl.side = u.side;
  fl.qty = last_qty;
  fl.px = last_px;
  fl.liquidity = maker ? liquidity::maker : liquidity::taker;
  fl.ts = fill_ts;
  if (out.fee && !out.fee->amount.is_zero()) {
    auto inst = find_instrument(instruments, u.symbol);
    if (inst && inst->quote == out.fee->asset)
      fl.fee = out.fee->amount;
    else
      out.fee_needs_conversion = true;
  }
  u.last_fill = std::move(fl);
  return user_event{std::move(out)};
}

result<user_event, venue_error> read_account_update(object obj) {
  namespace f = fields::ws_account;
  object_reader top{obj};
  account_update out;
  out.event_ts = from_unix_ms(top.int64_or_string(fields::stream::event_time));
  out.venue_ts = from_unix_ms(top.int64(fields::stream::txn_time));
  auto a = top.object(f::update);
  if (!top.ok())
    return failure{top.error()};
  object_reader r{a};
  out.reason = std::string{r.string(f::reason)};
  // A funding fee on a cross position sends B only (reference B6).
  array balances;
  array positions;
  const bool has_b = r.has(f::balances);
  const bool has_p = r.has(f::positions);
  if (has_b)
    balances = r.array(f::balances);
  if (has_p)
    positions = r.array(f::positions);
  if (!r.ok())
    return failure{r.error()};
  if (has_b) {
    for (element e : balances) {
      auto b = detail::as_object(e);
      if (!b)
        return failure{b.error()};
      object_reader br{*b};
      balance bal;
      bal.asset = std::string{br.string(f::asset)};
      bal.free = br.decimal<money>(f::wallet);
      if (!br.ok())
        return failure{br.error()};
      out.balances.push_back(std::move(bal));
    }
  }
  if (has_p) {
    for (element e : positions) {
      auto p = detail::as_object(e);
      if (!p)
        return failure{p.error()};
      object_reader pr{*p};
      position_snapshot pos;
      pos.venue = venue::binance;
      pos.symbol = std::string{pr.string(f::symbol)};
      pos.qty = pr.decimal<quantity>(f::position_amt);
      pos.entry_px = pr.decimal<price>(f::entry_price);
      pos.unrealized_pnl = pr.decimal<money>(f::unrealized_pnl);
      if (!pr.ok())
        return failure{pr.error()};
      out.positions.push_back(std::move(pos));
    }
  }
  return user_event{std::move(out)};
}

result<user_event, venue_error> read_listen_key_expired(object obj) {
  object_reader r{obj};
  listen_key_expired out;
  // The docs' example quotes E ("E":"1736996475556"); accept both forms.
  out.event_ts = from_unix_ms(r.int64_or_string(fields::stream::event_time));
  out.listen_key = std::string{r.string(fields::ws_listen_key::key)};
  if (!r.ok())
    return failure{r.error()};
  return user_event{std::move(out)};
}

} // namespace

result<market_message, venue_error>
parse_market_frame(simdjson::dom::parser& parser, std::string_view frame,
                   timestamp recv_ts) {
  auto doc = detail::parse_document(parser, frame);
  if (!doc)
    return failure{doc.error()};
  auto obj = detail::as_object(*doc);
  if (!obj)
    return failure{obj.error()};
  object payload = *obj;
  {
    object_reader wrapper{payload};
    if (wrapper.has(fields::stream::name)
        && wrapper.has(fields::stream::data)) {
      payload = wrapper.object(fields::stream::data);
      if (!wrapper.ok())
        return market_message{ignored{""}}; // e.g. an "!...@arr" array
    }
  }
  object_reader r{payload};
  if (!r.has(fields::stream::event)) {
    element e;
    if (payload.at_key(control_result_key).get(e) == simdjson::SUCCESS)
      return market_message{ignored{std::string{control_result_key}}};
    return market_message{ignored{""}};
  }
  auto type = r.string(fields::stream::event);
  if (!r.ok())
    return failure{r.error()};
  if (type != book_ticker_event)
    return market_message{ignored{std::string{type}}};
  auto top = read_book_ticker(payload, recv_ts);
  if (!top)
    return failure{top.error()};
  return market_message{std::move(*top)};
}

result<user_event, venue_error>
parse_user_frame(simdjson::dom::parser& parser, std::string_view frame,
                 std::span<const instrument> instruments) {
  auto doc = detail::parse_document(parser, frame);
  if (!doc)
    return failure{doc.error()};
  auto obj = detail::as_object(*doc);
  if (!obj)
    return failure{obj.error()};
  object_reader r{*obj};
  auto type = r.string(fields::stream::event);
  if (!r.ok())
    return failure{r.error()};
  if (type == order_trade_update_event)
    return read_order_trade_update(*obj, instruments);
  if (type == account_update_event)
    return read_account_update(*obj);
  if (type == listen_key_expired_event)
    return read_listen_key_expired(*obj);
  return user_event{ignored{std::string{type}}};
}

} // namespace tandem::venues::binance
