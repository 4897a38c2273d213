#include "sim/binance/filters.hpp"

#include "sim/binance/json_out.hpp"
#include "sim/binance/params.hpp"

namespace tandem::sim::binance {

std::optional<sim_error> check_price(const symbol_config& s, price p) {
  if (!p.is_positive())
    return sim_error{400, -4001, "Price less than 0."};
  if (places_of(p) > places_of(s.tick))
    return params::too_precise();
  if (p < s.min_price)
    return sim_error{400, -4013, "Price less than min price."};
  if (s.max_price.is_positive() && p > s.max_price)
    return sim_error{400, -4002, "Price greater than max price."};
  if (!is_multiple_of(p - s.min_price, s.tick))
    return sim_error{400, -4014, "Price not increased by tick size."};
  return std::nullopt;
}

std::optional<sim_error> check_quantity(const symbol_config& s, quantity q) {
  if (!q.is_positive())
    return sim_error{400, -4003, "Quantity less than or equal to zero."};
  if (places_of(q) > places_of(s.step))
    return params::too_precise();
  if (q < s.min_qty)
    return sim_error{400, -4004, "Quantity less than min quantity."};
  if (s.max_qty.is_positive() && q > s.max_qty)
    return sim_error{400, -4005, "Quantity greater than max quantity."};
  if (!is_multiple_of(q - s.min_qty, s.step))
    return sim_error{400, -4023, "Quantity not increased by step size."};
  return std::nullopt;
}

std::optional<sim_error> check_notional(const symbol_config& s, price reference,
                                        quantity q, bool reduce_only) {
  if (reduce_only || s.min_notional.is_zero())
    return std::nullopt;
  auto n = mul<money>(reference, q, rounding::down);
  if (n && *n >= s.min_notional)
    return std::nullopt;
  return sim_error{400, -4164,
                   "Order's notional must be no smaller than "
                     + s.min_notional.to_string()
                     + " (unless you choose reduce only)."};
}

} // namespace tandem::sim::binance
