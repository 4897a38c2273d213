// The admin gateway: the console's door into the engine. It serves the
// admin API (admin/api.hpp) over HTTP and a WebSocket event stream on
// loopback (plain or TLS), authenticates every request with a bearer token,
// and relays commands to the engine's control actor
// (actors/control_protocol.hpp).
//
// Threads: requests arrive on the server's one I/O thread, which checks the
// token, the route, the role and the body, then hands the command to the
// gateway actor and waits for the rendered answer at most engine_timeout
// (plus a grace second): 504 otherwise. The actor never blocks: it asks the
// engine with a timed request and fulfils the answer from the reply
// handler. Events from the engine reach the actor and are broadcast to
// every /v1/events connection. Beast stays behind sim::sim_server.
#pragma once

#include "actors/control_protocol.hpp"
#include "admin/auth.hpp"
#include "config/schema.hpp"
#include "core/result.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace tandem::actors {

/// PEM files for the console's TLS.
struct admin_tls_files {
  std::string cert_chain_file;
  std::string private_key_file;
};

/// How the gateway listens and whom it lets in.
struct admin_gateway_options {
  /// Loopback by default; another address ("0.0.0.0", one of the host's)
  /// is allowed and logged as a warning at start ([console] requires TLS
  /// for it).
  std::string bind = "127.0.0.1";
  /// 0 picks a free port (tests); port() tells which.
  std::uint16_t port = 8787;
  /// TLS when set; plain HTTP/WS otherwise.
  std::optional<admin_tls_files> tls;
  admin::token_set tokens;
  /// How long the engine has to answer one request before a 504.
  std::chrono::milliseconds engine_timeout{2000};
};

/// Returns options from [console]. With console.tls the certificate files
/// are console.cert_file and console.key_file (the loader checked them),
/// unless `tls` overrides them; tls set without files is an error, as is a
/// configuration without any token.
result<admin_gateway_options, std::string>
admin_gateway_options_from(const config::console_config& console,
                           std::optional<admin_tls_files> tls = {});

/// A running gateway. Destroying it closes the server (waiting for at most
/// one in-flight request) and then stops the gateway actor.
class admin_gateway {
 public:
  /// Spawns the gateway actor, subscribes it to the engine's events and
  /// starts listening; returns a message naming what failed (no token,
  /// tokens equal, bad bind address, port in use, bad certificate).
  static result<std::unique_ptr<admin_gateway>, std::string>
  start(caf::actor_system& sys, engine_control_actor engine,
        admin_gateway_options opts);

  ~admin_gateway();
  admin_gateway(const admin_gateway&) = delete;
  admin_gateway& operator=(const admin_gateway&) = delete;

  std::uint16_t port() const noexcept;
  /// Returns "http://127.0.0.1:PORT" (or https), or "ws://..." (or wss)
  /// for `websocket` true.
  std::string base_url(bool websocket) const;
  /// The gateway actor (it receives the engine's admin events).
  caf::actor actor() const;
  /// Open /v1/events connections (tests wait on this).
  std::size_t event_clients() const noexcept;

  struct impl;

 private:
  explicit admin_gateway(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::actors
