#include "core/instrument.hpp"

#include <algorithm>

namespace tandem {

namespace {

violation make(validation_error code, std::string detail) {
  return violation{code, std::move(detail)};
}

rounding toward_safe_side(side s) {
  return s == side::buy ? rounding::down : rounding::up;
}

} // namespace

// -- tick_rule ---------------------------------------------------------------

tick_rule tick_rule::fixed(price tick) {
  tick_rule r;
  r.bands_.push_back({price::zero(), tick});
  return r;
}

tick_rule tick_rule::bands(std::vector<tick_band> bands) {
  tick_rule r;
  r.bands_ = std::move(bands);
  std::sort(
    r.bands_.begin(), r.bands_.end(),
    [](const tick_band& a, const tick_band& b) { return a.from > b.from; });
  return r;
}

const tick_rule& tick_rule::upbit_krw() {
  static const tick_rule table = [] {
    auto p = [](const char* s) {
      return price::must_parse(s);
    };
    // clang-format off
    return bands({
      {p("1000000"),  p("1000")},
      {p("500000"),   p("500")},
      {p("100000"),   p("100")},
      {p("50000"),    p("50")},
      {p("10000"),    p("10")},
      {p("5000"),     p("5")},
      {p("1000"),     p("1")},
      {p("100"),      p("1")},
      {p("10"),       p("0.1")},        // excerpt cut off: one decimal per decade
      {p("1"),        p("0.01")},
      {p("0.1"),      p("0.001")},
      {p("0.01"),     p("0.0001")},
      {p("0.001"),    p("0.00001")},
      {p("0.0001"),   p("0.000001")},
      {p("0.00001"),  p("0.0000001")},
      {p("0"),        p("0.00000001")},
    });
    // clang-format on
  }();
  return table;
}

price tick_rule::tick_at(price p) const noexcept {
  for (const auto& b : bands_)
    if (p >= b.from)
      return b.tick;
  return bands_.back().tick;
}

bool tick_rule::on_tick(price p) const noexcept {
  return is_multiple_of(p, tick_at(p));
}

result<price, decimal_error> tick_rule::round(price p, side s) const noexcept {
  auto mode = toward_safe_side(s);
  auto r = round_to_step(p, tick_at(p), mode);
  // Rounding can cross into the next band; if that band's tick is coarser
  // and the result is off it, round once more in the same direction.
  if (r && !on_tick(*r))
    r = round_to_step(*r, tick_at(*r), mode);
  return r;
}

// -- rounding and notional ---------------------------------------------------

result<price, decimal_error> round_price(const instrument& i, price p,
                                         side s) noexcept {
  return i.tick.round(p, s);
}

result<quantity, decimal_error> round_quantity(const instrument& i,
                                               quantity q) noexcept {
  return round_to_step(q, i.lot, rounding::down);
}

result<money, decimal_error> notional(const instrument& i, price p,
                                      quantity q) noexcept {
  auto n = mul<money>(p, q, rounding::half_even);
  if (!n || i.multiplier == 1)
    return n;
  return checked_mul(*n, i.multiplier);
}

// -- checks ------------------------------------------------------------------

std::optional<violation> check_price(const instrument& i, price p) {
  if (!p.is_positive())
    return make(validation_error::non_positive_price, "price=" + p.to_string());
  if (i.min_price && p < *i.min_price)
    return make(validation_error::price_out_of_range,
                "price=" + p.to_string() + " min=" + i.min_price->to_string());
  if (i.max_price && p > *i.max_price)
    return make(validation_error::price_out_of_range,
                "price=" + p.to_string() + " max=" + i.max_price->to_string());
  if (!i.tick.on_tick(p))
    return make(validation_error::price_off_tick,
                "price=" + p.to_string()
                  + " tick=" + i.tick.tick_at(p).to_string());
  return std::nullopt;
}

std::optional<violation> check_quantity(const instrument& i, quantity q) {
  if (!q.is_positive())
    return make(validation_error::non_positive_quantity,
                "qty=" + q.to_string());
  if (!is_multiple_of(q, i.lot))
    return make(validation_error::quantity_off_lot,
                "qty=" + q.to_string() + " lot=" + i.lot.to_string());
  if (q < i.min_qty)
    return make(validation_error::below_min_quantity,
                "qty=" + q.to_string() + " min=" + i.min_qty.to_string());
  if (i.max_qty && q > *i.max_qty)
    return make(validation_error::above_max_quantity,
                "qty=" + q.to_string() + " max=" + i.max_qty->to_string());
  return std::nullopt;
}

std::optional<violation> check_order(const instrument& i,
                                     const order_request& o,
                                     std::optional<price> reference) {
  if (o.venue != i.venue || o.symbol != i.symbol)
    return make(validation_error::instrument_mismatch,
                "order=" + std::string{to_string(o.venue)} + ":" + o.symbol
                  + " instrument=" + std::string{to_string(i.venue)} + ":"
                  + i.symbol);
  if (auto v = check_shape(o))
    return v;
  if (o.limit_price)
    if (auto v = check_price(i, *o.limit_price))
      return v;
  if (o.stop_price)
    if (auto v = check_price(i, *o.stop_price))
      return v;
  if (auto v = check_quantity(i, o.qty))
    return v;
  if (o.reduce_only && i.reduce_only_skips_min_notional)
    return std::nullopt;
  auto px = o.limit_price ? o.limit_price : reference;
  if (!px)
    return std::nullopt;
  // Compare exactly in 128 bits: price x qty x multiplier at scale 16.
  detail::i128 value
    = static_cast<detail::i128>(px->raw()) * o.qty.raw() * i.multiplier;
  detail::i128 floor
    = static_cast<detail::i128>(i.min_notional.raw()) * quantity::unit;
  if (value < floor) {
    auto n = notional(i, *px, o.qty);
    return make(validation_error::below_min_notional,
                "notional=" + (n ? n->to_string() : std::string{"overflow"})
                  + " min=" + i.min_notional.to_string() + " " + i.quote);
  }
  return std::nullopt;
}

std::optional<violation> check_instrument(const instrument& i) {
  if (!i.lot.is_positive())
    return make(validation_error::quantity_off_lot,
                "lot=" + i.lot.to_string() + " must be positive");
  if (!i.tick.tick_at(price::max()).is_positive())
    return make(validation_error::price_off_tick, "tick must be positive");
  if (i.min_qty.is_negative() || !is_multiple_of(i.min_qty, i.lot))
    return make(validation_error::quantity_off_lot,
                "min_qty=" + i.min_qty.to_string()
                  + " lot=" + i.lot.to_string());
  if (i.min_price && !i.tick.on_tick(*i.min_price))
    return make(validation_error::price_off_tick,
                "min_price=" + i.min_price->to_string());
  if (i.multiplier <= 0)
    return make(validation_error::non_positive_quantity,
                "multiplier=" + std::to_string(i.multiplier));
  return std::nullopt;
}

} // namespace tandem
