#include "venues/upbit/detail/market_data.hpp"

namespace tandem::venues::upbit::detail {

status read_ticker(od::value& v, std::string_view code_key, ticker& out) {
  bool code = false, px = false, qty = false, ts = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    if (k == code_key) {
      code = read_string(fv, s) && !s.empty();
      out.symbol.assign(s);
      return need(code);
    }
    if (k == key(field::ticker_trade_price))
      return need(px = read_field(fv, field::ticker_trade_price, out.last_px));
    if (k == key(field::ticker_trade_volume))
      return need(qty
                  = read_field(fv, field::ticker_trade_volume, out.last_qty));
    if (k == key(field::ticker_acc_trade_volume_24h))
      return need(read_optional_field(fv, field::ticker_acc_trade_volume_24h,
                                      out.volume_24h));
    if (k == key(field::ticker_trade_timestamp)) {
      timestamp t;
      if (!read_epoch_ms(fv, t))
        return bad;
      out.trade_ts = t;
      return ok;
    }
    if (k == key(field::ticker_timestamp))
      return need(ts = read_epoch_ms(fv, out.venue_ts));
    return ok;
  });
  if (st)
    return st;
  return need(code && px && qty && ts);
}

namespace {

struct unit_row {
  book_level ask;
  book_level bid;
};

status read_unit(od::value& v, unit_row& u) {
  bool ap = false, bp = false, as = false, bs = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    if (k == key(field::unit_ask_price))
      return need(ap = read_field(fv, field::unit_ask_price, u.ask.px));
    if (k == key(field::unit_bid_price))
      return need(bp = read_field(fv, field::unit_bid_price, u.bid.px));
    if (k == key(field::unit_ask_size))
      return need(as = read_field(fv, field::unit_ask_size, u.ask.qty));
    if (k == key(field::unit_bid_size))
      return need(bs = read_field(fv, field::unit_bid_size, u.bid.qty));
    return ok;
  });
  if (st)
    return st;
  return need(ap && bp && as && bs);
}

} // namespace

status read_orderbook(od::value& v, std::string_view code_key,
                      timestamp recv_ts, orderbook& out) {
  auto& d = out.depth;
  d.venue = venue::upbit;
  d.bids.clear();
  d.asks.clear();
  bool code = false, ts = false, units = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    if (k == code_key) {
      code = read_string(fv, s) && !s.empty();
      d.symbol.assign(s);
      return need(code);
    }
    if (k == key(field::book_timestamp))
      return need(ts = read_epoch_ms(fv, d.venue_ts));
    if (k == key(field::book_units)) {
      units = true;
      return each_element(fv, [&](od::value& uv) -> status {
        unit_row u;
        if (auto e = read_unit(uv, u))
          return e;
        d.asks.push_back(u.ask);
        d.bids.push_back(u.bid);
        return ok;
      });
    }
    return ok;
  });
  if (st)
    return st;
  if (!(code && ts && units))
    return bad;
  out.top.reset();
  if (!d.asks.empty()) {
    book_top t;
    t.venue = venue::upbit;
    t.symbol = d.symbol;
    t.bid = d.bids.front().px;
    t.bid_qty = d.bids.front().qty;
    t.ask = d.asks.front().px;
    t.ask_qty = d.asks.front().qty;
    t.venue_ts = d.venue_ts;
    t.recv_ts = recv_ts;
    out.top = std::move(t);
  }
  return ok;
}

} // namespace tandem::venues::upbit::detail
