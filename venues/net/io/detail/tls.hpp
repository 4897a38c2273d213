// TLS setup shared by the HTTP and WebSocket clients: one place that
// decides the protocol floor, the trust store and how a peer is checked.
#pragma once

#include "core/result.hpp"
#include "venues/net/net_error.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tandem::net::detail {

/// Returns a client context: TLS 1.2 or later, peer verification on, trust
/// from `ca_file` when given, else the system's default verify paths.
result<std::shared_ptr<boost::asio::ssl::context>, net_error>
make_client_tls_context(const std::optional<std::string>& ca_file);

/// Sets SNI (DNS names only, as RFC 6066 wants) and the name or IP address
/// the certificate must carry. Returns false when OpenSSL refuses.
bool prepare_client_ssl(void* ssl_handle, const std::string& host);

/// Maps a failed TLS handshake to certificate_rejected or
/// tls_handshake_failed.
net_error classify_handshake_error(const boost::system::error_code& ec,
                                   void* ssl_handle) noexcept;

/// Returns true for the "peer closed without close_notify" family of errors,
/// which for our purposes are just a closed connection.
bool is_closed_error(const boost::system::error_code& ec) noexcept;

/// Returns true when a kept-alive idle socket can no longer carry a request:
/// the peer sent FIN or bytes we did not ask for, or the socket is broken.
bool idle_socket_is_stale(int fd) noexcept;

} // namespace tandem::net::detail
