#include "venues/upbit/enums.hpp"

namespace tandem::venues::upbit {

namespace {

constexpr failure<venue_error> unknown{venue_error::unknown_enum_value};

} // namespace

std::string_view to_wire(order_state s) noexcept {
  switch (s) {
    case order_state::wait: return "wait";
    case order_state::watch: return "watch";
    case order_state::trade: return "trade";
    case order_state::done: return "done";
    case order_state::cancel: return "cancel";
    case order_state::prevented: return "prevented";
  }
  return "?";
}

std::string_view to_wire(wire_side s) noexcept {
  switch (s) {
    case wire_side::bid: return "bid";
    case wire_side::ask: return "ask";
  }
  return "?";
}

std::string_view to_wire(ord_type t) noexcept {
  switch (t) {
    case ord_type::limit: return "limit";
    case ord_type::price: return "price";
    case ord_type::market: return "market";
    case ord_type::best: return "best";
  }
  return "?";
}

std::string_view to_wire(wire_tif t) noexcept {
  switch (t) {
    case wire_tif::ioc: return "ioc";
    case wire_tif::fok: return "fok";
    case wire_tif::post_only: return "post_only";
  }
  return "?";
}

std::string_view to_wire(smp_type t) noexcept {
  switch (t) {
    case smp_type::cancel_maker: return "cancel_maker";
    case smp_type::cancel_taker: return "cancel_taker";
    case smp_type::reduce: return "reduce";
    case smp_type::none: return "none";
  }
  return "?";
}

std::string_view to_wire(stream_type t) noexcept {
  switch (t) {
    case stream_type::snapshot: return "SNAPSHOT";
    case stream_type::realtime: return "REALTIME";
  }
  return "?";
}

// Parsing compares against to_wire() so each string is written once.
result<order_state, venue_error>
parse_order_state(std::string_view s) noexcept {
  for (auto v :
       {order_state::wait, order_state::watch, order_state::trade,
        order_state::done, order_state::cancel, order_state::prevented})
    if (s == to_wire(v))
      return v;
  return unknown;
}

result<wire_side, venue_error> parse_side(std::string_view s) noexcept {
  if (s == "bid")
    return wire_side::bid;
  if (s == "ask")
    return wire_side::ask;
  return unknown;
}

result<wire_side, venue_error> parse_ask_bid(std::string_view s) noexcept {
  if (s == "BID")
    return wire_side::bid;
  if (s == "ASK")
    return wire_side::ask;
  return unknown;
}

result<ord_type, venue_error> parse_ord_type(std::string_view s) noexcept {
  for (auto v :
       {ord_type::limit, ord_type::price, ord_type::market, ord_type::best})
    if (s == to_wire(v))
      return v;
  return unknown;
}

result<wire_tif, venue_error> parse_tif(std::string_view s) noexcept {
  for (auto v : {wire_tif::ioc, wire_tif::fok, wire_tif::post_only})
    if (s == to_wire(v))
      return v;
  return unknown;
}

result<smp_type, venue_error> parse_smp_type(std::string_view s) noexcept {
  for (auto v : {smp_type::cancel_maker, smp_type::cancel_taker,
                 smp_type::reduce, smp_type::none})
    if (s == to_wire(v))
      return v;
  return unknown;
}

result<stream_type, venue_error>
parse_stream_type(std::string_view s) noexcept {
  for (auto v : {stream_type::snapshot, stream_type::realtime})
    if (s == to_wire(v))
      return v;
  return unknown;
}

tandem::side to_core(wire_side s) noexcept {
  switch (s) {
    case wire_side::bid: return tandem::side::buy;
    case wire_side::ask: return tandem::side::sell;
  }
  return tandem::side::buy;
}

wire_side to_wire_side(tandem::side s) noexcept {
  switch (s) {
    case tandem::side::buy: return wire_side::bid;
    case tandem::side::sell: return wire_side::ask;
  }
  return wire_side::bid;
}

order_event to_event(order_state s, bool has_executed) noexcept {
  const auto resting
    = has_executed ? order_event::partial_fill : order_event::accepted;
  switch (s) {
    case order_state::wait: return resting;
    case order_state::watch: return resting;
    case order_state::trade: return order_event::partial_fill;
    case order_state::done: return order_event::fill;
    case order_state::cancel: return order_event::canceled;
    case order_state::prevented: return resting; // non-terminal: see header
  }
  return order_event::accepted;
}

} // namespace tandem::venues::upbit
