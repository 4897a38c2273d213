// The network shell of a simulated venue: HTTP/1.1 and WebSocket on
// 127.0.0.1, plain or TLS, on one I/O thread of its own. The venue logic
// (sim/<venue>/) stays pure: this shell hands it each request and sends
// what it answers, and lets it push frames to WebSocket connections from any
// thread. Beast stays in sim_server.cpp.
#pragma once

#include "core/result.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::sim {

using header_list = std::vector<std::pair<std::string, std::string>>;

/// A request as received (an HTTP request or a WebSocket upgrade).
struct server_request {
  std::string method; ///< "GET", "POST", ...
  std::string target; ///< Path and query: "/fapi/v1/order?symbol=...".
  header_list headers;
  std::string body;

  /// Returns the first header named `name` (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
  /// Returns the path part of target (before '?').
  std::string_view path() const;
  /// Returns the query part of target (after '?'), or "".
  std::string_view query() const;
};

/// What the venue answers to an HTTP request.
struct server_response {
  unsigned status = 200;
  header_list headers;
  std::string body;
};

/// Called on the server thread for every HTTP request.
using http_handler = std::function<server_response(const server_request&)>;

/// WebSocket callbacks, all on the server thread. Connection ids are unique
/// for the server's lifetime.
struct ws_handlers {
  /// A client asks to upgrade. Return nullopt to accept, or a response to
  /// refuse it with (e.g. 401 for a bad token, 404 for a bad path).
  std::function<std::optional<server_response>(std::uint64_t conn,
                                               const server_request& upgrade)>
    on_open;
  /// A data frame arrived.
  std::function<void(std::uint64_t conn, std::string_view data, bool binary)>
    on_message;
  /// The connection ended (either side, or dropped).
  std::function<void(std::uint64_t conn)> on_close;
};

/// PEM files of the server certificate chain and its private key.
struct tls_files {
  std::string cert_chain_file;
  std::string private_key_file;
};

/// Optional wire-level taps for latency harnesses (bench/e2e): both run on
/// the server thread, so they must be quick and must not call back into the
/// server. Unset members cost nothing.
struct server_observer {
  /// A WebSocket frame is about to be written to connection `conn` (called
  /// just before the write starts, so a reader's clock sees it no earlier).
  std::function<void(std::uint64_t conn, std::string_view frame)>
    frame_written;
  /// A complete HTTP request has been read, before the venue handles it.
  std::function<void(const server_request& request)> request_read;
};

/// Where and how to listen.
struct server_options {
  /// A loopback address (the simulators never leave this machine), unless
  /// any_address is set.
  std::string bind = "127.0.0.1";
  /// 0 picks a free port; port() tells which.
  std::uint16_t port = 0;
  /// TLS when set; plain HTTP/WS otherwise.
  std::optional<tls_files> tls;
  /// Wire taps (benchmarks); null: none.
  std::shared_ptr<const server_observer> observer;
  /// Allows a bind address beyond loopback ("0.0.0.0", a host's own IP).
  /// Only the admin console sets it, from its validated [console] config;
  /// the simulators never do.
  bool any_address = false;
};

/// A running server. Destroying it stops it and closes every connection.
class sim_server {
 public:
  /// Starts listening; returns a message naming what failed (bind address
  /// not loopback, port in use, unreadable certificate or key).
  static result<std::unique_ptr<sim_server>, std::string>
  start(server_options opts, http_handler http, ws_handlers ws = {});

  ~sim_server();
  sim_server(const sim_server&) = delete;
  sim_server& operator=(const sim_server&) = delete;

  std::uint16_t port() const noexcept;
  /// Returns "https://127.0.0.1:PORT" (or http) for `websocket` false, and
  /// "wss://..." (or ws) for true.
  std::string base_url(bool websocket) const;

  /// Queues a frame to one WebSocket connection; safe from any thread.
  /// Frames to one connection go out in the order queued.
  void send(std::uint64_t conn, std::string frame, bool binary);
  /// Queues a frame to every open WebSocket connection.
  void broadcast(std::string frame, bool binary);

  // -- fault injection (any thread) ------------------------------------------

  /// Delays every HTTP answer by `d` (0 turns it off).
  void set_latency(std::chrono::microseconds d);
  /// Drops one connection at the TCP level: no close frame, no TLS
  /// close_notify, as a crashing venue would.
  void drop(std::uint64_t conn);
  /// Drops every open connection (HTTP and WebSocket).
  void drop_all();
  /// While set, WebSocket frames queued for sending are held back (a
  /// stalled stream); clearing it sends what was held.
  void set_stalled(bool stalled);

  /// Number of connections accepted so far (HTTP and WebSocket).
  std::uint64_t accepted() const noexcept;

  /// The Beast side, defined in sim_server.cpp (public so that its session
  /// types can name it; nothing outside that file can use it).
  struct impl;

 private:
  sim_server();
  std::shared_ptr<impl> impl_;
};

} // namespace tandem::sim
