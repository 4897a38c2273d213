// Base URLs of venues: parsed once, and checked against the transport
// policy: TLS everywhere, plain http:// and ws:// only to loopback
// (127.0.0.0/8, ::1, localhost), where the simulators live.
#pragma once

#include "core/result.hpp"
#include "venues/net/net_error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::net {

enum class scheme : std::uint8_t { http, https, ws, wss };

/// A parsed absolute URL.
struct url {
  net::scheme scheme = scheme::https;
  std::string host; ///< Without brackets for IPv6.
  std::uint16_t port = 0;
  std::string target; ///< Path and query, at least "/".

  bool is_tls() const noexcept {
    return scheme == scheme::https || scheme == scheme::wss;
  }
  /// Returns "host:port" as the HTTP Host header wants it.
  std::string host_header() const;
};

/// Parses "https://api.upbit.com/v1" style URLs; default ports 80/443.
result<url, net_error> parse_url(std::string_view s);

/// Returns true for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(std::string_view host) noexcept;

/// Parses and applies the policy: plain schemes only to loopback hosts.
result<url, net_error> parse_venue_url(std::string_view s);

} // namespace tandem::net
