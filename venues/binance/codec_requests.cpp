#include "venues/binance/codec_requests.hpp"

#include "venues/binance/enums.hpp"
#include "venues/binance/fields.hpp"

#include <array>
#include <span>

namespace tandem::venues::binance {

namespace {

namespace p = fields::param;

// -- paths
// ---------------------------------------------------------------------
constexpr std::string_view order_path = "/fapi/v1/order";
constexpr std::string_view open_orders_path = "/fapi/v1/openOrders";
constexpr std::string_view leverage_path = "/fapi/v1/leverage";
constexpr std::string_view countdown_path = "/fapi/v1/countdownCancelAll";
constexpr std::string_view position_risk_path = "/fapi/v2/positionRisk";
constexpr std::string_view account_path = "/fapi/v3/account";
constexpr std::string_view balance_path = "/fapi/v3/balance";
constexpr std::string_view listen_key_path = "/fapi/v1/listenKey";
constexpr std::string_view time_path = "/fapi/v1/time";
constexpr std::string_view exchange_info_path = "/fapi/v1/exchangeInfo";
constexpr std::string_view depth_path = "/fapi/v1/depth";
constexpr std::string_view book_ticker_path = "/fapi/v1/ticker/bookTicker";

// -- limits (reference B2, B3; Binance new-order docs) ------------------------
/// recvWindow may not exceed 60 s.
constexpr std::int64_t max_recv_window_ms = 60'000;
/// goodTillDate must be more than 600 s after now ...
constexpr std::int64_t min_gtd_lead_ms = 600'000;
/// ... and at most 9999-12-31 23:59:59 UTC.
constexpr std::int64_t max_gtd_ms = 253'402'300'799'000;
/// Leverage range of POST /fapi/v1/leverage.
constexpr int min_leverage = 1;
constexpr int max_leverage = 125;
/// The depth sizes /fapi/v1/depth accepts.
constexpr std::array depth_limits{5, 10, 20, 50, 100, 500, 1000};

bool valid_signing(const signing_input& in) {
  if (in.timestamp_ms <= 0)
    return false;
  return !in.recv_window_ms
         || (*in.recv_window_ms > 0
             && *in.recv_window_ms <= max_recv_window_ms);
}

http_request keyed(http_method m, std::string_view path,
                   std::string_view api_key) {
  http_request r;
  r.method = m;
  r.path = std::string{path};
  r.headers.push_back({std::string{api_key_header}, std::string{api_key}});
  return r;
}

// Signs `params` into the query string of a keyed request.
result<http_request, venue_error>
make_signed(http_method m, std::string_view path, std::span<const param> params,
            const signing_input& in, const credentials& creds) {
  if (!valid_signing(in) || creds.api_key.empty())
    return failure{venue_error::invalid_parameter};
  auto s = sign_request(params, {}, in, creds.secret);
  if (!s)
    return failure{venue_error::auth_failed};
  auto r = keyed(m, path, creds.api_key);
  r.query = std::move(s->query);
  return r;
}

result<http_request, venue_error>
by_client_id(http_method m, std::string_view symbol, const client_order_id& id,
             const signing_input& in, const credentials& creds) {
  if (symbol.empty() || id.empty())
    return failure{venue_error::invalid_parameter};
  const param params[]
    = {{p::symbol.key, symbol}, {p::orig_client_id.key, id.view()}};
  return make_signed(m, order_path, params, in, creds);
}

result<http_request, venue_error>
optional_symbol(http_method m, std::string_view path,
                std::optional<std::string_view> symbol, const signing_input& in,
                const credentials& creds) {
  if (symbol && symbol->empty())
    return failure{venue_error::invalid_parameter};
  std::vector<param> params;
  if (symbol)
    params.push_back({p::symbol.key, *symbol});
  return make_signed(m, path, params, in, creds);
}

result<http_request, venue_error> listen_key(http_method m,
                                             std::string_view api_key) {
  if (api_key.empty())
    return failure{venue_error::invalid_parameter};
  return keyed(m, listen_key_path, api_key);
}

http_request public_get(std::string_view path, std::string query = {}) {
  http_request r;
  r.method = http_method::get;
  r.path = std::string{path};
  r.query = std::move(query);
  return r;
}

} // namespace

// -- trading
// -------------------------------------------------------------------

result<http_request, venue_error> new_order(const order_request& o,
                                            const instrument& inst,
                                            const signing_input& in,
                                            const credentials& creds) {
  if (o.venue != venue::binance || inst.venue != venue::binance)
    return failure{venue_error::invalid_parameter};
  if (auto v = check_order(inst, o))
    return failure{from_validation(v->code)};
  if (o.type != tandem::order_type::limit
      && o.type != tandem::order_type::market)
    return failure{venue_error::invalid_parameter}; // Algo Order API
  const bool is_limit = o.type == tandem::order_type::limit;

  std::string qty = o.qty.to_string();
  std::string px = is_limit ? o.limit_price->to_string() : std::string{};
  std::string gtd;
  if (is_limit && o.tif == tandem::time_in_force::gtd) {
    // Whole seconds, rounded down: the order never lives past expire_at.
    auto ms = to_unix_ms(*o.expire_at) / 1000 * 1000;
    if (ms <= in.timestamp_ms + min_gtd_lead_ms || ms > max_gtd_ms)
      return failure{venue_error::invalid_parameter};
    gtd = std::to_string(ms);
  }

  std::vector<param> params;
  params.reserve(10);
  params.push_back({p::symbol.key, o.symbol});
  params.push_back({p::side.key, to_wire(o.side)});
  params.push_back({p::type.key, to_wire(from_core(o.type))});
  if (is_limit)
    params.push_back({p::time_in_force.key, to_wire(from_core(o.tif))});
  params.push_back({p::quantity.key, qty});
  if (is_limit)
    params.push_back({p::price.key, px});
  // Sent only when set: "false" is Binance's default.
  if (o.reduce_only)
    params.push_back({p::reduce_only.key, "true"});
  params.push_back({p::client_id.key, o.id.view()});
  if (!gtd.empty())
    params.push_back({p::good_till_date.key, gtd});
  // RESULT: MARKET and IOC/FOK orders answer with their final state.
  params.push_back({p::resp_type.key, "RESULT"});
  return make_signed(http_method::post, order_path, params, in, creds);
}

result<http_request, venue_error> cancel_order(std::string_view symbol,
                                               const client_order_id& id,
                                               const signing_input& in,
                                               const credentials& creds) {
  return by_client_id(http_method::del, symbol, id, in, creds);
}

result<http_request, venue_error> query_order(std::string_view symbol,
                                              const client_order_id& id,
                                              const signing_input& in,
                                              const credentials& creds) {
  return by_client_id(http_method::get, symbol, id, in, creds);
}

result<http_request, venue_error>
open_orders(std::optional<std::string_view> symbol, const signing_input& in,
            const credentials& creds) {
  return optional_symbol(http_method::get, open_orders_path, symbol, in, creds);
}

result<http_request, venue_error> change_leverage(std::string_view symbol,
                                                  int leverage,
                                                  const signing_input& in,
                                                  const credentials& creds) {
  if (symbol.empty() || leverage < min_leverage || leverage > max_leverage)
    return failure{venue_error::invalid_parameter};
  auto lev = std::to_string(leverage);
  const param params[] = {{p::symbol.key, symbol}, {p::leverage.key, lev}};
  return make_signed(http_method::post, leverage_path, params, in, creds);
}

result<http_request, venue_error>
countdown_cancel_all(std::string_view symbol,
                     std::chrono::milliseconds countdown,
                     const signing_input& in, const credentials& creds) {
  if (symbol.empty() || countdown.count() < 0)
    return failure{venue_error::invalid_parameter};
  auto ms = std::to_string(countdown.count());
  const param params[] = {{p::symbol.key, symbol}, {p::countdown_time.key, ms}};
  return make_signed(http_method::post, countdown_path, params, in, creds);
}

// -- account
// -------------------------------------------------------------------

result<http_request, venue_error>
position_risk(std::optional<std::string_view> symbol, const signing_input& in,
              const credentials& creds) {
  return optional_symbol(http_method::get, position_risk_path, symbol, in,
                         creds);
}

result<http_request, venue_error> account(const signing_input& in,
                                          const credentials& creds) {
  return make_signed(http_method::get, account_path, {}, in, creds);
}

result<http_request, venue_error> balances(const signing_input& in,
                                           const credentials& creds) {
  return make_signed(http_method::get, balance_path, {}, in, creds);
}

// -- user data stream
// ------------------------------------------------------------

result<http_request, venue_error> listen_key_create(std::string_view api_key) {
  return listen_key(http_method::post, api_key);
}

result<http_request, venue_error>
listen_key_keepalive(std::string_view api_key) {
  return listen_key(http_method::put, api_key);
}

result<http_request, venue_error> listen_key_close(std::string_view api_key) {
  return listen_key(http_method::del, api_key);
}

// -- public market data
// ------------------------------------------------------------

http_request server_time() { return public_get(time_path); }

http_request exchange_info() { return public_get(exchange_info_path); }

result<http_request, venue_error> depth(std::string_view symbol, int limit) {
  bool known = false;
  for (auto l : depth_limits)
    known = known || l == limit;
  if (symbol.empty() || !known)
    return failure{venue_error::invalid_parameter};
  auto lim = std::to_string(limit);
  const param params[] = {{p::symbol.key, symbol}, {p::limit.key, lim}};
  return public_get(depth_path, encode_params(params));
}

result<http_request, venue_error> book_ticker(std::string_view symbol) {
  if (symbol.empty())
    return failure{venue_error::invalid_parameter};
  const param params[] = {{p::symbol.key, symbol}};
  return public_get(book_ticker_path, encode_params(params));
}

} // namespace tandem::venues::binance
