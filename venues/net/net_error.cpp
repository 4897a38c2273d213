#include "venues/net/net_error.hpp"

namespace tandem::net {

std::string_view to_string(net_error e) noexcept {
  switch (e) {
    case net_error::bad_url: return "bad_url";
    case net_error::insecure_scheme_refused: return "insecure_scheme_refused";
    case net_error::resolve_failed: return "resolve_failed";
    case net_error::connect_failed: return "connect_failed";
    case net_error::connect_timeout: return "connect_timeout";
    case net_error::tls_handshake_failed: return "tls_handshake_failed";
    case net_error::certificate_rejected: return "certificate_rejected";
    case net_error::tls_timeout: return "tls_timeout";
    case net_error::request_timeout: return "request_timeout";
    case net_error::idle_timeout: return "idle_timeout";
    case net_error::connection_closed: return "connection_closed";
    case net_error::protocol_error: return "protocol_error";
    case net_error::message_too_large: return "message_too_large";
    case net_error::write_failed: return "write_failed";
    case net_error::read_failed: return "read_failed";
    case net_error::upgrade_refused: return "upgrade_refused";
    case net_error::shut_down: return "shut_down";
    case net_error::ca_file_unreadable: return "ca_file_unreadable";
  }
  return "unknown_net_error";
}

} // namespace tandem::net
