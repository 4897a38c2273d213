// tandemctl's connection to the gateway: blocking request/answer over the
// engine's own HTTP client (venues/net/io), and the event stream over its
// WebSocket client. Every request carries the bearer token and the
// X-Tandem-Client name (user@host) the engine journals.
#pragma once

#include "apps/tandemctl/commands.hpp"
#include "apps/tandemctl/options.hpp"
#include "config/secret.hpp"
#include "core/result.hpp"
#include "venues/net/io/http_client.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/io/ws_client.hpp"

#include <memory>
#include <string>

namespace tandem::ctl {

/// What the gateway answered.
struct ctl_answer {
  unsigned status = 0;
  std::string body;
};

class ctl_client {
 public:
  /// Returns a client, or a message (bad URL, unreadable CA file, plain
  /// http:// to a host that is not loopback).
  static result<std::unique_ptr<ctl_client>, std::string>
  make(const ctl_options& o, secret token);

  ~ctl_client();
  ctl_client(const ctl_client&) = delete;
  ctl_client& operator=(const ctl_client&) = delete;

  /// Sends `r` and waits for the answer (at most the --timeout-ms), or a
  /// message saying why there is none.
  result<ctl_answer, std::string> send(const ctl_request& r);

  /// Returns a started event-stream client (reconnecting on drops), or a
  /// message. Its handlers run on the client's I/O thread.
  result<std::unique_ptr<net::ws_client>, std::string>
  open_events(net::ws_client::handlers h);

 private:
  ctl_client() = default;

  ctl_options opts_;
  secret token_;
  std::string client_name_;
  net::io_runner runner_;
  std::unique_ptr<net::http_client> http_;
};

/// Returns "user@host" for X-Tandem-Client.
std::string default_client_name();

} // namespace tandem::ctl
