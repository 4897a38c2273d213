// The request and response shapes of the simulated Binance venue: what a
// thin HTTP server hands to binance_venue::handle() and sends back. No
// sockets here; the server shell owns those.
#pragma once

#include "venues/common/http_request.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::binance {

using venues::http_header;
using venues::http_method;

/// One HTTP request as received.
struct sim_request {
  http_method method = http_method::get;
  /// "/fapi/v1/order".
  std::string path;
  /// Query string without the leading '?'.
  std::string query;
  /// Raw body (application/x-www-form-urlencoded for Binance).
  std::string body;
  std::vector<http_header> headers;
  /// The caller's address: IP weight and bans are counted per IP.
  std::string ip = "127.0.0.1";

  /// Returns the value of header `name` (case-insensitive), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;

  /// Returns the request a client codec built, as the server receives it.
  static sim_request from(const venues::http_request& r,
                          std::string ip = "127.0.0.1");
};

/// One HTTP response.
struct sim_response {
  int status = 200;
  std::vector<http_header> headers;
  std::string body;

  /// Returns the value of header `name` (case-insensitive), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
  /// Sets header `name`, replacing an earlier value.
  void set_header(std::string_view name, std::string value);
};

/// A refusal as Binance sends it: HTTP status plus {"code":..,"msg":..}.
struct sim_error {
  int status = 400;
  int code = -1000;
  std::string msg;
};

/// Returns the response for `e`.
sim_response error_response(const sim_error& e);

/// Returns a 200 response with a JSON body.
sim_response ok_response(std::string body);

} // namespace tandem::sim::binance
