#include "venues/net/retry.hpp"

namespace tandem::net {

using venues::venue_error;

retry_advice classify(net_error e, bool request_sent) noexcept {
  switch (e) {
    // Before any byte left: always safe to try again.
    case net_error::resolve_failed:
    case net_error::connect_failed:
    case net_error::connect_timeout:
    case net_error::tls_handshake_failed:
    case net_error::tls_timeout:
    case net_error::upgrade_refused: return {next_step::retry, std::nullopt};
    // The request may or may not have reached the venue.
    case net_error::request_timeout:
    case net_error::connection_closed:
    case net_error::read_failed:
    case net_error::idle_timeout:
    case net_error::protocol_error:
      return {request_sent ? next_step::query_first : next_step::retry,
              std::nullopt};
    case net_error::write_failed:
      // A partial write may have delivered the whole request.
      return {request_sent ? next_step::query_first : next_step::retry,
              std::nullopt};
    // Configuration problems: retrying cannot help.
    case net_error::bad_url:
    case net_error::insecure_scheme_refused:
    case net_error::message_too_large:
    case net_error::shut_down: return {next_step::give_up, std::nullopt};
    case net_error::certificate_rejected:
    case net_error::ca_file_unreadable:
      return {next_step::halt_venue, std::nullopt};
  }
  return {next_step::give_up, std::nullopt};
}

retry_advice classify(venue_error e,
                      std::optional<std::chrono::milliseconds> after) noexcept {
  using namespace std::chrono_literals;
  switch (e) {
    case venue_error::rate_limited:
      return {next_step::retry, after ? after : std::optional{1000ms}};
    case venue_error::ip_banned:
      // Without a stated end, wait a full minute before probing again.
      return {next_step::halt_venue, after ? after : std::optional{60000ms}};
    case venue_error::outcome_unknown: return {next_step::query_first, after};
    case venue_error::timestamp_outside_window:
      // Resync the clock offset, then the same request may go again.
      return {next_step::retry, after};
    case venue_error::server_error:
      return {next_step::retry, after ? after : std::optional{500ms}};
    case venue_error::malformed_response:
      // We cannot tell what the venue did.
      return {next_step::query_first, after};
    case venue_error::auth_failed: return {next_step::halt_venue, after};
    case venue_error::listen_key_expired: return {next_step::retry, after};
    // Held back by our own halt gate: never sent, and not the venue's fault.
    case venue_error::blocked: return {next_step::give_up, std::nullopt};
    case venue_error::insufficient_funds:
    case venue_error::below_minimum:
    case venue_error::price_off_tick:
    case venue_error::bad_quantity:
    case venue_error::unknown_order:
    case venue_error::duplicate_client_id:
    case venue_error::invalid_parameter:
    case venue_error::market_closed:
    case venue_error::reduce_only_rejected:
    case venue_error::unknown_enum_value:
    case venue_error::would_cross:
    case venue_error::too_many_open_orders:
    case venue_error::rejected_other: return {next_step::give_up, after};
  }
  return {next_step::give_up, after};
}

} // namespace tandem::net
