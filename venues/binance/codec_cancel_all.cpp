#include "venues/binance/codec_cancel_all.hpp"

#include "venues/binance/fields.hpp"
#include "venues/binance/signing.hpp"

#include <simdjson.h>

#include <cstdint>
#include <string>

namespace tandem::venues::binance {

namespace {

constexpr std::string_view all_open_orders_path = "/fapi/v1/allOpenOrders";
/// recvWindow may not exceed 60 s (reference B2).
constexpr std::int64_t max_recv_window_ms = 60'000;

} // namespace

result<http_request, venue_error> cancel_all_orders(std::string_view symbol,
                                                    const signing_input& in,
                                                    const credentials& creds) {
  if (symbol.empty() || creds.api_key.empty() || in.timestamp_ms <= 0)
    return failure{venue_error::invalid_parameter};
  if (in.recv_window_ms
      && (*in.recv_window_ms <= 0 || *in.recv_window_ms > max_recv_window_ms))
    return failure{venue_error::invalid_parameter};
  const param params[] = {{fields::param::symbol.key, symbol}};
  auto s = sign_request(params, {}, in, creds.secret);
  if (!s)
    return failure{venue_error::auth_failed};
  http_request r;
  r.method = http_method::del;
  r.path = std::string{all_open_orders_path};
  r.query = std::move(s->query);
  r.headers.push_back(
    {std::string{api_key_header}, std::string{creds.api_key}});
  return r;
}

result<bool, venue_error> parse_cancel_all(simdjson::dom::parser& parser,
                                           std::string_view body) {
  simdjson::dom::element doc;
  if (parser.parse(body.data(), body.size()).get(doc))
    return failure{venue_error::malformed_response};
  std::int64_t code = 0;
  if (doc["code"].get_int64().get(code) || code != 200)
    return failure{venue_error::malformed_response};
  return true;
}

} // namespace tandem::venues::binance
