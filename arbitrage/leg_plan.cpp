#include "arbitrage/leg_plan.hpp"

namespace tandem::arbitrage {

std::string leg_plan_error::message() const {
  return std::string{to_string(venue)} + ": " + why.message();
}

result<order_request, leg_plan_error>
plan_order(const instrument& inst, side s, quantity qty, price limit,
           bool reduce_only, client_order_id_generator& ids) {
  order_request o;
  o.id = ids.next();
  o.venue = inst.venue;
  o.symbol = inst.symbol;
  o.side = s;
  o.type = order_type::limit;
  o.tif = time_in_force::ioc;
  o.reduce_only = reduce_only;
  o.qty = qty;
  o.limit_price = limit;
  if (auto v = check_order(inst, o))
    return failure{leg_plan_error{inst.venue, std::move(*v)}};
  return o;
}

result<leg_pair, leg_plan_error> plan_legs(const pair_signal& sig,
                                           const instrument& upbit,
                                           const instrument& binance,
                                           client_order_id_generator& ids) {
  auto u = plan_order(upbit, upbit_side(sig.kind), sig.qty, sig.upbit_limit,
                      false, ids);
  if (!u)
    return failure{u.error()};
  // Binance exits buy back the short: reduce-only, so a stale or repeated
  // exit can never open a long.
  auto b = plan_order(binance, binance_side(sig.kind), sig.qty,
                      sig.binance_limit, sig.kind == pair_kind::exit, ids);
  if (!b)
    return failure{b.error()};
  return leg_pair{std::move(*u), std::move(*b)};
}

} // namespace tandem::arbitrage
