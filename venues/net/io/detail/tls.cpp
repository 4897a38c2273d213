#include "venues/net/io/detail/tls.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <fstream>
#include <sys/socket.h>

namespace tandem::net::detail {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;

result<std::shared_ptr<ssl::context>, net_error>
make_client_tls_context(const std::optional<std::string>& ca_file) {
  try {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    // Venues speak TLS 1.2 and 1.3; anything older is a downgrade attack.
    if (SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION)
        != 1)
      return failure{net_error::tls_handshake_failed};
    ctx->set_options(ssl::context::default_workarounds
                     | ssl::context::no_compression);
    ctx->set_verify_mode(ssl::verify_peer);
    boost::system::error_code ec;
    if (ca_file) {
      // Opened first so a missing file is told apart from a bad one only by
      // the caller's eyes; both are "unreadable" to us.
      if (!std::ifstream{*ca_file}.good())
        return failure{net_error::ca_file_unreadable};
      ctx->load_verify_file(*ca_file, ec);
      if (ec)
        return failure{net_error::ca_file_unreadable};
    } else {
      ctx->set_default_verify_paths(ec);
      if (ec)
        return failure{net_error::ca_file_unreadable};
    }
    return ctx;
  } catch (...) {
    return failure{net_error::tls_handshake_failed};
  }
}

bool prepare_client_ssl(void* ssl_handle, const std::string& host) {
  auto* ssl = static_cast<SSL*>(ssl_handle);
  boost::system::error_code ec;
  (void)asio::ip::make_address(host, ec);
  if (!ec) {
    // IP literal: no SNI (RFC 6066 forbids it); the certificate must carry
    // the address as an iPAddress subjectAltName.
    return X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str())
           == 1;
  }
  if (SSL_set_tlsext_host_name(ssl, host.c_str()) != 1)
    return false;
  // Checked inside chain verification, so a wrong name fails the handshake
  // exactly like an untrusted issuer does.
  return SSL_set1_host(ssl, host.c_str()) == 1;
}

net_error classify_handshake_error(const boost::system::error_code& ec,
                                   void* ssl_handle) noexcept {
  auto* ssl = static_cast<SSL*>(ssl_handle);
  if (ssl != nullptr && SSL_get_verify_result(ssl) != X509_V_OK)
    return net_error::certificate_rejected;
  if (ec.category() == asio::error::get_ssl_category()
      && ERR_GET_REASON(static_cast<unsigned long>(ec.value()))
           == SSL_R_CERTIFICATE_VERIFY_FAILED)
    return net_error::certificate_rejected;
  return net_error::tls_handshake_failed;
}

bool is_closed_error(const boost::system::error_code& ec) noexcept {
  return ec == asio::error::eof || ec == asio::error::connection_reset
         || ec == asio::error::broken_pipe
         || ec == asio::ssl::error::stream_truncated;
}

bool idle_socket_is_stale(int fd) noexcept {
  if (fd < 0)
    return true;
  char byte = 0;
  auto n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0)
    return errno != EAGAIN && errno != EWOULDBLOCK;
  // 0: the peer closed (FIN). >0: bytes nobody asked for on an idle HTTP/1.1
  // connection (a 408, a close_notify): either way, not reusable.
  return true;
}

} // namespace tandem::net::detail
