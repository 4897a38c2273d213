#include "sim/binance/orders.hpp"

#include "sim/binance/json_out.hpp"

namespace tandem::sim::binance {

/// Decimals of avgPrice, as in the reference's examples ("0.00000").
constexpr int avg_price_places = 5;
/// Decimals of cumQuote.
constexpr int quote_places = 5;

bool order_record::is_open() const noexcept {
  return status == wire::order_status::new_
         || status == wire::order_status::partially_filled;
}

price order_record::avg_price() const noexcept {
  if (!executed.is_positive())
    return price::zero();
  auto p = div<price>(cum_quote, executed, rounding::half_even);
  return p ? *p : price::zero();
}

std::string order_json(const order_record& o, const symbol_config& s,
                       order_view view) {
  auto pp = places_of(s.tick);
  auto qp = places_of(s.step);
  json_object j;
  j.num("orderId", static_cast<std::int64_t>(o.id))
    .str("symbol", o.symbol)
    .str("status", wire::to_wire(o.status))
    .str("clientOrderId", o.client_id)
    .str("price", fmt(o.limit.value_or(price::zero()), pp))
    .str("avgPrice", fmt(o.avg_price(), avg_price_places))
    .str("origQty", fmt(o.qty, qp))
    .str("executedQty", fmt(o.executed, qp));
  if (view == order_view::placed)
    j.str("cumQty", fmt(o.executed, qp));
  j.str("cumQuote", fmt(o.cum_quote, quote_places))
    .str("timeInForce", wire::to_wire(o.tif))
    .str("type", wire::to_wire(o.type))
    .boolean("reduceOnly", o.reduce_only)
    .boolean("closePosition", false)
    .str("side", wire::to_wire(o.side))
    .str("positionSide", "BOTH")
    .str("stopPrice", fmt(price::zero(), pp))
    .str("workingType", "CONTRACT_PRICE")
    .boolean("priceProtect", false)
    .str("origType", wire::to_wire(o.type))
    .str("priceMatch", "NONE")
    .str("selfTradePreventionMode", "EXPIRE_TAKER")
    .num("goodTillDate", o.good_till_ms);
  if (view == order_view::queried)
    j.num("time", o.time_ms);
  j.num("updateTime", o.update_ms);
  return j.done();
}

} // namespace tandem::sim::binance
