#include "sim/upbit/order_params.hpp"

namespace tandem::sim::upbit {

namespace {

failure<refusal> invalid(std::string message) {
  return failure{validation_error(std::move(message))};
}

failure<refusal> create_error(bool bid, std::string message) {
  return failure{refusal{400,
                         std::string{"create_"} + side_suffix(bid) + "_error",
                         std::move(message)}};
}

// Reads a positive decimal; nullopt when absent, error when malformed.
template<class T>
result<std::optional<T>, refusal> positive(const params& p,
                                           std::string_view key) {
  auto text = p.get(key);
  if (!text)
    return std::optional<T>{};
  auto v = T::parse(*text);
  if (!v || !v->is_positive())
    return invalid(std::string{key} + " is not a positive decimal");
  return std::optional<T>{*v};
}

} // namespace

result<order_intent, refusal> read_order_intent(const params& p,
                                                const venue_config& cfg) {
  order_intent out;
  auto market = p.get("market");
  if (!market)
    return invalid("market is missing");
  for (const auto& m : cfg.markets)
    if (m.code == *market)
      out.market = &m;
  if (!out.market)
    return invalid("market does not have a valid value");

  auto side = p.get("side");
  if (!side || (*side != "bid" && *side != "ask"))
    return invalid("side does not have a valid value");
  out.bid = *side == "bid";

  auto type = p.get("ord_type").value_or("limit");
  if (type == "limit")
    out.kind = order_kind::limit;
  else if (type == "price")
    out.kind = order_kind::price;
  else if (type == "market")
    out.kind = order_kind::market;
  else if (type == "best")
    out.kind = order_kind::best;
  else
    return invalid("ord_type does not have a valid value");

  if (auto tif = p.get("time_in_force")) {
    if (*tif == "ioc")
      out.tif = order_tif::ioc;
    else if (*tif == "fok")
      out.tif = order_tif::fok;
    else if (*tif == "post_only")
      out.tif = order_tif::post_only;
    else
      return invalid("time_in_force does not have a valid value");
  }
  if (auto smp = p.get("smp_type")) {
    if (*smp != "cancel_maker" && *smp != "cancel_taker" && *smp != "reduce"
        && *smp != "none")
      return invalid("smp_type does not have a valid value");
    if (out.tif == order_tif::post_only)
      return create_error(out.bid, "post_only cannot be used with smp_type");
    out.smp_type = std::string{*smp};
  }

  auto px = positive<money>(p, "price");
  if (!px)
    return failure{px.error()};
  auto vol = positive<quantity>(p, "volume");
  if (!vol)
    return failure{vol.error()};

  switch (out.kind) {
    case order_kind::limit:
      if (!*px || !*vol)
        return invalid("limit orders need price and volume");
      break;
    case order_kind::price:
      if (!out.bid)
        return create_error(false, "ord_type=price is a market buy");
      if (*vol)
        return create_error(true, "a market buy takes no volume");
      if (!*px)
        return invalid("a market buy needs price (KRW to spend)");
      if (out.tif)
        return invalid("market orders take no time_in_force");
      break;
    case order_kind::market:
      if (out.bid)
        return create_error(true, "ord_type=market is a market sell");
      if (*px)
        return create_error(false, "a market sell takes no price");
      if (!*vol)
        return invalid("a market sell needs volume");
      if (out.tif)
        return invalid("market orders take no time_in_force");
      break;
    case order_kind::best:
      if (out.tif != order_tif::ioc && out.tif != order_tif::fok)
        return create_error(out.bid, "best needs time_in_force ioc or fok");
      if (out.bid && (*vol || !*px))
        return create_error(true, "a best bid takes price (KRW), no volume");
      if (!out.bid && (*px || !*vol))
        return create_error(false, "a best ask takes volume, no price");
      break;
  }
  if (out.tif == order_tif::post_only && out.kind != order_kind::limit)
    return create_error(out.bid, "post_only is for limit orders");

  if (out.kind == order_kind::limit) {
    const auto limit = price::from_raw((*px)->raw());
    if (!out.market->tick.on_tick(limit))
      return failure{
        refusal{400, std::string{"invalid_price_"} + side_suffix(out.bid),
                "price " + limit.to_string() + " is off the tick "
                  + out.market->tick.tick_at(limit).to_string()}};
    out.limit_px = limit;
  } else if (*px) {
    out.amount = **px;
  }
  out.volume = *vol;
  return out;
}

} // namespace tandem::sim::upbit
