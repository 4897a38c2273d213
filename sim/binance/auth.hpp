// Request authentication as Binance does it (reference B2, B10): the API
// key header, the HMAC-SHA256 signature over query + body, and the
// timestamp against recvWindow.
#pragma once

#include "core/result.hpp"
#include "sim/binance/config.hpp"
#include "sim/binance/http.hpp"
#include "sim/binance/params.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace tandem::sim::binance {

/// Returns the account whose key the request carries in X-MBX-APIKEY.
/// Missing or malformed key: -2014 "API-key format invalid."; a key no
/// account has: -2015 "Invalid API-key, IP, or permissions for action.".
/// Both are HTTP 401.
result<const account_config*, sim_error>
authenticate_key(const sim_request& req,
                 const std::vector<account_config>& accounts);

/// Checks a SIGNED request of `account`: the signature (-1022, or -1102
/// when missing), then the timestamp: mandatory (-1102), recvWindow at most
/// the maximum (-1131), `timestamp < server + 1000` and
/// `server - timestamp <= recvWindow` (-1021).
std::optional<sim_error> verify_signed(const sim_request& req, const params& p,
                                       const account_config& account,
                                       const venue_config& cfg,
                                       std::int64_t server_ms);

} // namespace tandem::sim::binance
