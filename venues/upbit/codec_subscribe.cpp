#include "venues/upbit/codec_subscribe.hpp"

#include "venues/common/json_string.hpp"

namespace tandem::venues::upbit {

namespace {

failure<request_error> refuse(std::string detail) {
  return failure{
    request_error{venue_error::invalid_parameter, std::move(detail)}};
}

void append_ticket(std::string& out, std::string_view ticket) {
  out += "[{\"ticket\":";
  append_json_string(out, ticket);
  out += "}";
}

// Appends `,{"type":"<type>","codes":[...]<extra>}`; codes may be empty.
void append_type(std::string& out, std::string_view type,
                 std::span<const std::string> codes, std::string_view suffix,
                 bool only_realtime) {
  out += ",{\"type\":";
  append_json_string(out, type);
  if (!codes.empty()) {
    out += ",\"codes\":[";
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (i > 0)
        out.push_back(',');
      append_json_string(out, codes[i] + std::string{suffix});
    }
    out.push_back(']');
  }
  if (only_realtime)
    out += ",\"is_only_realtime\":true";
  out.push_back('}');
}

std::optional<std::string> bad_code(std::span<const std::string> codes) {
  for (const auto& c : codes)
    if (!is_market_code(c))
      return "code=" + c;
  return std::nullopt;
}

} // namespace

result<std::string, request_error>
subscribe_public(std::string_view ticket, const public_subscription& sub) {
  if (ticket.empty())
    return refuse("ticket=<empty>");
  if (sub.ticker_codes.empty() && sub.orderbook_codes.empty())
    return refuse("codes=<empty>");
  if (auto bad = bad_code(sub.ticker_codes))
    return refuse(*bad);
  if (auto bad = bad_code(sub.orderbook_codes))
    return refuse(*bad);
  std::string suffix;
  if (sub.orderbook_levels) {
    auto n = *sub.orderbook_levels;
    if (n != 1 && n != 5 && n != 15 && n != 30)
      return refuse("orderbook_levels=" + std::to_string(n));
    suffix = "." + std::to_string(n);
  }
  std::string out;
  append_ticket(out, ticket);
  if (!sub.ticker_codes.empty())
    append_type(out, "ticker", sub.ticker_codes, "", sub.only_realtime);
  if (!sub.orderbook_codes.empty())
    append_type(out, "orderbook", sub.orderbook_codes, suffix,
                sub.only_realtime);
  out += ",{\"format\":\"DEFAULT\"}]";
  return out;
}

result<std::string, request_error>
subscribe_private(std::string_view ticket,
                  std::span<const std::string> my_order_codes) {
  if (ticket.empty())
    return refuse("ticket=<empty>");
  if (auto bad = bad_code(my_order_codes))
    return refuse(*bad);
  std::string out;
  append_ticket(out, ticket);
  append_type(out, "myOrder", my_order_codes, "", false);
  append_type(out, "myAsset", {}, "", false);
  out.push_back(']');
  return out;
}

result<std::string, request_error>
private_ws_authorization(const credentials& creds, std::string_view nonce) {
  token_claims claims;
  claims.access_key = std::string{creds.access_key};
  claims.nonce = std::string{nonce};
  auto token = make_token(claims, creds.secret_key);
  if (!token)
    return failure{
      request_error{venue_error::auth_failed,
                    "auth_error=" + std::string{to_string(token.error())}}};
  return "Bearer " + *token;
}

} // namespace tandem::venues::upbit
