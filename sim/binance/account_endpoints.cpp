// binance_venue: GET /fapi/v2|v3/positionRisk, /fapi/v2|v3/balance,
// /fapi/v3/account and the listen-key endpoints (reference B3, B6).
#include "sim/binance/binance_venue.hpp"

#include "sim/binance/json_out.hpp"

namespace tandem::sim::binance {

namespace {

constexpr int money_places = 8;
constexpr int entry_places = 8;

quantity abs_qty(quantity q) { return q.is_negative() ? -q : q; }

} // namespace

binance_venue::body_result binance_venue::position_risk(const request_ctx& c) {
  const symbol_state* only = nullptr;
  if (c.p.has("symbol")) {
    auto sym = symbol_of(c.p);
    if (!sym)
      return failure{sym.error()};
    only = *sym;
  }
  std::vector<std::string> items;
  for (const auto& [name, sym] : symbols_) {
    if (only && only != &sym)
      continue;
    auto& p = c.account->position(sym.cfg);
    auto mark = mark_price(sym);
    auto notional = mul<money>(mark, p.qty, rounding::half_even);
    auto qp = places_of(sym.cfg.step);
    items.push_back(
      json_object{}
        .str("symbol", name)
        .str("positionSide", "BOTH")
        .str("positionAmt", fmt(p.qty, qp))
        .str("entryPrice", fmt(p.entry, entry_places))
        .str("breakEvenPrice", fmt(p.entry, entry_places))
        .str("markPrice", fmt(mark, entry_places))
        .str("unRealizedProfit", fmt(unrealized_pnl(p, mark), money_places))
        .str("liquidationPrice", "0")
        .str("leverage", std::to_string(p.leverage))
        .str("maxNotionalValue", max_notional_for(p.leverage).to_string())
        .str("marginType", "cross")
        .str("isolatedMargin", fmt(money::zero(), money_places))
        .str("isAutoAddMargin", "false")
        .str("notional",
             fmt(notional ? *notional : money::zero(), money_places))
        .str("isolatedWallet", "0")
        .num("updateTime", p.update_ms)
        .done());
  }
  return json_array(items);
}

binance_venue::body_result binance_venue::balances(const request_ctx& c) {
  auto& a = *c.account;
  auto t = totals_of(a);
  return json_array({json_object{}
                       .str("accountAlias", "SgsR")
                       .str("asset", cfg_.margin_asset)
                       .str("balance", fmt(a.wallet, money_places))
                       .str("crossWalletBalance", fmt(a.wallet, money_places))
                       .str("crossUnPnl", fmt(t.unrealized, money_places))
                       .str("availableBalance", fmt(t.available, money_places))
                       .str("maxWithdrawAmount", fmt(t.available, money_places))
                       .boolean("marginAvailable", true)
                       .num("updateTime", c.now_ms)
                       .done()});
}

binance_venue::body_result binance_venue::account_info(const request_ctx& c) {
  auto& a = *c.account;
  auto t = totals_of(a);
  auto initial = t.position_margin + t.order_margin;
  auto margin_balance = a.wallet + t.unrealized;
  auto asset
    = json_object{}
        .str("asset", cfg_.margin_asset)
        .str("walletBalance", fmt(a.wallet, money_places))
        .str("unrealizedProfit", fmt(t.unrealized, money_places))
        .str("marginBalance", fmt(margin_balance, money_places))
        .str("maintMargin", fmt(money::zero(), money_places))
        .str("initialMargin", fmt(initial, money_places))
        .str("positionInitialMargin", fmt(t.position_margin, money_places))
        .str("openOrderInitialMargin", fmt(t.order_margin, money_places))
        .str("crossWalletBalance", fmt(a.wallet, money_places))
        .str("crossUnPnl", fmt(t.unrealized, money_places))
        .str("availableBalance", fmt(t.available, money_places))
        .str("maxWithdrawAmount", fmt(t.available, money_places))
        .num("updateTime", c.now_ms)
        .done();
  std::vector<std::string> positions;
  for (const auto& [name, p] : a.positions) {
    auto sym = find_symbol(name);
    if (!sym || p.qty.is_zero())
      continue; // v3 lists only symbols with a position
    auto mark = mark_price(*sym);
    auto notional = mul<money>(mark, p.qty, rounding::half_even);
    positions.push_back(
      json_object{}
        .str("symbol", name)
        .str("positionSide", "BOTH")
        .str("positionAmt", fmt(p.qty, places_of(sym->cfg.step)))
        .str("unrealizedProfit", fmt(unrealized_pnl(p, mark), money_places))
        .str("isolatedMargin", "0")
        .str("notional",
             fmt(notional ? *notional : money::zero(), money_places))
        .str("isolatedWallet", "0")
        .str(
          "initialMargin",
          fmt(initial_margin(abs_qty(p.qty), mark, p.leverage), money_places))
        .str("maintMargin", fmt(money::zero(), money_places))
        .num("updateTime", p.update_ms)
        .done());
  }
  return json_object{}
    .str("totalInitialMargin", fmt(initial, money_places))
    .str("totalMaintMargin", fmt(money::zero(), money_places))
    .str("totalWalletBalance", fmt(a.wallet, money_places))
    .str("totalUnrealizedProfit", fmt(t.unrealized, money_places))
    .str("totalMarginBalance", fmt(margin_balance, money_places))
    .str("totalPositionInitialMargin", fmt(t.position_margin, money_places))
    .str("totalOpenOrderInitialMargin", fmt(t.order_margin, money_places))
    .str("totalCrossWalletBalance", fmt(a.wallet, money_places))
    .str("totalCrossUnPnl", fmt(t.unrealized, money_places))
    .str("availableBalance", fmt(t.available, money_places))
    .str("maxWithdrawAmount", fmt(t.available, money_places))
    .raw("assets", json_array({asset}))
    .raw("positions", json_array(positions))
    .done();
}

binance_venue::body_result
binance_venue::listen_key_open(const request_ctx& c) {
  auto key = streams_.open(c.account->config.api_key, c.now_ms);
  return json_object{}.str("listenKey", key).done();
}

binance_venue::body_result
binance_venue::listen_key_keepalive(const request_ctx& c) {
  auto key = streams_.keepalive(c.account->config.api_key, c.now_ms);
  if (!key)
    return failure{sim_error{400, -1125, "This listenKey does not exist."}};
  return json_object{}.str("listenKey", *key).done();
}

binance_venue::body_result
binance_venue::listen_key_close(const request_ctx& c) {
  if (!streams_.close(c.account->config.api_key))
    return failure{sim_error{400, -1125, "This listenKey does not exist."}};
  return std::string{"{}"};
}

} // namespace tandem::sim::binance
