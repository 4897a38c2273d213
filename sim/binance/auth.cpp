#include "sim/binance/auth.hpp"

#include "venues/binance/signing.hpp"

#include <cctype>

namespace tandem::sim::binance {

namespace {

constexpr std::size_t max_key_length = 128;

bool well_formed_key(std::string_view key) {
  if (key.empty() || key.size() > max_key_length)
    return false;
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      return false;
  return true;
}

} // namespace

result<const account_config*, sim_error>
authenticate_key(const sim_request& req,
                 const std::vector<account_config>& accounts) {
  auto key = req.header(venues::binance::api_key_header);
  if (!key || !well_formed_key(*key))
    return failure{sim_error{401, -2014, "API-key format invalid."}};
  for (const auto& a : accounts)
    if (a.api_key == *key)
      return &a;
  return failure{
    sim_error{401, -2015, "Invalid API-key, IP, or permissions for action."}};
}

std::optional<sim_error> verify_signed(const sim_request& req, const params& p,
                                       const account_config& account,
                                       const venue_config& cfg,
                                       std::int64_t server_ms) {
  auto v = venues::binance::verify_request(req.query, req.body, account.secret);
  if (!v) {
    auto code = venues::binance::binance_error_code(v.error());
    if (code == -1102)
      return params::mandatory("signature");
    return sim_error{400, -1022, "Signature for this request is not valid."};
  }
  auto ts = p.integer("timestamp");
  if (!ts)
    return ts.error();
  if (!*ts)
    return params::mandatory("timestamp");
  auto window = p.integer("recvWindow");
  if (!window)
    return window.error();
  auto recv = window->value_or(cfg.default_recv_window_ms);
  if (recv <= 0 || recv > cfg.max_recv_window_ms)
    return sim_error{400, -1131,
                     "recvWindow must be less than "
                       + std::to_string(cfg.max_recv_window_ms) + "."};
  if (**ts >= server_ms + 1000)
    return sim_error{400, -1021,
                     "Timestamp for this request was 1000ms ahead of the "
                     "server's time."};
  if (server_ms - **ts > recv)
    return sim_error{400, -1021,
                     "Timestamp for this request is outside of the "
                     "recvWindow."};
  return std::nullopt;
}

} // namespace tandem::sim::binance
