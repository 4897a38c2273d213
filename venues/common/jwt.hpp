// Compact JWS (RFC 7515) with the HMAC algorithms only: HS256 and HS512.
// Anything else, "none" above all, is refused when decoding, so a token can
// never choose to skip its own signature check.
#pragma once

#include "core/result.hpp"
#include "venues/common/auth_error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::venues {

/// The JWS algorithms a token may name.
enum class jwt_alg : std::uint8_t {
  /// HMAC with SHA-256.
  hs256,
  /// HMAC with SHA-512.
  hs512,
};

/// Returns the JOSE name, "HS256" or "HS512".
std::string_view to_string(jwt_alg alg) noexcept;

/// Returns the compact token `b64(header).b64(claims).b64(tag)` with the
/// header `{"alg":...,"typ":"JWT"}`. `claims_json` is signed as given.
result<std::string, auth_error>
jwt_encode(std::string_view claims_json, std::string_view secret, jwt_alg alg);

/// A compact token split and decoded; its signature is not checked yet.
struct jwt_decoded {
  /// The algorithm the header names.
  jwt_alg alg = jwt_alg::hs512;
  /// The signed bytes: the first two segments as received, with the dot.
  std::string signing_input;
  /// The decoded claims segment (a JSON text, not yet parsed).
  std::string claims_json;
  /// The decoded signature bytes.
  std::string signature;
};

/// Splits `token`, decodes its segments and checks the header's `alg`.
/// Errors: malformed_token, bad_base64, malformed_json,
/// unsupported_algorithm.
result<jwt_decoded, auth_error> jwt_decode(std::string_view token);

/// Returns ok when `token.signature` is the HMAC of its signing input under
/// `secret` and its own algorithm, compared in constant time; else
/// signature_mismatch.
auth_status jwt_verify(const jwt_decoded& token, std::string_view secret);

} // namespace tandem::venues
