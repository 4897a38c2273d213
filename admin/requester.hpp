// Who sent a console request: the role its token proved and the name the
// client gave. Every request to the engine carries one, so the engine can
// journal who changed what, and when.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::admin {

/// What a token allows. Numbers are stable (the journal records them).
enum class role : std::uint8_t {
  /// No token: only /healthz answers it.
  anonymous = 0,
  /// Reads state and metrics; changes nothing.
  read_only = 1,
  /// Everything read_only may, plus every command that changes state
  /// (pause, set, cancel-all, flatten, halt, clear).
  operator_ = 2,
};

/// Returns "anonymous", "read_only" or "operator".
std::string_view to_string(role r) noexcept;

/// Returns true when `have` may do what needs `need`.
constexpr bool allows(role have, role need) noexcept {
  return static_cast<std::uint8_t>(have) >= static_cast<std::uint8_t>(need);
}

/// The origin of one console request.
struct requester {
  admin::role role = role::anonymous;
  /// The name the client declared (header X-Tandem-Client, e.g.
  /// "alice@ops1"). Not authenticated: the token proves the role, the name
  /// only tells operators apart in the journal. "unknown" when absent.
  std::string name = "unknown";
  /// Unique within one gateway run; ties log lines to journal entries.
  std::uint64_t request_id = 0;
  /// When the gateway received the request (UTC).
  timestamp received_at;
};

/// Longest client name kept; longer names are cut.
inline constexpr std::size_t max_client_name = 64;

/// Returns `raw` made safe for logs and the journal: printable ASCII only
/// (anything else becomes '?'), at most max_client_name characters,
/// "unknown" when empty.
std::string sanitize_client_name(std::string_view raw);

} // namespace tandem::admin
