#include "sim/upbit/upbit_venue.hpp"

#include "sim/upbit/quotes.hpp"

#include <array>
#include <tuple>

namespace tandem::sim::upbit {

struct upbit_venue::route {
  http_method method;
  std::string_view path;
  std::string_view group;
  bool authenticated;
};

namespace {

// clang-format off
constexpr std::array<std::tuple<http_method, std::string_view, std::string_view, bool>, 11> routes{{
  {http_method::post, "/v1/orders",                "order",     true},
  {http_method::del,  "/v1/order",                 "default",   true},
  {http_method::get,  "/v1/order",                 "default",   true},
  {http_method::get,  "/v1/orders/open",           "default",   true},
  {http_method::del,  "/v1/orders/open",           "order-cancel-all", true},
  {http_method::get,  "/v1/accounts",              "default",   true},
  {http_method::get,  "/v1/orders/chance",         "default",   true},
  {http_method::get,  "/v1/market/all",            "market",    false},
  {http_method::get,  "/v1/ticker",                "ticker",    false},
  {http_method::get,  "/v1/orderbook",             "orderbook", false},
  {http_method::get,  "/v1/orderbook/instruments", "orderbook", false},
}};
// clang-format on

void add_remaining(sim_response& r, std::string_view group, std::int32_t left) {
  r.headers.push_back(
    {"Remaining-Req", "group=" + std::string{group}
                        + "; min=1800; sec=" + std::to_string(left)});
}

} // namespace

upbit_venue::upbit_venue(const venue_config& cfg)
  : cfg_(cfg), exchange_(cfg_), auth_(cfg_), limiter_(cfg_.limits) {}

sim_response upbit_venue::handle(const sim_request& request, timestamp now) {
  const route* found = nullptr;
  route r{};
  bool path_known = false;
  for (const auto& [method, path, group, auth] : routes) {
    if (path != request.path)
      continue;
    path_known = true;
    if (method == request.method) {
      r = route{method, path, group, auth};
      found = &r;
    }
  }
  if (found && faults_.no_batch_cancel && request.method == http_method::del
      && request.path == "/v1/orders/open") {
    found = nullptr;
    path_known = false;
  }
  if (!found)
    return error_response(path_known ? 405 : 404,
                          path_known ? "method_not_allowed" : "not_found",
                          "no such endpoint: " + request.path);

  std::string caller = request.remote;
  std::string account;
  if (r.authenticated) {
    auto who = auth_.authenticate(request.method, request.query, request.body,
                                  request.header("Authorization"));
    if (!who)
      return error_response(401, who.error().name, who.error().message);
    account = *who;
    caller = "account:" + account;
  }

  const auto& lim = cfg_.limits;
  const bool cancel_all = r.group == "order-cancel-all";
  const std::int32_t budget = r.group == "order"     ? lim.order_per_second
                              : r.group == "default" ? lim.default_per_second
                              : cancel_all           ? lim.cancel_all_per_window
                                                     : lim.quotation_per_second;
  auto verdict = limiter_.admit(caller, r.group, budget, now,
                                cancel_all ? lim.cancel_all_window
                                           : std::chrono::seconds{1});
  if (verdict.verdict == rate_verdict::kind::blocked) {
    auto out = error_response(418, "too_many_requests",
                              "blocked for "
                                + std::to_string(verdict.block_left.count())
                                + " seconds after repeated 429 answers");
    add_remaining(out, r.group, 0);
    return out;
  }
  if (verdict.verdict == rate_verdict::kind::limited) {
    auto out = error_response(429, "too_many_requests", "Too many requests");
    add_remaining(out, r.group, 0);
    return out;
  }

  sim_response out;
  if (faults_.fail_before_apply > 0) {
    --faults_.fail_before_apply;
    out = error_response(500, "server_error", "injected: not applied");
  } else {
    out = dispatch(r, request, account, now);
    if (faults_.fail_after_apply > 0) {
      --faults_.fail_after_apply;
      out = error_response(500, "server_error", "injected: applied");
    }
  }
  add_remaining(out, r.group, verdict.remaining);
  return out;
}

sim_response upbit_venue::dispatch(const route& r, const sim_request& q,
                                   const std::string& account, timestamp now) {
  if (r.path == "/v1/orders")
    return place_order(q, account, now);
  if (r.path == "/v1/order")
    return r.method == http_method::del ? cancel_order(q, account, now)
                                        : get_order(q, account);
  if (r.path == "/v1/orders/open")
    return r.method == http_method::del ? cancel_open_orders(q, account, now)
                                        : get_open_orders(q, account);
  if (r.path == "/v1/accounts")
    return get_accounts(account);
  if (r.path == "/v1/orders/chance")
    return get_chance(q, account);
  if (r.path == "/v1/market/all")
    return get_markets(q);
  if (r.path == "/v1/ticker")
    return get_tickers(q, now);
  if (r.path == "/v1/orderbook")
    return get_orderbooks(q, now);
  return get_instruments(q);
}

std::vector<std::string>
upbit_venue::drain_private_events(std::string_view access_key) {
  return exchange_.drain(access_key);
}

result<std::string, auth_refusal>
upbit_venue::authenticate_stream(std::string_view authorization) {
  return auth_.authenticate(http_method::get, {}, {}, authorization);
}

std::vector<std::string> upbit_venue::access_keys() const {
  std::vector<std::string> out;
  for (const auto& a : cfg_.accounts)
    out.push_back(a.access_key);
  return out;
}

std::string upbit_venue::orderbook_frame(std::string_view market, timestamp now,
                                         std::size_t levels) const {
  const auto* m = exchange_.market(market);
  if (!m)
    return {};
  json_out j;
  write_orderbook(j, *m, levels, now, quote_form::stream);
  return j.take();
}

std::string upbit_venue::ticker_frame(std::string_view market,
                                      timestamp now) const {
  const auto* m = exchange_.market(market);
  if (!m)
    return {};
  json_out j;
  write_ticker(j, *m, now, quote_form::stream);
  return j.take();
}

void upbit_venue::set_book(std::string_view market,
                           const std::vector<quote_level>& bids,
                           const std::vector<quote_level>& asks,
                           timestamp now) {
  exchange_.set_book(market, bids, asks, now);
}

} // namespace tandem::sim::upbit
