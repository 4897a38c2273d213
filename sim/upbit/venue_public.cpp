// upbit_venue: the quotation (public) endpoints.
#include "sim/upbit/quotes.hpp"
#include "sim/upbit/upbit_venue.hpp"

namespace tandem::sim::upbit {

namespace {

// Splits `markets=KRW-BTC,KRW-USDT` into known markets; empty on an
// unknown or missing code.
std::vector<const market_state*>
requested(const exchange& ex, const sim_request& q, std::string& problem) {
  std::vector<const market_state*> out;
  auto p = params::from_query(q.query);
  auto list = p ? p->get("markets") : std::nullopt;
  if (!list || list->empty()) {
    problem = "markets is missing";
    return {};
  }
  std::string_view rest = *list;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto code = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{}
                                           : rest.substr(comma + 1);
    const auto* m = ex.market(code);
    if (!m) {
      problem = "Code not found: " + std::string{code};
      return {};
    }
    out.push_back(m);
  }
  return out;
}

} // namespace

sim_response upbit_venue::get_markets(const sim_request& q) {
  auto p = params::from_query(q.query);
  const bool details = p && p->get("is_details") == "true";
  json_out j;
  j.begin_array();
  for (const auto& m : cfg_.markets)
    write_market(j, m, details);
  j.end_array();
  return json_response(200, j.take());
}

sim_response upbit_venue::get_tickers(const sim_request& q, timestamp now) {
  std::string problem;
  auto markets = requested(exchange_, q, problem);
  if (markets.empty())
    return error_response(400, "validation_error", problem);
  json_out j;
  j.begin_array();
  for (const auto* m : markets)
    write_ticker(j, *m, now, quote_form::rest);
  j.end_array();
  return json_response(200, j.take());
}

sim_response upbit_venue::get_orderbooks(const sim_request& q, timestamp now) {
  std::string problem;
  auto markets = requested(exchange_, q, problem);
  if (markets.empty())
    return error_response(400, "validation_error", problem);
  json_out j;
  j.begin_array();
  for (const auto* m : markets)
    write_orderbook(j, *m, cfg_.book_levels, now, quote_form::rest);
  j.end_array();
  return json_response(200, j.take());
}

sim_response upbit_venue::get_instruments(const sim_request& q) {
  std::string problem;
  auto markets = requested(exchange_, q, problem);
  if (markets.empty())
    return error_response(400, "validation_error", problem);
  json_out j;
  j.begin_array();
  for (const auto* m : markets)
    write_instrument(j, *m);
  j.end_array();
  return json_response(200, j.take());
}

} // namespace tandem::sim::upbit
