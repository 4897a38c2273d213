// Bearer-token authentication for the admin API. Tokens are compared in
// constant time (SHA-256 of both sides, then CRYPTO_memcmp), so neither the
// content nor the length of a configured token leaks through timing, and
// both roles are always checked so the timing does not tell which matched.
#pragma once

#include "admin/requester.hpp"
#include "config/secret.hpp"
#include "core/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::admin {

/// The configured tokens (config/secrets.hpp resolves them). An empty
/// token disables its role.
struct token_set {
  secret operator_token;
  secret readonly_token;
};

/// Why a request was not authenticated. Logged by name, never with the
/// token.
enum class auth_failure : std::uint8_t {
  /// No Authorization header.
  missing = 1,
  /// An Authorization header that is not "Bearer <token>".
  not_bearer = 2,
  /// A bearer token that matches no configured token.
  unknown_token = 3,
};

/// Returns "missing", "not_bearer" or "unknown_token".
std::string_view to_string(auth_failure f) noexcept;

/// Maps a bearer token to its role.
class authenticator {
 public:
  /// Returns an authenticator, or a message when no token is configured at
  /// all or when both roles share one token (the role would be ambiguous).
  static result<authenticator, std::string> make(const token_set& tokens);

  /// Returns the role that the value of an Authorization header grants.
  /// The scheme ("Bearer") is matched case-insensitively.
  result<role, auth_failure> check(std::string_view authorization) const;

 private:
  using digest = std::array<unsigned char, 32>;
  authenticator() = default;

  digest operator_{};
  digest readonly_{};
  bool has_operator_ = false;
  bool has_readonly_ = false;
};

} // namespace tandem::admin
