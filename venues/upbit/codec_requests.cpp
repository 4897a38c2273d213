#include "venues/upbit/codec_requests.hpp"

#include "venues/upbit/fields.hpp"

#include <array>

namespace tandem::venues::upbit {

namespace {

constexpr std::string_view json_content_type
  = "application/json; charset=utf-8";

failure<request_error> refuse(venue_error code, std::string detail) {
  return failure{request_error{code, std::move(detail)}};
}

failure<request_error> refuse(const violation& v) {
  return refuse(from_validation(v.code), v.message());
}

// A param list whose values own their text (auth's params only view it).
class param_list {
 public:
  void add(field f, std::string value, bool array = false) {
    entries_.push_back({key(f), std::move(value), array});
  }
  std::vector<param> view() const {
    std::vector<param> out;
    out.reserve(entries_.size());
    for (const auto& e : entries_)
      out.push_back(param{e.key, e.value, e.array});
    return out;
  }

 private:
  struct entry {
    std::string_view key;
    std::string value;
    bool array;
  };
  std::vector<entry> entries_;
};

result<http_request, request_error>
signed_call(http_method method, std::string path, const param_list& params,
            const credentials& creds, std::string_view nonce) {
  auto view = params.view();
  auto signed_req = sign_request(method, view, creds, nonce);
  if (!signed_req)
    return refuse(venue_error::auth_failed,
                  "auth_error=" + std::string{to_string(signed_req.error())});
  http_request out;
  out.method = method;
  out.path = std::move(path);
  out.query = std::move(signed_req->query);
  out.body = std::move(signed_req->body);
  out.headers.push_back(
    {"Authorization", std::move(signed_req->authorization)});
  if (method == http_method::post)
    out.headers.push_back({"Content-Type", std::string{json_content_type}});
  out.headers.push_back({"Accept", "application/json"});
  return out;
}

http_request public_call(std::string path, std::string query) {
  http_request out;
  out.method = http_method::get;
  out.path = std::move(path);
  out.query = std::move(query);
  out.headers.push_back({"Accept", "application/json"});
  return out;
}

result<http_request, request_error>
markets_call(std::string path, std::span<const std::string> markets) {
  if (markets.empty())
    return refuse(venue_error::invalid_parameter, "markets=<empty>");
  std::string joined;
  for (const auto& m : markets) {
    if (!is_market_code(m))
      return refuse(venue_error::invalid_parameter, "market=" + m);
    if (!joined.empty())
      joined.push_back(',');
    joined += m;
  }
  // Commas stay literal: market codes never need escaping.
  return public_call(std::move(path),
                     std::string{key(field::query_markets)} + "=" + joined);
}

// Shape checks that need no instrument numbers (the rest go through
// check_order / check_shape).
std::optional<request_error> check_supported(const order_request& o,
                                             const place_options& opt) {
  auto bad = [](std::string detail) {
    return request_error{venue_error::invalid_parameter, std::move(detail)};
  };
  if (o.venue != venue::upbit)
    return bad("venue=" + std::string{to_string(o.venue)});
  if (o.type != order_type::limit && o.type != order_type::market)
    return bad("type=" + std::string{to_string(o.type)}
               + " (Upbit reserved orders are not supported)");
  if (o.reduce_only)
    return bad("reduce_only=true (spot has no positions to reduce)");
  if (o.tif == time_in_force::gtd)
    return bad("tif=gtd (Upbit has no expiring orders)");
  if (opt.post_only
      && (o.type != order_type::limit || o.tif != time_in_force::gtc))
    return bad("post_only needs a limit order with tif=gtc");
  if (opt.post_only && opt.smp && *opt.smp != smp_type::none)
    return bad("post_only cannot be combined with smp_type="
               + std::string{to_wire(*opt.smp)});
  if (opt.best_price
      && (o.type != order_type::market
          || (o.tif != time_in_force::ioc && o.tif != time_in_force::fok)))
    return bad("best_price needs a market order with tif=ioc or fok");
  // A plain market order fills what it can and cancels the rest; it cannot
  // promise all-or-nothing.
  if (o.type == order_type::market && !opt.best_price
      && o.tif == time_in_force::fok)
    return bad("type=market tif=fok needs best_price");
  const bool needs_amount = o.type == order_type::market && o.side == side::buy;
  if (needs_amount && !opt.quote_amount)
    return bad("market buy needs quote_amount (Upbit spends KRW)");
  if (!needs_amount && opt.quote_amount)
    return bad("quote_amount is only for market or best buys");
  return std::nullopt;
}

std::optional<wire_tif> wire_time_in_force(const order_request& o,
                                           const place_options& opt) {
  if (opt.post_only)
    return wire_tif::post_only;
  switch (o.tif) {
    case time_in_force::gtc: return std::nullopt;
    case time_in_force::ioc: return wire_tif::ioc;
    case time_in_force::fok: return wire_tif::fok;
    case time_in_force::gtd: return std::nullopt; // refused earlier
  }
  return std::nullopt;
}

result<http_request, request_error> order_ref_call(http_method method,
                                                   const order_ref& ref,
                                                   const credentials& creds,
                                                   std::string_view nonce) {
  if (ref.value.empty())
    return refuse(venue_error::invalid_parameter, "order_ref=<empty>");
  param_list params;
  switch (ref.by) {
    case order_ref::kind::uuid: params.add(field::query_uuid, ref.value); break;
    case order_ref::kind::identifier:
      params.add(field::query_identifier, ref.value);
      break;
  }
  return signed_call(method, "/v1/order", params, creds, nonce);
}

} // namespace

bool is_market_code(std::string_view code) noexcept {
  auto dash = code.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash + 1 == code.size()
      || code.find('-', dash + 1) != std::string_view::npos || code.size() > 32)
    return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  return true;
}

result<http_request, request_error> place_order(const order_request& o,
                                                const instrument& inst,
                                                const place_options& options,
                                                const credentials& creds,
                                                std::string_view nonce) {
  if (auto bad = check_supported(o, options))
    return failure{*bad};
  const bool by_amount = o.type == order_type::market && o.side == side::buy;
  if (by_amount) {
    // The quantity is the engine's intent, not what Upbit receives, so only
    // the order's shape and the KRW amount are checked.
    if (o.symbol != inst.symbol)
      return refuse(venue_error::invalid_parameter,
                    "order=" + o.symbol + " instrument=" + inst.symbol);
    if (auto v = check_shape(o))
      return refuse(*v);
    if (!options.quote_amount->is_positive())
      return refuse(venue_error::invalid_parameter,
                    "quote_amount=" + options.quote_amount->to_string());
    if (*options.quote_amount < inst.min_notional)
      return refuse(venue_error::below_minimum,
                    "quote_amount=" + options.quote_amount->to_string()
                      + " min=" + inst.min_notional.to_string() + " "
                      + inst.quote);
  } else if (auto v = check_order(inst, o)) {
    return refuse(*v);
  }

  ord_type type = ord_type::limit;
  if (o.type == order_type::market)
    type = options.best_price ? ord_type::best
           : by_amount        ? ord_type::price
                              : ord_type::market;

  param_list params;
  params.add(field::req_market, o.symbol);
  params.add(field::req_side, std::string{to_wire(to_wire_side(o.side))});
  if (!by_amount)
    params.add(field::req_volume, o.qty.to_string());
  if (type == ord_type::limit)
    params.add(field::req_price, o.limit_price->to_string());
  else if (by_amount)
    params.add(field::req_price, options.quote_amount->to_string());
  params.add(field::req_ord_type, std::string{to_wire(type)});
  // Market orders take no time_in_force; best requires one.
  if (type == ord_type::limit || type == ord_type::best)
    if (auto tif = wire_time_in_force(o, options))
      params.add(field::req_time_in_force, std::string{to_wire(*tif)});
  if (options.smp)
    params.add(field::req_smp_type, std::string{to_wire(*options.smp)});
  params.add(field::req_identifier, o.id.str());
  return signed_call(http_method::post, "/v1/orders", params, creds, nonce);
}

order_ref order_ref::uuid(std::string_view venue_order_id) {
  return order_ref{kind::uuid, std::string{venue_order_id}};
}

order_ref order_ref::identifier(const client_order_id& id) {
  return order_ref{kind::identifier, id.str()};
}

result<http_request, request_error> cancel_order(const order_ref& ref,
                                                 const credentials& creds,
                                                 std::string_view nonce) {
  return order_ref_call(http_method::del, ref, creds, nonce);
}

result<http_request, request_error> query_order(const order_ref& ref,
                                                const credentials& creds,
                                                std::string_view nonce) {
  return order_ref_call(http_method::get, ref, creds, nonce);
}

result<http_request, request_error> open_orders(const open_orders_query& q,
                                                const credentials& creds,
                                                std::string_view nonce) {
  param_list params;
  if (!q.market.empty()) {
    if (!is_market_code(q.market))
      return refuse(venue_error::invalid_parameter, "market=" + q.market);
    params.add(field::query_market, q.market);
  }
  params.add(field::query_states, std::string{to_wire(order_state::wait)},
             true);
  if (q.include_watch)
    params.add(field::query_states, std::string{to_wire(order_state::watch)},
               true);
  if (q.page > 1)
    params.add(field::query_page, std::to_string(q.page));
  if (q.limit)
    params.add(field::query_limit, std::to_string(*q.limit));
  return signed_call(http_method::get, "/v1/orders/open", params, creds, nonce);
}

namespace {

bool is_currency_code(std::string_view code) noexcept {
  if (code.empty() || code.size() > 16)
    return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return false;
  return true;
}

// Joins codes with literal commas (percent-encoded on the wire like every
// value); refuses an empty list entry, a bad code or more than 20 entries.
std::optional<request_error>
join_codes(std::string_view what, const std::vector<std::string>& codes,
           bool (*valid)(std::string_view) noexcept, std::string& out) {
  if (codes.size() > max_cancel_open_pairs)
    return request_error{venue_error::invalid_parameter,
                         std::string{what} + "=" + std::to_string(codes.size())
                           + " entries (max 20)"};
  for (const auto& c : codes) {
    if (!valid(c))
      return request_error{venue_error::invalid_parameter,
                           std::string{what} + "=" + c};
    if (!out.empty())
      out.push_back(',');
    out += c;
  }
  return std::nullopt;
}

std::string_view to_wire(cancel_side s) noexcept {
  switch (s) {
    case cancel_side::all: return "all";
    case cancel_side::ask: return "ask";
    case cancel_side::bid: return "bid";
  }
  return "all";
}

} // namespace

result<http_request, request_error>
cancel_open_orders(const cancel_open_query& q, const credentials& creds,
                   std::string_view nonce) {
  if (!q.pairs.empty() && !q.quote_currencies.empty())
    return refuse(venue_error::invalid_parameter,
                  "pairs and quote_currencies together (Upbit takes one)");
  std::string pairs, excluded, quotes;
  if (auto e = join_codes("pairs", q.pairs, is_market_code, pairs))
    return failure{*e};
  if (auto e = join_codes("excluded_pairs", q.excluded_pairs, is_market_code,
                          excluded))
    return failure{*e};
  if (auto e = join_codes("quote_currencies", q.quote_currencies,
                          is_currency_code, quotes))
    return failure{*e};
  if (q.count && (*q.count == 0 || *q.count > max_cancel_open_count))
    return refuse(venue_error::invalid_parameter,
                  "count=" + std::to_string(*q.count) + " (1..300)");
  param_list params;
  params.add(field::query_cancel_side, std::string{to_wire(q.side)});
  if (!pairs.empty())
    params.add(field::query_pairs, std::move(pairs));
  if (!excluded.empty())
    params.add(field::query_excluded_pairs, std::move(excluded));
  if (!quotes.empty())
    params.add(field::query_quote_currencies, std::move(quotes));
  if (q.count)
    params.add(field::query_count, std::to_string(*q.count));
  if (q.order_by)
    params.add(field::query_order_by,
               *q.order_by == cancel_order_by::oldest_first ? "asc" : "desc");
  return signed_call(http_method::del, "/v1/orders/open", params, creds, nonce);
}

result<http_request, request_error> accounts(const credentials& creds,
                                             std::string_view nonce) {
  return signed_call(http_method::get, "/v1/accounts", param_list{}, creds,
                     nonce);
}

result<http_request, request_error> chance_request(std::string_view market,
                                                   const credentials& creds,
                                                   std::string_view nonce) {
  if (!is_market_code(market))
    return refuse(venue_error::invalid_parameter,
                  "market=" + std::string{market});
  param_list params;
  params.add(field::query_market, std::string{market});
  return signed_call(http_method::get, "/v1/orders/chance", params, creds,
                     nonce);
}

http_request market_all(bool details) {
  return public_call("/v1/market/all",
                     details
                       ? std::string{key(field::query_is_details)} + "=true"
                       : std::string{});
}

result<http_request, request_error>
ticker_request(std::span<const std::string> markets) {
  return markets_call("/v1/ticker", markets);
}

result<http_request, request_error>
orderbook_request(std::span<const std::string> markets) {
  return markets_call("/v1/orderbook", markets);
}

result<http_request, request_error>
orderbook_instruments(std::span<const std::string> markets) {
  return markets_call("/v1/orderbook/instruments", markets);
}

} // namespace tandem::venues::upbit
