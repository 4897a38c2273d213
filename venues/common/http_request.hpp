// A REST request as every venue codec builds it and the HTTP client sends
// it: one shape for all venues, so the transport knows no venue.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues {

/// The HTTP methods venues use.
enum class http_method : std::uint8_t { get = 1, post = 2, put = 3, del = 4 };

/// Returns "GET", "POST", "PUT" or "DELETE".
std::string_view to_string(http_method m) noexcept;

/// One request header.
struct http_header {
  std::string name;
  std::string value;
};

/// A request for the HTTP client, relative to the venue's REST base URL.
struct http_request {
  http_method method = http_method::get;
  /// Path below the base URL: "/fapi/v1/order", "/v1/orders".
  std::string path;
  /// Query string without the leading '?', empty if none.
  std::string query;
  /// Request body (JSON for Upbit POSTs), empty if none.
  std::string body;
  std::vector<http_header> headers;

  /// Returns path plus "?query" when there is one.
  std::string target() const;
  /// Returns the value of header `name` (exact case), or "" if absent.
  std::string_view header(std::string_view name) const;
};

} // namespace tandem::venues
