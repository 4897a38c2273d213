// binance_venue: POST/DELETE/GET /fapi/v1/order, GET /fapi/v1/openOrders,
// DELETE /fapi/v1/allOpenOrders, POST /fapi/v1/countdownCancelAll and
// POST /fapi/v1/leverage (reference B3). Checks run in the venue's order:
// shape, then filters, then the account (duplicate id, open-order count,
// reduce-only, margin).
#include "sim/binance/binance_venue.hpp"

#include "sim/binance/filters.hpp"
#include "sim/binance/frames.hpp"
#include "sim/binance/json_out.hpp"

#include <algorithm>

namespace tandem::sim::binance {

namespace {

/// goodTillDate must be more than this after now.
constexpr std::int64_t min_gtd_lead_ms = 600'000;
constexpr std::int64_t max_gtd_ms = 253'402'300'799'000;
constexpr std::int64_t min_leverage = 1;
constexpr std::int64_t max_leverage = 125;

// `^[\.A-Z\:/a-z0-9_-]{1,36}$`
bool valid_client_id(std::string_view id) {
  if (id.empty() || id.size() > 36)
    return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9') || c == '.' || c == ':' || c == '/'
              || c == '_' || c == '-';
    if (!ok)
      return false;
  }
  return true;
}

bool is_conditional(wire::order_type t) {
  return t != wire::order_type::limit && t != wire::order_type::market;
}

sim_error not_required(std::string_view key) {
  return {400, -1106,
          "Parameter '" + std::string{key} + "' sent when not required."};
}

/// The parsed shape of a new order, before any check against the account.
struct order_shape {
  tandem::side side = tandem::side::buy;
  wire::order_type type = wire::order_type::limit;
  wire::time_in_force tif = wire::time_in_force::gtc;
  quantity qty;
  std::optional<price> limit;
  bool reduce_only = false;
  std::string client_id;
  bool want_result = false;
  std::int64_t good_till_ms = 0;
};

result<order_shape, sim_error> read_shape(const params& p,
                                          std::int64_t now_ms) {
  order_shape o;
  auto side = p.required("side");
  if (!side)
    return failure{side.error()};
  auto s = wire::parse_side(*side);
  if (!s)
    return failure{sim_error{400, -1117, "Invalid side."}};
  o.side = *s;
  auto type = p.required("type");
  if (!type)
    return failure{type.error()};
  auto t = wire::parse_order_type(*type);
  if (!t)
    return failure{sim_error{400, -1116, "Invalid orderType."}};
  if (is_conditional(*t))
    return failure{sim_error{400, -4120,
                             "Order type not supported for this endpoint. "
                             "Please use the Algo Order API endpoints "
                             "instead."}};
  o.type = *t;
  if (auto ps = p.get("positionSide"); ps && *ps != "BOTH")
    return failure{sim_error{400, -4061,
                             "Order's position side does not match user's "
                             "setting."}};
  const bool limit = o.type == wire::order_type::limit;
  if (limit) {
    auto tif = p.required("timeInForce");
    if (!tif)
      return failure{tif.error()};
    auto f = wire::parse_time_in_force(*tif);
    if (!f)
      return failure{sim_error{400, -1115, "Invalid timeInForce."}};
    o.tif = *f;
  } else if (p.has("timeInForce")) {
    return failure{
      sim_error{400, -1114, "TimeInForce parameter sent when not required."}};
  }
  auto qty = p.decimal<quantity>("quantity");
  if (!qty)
    return failure{qty.error()};
  if (!*qty)
    return failure{params::mandatory("quantity")};
  o.qty = **qty;
  auto px = p.decimal<price>("price");
  if (!px)
    return failure{px.error()};
  if (limit && !*px)
    return failure{params::mandatory("price")};
  if (!limit && *px)
    return failure{not_required("price")};
  o.limit = *px;
  auto ro = p.get("reduceOnly");
  if (ro && *ro != "true" && *ro != "false")
    return failure{params::invalid_value("reduceOnly")};
  o.reduce_only = ro && *ro == "true";
  if (auto id = p.get("newClientOrderId")) {
    if (!valid_client_id(*id))
      return failure{sim_error{400, -4015, "Client order id is not valid."}};
    o.client_id = std::string{*id};
  }
  auto resp = p.get("newOrderRespType");
  if (resp && *resp != "ACK" && *resp != "RESULT")
    return failure{params::invalid_value("newOrderRespType")};
  o.want_result = resp && *resp == "RESULT";
  if (limit && o.tif == wire::time_in_force::gtd) {
    auto gtd = p.integer("goodTillDate");
    if (!gtd)
      return failure{gtd.error()};
    if (!*gtd)
      return failure{params::mandatory("goodTillDate")};
    if (**gtd <= now_ms + min_gtd_lead_ms || **gtd > max_gtd_ms)
      return failure{sim_error{400, -5040,
                               "goodTillDate timestamp must be greater than "
                               "the current time plus 600 seconds and "
                               "smaller than 253402300799000"}};
    o.good_till_ms = **gtd / 1000 * 1000; // Binance drops the ms part
  }
  return o;
}

} // namespace

binance_venue::body_result binance_venue::new_order(const request_ctx& c) {
  auto sym = symbol_of(c.p);
  if (!sym)
    return failure{sym.error()};
  auto& s = **sym;
  auto shape = read_shape(c.p, c.now_ms);
  if (!shape)
    return failure{shape.error()};
  if (auto e = faults_.take_order_rejection())
    return failure{*e};
  if (shape->limit)
    if (auto e = check_price(s.cfg, *shape->limit))
      return failure{*e};
  if (auto e = check_quantity(s.cfg, shape->qty))
    return failure{*e};

  auto& acct = *c.account;
  const auto& key = acct.config.api_key;
  std::size_t open_here = 0;
  for (const auto& [id, o] : orders_) {
    if (o.account != key || !o.is_open())
      continue;
    if (!shape->client_id.empty() && o.client_id == shape->client_id)
      return failure{sim_error{400, -4116, "ClientOrderId is duplicated."}};
    if (o.symbol == s.cfg.symbol)
      ++open_here;
  }
  if (static_cast<std::int64_t>(open_here) >= s.cfg.max_open_orders)
    return failure{sim_error{400, -2025, "Reach max open order limit."}};

  // The price the order is judged at: its limit, or for a market order
  // the best opposite quote (else the mark).
  auto opposite
    = shape->side == tandem::side::buy ? s.book.best_ask() : s.book.best_bid();
  auto reference = shape->limit.value_or(opposite.value_or(mark_price(s)));
  if (reference.is_positive())
    if (auto e
        = check_notional(s.cfg, reference, shape->qty, shape->reduce_only))
      return failure{*e};
  auto& pos = acct.position(s.cfg);
  if (shape->reduce_only) {
    const bool reduces
      = (pos.qty.is_positive() && shape->side == tandem::side::sell)
        || (pos.qty.is_negative() && shape->side == tandem::side::buy);
    if (!reduces)
      return failure{sim_error{400, -2022, "ReduceOnly Order is rejected."}};
  }
  if (shape->tif == wire::time_in_force::gtx && opposite
      && (shape->side == tandem::side::buy ? *opposite <= *shape->limit
                                           : *opposite >= *shape->limit))
    return failure{sim_error{400, -5022,
                             "Due to the order could not be executed as "
                             "maker, the Post Only order will be rejected. "
                             "The order will not be recorded in the order "
                             "book"}};
  if (shape->tif == wire::time_in_force::fok) {
    auto avail = s.book.available(shape->side, shape->limit, key);
    auto cap = faults_.fill_cap();
    if (avail < shape->qty || (cap && *cap < shape->qty))
      return failure{sim_error{400, -5021,
                               "Due to the order could not be filled "
                               "immediately, the FOK order has been "
                               "rejected. The order will not be recorded in "
                               "the order book."}};
  }
  if (!shape->reduce_only) {
    auto need = added_margin(acct, s, shape->side, shape->qty, reference);
    if (need > totals_of(acct).available)
      return failure{sim_error{400, -2019, "Margin is insufficient."}};
  }

  order_record o;
  o.id = next_order_id_++;
  o.account = key;
  o.symbol = s.cfg.symbol;
  o.client_id = shape->client_id.empty() ? "sim" + std::to_string(o.id)
                                         : shape->client_id;
  o.side = shape->side;
  o.type = shape->type;
  o.tif = shape->type == wire::order_type::market ? wire::time_in_force::gtc
                                                  : shape->tif;
  o.limit = shape->limit;
  o.qty = shape->qty;
  o.reduce_only = shape->reduce_only;
  o.good_till_ms = shape->good_till_ms;
  o.time_ms = o.update_ms = c.now_ms;
  auto& stored = orders_.emplace(o.id, std::move(o)).first->second;
  auto ack = order_json(stored, s.cfg, order_view::placed);
  execute(s, stored, c.now_ms);
  if (!shape->want_result)
    return ack;
  return order_json(stored, s.cfg, order_view::placed);
}

binance_venue::body_result binance_venue::cancel_order(const request_ctx& c) {
  auto sym = symbol_of(c.p);
  if (!sym)
    return failure{sym.error()};
  const sim_error unknown{400, -2011, "Unknown order sent."};
  auto o = order_of(c, **sym, unknown);
  if (!o)
    return failure{o.error()};
  if (!(*o)->is_open())
    return failure{unknown};
  close_order(**o, wire::order_status::canceled, c.now_ms, expire_reason::none);
  return order_json(**o, (*sym)->cfg, order_view::placed);
}

binance_venue::body_result binance_venue::query_order(const request_ctx& c) {
  auto sym = symbol_of(c.p);
  if (!sym)
    return failure{sym.error()};
  auto o = order_of(c, **sym, sim_error{400, -2013, "Order does not exist."});
  if (!o)
    return failure{o.error()};
  return order_json(**o, (*sym)->cfg, order_view::queried);
}

binance_venue::body_result binance_venue::open_orders(const request_ctx& c) {
  const symbol_state* only = nullptr;
  if (c.p.has("symbol")) {
    auto sym = symbol_of(c.p);
    if (!sym)
      return failure{sym.error()};
    only = *sym;
  }
  std::vector<std::string> items;
  for (const auto& [id, o] : orders_) {
    if (o.account != c.account->config.api_key || !o.is_open()
        || (only && o.symbol != only->cfg.symbol))
      continue;
    items.push_back(
      order_json(o, find_symbol(o.symbol)->cfg, order_view::queried));
  }
  return json_array(items);
}

binance_venue::body_result
binance_venue::cancel_all_open_orders(const request_ctx& c) {
  auto sym = symbol_of(c.p);
  if (!sym)
    return failure{sym.error()};
  // Each cancelled order gets its own ORDER_TRADE_UPDATE (x=CANCELED), as a
  // single cancel does; the answer itself carries no count.
  const auto& key = c.account->config.api_key;
  for (auto& [id, o] : orders_)
    if (o.account == key && o.symbol == (*sym)->cfg.symbol && o.is_open())
      close_order(o, wire::order_status::canceled, c.now_ms,
                  expire_reason::none);
  return json_object{}
    .num("code", 200)
    .str("msg", "The operation of cancel all open order is done.")
    .done();
}

binance_venue::body_result
binance_venue::countdown_cancel_all(const request_ctx& c) {
  auto sym = symbol_of(c.p);
  if (!sym)
    return failure{sym.error()};
  auto ms = c.p.integer("countdownTime");
  if (!ms)
    return failure{ms.error()};
  if (!*ms || **ms < 0)
    return failure{params::mandatory("countdownTime")};
  auto& name = (*sym)->cfg.symbol;
  if (**ms == 0)
    c.account->countdowns.erase(name);
  else
    c.account->countdowns[name] = c.now_ms + **ms;
  return json_object{}
    .str("symbol", name)
    .str("countdownTime", std::to_string(**ms))
    .done();
}

binance_venue::body_result
binance_venue::change_leverage(const request_ctx& c) {
  auto sym = symbol_of(c.p);
  if (!sym)
    return failure{sym.error()};
  auto lev = c.p.integer("leverage");
  if (!lev)
    return failure{lev.error()};
  if (!*lev)
    return failure{params::mandatory("leverage")};
  if (**lev < min_leverage || **lev > max_leverage)
    return failure{sim_error{
      400, -4028, "Leverage " + std::to_string(**lev) + " is not valid"}};
  auto l = static_cast<std::int32_t>(**lev);
  auto& s = **sym;
  auto& pos = c.account->position(s.cfg);
  auto held = mul<money>(
    mark_price(s), pos.qty.is_negative() ? -pos.qty : pos.qty, rounding::up);
  if (held && *held > max_notional_for(l))
    return failure{sim_error{400, -2027,
                             "Exceeded the maximum allowable position at "
                             "current leverage."}};
  pos.leverage = l;
  streams_.push(c.account->config.api_key,
                leverage_update_frame(s.cfg.symbol, l, c.now_ms));
  return json_object{}
    .num("leverage", l)
    .str("maxNotionalValue", max_notional_for(l).to_string())
    .str("symbol", s.cfg.symbol)
    .done();
}

} // namespace tandem::sim::binance
