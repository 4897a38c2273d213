// binance_venue: symbol and order lookups, mark price and margin.
#include "sim/binance/binance_venue.hpp"

#include <algorithm>

namespace tandem::sim::binance {

namespace {

money must(result<money, decimal_error> r) { return r ? *r : money::zero(); }

} // namespace

binance_venue::symbol_state* binance_venue::find_symbol(std::string_view s) {
  auto it = symbols_.find(s);
  return it == symbols_.end() ? nullptr : &it->second;
}

const binance_venue::symbol_state*
binance_venue::find_symbol(std::string_view s) const {
  auto it = symbols_.find(s);
  return it == symbols_.end() ? nullptr : &it->second;
}

result<binance_venue::symbol_state*, sim_error>
binance_venue::symbol_of(const params& p) {
  auto name = p.required("symbol");
  if (!name)
    return failure{name.error()};
  auto sym = find_symbol(*name);
  if (!sym)
    return failure{sim_error{400, -1121, "Invalid symbol."}};
  return sym;
}

result<order_record*, sim_error>
binance_venue::order_of(const request_ctx& c, const symbol_state& sym,
                        const sim_error& not_found) {
  auto by_id = c.p.integer("orderId");
  if (!by_id)
    return failure{by_id.error()};
  auto client = c.p.get("origClientOrderId");
  if (!*by_id && (!client || client->empty()))
    return failure{sim_error{400, -1102,
                             "Param 'origClientOrderId' or 'orderId' must be "
                             "sent, but both were empty/null!"}};
  const auto& key = c.account->config.api_key;
  auto mine = [&](const order_record& o) {
    return o.account == key && o.symbol == sym.cfg.symbol;
  };
  if (*by_id) {
    auto it = orders_.find(static_cast<std::uint64_t>(**by_id));
    if (it == orders_.end() || !mine(it->second))
      return failure{not_found};
    return &it->second;
  }
  // The open order with that id, else the newest one.
  order_record* found = nullptr;
  for (auto& [id, o] : orders_) {
    if (!mine(o) || o.client_id != *client)
      continue;
    if (!found || !found->is_open())
      found = &o;
  }
  if (!found)
    return failure{not_found};
  return found;
}

price binance_venue::mark_price(const symbol_state& sym) const {
  auto bid = sym.book.best_bid();
  auto ask = sym.book.best_ask();
  if (bid && ask) {
    detail::i128 sum = detail::i128{bid->raw()} + ask->raw();
    return price::from_raw(static_cast<std::int64_t>(
      detail::div_round(sum, 2, rounding::half_even)));
  }
  if (sym.last_trade)
    return *sym.last_trade;
  if (bid)
    return *bid;
  return ask.value_or(price::zero());
}

std::pair<money, money>
binance_venue::open_notional(const std::string& account,
                             std::string_view symbol) const {
  money bids;
  money asks;
  for (const auto& [id, o] : orders_) {
    if (o.account != account || o.symbol != symbol || !o.is_open() || !o.limit)
      continue;
    auto n = must(mul<money>(*o.limit, o.open_qty(), rounding::up));
    (o.side == tandem::side::buy ? bids : asks) += n;
  }
  return {bids, asks};
}

money binance_venue::order_margin(const account_state& a,
                                  const symbol_state& sym) const {
  auto [bids, asks] = open_notional(a.config.api_key, sym.cfg.symbol);
  auto pos = a.positions.find(sym.cfg.symbol);
  auto lev = pos == a.positions.end() ? sym.cfg.default_leverage
                                      : pos->second.leverage;
  // Orders that would close the position need no margin of their own.
  if (pos != a.positions.end() && !pos->second.qty.is_zero()) {
    auto held = must(mul<money>(mark_price(sym),
                                pos->second.qty.is_negative() ? -pos->second.qty
                                                              : pos->second.qty,
                                rounding::down));
    auto& closing = pos->second.qty.is_positive() ? asks : bids;
    closing = closing > held ? closing - held : money::zero();
  }
  auto biggest = std::max(bids, asks);
  return money::from_raw(static_cast<std::int64_t>(
    detail::div_round(biggest.raw(), std::max(lev, 1), rounding::up)));
}

money binance_venue::added_margin(const account_state& a,
                                  const symbol_state& sym, tandem::side s,
                                  quantity q, price px) const {
  auto pos = a.positions.find(sym.cfg.symbol);
  auto lev = pos == a.positions.end() ? sym.cfg.default_leverage
                                      : pos->second.leverage;
  auto held = pos == a.positions.end() ? quantity::zero() : pos->second.qty;
  const bool closing = (held.is_positive() && s == tandem::side::sell)
                       || (held.is_negative() && s == tandem::side::buy);
  auto opening = q;
  if (closing) {
    auto abs_held = held.is_negative() ? -held : held;
    opening = q > abs_held ? q - abs_held : quantity::zero();
  }
  return initial_margin(opening, px, lev);
}

binance_venue::totals binance_venue::totals_of(const account_state& a) const {
  totals t;
  for (const auto& [name, sym] : symbols_) {
    auto mark = mark_price(sym);
    auto pos = a.positions.find(name);
    if (pos != a.positions.end()) {
      t.unrealized += unrealized_pnl(pos->second, mark);
      t.position_margin
        += initial_margin(pos->second.qty, mark, pos->second.leverage);
    }
    t.order_margin += order_margin(a, sym);
  }
  t.available = a.wallet + t.unrealized - t.position_margin - t.order_margin;
  return t;
}

} // namespace tandem::sim::binance
