// Transport errors of venues/net (HTTPS and WebSocket clients), 8xx range.
// Every I/O failure becomes one of these values; no exception escapes into
// an actor. Numbers are pinned and never reused.
#pragma once

#include <cstdint>
#include <string_view>

namespace tandem::net {

/// A transport-level failure.
enum class net_error : std::uint16_t {
  /// The URL could not be parsed or has an unsupported scheme.
  bad_url = 800,
  /// Plain http:// or ws:// to a host that is not a loopback address.
  insecure_scheme_refused = 801,
  /// Name resolution failed.
  resolve_failed = 802,
  /// TCP connect failed (refused, unreachable).
  connect_failed = 803,
  /// Connect did not finish in time.
  connect_timeout = 804,
  /// The TLS handshake failed for a reason other than the certificate.
  tls_handshake_failed = 805,
  /// The peer's certificate or host name did not verify.
  certificate_rejected = 806,
  /// The TLS handshake did not finish in time.
  tls_timeout = 807,
  /// No complete answer within the request timeout (the request may have
  /// reached the venue: its outcome is unknown).
  request_timeout = 808,
  /// Nothing received within the idle timeout (stalled stream).
  idle_timeout = 809,
  /// The peer closed the connection.
  connection_closed = 810,
  /// The peer sent bytes that are not valid HTTP or WebSocket.
  protocol_error = 811,
  /// A message above the configured size limit.
  message_too_large = 812,
  /// Writing to the socket failed.
  write_failed = 813,
  /// Reading from the socket failed.
  read_failed = 814,
  /// The WebSocket upgrade was refused (non-101 answer).
  upgrade_refused = 815,
  /// The client was shut down while the request was in flight.
  shut_down = 816,
  /// The configured CA file could not be loaded.
  ca_file_unreadable = 817,
};

/// Returns a stable lowercase name, e.g. "connect_timeout".
std::string_view to_string(net_error e) noexcept;

} // namespace tandem::net
