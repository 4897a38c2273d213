#include "venues/upbit/codec_stream.hpp"

#include "venues/upbit/detail/market_data.hpp"
#include "venues/upbit/errors.hpp"

namespace tandem::venues::upbit {

namespace {

using namespace detail;

// Frame `type` values this decoder turns into events.
constexpr std::string_view type_orderbook = "orderbook";
constexpr std::string_view type_ticker = "ticker";
constexpr std::string_view type_my_order = "myOrder";
constexpr std::string_view type_my_asset = "myAsset";

enum class frame_kind : std::uint8_t { typed, status, error, unknown };

status read_my_order(od::value& v, my_order_frame& out) {
  auto& u = out.update;
  u.venue = venue::upbit;
  bool code = false, uuid = false, side = false, type = false, state = false,
       executed = false, ts = false;
  wire_side wside = wire_side::bid;
  std::optional<std::string_view> trade_uuid;
  std::optional<price> px, avg_px;
  std::optional<quantity> volume;
  std::optional<money> trade_fee;
  std::optional<bool> is_maker;
  std::optional<timestamp> trade_ts;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    std::optional<std::string_view> os;
    if (k == key(field::my_code)) {
      code = read_string(fv, s) && !s.empty();
      u.symbol.assign(s);
      return need(code);
    }
    if (k == key(field::my_uuid)) {
      uuid = read_string(fv, s) && !s.empty();
      u.venue_order_id.assign(s);
      return need(uuid);
    }
    if (k == key(field::my_ask_bid)) {
      if (!read_string(fv, s))
        return bad;
      side = true;
      return take(parse_ask_bid(s), wside);
    }
    if (k == key(field::my_order_type)) {
      if (!read_string(fv, s))
        return bad;
      type = true;
      return take(parse_ord_type(s), out.type);
    }
    if (k == key(field::my_state)) {
      if (!read_string(fv, s))
        return bad;
      state = true;
      return take(parse_order_state(s), out.state);
    }
    if (k == key(field::my_trade_uuid)) {
      // The view dies with the next parse; it is copied before return.
      return need(read_optional_string(fv, trade_uuid));
    }
    if (k == key(field::my_price))
      return need(read_optional_field(fv, field::my_price, px));
    if (k == key(field::my_avg_price))
      return need(read_optional_field(fv, field::my_avg_price, avg_px));
    if (k == key(field::my_volume))
      return need(read_optional_field(fv, field::my_volume, volume));
    if (k == key(field::my_remaining_volume))
      return need(
        read_optional_field(fv, field::my_remaining_volume, out.remaining_qty));
    if (k == key(field::my_executed_volume))
      return need(executed
                  = read_field(fv, field::my_executed_volume, u.cum_qty));
    if (k == key(field::my_executed_funds))
      return need(
        read_optional_field(fv, field::my_executed_funds, out.executed_funds));
    if (k == key(field::my_paid_fee))
      return need(read_optional_field(fv, field::my_paid_fee, out.paid_fee));
    if (k == key(field::my_trade_fee))
      return need(read_optional_field(fv, field::my_trade_fee, trade_fee));
    if (k == key(field::my_is_maker))
      return need(read_optional_bool(fv, is_maker));
    if (k == key(field::my_identifier)) {
      if (!read_optional_string(fv, os))
        return bad;
      out.identifier.assign(os.value_or(""));
      return ok;
    }
    if (k == key(field::my_time_in_force)) {
      if (!read_optional_string(fv, os))
        return bad;
      if (!os || os->empty())
        return ok;
      wire_tif t{};
      if (auto e = take(parse_tif(*os), t))
        return e;
      out.tif = t;
      return ok;
    }
    if (k == key(field::my_trade_timestamp)) {
      // null on non-trade messages.
      bool null = false;
      if (fv.is_null().get(null))
        return bad;
      if (null)
        return ok;
      timestamp t;
      if (!read_epoch_ms(fv, t))
        return bad;
      trade_ts = t;
      return ok;
    }
    if (k == key(field::ws_timestamp))
      return need(ts = read_epoch_ms(fv, u.venue_ts));
    return ok;
  });
  if (st)
    return st;
  if (!(code && uuid && side && type && state && executed && ts))
    return bad;

  u.side = to_core(wside);
  u.event = to_event(out.state, u.cum_qty.is_positive());
  if (auto id = client_order_id::make(out.identifier))
    u.id = *id;
  if (avg_px && avg_px->is_positive())
    u.avg_px = *avg_px;
  if (out.state != order_state::trade) {
    u.order_qty = volume.value_or(quantity::zero());
    return ok;
  }
  // A trade message: price/volume are the fill's own.
  if (!trade_uuid || trade_uuid->empty() || !px || !volume
      || !volume->is_positive())
    return bad;
  if (out.remaining_qty) {
    auto total = checked_add(u.cum_qty, *out.remaining_qty);
    if (!total)
      return bad;
    u.order_qty = *total;
  }
  fill f;
  f.order_id = u.id;
  f.trade_id.assign(*trade_uuid);
  f.venue = venue::upbit;
  f.symbol = u.symbol;
  f.side = u.side;
  f.qty = *volume;
  f.px = *px;
  f.fee = trade_fee.value_or(money::zero());
  f.liquidity = !is_maker   ? liquidity::unknown
                : *is_maker ? liquidity::maker
                            : liquidity::taker;
  f.ts = trade_ts.value_or(u.venue_ts);
  u.last_fill = std::move(f);
  return ok;
}

status read_asset(od::value& v, balance& b) {
  bool currency = false, free = false, locked = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    if (k == key(field::asset_currency)) {
      currency = read_string(fv, s) && !s.empty();
      b.asset.assign(s);
      return need(currency);
    }
    if (k == key(field::asset_balance))
      return need(free = read_field(fv, field::asset_balance, b.free));
    if (k == key(field::asset_locked))
      return need(locked = read_field(fv, field::asset_locked, b.locked));
    return ok;
  });
  if (st)
    return st;
  return need(currency && free && locked);
}

status read_my_asset(od::value& v, my_asset_frame& out) {
  bool assets = false, ts = false;
  std::optional<timestamp> asset_ts;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    if (k == key(field::asset_assets)) {
      assets = true;
      return each_element(fv, [&](od::value& av) -> status {
        balance b;
        if (auto e = read_asset(av, b))
          return e;
        out.balances.push_back(std::move(b));
        return ok;
      });
    }
    if (k == key(field::asset_timestamp)) {
      timestamp t;
      if (!read_epoch_ms(fv, t))
        return bad;
      asset_ts = t;
      return ok;
    }
    if (k == key(field::ws_timestamp))
      return need(ts = read_epoch_ms(fv, out.venue_ts));
    return ok;
  });
  if (st)
    return st;
  if (!assets || !(ts || asset_ts))
    return bad;
  if (asset_ts)
    out.venue_ts = *asset_ts;
  return ok;
}

status read_ws_error(od::value& v, ws_error_frame& out) {
  bool name = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    if (k != key(field::error_object))
      return ok;
    return each_member(fv, [&](std::string_view ik, od::value& iv) -> status {
      std::string_view s;
      if (ik == key(field::error_name)) {
        name = read_string(iv, s);
        out.name.assign(s);
        return need(name);
      }
      if (ik == key(field::error_message)) {
        std::optional<std::string_view> os;
        if (!read_optional_string(iv, os))
          return bad;
        out.message.assign(os.value_or(""));
      }
      return ok;
    });
  });
  if (st)
    return st;
  if (!name)
    return bad;
  out.code = map_ws_error_name(out.name);
  return ok;
}

status read_status(od::value& v, status_frame& out) {
  return each_member(v, [&](std::string_view k, od::value& fv) -> status {
    if (k != key(field::ws_status))
      return ok;
    std::string_view s;
    if (!read_string(fv, s))
      return bad;
    out.status.assign(s);
    return ok;
  });
}

// Pass 1: walks every member once (so truncation anywhere is caught even
// for frames we ignore) and finds what kind of frame this is.
status classify(od::document& doc, frame_kind& kind, std::string& type) {
  od::object obj;
  if (doc.get_object().get(obj))
    return bad;
  kind = frame_kind::unknown;
  for (auto member : obj) {
    std::string_view k;
    od::value v;
    if (member.unescaped_key().get(k) || member.value().get(v))
      return bad;
    if (k == key(field::ws_type)) {
      std::string_view s;
      if (!read_string(v, s))
        return bad;
      type.assign(s);
      kind = frame_kind::typed;
    } else if (k == key(field::ws_status) && kind == frame_kind::unknown) {
      kind = frame_kind::status;
    } else if (k == key(field::error_object) && kind == frame_kind::unknown) {
      kind = frame_kind::error;
    }
  }
  return need(finish(doc) && kind != frame_kind::unknown);
}

template<class T, class F>
status decode_as(od::document& doc, stream_event& out, F&& read) {
  T item;
  od::value root;
  if (doc.get_value().get(root))
    return bad;
  if (auto st = read(root, item))
    return st;
  if (!finish(doc))
    return bad;
  out = std::move(item);
  return ok;
}

} // namespace

result<stream_event, venue_error>
decode_frame(json_context& ctx, std::string_view bytes, timestamp recv_ts) {
  od::document doc;
  if (!start(ctx.state(), bytes, doc))
    return failure{venue_error::malformed_response};
  frame_kind kind = frame_kind::unknown;
  std::string type;
  if (auto st = classify(doc, kind, type))
    return failure{*st};
  doc.rewind();
  stream_event out{ignored_frame{}};
  status st = ok;
  if (kind == frame_kind::status) {
    st = decode_as<status_frame>(doc, out, read_status);
  } else if (kind == frame_kind::error) {
    st = decode_as<ws_error_frame>(doc, out, read_ws_error);
  } else if (type == type_orderbook) {
    st = decode_as<orderbook>(doc, out, [&](od::value& v, orderbook& b) {
      return read_orderbook(v, key(field::book_code), recv_ts, b);
    });
  } else if (type == type_ticker) {
    st = decode_as<ticker>(doc, out, [](od::value& v, ticker& t) {
      return read_ticker(v, key(field::ticker_code), t);
    });
  } else if (type == type_my_order) {
    st = decode_as<my_order_frame>(doc, out, read_my_order);
  } else if (type == type_my_asset) {
    st = decode_as<my_asset_frame>(doc, out, read_my_asset);
  } else {
    out = ignored_frame{std::move(type)};
  }
  if (st)
    return failure{*st};
  return out;
}

result<stream_event, venue_error>
decode_frame(json_context& ctx, std::span<const std::uint8_t> bytes,
             timestamp recv_ts) {
  return decode_frame(
    ctx,
    std::string_view{reinterpret_cast<const char*>(bytes.data()), bytes.size()},
    recv_ts);
}

} // namespace tandem::venues::upbit
