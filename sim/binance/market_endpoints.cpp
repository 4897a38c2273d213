// binance_venue: the public endpoints GET /fapi/v1/ping, /time,
// /exchangeInfo, /depth and /ticker/bookTicker (reference B5, B7, B9, B10).
#include "sim/binance/binance_venue.hpp"

#include "sim/binance/json_out.hpp"

#include <array>

namespace tandem::sim::binance {

namespace {

constexpr std::array depth_limits{5, 10, 20, 50, 100, 500, 1000};
constexpr std::int64_t default_depth = 500;

std::string rate_limit_json(std::string_view type, std::string_view interval,
                            std::int64_t n, std::int64_t limit) {
  return json_object{}
    .str("rateLimitType", type)
    .str("interval", interval)
    .num("intervalNum", n)
    .num("limit", limit)
    .done();
}

std::string filters_json(const symbol_config& s) {
  auto pp = places_of(s.tick);
  auto qp = places_of(s.step);
  auto lot = [&](std::string_view type) {
    return json_object{}
      .str("filterType", type)
      .str("stepSize", fmt(s.step, qp))
      .str("maxQty", fmt(s.max_qty, qp))
      .str("minQty", fmt(s.min_qty, qp))
      .done();
  };
  return json_array({
    json_object{}
      .str("filterType", "PRICE_FILTER")
      .str("minPrice", fmt(s.min_price, pp))
      .str("maxPrice", fmt(s.max_price, pp))
      .str("tickSize", fmt(s.tick, pp))
      .done(),
    lot("LOT_SIZE"),
    lot("MARKET_LOT_SIZE"),
    json_object{}
      .str("filterType", "MAX_NUM_ORDERS")
      .num("limit", s.max_open_orders)
      .done(),
    json_object{}
      .str("filterType", "MIN_NOTIONAL")
      .str("notional", s.min_notional.to_string())
      .done(),
  });
}

std::string levels_json(const std::vector<std::pair<price, quantity>>& ls,
                        const symbol_config& s) {
  std::vector<std::string> items;
  for (const auto& [px, q] : ls)
    items.push_back("[\"" + fmt(px, places_of(s.tick)) + "\",\""
                    + fmt(q, places_of(s.step)) + "\"]");
  return json_array(items);
}

} // namespace

binance_venue::body_result binance_venue::ping(const request_ctx&) {
  return std::string{"{}"};
}

binance_venue::body_result binance_venue::server_time(const request_ctx& c) {
  return json_object{}.num("serverTime", c.now_ms).done();
}

binance_venue::body_result binance_venue::exchange_info(const request_ctx& c) {
  std::vector<std::string> symbols;
  for (const auto& [name, sym] : symbols_) {
    const auto& s = sym.cfg;
    symbols.push_back(
      json_object{}
        .str("symbol", name)
        .str("pair", name)
        .str("contractType", "PERPETUAL")
        .num("deliveryDate", 4133404800000)
        .num("onboardDate", 1569398400000)
        .str("status", "TRADING")
        .str("baseAsset", s.base)
        .str("quoteAsset", s.quote)
        .str("marginAsset", cfg_.margin_asset)
        .num("pricePrecision", places_of(s.tick))
        .num("quantityPrecision", places_of(s.step))
        .num("baseAssetPrecision", 8)
        .num("quotePrecision", 8)
        .str("underlyingType", "COIN")
        .raw("filters", filters_json(s))
        .raw("orderTypes", "[\"LIMIT\",\"MARKET\"]")
        .raw("timeInForce", "[\"GTC\",\"IOC\",\"FOK\",\"GTX\",\"GTD\"]")
        .done());
  }
  const auto& l = cfg_.limits;
  return json_object{}
    .str("timezone", "UTC")
    .num("serverTime", c.now_ms)
    .str("futuresType", "U_MARGINED")
    .raw("rateLimits",
         json_array(
           {rate_limit_json("REQUEST_WEIGHT", "MINUTE", 1, l.weight_per_minute),
            rate_limit_json("ORDERS", "MINUTE", 1, l.orders_per_minute),
            rate_limit_json("ORDERS", "SECOND", 10, l.orders_per_10s)}))
    .raw("exchangeFilters", "[]")
    .raw("symbols", json_array(symbols))
    .done();
}

binance_venue::body_result binance_venue::depth(const request_ctx& c) {
  auto sym = symbol_of(c.p);
  if (!sym)
    return failure{sym.error()};
  auto limit = c.p.integer("limit");
  if (!limit)
    return failure{limit.error()};
  auto n = limit->value_or(default_depth);
  bool known = false;
  for (auto d : depth_limits)
    known = known || d == n;
  if (!known)
    return failure{params::invalid_value("limit")};
  const auto& s = **sym;
  auto count = static_cast<std::size_t>(n);
  return json_object{}
    .num("lastUpdateId", static_cast<std::int64_t>(s.update_id))
    .num("E", c.now_ms)
    .num("T", c.now_ms)
    .raw("bids", levels_json(s.book.levels(tandem::side::buy, count), s.cfg))
    .raw("asks", levels_json(s.book.levels(tandem::side::sell, count), s.cfg))
    .done();
}

binance_venue::body_result binance_venue::book_ticker(const request_ctx& c) {
  auto one = [&](const symbol_state& s) {
    auto bid = s.book.levels(tandem::side::buy, 1);
    auto ask = s.book.levels(tandem::side::sell, 1);
    auto pp = places_of(s.cfg.tick);
    auto qp = places_of(s.cfg.step);
    auto px = [&](const auto& l) {
      return fmt(l.empty() ? price{} : l[0].first, pp);
    };
    auto qty = [&](const auto& l) {
      return fmt(l.empty() ? quantity{} : l[0].second, qp);
    };
    return json_object{}
      .str("symbol", s.cfg.symbol)
      .str("bidPrice", px(bid))
      .str("bidQty", qty(bid))
      .str("askPrice", px(ask))
      .str("askQty", qty(ask))
      .num("time", c.now_ms)
      .num("lastUpdateId", static_cast<std::int64_t>(s.update_id))
      .done();
  };
  if (c.p.has("symbol")) {
    auto sym = symbol_of(c.p);
    if (!sym)
      return failure{sym.error()};
    return one(**sym);
  }
  std::vector<std::string> items;
  for (const auto& [name, s] : symbols_)
    items.push_back(one(s));
  return json_array(items);
}

} // namespace tandem::sim::binance
