// A tiny loopback server for the transport tests: HTTP/1.1 or WebSocket,
// plain or TLS, one blocking thread per connection (simple beats fast
// here). It records what it received and counts connections, so tests can
// wait for facts instead of sleeping. Beast stays in test_server.cpp.
#pragma once

#include "test_pki.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::net::testing {

using header_list = std::vector<std::pair<std::string, std::string>>;

/// A request as the server saw it (HTTP request or WebSocket upgrade).
struct received_request {
  std::string method;
  std::string target;
  header_list headers;
  std::string body;

  /// Returns the first header named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
};

/// What the HTTP server answers.
struct canned_response {
  unsigned status = 200;
  header_list headers;
  std::string body;
  bool keep_alive = true;
};

/// Returns the answer, or nullopt to never answer (the connection stays
/// open and silent until dropped).
using http_handler
  = std::function<std::optional<canned_response>(const received_request&)>;

/// How the WebSocket server treats messages.
enum class ws_behavior {
  echo,   ///< Sends every message back with the same type.
  silent, ///< Records messages, never sends a data frame (a stalled feed).
};

/// A loopback server on 127.0.0.1 and an ephemeral port.
class test_server {
 public:
  /// Failure guard for every wait_*: generous, never the synchronisation.
  static constexpr std::chrono::seconds wait_limit{10};

  /// An HTTP server; TLS with `pki`'s server certificate when given.
  test_server(const test_pki* pki, http_handler handler);
  /// A WebSocket server; TLS with `pki`'s server certificate when given.
  test_server(const test_pki* pki, ws_behavior behavior);
  ~test_server();

  test_server(const test_server&) = delete;
  test_server& operator=(const test_server&) = delete;

  std::uint16_t port() const noexcept;
  /// Returns e.g. "https://127.0.0.1:40123" for scheme "https".
  std::string url(std::string_view scheme,
                  std::string_view host = "127.0.0.1") const;

  int accepted() const;
  int closed() const;
  std::vector<received_request> requests() const;
  /// WebSocket upgrade requests, one per accepted WebSocket.
  std::vector<received_request> handshakes() const;
  /// WebSocket messages received, in order ("b:" prefix for binary).
  std::vector<std::string> messages() const;
  /// Close codes of client-initiated WebSocket closes.
  std::vector<std::uint16_t> close_codes() const;

  /// Each returns false when the count is not reached within wait_limit.
  bool wait_accepted(int n) const;
  bool wait_closed(int n) const;
  bool wait_messages(std::size_t n) const;
  bool wait_pings(int n) const;
  bool wait_close_codes(std::size_t n) const;

  /// Drops every open connection at the TCP level (no close_notify, no
  /// WebSocket close frame), as a crashing venue or a middlebox would.
  void drop_connections();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::net::testing
