#include "arbitrage/sizing.hpp"

#include <algorithm>
#include <numeric>

namespace tandem::arbitrage {

namespace {

size_refusal refuse(size_refusal_reason r, std::string detail) {
  return size_refusal{r, std::move(detail)};
}

std::string venue_name(const sized_leg& l) {
  return std::string{to_string(l.inst->venue)};
}

/// Checks one leg's minimums at quantity q.
std::optional<size_refusal> check_minimums(const sized_leg& l, quantity q) {
  const auto& i = *l.inst;
  if (q < i.min_qty)
    return refuse(size_refusal_reason::below_min_qty,
                  "venue=" + venue_name(l) + " qty=" + q.to_string()
                    + " min=" + i.min_qty.to_string());
  if (l.reduce_only && i.reduce_only_skips_min_notional)
    return std::nullopt;
  // Compare exactly at scale 16 without dividing (a 128-bit division per
  // leg was most of this function's time); format only on refusal.
  detail::i128 value;
  const detail::i128 floor
    = static_cast<detail::i128>(i.min_notional.raw()) * quantity::unit;
  if (__builtin_mul_overflow(static_cast<detail::i128>(l.limit.raw()) * q.raw(),
                             static_cast<detail::i128>(i.multiplier), &value)
      || value >= floor)
    return std::nullopt; // an overflowing notional is far above any minimum
  auto n = notional(i, l.limit, q);
  if (!n)
    return refuse(size_refusal_reason::bad_input,
                  "venue=" + venue_name(l) + " notional overflow");
  return refuse(size_refusal_reason::below_min_notional,
                "venue=" + venue_name(l) + " qty=" + q.to_string() + " price="
                  + l.limit.to_string() + " notional=" + n->to_string()
                  + " min=" + i.min_notional.to_string() + " " + i.quote);
}

} // namespace

std::string_view to_string(size_refusal_reason r) noexcept {
  switch (r) {
    case size_refusal_reason::zero_quantity: return "ZERO_QUANTITY";
    case size_refusal_reason::below_min_qty: return "BELOW_MIN_QTY";
    case size_refusal_reason::below_min_notional: return "BELOW_MIN_NOTIONAL";
    case size_refusal_reason::bad_lot: return "BAD_LOT";
    case size_refusal_reason::bad_input: return "BAD_INPUT";
  }
  return "UNKNOWN";
}

std::string size_refusal::message() const {
  std::string out{to_string(reason)};
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

result<quantity, arbitrage_error> common_lot(quantity a, quantity b) noexcept {
  if (!a.is_positive() || !b.is_positive())
    return failure{arbitrage_error::invalid_lot};
  auto g = std::gcd(a.raw(), b.raw());
  std::int64_t l;
  if (__builtin_mul_overflow(a.raw() / g, b.raw(), &l))
    return failure{arbitrage_error::overflow};
  return quantity::from_raw(l);
}

quantity depth_within(std::span<const venues::book_level> levels, side taker,
                      price limit) noexcept {
  std::int64_t sum = 0;
  for (const auto& l : levels) {
    const bool ok = taker == side::buy ? l.px <= limit : l.px >= limit;
    if (!ok)
      break; // best first: every later level is worse
    if (l.qty.raw() <= 0)
      continue;
    if (__builtin_add_overflow(sum, l.qty.raw(), &sum))
      return quantity::max();
  }
  return quantity::from_raw(sum);
}

result<quantity, size_refusal> size_pair(const sizing_request& r) {
  if (!r.upbit.inst || !r.binance.inst)
    return failure{
      refuse(size_refusal_reason::bad_input, "missing instrument")};
  auto lot = common_lot(r.upbit.inst->lot, r.binance.inst->lot);
  if (!lot)
    return failure{
      refuse(size_refusal_reason::bad_lot,
             "upbit_lot=" + r.upbit.inst->lot.to_string()
               + " binance_lot=" + r.binance.inst->lot.to_string())};
  auto q = std::min({r.target, r.cap, r.upbit.available, r.binance.available});
  for (const auto* l : {&r.upbit, &r.binance})
    if (l->inst->max_qty)
      q = std::min(q, *l->inst->max_qty);
  // Down to the common lot in 64 bits (q <= 0 stays <= 0: refused below).
  const std::int64_t step = lot->raw();
  auto rounded = std::optional<quantity>{
    quantity::from_raw(q.raw() > 0 ? q.raw() - q.raw() % step : 0)};
  if (!rounded->is_positive())
    return failure{refuse(
      size_refusal_reason::zero_quantity,
      "target=" + r.target.to_string() + " cap=" + r.cap.to_string()
        + " upbit_depth=" + r.upbit.available.to_string() + " binance_depth="
        + r.binance.available.to_string() + " lot=" + lot->to_string())};
  for (const auto* l : {&r.upbit, &r.binance})
    if (auto refusal = check_minimums(*l, *rounded))
      return failure{std::move(*refusal)};
  return *rounded;
}

} // namespace tandem::arbitrage
