#include "venues/binance/enums.hpp"

#include <array>

namespace tandem::venues::binance {

namespace {

// Every enumerator, so parsing is the inverse of to_wire() by construction.
constexpr std::array all_statuses{order_status::new_,
                                  order_status::partially_filled,
                                  order_status::filled,
                                  order_status::canceled,
                                  order_status::rejected,
                                  order_status::expired,
                                  order_status::expired_in_match};
constexpr std::array all_executions{
  execution_type::new_,       execution_type::trade,
  execution_type::canceled,   execution_type::expired,
  execution_type::calculated, execution_type::amendment};
constexpr std::array all_types{order_type::limit,
                               order_type::market,
                               order_type::stop,
                               order_type::stop_market,
                               order_type::take_profit,
                               order_type::take_profit_market,
                               order_type::trailing_stop_market};
constexpr std::array all_tifs{time_in_force::gtc, time_in_force::ioc,
                              time_in_force::fok, time_in_force::gtx,
                              time_in_force::gtd};
constexpr std::array all_sides{tandem::side::buy, tandem::side::sell};

template<class E, std::size_t N>
result<E, venue_error> parse_from(const std::array<E, N>& all,
                                  std::string_view s) {
  for (auto e : all)
    if (to_wire(e) == s)
      return e;
  return failure{venue_error::unknown_enum_value};
}

} // namespace

// -- wire strings ------------------------------------------------------------

std::string_view to_wire(order_status s) noexcept {
  switch (s) {
    case order_status::new_: return "NEW";
    case order_status::partially_filled: return "PARTIALLY_FILLED";
    case order_status::filled: return "FILLED";
    case order_status::canceled: return "CANCELED";
    case order_status::rejected: return "REJECTED";
    case order_status::expired: return "EXPIRED";
    case order_status::expired_in_match: return "EXPIRED_IN_MATCH";
  }
  return "";
}

std::string_view to_wire(execution_type x) noexcept {
  switch (x) {
    case execution_type::new_: return "NEW";
    case execution_type::trade: return "TRADE";
    case execution_type::canceled: return "CANCELED";
    case execution_type::expired: return "EXPIRED";
    case execution_type::calculated: return "CALCULATED";
    case execution_type::amendment: return "AMENDMENT";
  }
  return "";
}

std::string_view to_wire(order_type t) noexcept {
  switch (t) {
    case order_type::limit: return "LIMIT";
    case order_type::market: return "MARKET";
    case order_type::stop: return "STOP";
    case order_type::stop_market: return "STOP_MARKET";
    case order_type::take_profit: return "TAKE_PROFIT";
    case order_type::take_profit_market: return "TAKE_PROFIT_MARKET";
    case order_type::trailing_stop_market: return "TRAILING_STOP_MARKET";
  }
  return "";
}

std::string_view to_wire(time_in_force t) noexcept {
  switch (t) {
    case time_in_force::gtc: return "GTC";
    case time_in_force::ioc: return "IOC";
    case time_in_force::fok: return "FOK";
    case time_in_force::gtx: return "GTX";
    case time_in_force::gtd: return "GTD";
  }
  return "";
}

std::string_view to_wire(tandem::side s) noexcept {
  switch (s) {
    case tandem::side::buy: return "BUY";
    case tandem::side::sell: return "SELL";
  }
  return "";
}

result<order_status, venue_error> parse_order_status(std::string_view s) {
  return parse_from(all_statuses, s);
}

result<execution_type, venue_error> parse_execution_type(std::string_view s) {
  return parse_from(all_executions, s);
}

result<order_type, venue_error> parse_order_type(std::string_view s) {
  return parse_from(all_types, s);
}

result<time_in_force, venue_error> parse_time_in_force(std::string_view s) {
  return parse_from(all_tifs, s);
}

result<tandem::side, venue_error> parse_side(std::string_view s) {
  return parse_from(all_sides, s);
}

// -- core <-> wire -----------------------------------------------------------

tandem::order_status to_core(order_status s) noexcept {
  using core = tandem::order_status;
  switch (s) {
    case order_status::new_: return core::accepted;
    case order_status::partially_filled: return core::partially_filled;
    case order_status::filled: return core::filled;
    case order_status::canceled: return core::canceled;
    case order_status::rejected: return core::rejected;
    case order_status::expired: return core::expired;
    case order_status::expired_in_match: return core::expired; // STP
  }
  return core::rejected;
}

tandem::order_type to_core(order_type t) noexcept {
  using core = tandem::order_type;
  switch (t) {
    case order_type::limit: return core::limit;
    case order_type::market: return core::market;
    case order_type::stop: return core::stop_limit;
    case order_type::stop_market: return core::stop;
    case order_type::take_profit: return core::stop_limit;
    case order_type::take_profit_market: return core::stop;
    case order_type::trailing_stop_market: return core::trailing_stop;
  }
  return core::limit;
}

tandem::time_in_force to_core(time_in_force t) noexcept {
  using core = tandem::time_in_force;
  switch (t) {
    case time_in_force::gtc: return core::gtc;
    case time_in_force::ioc: return core::ioc;
    case time_in_force::fok: return core::fok;
    case time_in_force::gtx: return core::gtc; // post-only rests like GTC
    case time_in_force::gtd: return core::gtd;
  }
  return core::gtc;
}

order_type from_core(tandem::order_type t) noexcept {
  using core = tandem::order_type;
  switch (t) {
    case core::market: return order_type::market;
    case core::limit: return order_type::limit;
    case core::stop: return order_type::stop_market;
    case core::stop_limit: return order_type::stop;
    case core::trailing_stop: return order_type::trailing_stop_market;
  }
  return order_type::limit;
}

time_in_force from_core(tandem::time_in_force t) noexcept {
  using core = tandem::time_in_force;
  switch (t) {
    case core::gtc: return time_in_force::gtc;
    case core::ioc: return time_in_force::ioc;
    case core::fok: return time_in_force::fok;
    case core::gtd: return time_in_force::gtd;
  }
  return time_in_force::gtc;
}

tandem::order_event event_for(order_status s) noexcept {
  using ev = tandem::order_event;
  switch (s) {
    case order_status::new_: return ev::accepted;
    case order_status::partially_filled: return ev::partial_fill;
    case order_status::filled: return ev::fill;
    case order_status::canceled: return ev::canceled;
    case order_status::rejected: return ev::rejected;
    case order_status::expired: return ev::expired;
    case order_status::expired_in_match: return ev::expired;
  }
  return ev::rejected;
}

tandem::order_event event_for(execution_type x, order_status s) noexcept {
  using ev = tandem::order_event;
  switch (x) {
    case execution_type::new_: return ev::accepted;
    // A fill completes the order only when the venue says FILLED; any other
    // status with a fill (PARTIALLY_FILLED, or a remainder about to expire)
    // leaves quantity open and its terminal event follows separately.
    case execution_type::trade:
    case execution_type::calculated:
      return s == order_status::filled ? ev::fill : ev::partial_fill;
    case execution_type::canceled: return ev::canceled;
    case execution_type::expired: return ev::expired;
    // Modified in place (same order id): the order lives on with its new
    // price/quantity, which core sees as a (repeated) acceptance.
    case execution_type::amendment: return ev::accepted;
  }
  return ev::rejected;
}

} // namespace tandem::venues::binance
