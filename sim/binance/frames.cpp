#include "sim/binance/frames.hpp"

#include "sim/binance/json_out.hpp"

namespace tandem::sim::binance {

namespace {

constexpr int money_places = 8;
constexpr int avg_places = 5;
/// Entry prices are averages: more places than the tick.
constexpr int entry_places = 8;

} // namespace

std::string order_trade_update_frame(const order_record& o,
                                     const symbol_config& s,
                                     const order_event_info& e) {
  auto pp = places_of(s.tick);
  auto qp = places_of(s.step);
  json_object j;
  j.str("s", o.symbol)
    .str("c", o.client_id)
    .str("S", wire::to_wire(o.side))
    .str("o", wire::to_wire(o.type))
    .str("f", wire::to_wire(o.tif))
    .str("q", fmt(o.qty, qp))
    .str("p", fmt(o.limit.value_or(price::zero()), pp))
    .str("ap", fmt(o.avg_price(), avg_places))
    .str("sp", fmt(price::zero(), pp))
    .str("x", wire::to_wire(e.execution))
    .str("X", wire::to_wire(o.status))
    .num("i", static_cast<std::int64_t>(o.id))
    .str("l", fmt(e.fill ? e.fill->qty : quantity::zero(), qp))
    .str("z", fmt(o.executed, qp))
    .str("L", fmt(e.fill ? e.fill->px : price::zero(), pp));
  // "will not push if no commission": only fills carry N and n.
  if (e.fill)
    j.str("N", e.fee_asset).str("n", fmt(e.fill->fee, money_places));
  j.num("T", e.event_ms)
    .num("t", e.fill ? static_cast<std::int64_t>(e.fill->trade_id) : 0)
    .str("b", fmt(e.bids_notional, money_places))
    .str("a", fmt(e.asks_notional, money_places))
    .boolean("m", e.fill && e.fill->maker)
    .boolean("R", o.reduce_only)
    .str("wt", "CONTRACT_PRICE")
    .str("ot", wire::to_wire(o.type))
    .str("ps", "BOTH")
    .boolean("cp", false)
    .str("rp", fmt(e.fill ? e.fill->realized : money::zero(), money_places))
    .boolean("pP", false)
    .num("si", 0)
    .num("ss", 0)
    .str("V", "EXPIRE_TAKER")
    .str("pm", "NONE")
    .num("gtd", o.good_till_ms)
    .str("er", std::to_string(static_cast<int>(e.reason)));
  return json_object{}
    .str("e", "ORDER_TRADE_UPDATE")
    .num("E", e.event_ms)
    .num("T", e.event_ms)
    .raw("o", j.done())
    .done();
}

std::string account_update_frame(std::string_view asset, money wallet,
                                 const symbol_config& s,
                                 const position_state& p, money unrealized,
                                 std::int64_t now_ms) {
  auto qp = places_of(s.step);
  auto balance = json_object{}
                   .str("a", asset)
                   .str("wb", fmt(wallet, money_places))
                   .str("cw", fmt(wallet, money_places))
                   .str("bc", "0")
                   .done();
  auto position = json_object{}
                    .str("s", s.symbol)
                    .str("pa", fmt(p.qty, qp))
                    .str("ep", fmt(p.entry, entry_places))
                    .str("bep", fmt(p.entry, entry_places))
                    .str("cr", fmt(p.realized, money_places))
                    .str("up", fmt(unrealized, money_places))
                    .str("mt", "cross")
                    .str("iw", "0")
                    .str("ps", "BOTH")
                    .done();
  auto a = json_object{}
             .str("m", "ORDER")
             .raw("B", json_array({balance}))
             .raw("P", json_array({position}))
             .done();
  return json_object{}
    .str("e", "ACCOUNT_UPDATE")
    .num("E", now_ms)
    .num("T", now_ms)
    .raw("a", a)
    .done();
}

std::string leverage_update_frame(std::string_view symbol,
                                  std::int32_t leverage, std::int64_t now_ms) {
  return json_object{}
    .str("e", "ACCOUNT_CONFIG_UPDATE")
    .num("E", now_ms)
    .num("T", now_ms)
    .raw("ac", json_object{}.str("s", symbol).num("l", leverage).done())
    .done();
}

std::string listen_key_expired_frame(std::string_view key,
                                     std::int64_t now_ms) {
  return json_object{}
    .str("e", "listenKeyExpired")
    .str("E", std::to_string(now_ms))
    .str("listenKey", key)
    .done();
}

std::string book_ticker_frame_json(std::string_view symbol, std::uint64_t u,
                                   price bid, quantity bid_qty, price ask,
                                   quantity ask_qty, const symbol_config& s,
                                   std::int64_t now_ms) {
  auto pp = places_of(s.tick);
  auto qp = places_of(s.step);
  return json_object{}
    .str("e", "bookTicker")
    .num("u", static_cast<std::int64_t>(u))
    .num("E", now_ms)
    .num("T", now_ms)
    .str("s", symbol)
    .str("b", fmt(bid, pp))
    .str("B", fmt(bid_qty, qp))
    .str("a", fmt(ask, pp))
    .str("A", fmt(ask_qty, qp))
    .done();
}

} // namespace tandem::sim::binance
