// WebSocket client for venue streams: wss:// (ws:// only to loopback).
// It keeps one connection up: on any drop it reconnects with jittered
// exponential backoff and calls on_connected again, so the owner re-sends
// its subscriptions. All I/O and callbacks run on the io_runner thread;
// Beast/Asio stay in ws_client.cpp.
#pragma once

#include "core/result.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/net_error.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::net {

/// A self-reconnecting WebSocket connection to one URL.
class ws_client {
 public:
  using header_list = std::vector<std::pair<std::string, std::string>>;

  /// Settings, fixed at make().
  struct options {
    /// "wss://stream.binance.com:9443/ws" style URL.
    std::string url;
    /// PEM file of trusted CAs; when absent, the system's default store.
    std::optional<std::string> ca_file;
    /// Extra handshake headers sent on every connect.
    header_list headers;
    /// Called before every handshake for headers that must be fresh each
    /// time (a JWT with a nonce, as Upbit's private stream wants). Runs on
    /// the runner thread; its headers are added after `headers`.
    std::function<header_list()> make_headers;
    /// Resolve plus TCP connect.
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds tls_timeout{5000};
    /// The HTTP upgrade, and later the closing handshake.
    std::chrono::milliseconds handshake_timeout{5000};
    /// Send a ping this often; 0 disables. A quiet stream needs it so that
    /// the server's pongs keep the idle timer fed.
    std::chrono::milliseconds ping_interval{0};
    /// Drop the connection (idle_timeout) when no frame at all (data, ping
    /// or pong) arrived for this long; 0 disables.
    std::chrono::milliseconds idle_timeout{0};
    std::size_t max_message_bytes = 16 * 1024 * 1024;
    /// Reconnect delays: uniform(0, min(max, base * 2^attempt)).
    std::chrono::milliseconds reconnect_base{250};
    std::chrono::milliseconds reconnect_max{30000};
  };

  /// What the owner hears; every member is optional. All run on the runner
  /// thread, never after shutdown() returned.
  struct handlers {
    /// The connection is up (first time and after every reconnect):
    /// (re-)subscribe here. Sends made while disconnected were dropped.
    std::function<void()> on_connected;
    /// One complete message; `data` is valid during the call only.
    std::function<void(std::string_view data, bool is_binary)> on_message;
    /// A connection attempt failed or an open connection dropped; a
    /// reconnect is scheduled unless close() was called.
    std::function<void(net_error reason)> on_disconnected;
    /// close() finished: the client stays down until start() again.
    std::function<void()> on_closed;
  };

  /// Returns a client, or bad_url / insecure_scheme_refused /
  /// ca_file_unreadable. Nothing connects until start().
  static result<std::unique_ptr<ws_client>, net_error>
  make(io_runner& runner, options opts, handlers h);

  /// Shuts down (see shutdown()).
  ~ws_client();

  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  /// Connects, and keeps reconnecting until close() or shutdown().
  void start();

  /// Sends one text message; dropped when not connected.
  void send_text(std::string data);

  /// Sends one binary message; dropped when not connected.
  void send_binary(std::string data);

  /// Sends a close frame with `code` (1000 = normal) and stops
  /// reconnecting; on_closed runs when done.
  void close(std::uint16_t code = 1000, std::string reason = {});

  /// Drops the connection without a closing handshake and stops. When it
  /// returns, no handler of this client runs any more.
  void shutdown();

 private:
  struct impl;
  explicit ws_client(std::shared_ptr<impl> p);
  std::shared_ptr<impl> impl_;
};

} // namespace tandem::net
