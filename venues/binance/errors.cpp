#include "venues/binance/errors.hpp"

#include "venues/binance/detail/json_reader.hpp"

#include <limits>

namespace tandem::venues::binance {

namespace {

constexpr bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// -1013 is INVALID_MESSAGE on futures, but Binance's matching layer also
// uses it spot-style for "Filter failure: <FILTER>" (UNCONFIRMED on fapi);
// the filter name tells which rule broke.
venue_error refine_filter_failure(std::string_view msg) {
  if (contains(msg, "NOTIONAL"))
    return venue_error::below_minimum;
  if (contains(msg, "LOT_SIZE"))
    return venue_error::bad_quantity;
  if (contains(msg, "PRICE_FILTER"))
    return venue_error::price_off_tick;
  return venue_error::invalid_parameter;
}

std::optional<venue_error> from_code(int code, std::string_view msg) {
  for (const auto& row : code_table) {
    if (row.code != code)
      continue;
    if (code == -1003 && contains(msg, "banned"))
      return venue_error::ip_banned; // "Way too many requests; IP banned"
    if (code == -1013)
      return refine_filter_failure(msg);
    return row.error;
  }
  // Parameter errors (-1100 ILLEGAL_CHARS .. -1136 and future ones).
  if (code <= -1100 && code >= -1199)
    return venue_error::invalid_parameter;
  return std::nullopt;
}

// Keeps log lines short when a proxy answers with an HTML page.
constexpr std::size_t max_message = 200;

} // namespace

venue_error map_error(int http_status, std::optional<int> code,
                      std::string_view message) noexcept {
  if (http_status == 418)
    return venue_error::ip_banned;
  if (http_status == 429)
    return venue_error::rate_limited;
  if (code)
    if (auto e = from_code(*code, message))
      return *e;
  if (http_status == 503) {
    // B7: these two texts are definite failures; "Unknown error, please
    // check your request" means the request may have executed.
    if (contains(message, "Service Unavailable")
        || contains(message, "Internal error"))
      return venue_error::server_error;
    return venue_error::outcome_unknown;
  }
  // Any other 5xx, or 408 (backend timeout): the request may have reached
  // the matching engine, so the outcome is unknown until we query.
  if (http_status >= 500 || http_status == 408)
    return venue_error::outcome_unknown;
  if (http_status == 401)
    return venue_error::auth_failed;
  return venue_error::rejected_other;
}

api_error parse_error(simdjson::dom::parser& parser, int http_status,
                      std::string_view body) {
  api_error out;
  out.http_status = http_status;
  auto doc = detail::parse_document(parser, body);
  auto obj
    = doc ? detail::as_object(*doc)
          : result<simdjson::dom::object, venue_error>{failure{doc.error()}};
  bool parsed = false;
  if (obj) {
    detail::object_reader r{*obj};
    auto code = r.int64(fields::error_body::code);
    auto msg = r.string(fields::error_body::msg);
    if (r.ok() && code >= std::numeric_limits<int>::min()
        && code <= std::numeric_limits<int>::max()) {
      out.code = static_cast<int>(code);
      out.message = std::string{msg.substr(0, max_message)};
      parsed = true;
    }
  }
  if (!parsed)
    out.message = std::string{body.substr(0, max_message)};
  out.error = map_error(http_status, out.code, out.message);
  // A 4xx we cannot read tells us nothing about why it failed; say so
  // rather than guess (5xx bodies are often plain text and were mapped
  // by status above).
  if (!parsed && http_status >= 400 && http_status < 500 && http_status != 418
      && http_status != 429 && http_status != 408 && http_status != 401)
    out.error = venue_error::malformed_response;
  return out;
}

} // namespace tandem::venues::binance
