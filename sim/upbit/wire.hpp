// What the simulated Upbit venue receives and answers: plain HTTP-shaped
// values, so a thin HTTP server (or a test) can wrap it.
#pragma once

#include "venues/common/http_request.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::upbit {

using venues::http_header;
using venues::http_method;

/// One REST request as the server read it.
struct sim_request {
  http_method method = http_method::get;
  /// "/v1/orders" (no query).
  std::string path;
  /// Raw query string without '?', as sent (still percent-encoded).
  std::string query;
  /// Raw body.
  std::string body;
  std::vector<http_header> headers;
  /// The caller's address; quotation limits count per IP.
  std::string remote = "127.0.0.1";

  /// Returns the value of header `name` (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
};

/// Returns a sim_request for a request our client built.
sim_request from_http(const venues::http_request& r);

/// One REST answer.
struct sim_response {
  int status = 200;
  /// Content-Type and Remaining-Req (when the call counted against a
  /// group).
  std::vector<http_header> headers;
  std::string body;

  /// Returns the value of header `name` (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
};

/// Returns `{"error":{"name":<name>,"message":<message>}}` with `status`.
sim_response error_response(int status, std::string_view name,
                            std::string_view message);

/// Returns a JSON answer with `status`.
sim_response json_response(int status, std::string body);

} // namespace tandem::sim::upbit
