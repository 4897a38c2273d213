#include "venues/upbit/session_plan.hpp"

#include <algorithm>

namespace tandem::venues::upbit {

namespace {

failure<request_error> refuse(venue_error code, std::string detail) {
  return failure{request_error{code, std::move(detail)}};
}

// The ask that fills `qty` when the book is swept from the best level.
std::optional<price> sweep_price(const book_depth& book, quantity qty) {
  if (book.asks.empty())
    return std::nullopt;
  quantity cum;
  for (const auto& level : book.asks) {
    auto next = checked_add(cum, level.qty);
    if (!next || *next >= qty)
      return level.px;
    cum = *next;
  }
  return book.asks.back().px;
}

} // namespace

result<placement, request_error> plan_place(const order_request& o,
                                            const instrument& inst,
                                            const book_depth* book) {
  placement out{o, place_options{}};
  if (o.type != order_type::market || o.side != side::buy)
    return out;
  const book_depth* b = book;
  auto px = b != nullptr ? sweep_price(*b, o.qty) : std::nullopt;
  if (!px)
    return refuse(venue_error::invalid_parameter,
                  "market buy " + o.symbol
                    + ": no asks seen yet (it is sent as a limit IOC at the "
                      "ask that covers qty)");
  // Book prices sit on the tick; rounding up keeps the limit marketable if
  // the venue's tick is coarser than the book's grid.
  auto tick = inst.tick.tick_at(*px);
  auto on_tick = round_to_step(*px, tick, rounding::up);
  if (!on_tick)
    return refuse(venue_error::price_off_tick,
                  "price=" + px->to_string() + " tick=" + tick.to_string());
  out.wire.type = order_type::limit;
  out.wire.tif
    = o.tif == time_in_force::fok ? time_in_force::fok : time_in_force::ioc;
  out.wire.limit_price = *on_tick;
  return out;
}

result<instrument, std::string> make_instrument(std::string_view market,
                                                const instrument_tick* tick,
                                                const order_chance& chance) {
  if (!is_market_code(market))
    return failure{"market=" + std::string{market} + " is not a market code"};
  const auto dash = market.find('-');
  instrument inst;
  inst.venue = venue::upbit;
  inst.symbol = std::string{market};
  inst.quote = std::string{market.substr(0, dash)};
  inst.base = std::string{market.substr(dash + 1)};
  inst.kind = instrument_kind::spot;
  inst.tick = tick_rule::upbit_krw();
  if (tick != nullptr && !apply_tick(inst, *tick))
    return failure{"market=" + inst.symbol + " tick row for " + tick->symbol
                   + " size=" + tick->tick_size.to_string() + " unusable"};
  inst.lot = quantity::from_raw(1);
  inst.min_qty = quantity::from_raw(1);
  inst.min_notional = std::max(chance.bid_min_total, chance.ask_min_total);
  if (auto v = check_instrument(inst))
    return failure{"market=" + inst.symbol + " " + v->message()};
  return inst;
}

} // namespace tandem::venues::upbit
