// Runs every codec parser over one payload, for the failure-path tests:
// which parser a file in tests/data/binance/bad/ targets follows from its
// name prefix; "any_" files target all of them.
#pragma once

#include "venues/binance/codec_responses.hpp"
#include "venues/binance/codec_stream.hpp"
#include "venues/binance/errors.hpp"

#include <simdjson.h>

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace tandem::venues::binance::test {

/// A parser under test: returns the error, or nullopt when it parsed.
struct named_parser {
  std::string_view prefix;
  std::function<std::optional<venue_error>(simdjson::dom::parser&,
                                           std::string_view)>
    run;
};

template<class R>
std::optional<venue_error> error_of(const R& r) {
  if (r)
    return std::nullopt;
  return r.error();
}

/// Every parser, keyed by the fixture-name prefix that targets it.
inline std::vector<named_parser> all_parsers() {
  using p = simdjson::dom::parser;
  using sv = std::string_view;
  return {
    {"order_",
     [](p& ps, sv b) {
       return error_of(parse_order(ps, b));
     }},
    {"open_orders",
     [](p& ps, sv b) {
       return error_of(parse_open_orders(ps, b));
     }},
    {"exchange_info",
     [](p& ps, sv b) {
       return error_of(parse_exchange_info(ps, b));
     }},
    {"server_time",
     [](p& ps, sv b) {
       return error_of(parse_server_time(ps, b));
     }},
    {"position_risk",
     [](p& ps, sv b) {
       return error_of(parse_position_risk(ps, b));
     }},
    {"balance",
     [](p& ps, sv b) {
       return error_of(parse_balances(ps, b));
     }},
    {"account",
     [](p& ps, sv b) {
       return error_of(parse_account(ps, b));
     }},
    {"book_ticker",
     [](p& ps, sv b) {
       return error_of(parse_book_ticker(ps, b, timestamp{}));
     }},
    {"depth",
     [](p& ps, sv b) {
       return error_of(parse_depth(ps, b, "BTCUSDT"));
     }},
    {"leverage",
     [](p& ps, sv b) {
       return error_of(parse_leverage(ps, b));
     }},
    {"countdown",
     [](p& ps, sv b) {
       return error_of(parse_countdown(ps, b));
     }},
    {"listen_key",
     [](p& ps, sv b) {
       return error_of(parse_listen_key(ps, b));
     }},
    {"ws_market",
     [](p& ps, sv b) {
       return error_of(parse_market_frame(ps, b, timestamp{}));
     }},
    {"ws_user",
     [](p& ps, sv b) {
       return error_of(parse_user_frame(ps, b, {}));
     }},
  };
}

} // namespace tandem::venues::binance::test
