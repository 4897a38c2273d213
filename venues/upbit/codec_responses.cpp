#include "venues/upbit/codec_responses.hpp"

#include "venues/upbit/detail/walk.hpp"
#include "venues/upbit/fields.hpp"

namespace tandem::venues::upbit {

namespace {

using namespace detail;

// One element of GET /v1/order `trades`.
struct raw_trade {
  std::string uuid;
  std::string market;
  price px;
  quantity qty;
  money funds;
  wire_side side = wire_side::bid;
  timestamp ts;
};

status read_trade(od::value& v, raw_trade& t) {
  bool uuid = false, px = false, qty = false, funds = false, side = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    if (k == key(field::trade_uuid)) {
      uuid = read_string(fv, s);
      t.uuid.assign(s);
      return need(uuid && !s.empty());
    }
    if (k == key(field::trade_market)) {
      if (!read_string(fv, s))
        return bad;
      t.market.assign(s);
      return ok;
    }
    if (k == key(field::trade_price))
      return need(px = read_field(fv, field::trade_price, t.px));
    if (k == key(field::trade_volume))
      return need(qty = read_field(fv, field::trade_volume, t.qty));
    if (k == key(field::trade_funds))
      return need(funds = read_field(fv, field::trade_funds, t.funds));
    if (k == key(field::trade_side)) {
      if (!read_string(fv, s))
        return bad;
      side = true;
      return take(parse_side(s), t.side);
    }
    if (k == key(field::trade_created_at))
      return need(read_iso8601(fv, t.ts));
    return ok;
  });
  if (st)
    return st;
  // funds is optional on the wire; price x volume is exact without it.
  if (!funds) {
    auto f = mul<money>(t.px, t.qty, rounding::half_even);
    if (!f)
      return bad;
    t.funds = *f;
  }
  return need(uuid && px && qty && side);
}

// paid_fee shared by funds; see order_snapshot::fills.
void share_fee(std::vector<fill>& fills, const std::vector<raw_trade>& trades,
               money paid_fee, std::optional<money> executed_funds) {
  tandem::detail::i128 listed = 0;
  for (const auto& t : trades)
    listed += t.funds.raw();
  const tandem::detail::i128 total
    = executed_funds ? executed_funds->raw() : listed;
  if (total <= 0)
    return;
  tandem::detail::i128 given = 0;
  for (std::size_t i = 0; i < fills.size(); ++i) {
    tandem::detail::i128 fee
      = paid_fee.raw()
        * static_cast<tandem::detail::i128>(trades[i].funds.raw()) / total;
    fills[i].fee = money::from_raw(static_cast<std::int64_t>(fee));
    given += fee;
  }
  // Only when every trade is listed does the remainder belong to them.
  if (!fills.empty() && listed == total)
    fills.back().fee = money::from_raw(static_cast<std::int64_t>(
      fills.back().fee.raw() + (paid_fee.raw() - given)));
}

status read_order(od::value& v, order_snapshot& out) {
  auto& u = out.update;
  u.venue = venue::upbit;
  bool uuid = false, market = false, side = false, type = false, state = false,
       executed = false, created = false;
  wire_side wside = wire_side::bid;
  std::optional<money> price_field; // limit price or KRW amount: see below
  std::optional<quantity> volume, remaining;
  std::optional<money> paid, reserved, remaining_fee, locked;
  std::vector<raw_trade> trades;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    std::optional<std::string_view> os;
    if (k == key(field::order_uuid)) {
      uuid = read_string(fv, s) && !s.empty();
      u.venue_order_id.assign(s);
      return need(uuid);
    }
    if (k == key(field::order_identifier)) {
      if (!read_optional_string(fv, os))
        return bad;
      out.identifier.assign(os.value_or(""));
      return ok;
    }
    if (k == key(field::order_market)) {
      market = read_string(fv, s);
      u.symbol.assign(s);
      return need(market);
    }
    if (k == key(field::order_side)) {
      if (!read_string(fv, s))
        return bad;
      side = true;
      return take(parse_side(s), wside);
    }
    if (k == key(field::order_ord_type)) {
      if (!read_string(fv, s))
        return bad;
      type = true;
      return take(parse_ord_type(s), out.type);
    }
    if (k == key(field::order_state)) {
      if (!read_string(fv, s))
        return bad;
      state = true;
      return take(parse_order_state(s), out.state);
    }
    if (k == key(field::order_limit_price))
      return need(
        read_optional_field(fv, field::order_limit_price, price_field));
    if (k == key(field::order_volume))
      return need(read_optional_field(fv, field::order_volume, volume));
    if (k == key(field::order_remaining_volume))
      return need(
        read_optional_field(fv, field::order_remaining_volume, remaining));
    if (k == key(field::order_executed_volume))
      return need(executed
                  = read_field(fv, field::order_executed_volume, u.cum_qty));
    if (k == key(field::order_executed_funds))
      return need(read_optional_field(fv, field::order_executed_funds,
                                      out.executed_funds));
    if (k == key(field::order_paid_fee))
      return need(read_optional_field(fv, field::order_paid_fee, paid));
    if (k == key(field::order_reserved_fee))
      return need(read_optional_field(fv, field::order_reserved_fee, reserved));
    if (k == key(field::order_remaining_fee))
      return need(
        read_optional_field(fv, field::order_remaining_fee, remaining_fee));
    if (k == key(field::order_locked))
      return need(read_optional_field(fv, field::order_locked, locked));
    if (k == key(field::order_trades_count))
      return need(read_int(fv, out.trades_count) && out.trades_count >= 0);
    if (k == key(field::order_time_in_force)) {
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
    if (k == key(field::order_created_at))
      return need(created = read_iso8601(fv, u.venue_ts));
    if (k == key(field::order_trades))
      return each_element(fv, [&](od::value& tv) -> status {
        raw_trade t;
        if (auto e = read_trade(tv, t))
          return e;
        trades.push_back(std::move(t));
        return ok;
      });
    return ok;
  });
  if (st)
    return st;
  if (!(uuid && market && side && type && state && executed && created))
    return bad;
  // REST never reports `trade`; it is a myOrder-only state.
  if (out.state == order_state::trade)
    return venue_error::unknown_enum_value;

  u.side = to_core(wside);
  u.event = to_event(out.state, u.cum_qty.is_positive());
  if (auto id = client_order_id::make(out.identifier))
    u.id = *id;
  u.order_qty = volume.value_or(quantity::zero());
  out.remaining_qty = remaining;
  out.paid_fee = paid.value_or(money::zero());
  out.reserved_fee = reserved.value_or(money::zero());
  out.remaining_fee = remaining_fee.value_or(money::zero());
  out.locked = locked.value_or(money::zero());
  // `price` is a KRW amount for market buys and best bids, else a price.
  const bool amount
    = out.type == ord_type::price
      || (out.type == ord_type::best && wside == wire_side::bid);
  if (price_field) {
    if (amount)
      out.quote_amount = *price_field;
    else
      out.limit_px = price::from_raw(price_field->raw());
  }
  std::optional<money> funds = out.executed_funds;
  if (!funds && !trades.empty()) {
    money sum;
    for (const auto& t : trades)
      sum += t.funds;
    funds = sum;
  }
  if (funds && u.cum_qty.is_positive()) {
    auto avg = div<price>(*funds, u.cum_qty, rounding::half_even);
    if (!avg)
      return bad;
    u.avg_px = *avg;
  }
  out.fills.reserve(trades.size());
  for (const auto& t : trades) {
    fill f;
    f.order_id = u.id;
    f.trade_id = t.uuid;
    f.venue = venue::upbit;
    f.symbol = t.market.empty() ? u.symbol : t.market;
    f.side = to_core(t.side);
    f.qty = t.qty;
    f.px = t.px;
    f.ts = t.ts;
    out.fills.push_back(std::move(f));
  }
  share_fee(out.fills, trades, out.paid_fee, out.executed_funds);
  return ok;
}

status read_balance_fields(std::string_view k, od::value& fv, balance& b,
                           bool& currency, bool& free, bool& locked) {
  std::string_view s;
  if (k == key(field::account_currency)) {
    currency = read_string(fv, s) && !s.empty();
    b.asset.assign(s);
    return need(currency);
  }
  if (k == key(field::account_balance))
    return need(free = read_field(fv, field::account_balance, b.free));
  if (k == key(field::account_locked))
    return need(locked = read_field(fv, field::account_locked, b.locked));
  return ok;
}

status read_account(od::value& v, account_balance& a) {
  bool currency = false, free = false, locked = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    if (k == key(field::account_avg_buy_price))
      return need(
        read_optional_field(fv, field::account_avg_buy_price, a.avg_buy_price));
    if (k == key(field::account_unit_currency)) {
      std::optional<std::string_view> s;
      if (!read_optional_string(fv, s))
        return bad;
      a.unit_currency.assign(s.value_or(""));
      return ok;
    }
    return read_balance_fields(k, fv, a.bal, currency, free, locked);
  });
  if (st)
    return st;
  return need(currency && free && locked);
}

status read_chance_side(od::value& v, money& min_total) {
  bool found = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    if (k == key(field::chance_min_total))
      return need(found = read_field(fv, field::chance_min_total, min_total));
    return ok;
  });
  if (st)
    return st;
  return need(found);
}

status read_chance_market(od::value& v, order_chance& c) {
  bool id = false, bid = false, ask = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    if (k == key(field::chance_market_id)) {
      id = read_string(fv, s);
      c.market.assign(s);
      return need(id);
    }
    if (k == key(field::chance_market_state)) {
      std::optional<std::string_view> os;
      if (!read_optional_string(fv, os))
        return bad;
      c.market_state.assign(os.value_or(""));
      return ok;
    }
    if (k == key(field::chance_market_bid)) {
      bid = true;
      return read_chance_side(fv, c.bid_min_total);
    }
    if (k == key(field::chance_market_ask)) {
      ask = true;
      return read_chance_side(fv, c.ask_min_total);
    }
    if (k == key(field::chance_max_total))
      return need(
        read_optional_field(fv, field::chance_max_total, c.max_total));
    return ok;
  });
  if (st)
    return st;
  return need(id && bid && ask);
}

status read_chance_account(od::value& v, std::optional<balance>& out) {
  balance b;
  bool currency = false, free = false, locked = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    return read_balance_fields(k, fv, b, currency, free, locked);
  });
  if (st)
    return st;
  if (!(currency && free && locked))
    return bad;
  out = std::move(b);
  return ok;
}

status read_cancel_open_order(od::value& v, cancel_open_order& o) {
  bool uuid = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    std::optional<std::string_view> os;
    if (k == key(field::batch_uuid)) {
      uuid = read_string(fv, s) && !s.empty();
      o.uuid.assign(s);
      return need(uuid);
    }
    if (k == key(field::batch_market)) {
      if (!read_string(fv, s))
        return bad;
      o.market.assign(s);
      return ok;
    }
    if (k == key(field::batch_identifier)) {
      if (!read_optional_string(fv, os))
        return bad;
      o.identifier.assign(os.value_or(""));
      return ok;
    }
    return ok;
  });
  if (st)
    return st;
  return need(uuid);
}

// One of `success` / `failed`: {"count":N,"orders":[...]}.
status read_cancel_open_part(od::value& v, std::int64_t& count,
                             std::vector<cancel_open_order>& orders) {
  bool has_count = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    if (k == key(field::batch_count)) {
      has_count = read_int(fv, count) && count >= 0;
      return need(has_count);
    }
    if (k == key(field::batch_orders))
      return each_element(fv, [&](od::value& ov) -> status {
        cancel_open_order o;
        if (auto e = read_cancel_open_order(ov, o))
          return e;
        orders.push_back(std::move(o));
        return ok;
      });
    return ok;
  });
  if (st)
    return st;
  return need(has_count);
}

} // namespace

result<cancel_open_result, venue_error>
parse_cancel_open(json_context& ctx, std::string_view body) {
  cancel_open_result out;
  bool success = false;
  auto st = parse_root(ctx.state(), body, [&](od::value& root) {
    return each_member(root, [&](std::string_view k, od::value& fv) -> status {
      if (k == key(field::batch_success)) {
        success = true;
        return read_cancel_open_part(fv, out.success_count, out.cancelled);
      }
      if (k == key(field::batch_failed))
        return read_cancel_open_part(fv, out.failed_count, out.failed);
      return ok;
    });
  });
  if (st)
    return failure{*st};
  if (!success)
    return failure{venue_error::malformed_response};
  return out;
}

result<order_snapshot, venue_error> parse_order(json_context& ctx,
                                                std::string_view body) {
  order_snapshot out;
  if (auto st = parse_root(ctx.state(), body, [&](od::value& root) {
        return read_order(root, out);
      }))
    return failure{*st};
  return out;
}

result<std::vector<order_snapshot>, venue_error>
parse_orders(json_context& ctx, std::string_view body) {
  std::vector<order_snapshot> out;
  if (auto st = parse_root(ctx.state(), body, [&](od::value& root) {
        return each_element(root, [&](od::value& v) -> status {
          order_snapshot o;
          if (auto e = read_order(v, o))
            return e;
          out.push_back(std::move(o));
          return ok;
        });
      }))
    return failure{*st};
  return out;
}

result<std::vector<account_balance>, venue_error>
parse_accounts(json_context& ctx, std::string_view body) {
  std::vector<account_balance> out;
  if (auto st = parse_root(ctx.state(), body, [&](od::value& root) {
        return each_element(root, [&](od::value& v) -> status {
          account_balance a;
          if (auto e = read_account(v, a))
            return e;
          out.push_back(std::move(a));
          return ok;
        });
      }))
    return failure{*st};
  return out;
}

result<order_chance, venue_error> parse_order_chance(json_context& ctx,
                                                     std::string_view body) {
  order_chance out;
  bool bid_fee = false, ask_fee = false, market = false;
  auto st = parse_root(ctx.state(), body, [&](od::value& root) {
    return each_member(root, [&](std::string_view k, od::value& fv) -> status {
      if (k == key(field::chance_bid_fee))
        return need(bid_fee
                    = read_field(fv, field::chance_bid_fee, out.bid_fee));
      if (k == key(field::chance_ask_fee))
        return need(ask_fee
                    = read_field(fv, field::chance_ask_fee, out.ask_fee));
      if (k == key(field::chance_maker_bid_fee))
        return need(read_optional_field(fv, field::chance_maker_bid_fee,
                                        out.maker_bid_fee));
      if (k == key(field::chance_maker_ask_fee))
        return need(read_optional_field(fv, field::chance_maker_ask_fee,
                                        out.maker_ask_fee));
      if (k == key(field::chance_market)) {
        market = true;
        return read_chance_market(fv, out);
      }
      if (k == key(field::chance_bid_account))
        return read_chance_account(fv, out.bid_account);
      if (k == key(field::chance_ask_account))
        return read_chance_account(fv, out.ask_account);
      return ok;
    });
  });
  if (st)
    return failure{*st};
  if (!(bid_fee && ask_fee && market))
    return failure{venue_error::malformed_response};
  return out;
}

} // namespace tandem::venues::upbit
