// Errors of request signing and verification (venues/common, binance/signing,
// upbit/auth). Numbered in the 6xx range, after core's 1xx-5xx; numbers are
// pinned and a retired code is commented out, never reused.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string_view>
#include <variant>

namespace tandem::venues {

/// Why a request could not be signed or did not verify. Messages derived
/// from these never carry key material.
enum class auth_error : std::uint16_t {
  /// The Authorization header is not `Bearer <token>`.
  missing_bearer = 600,
  /// The token is not three dot-separated segments.
  malformed_token = 601,
  /// A segment or signature is not valid unpadded base64url.
  bad_base64 = 602,
  /// The JOSE header or claims are not a JSON object of the expected shape.
  malformed_json = 603,
  /// The token's `alg` is not HS256 or HS512 (e.g. "none", "RS256").
  unsupported_algorithm = 604,
  /// The signature does not match the signed bytes under this secret.
  signature_mismatch = 605,
  /// A required claim (access_key, nonce) is absent or empty.
  missing_claim = 606,
  /// `query_hash_alg` names something other than SHA512.
  unsupported_hash_algorithm = 607,
  /// The request has parameters but the token carries no query_hash.
  missing_query_hash = 608,
  /// The query_hash claim differs from the hash of the received request.
  query_hash_mismatch = 609,
  /// The request body is not a flat JSON object of scalars or arrays.
  malformed_body = 610,
  /// No `signature` parameter in the query string or body.
  missing_signature = 611,
  /// The `signature` parameter is not 64 hex digits.
  malformed_signature = 612,
  /// A `signature` parameter that is not the last one, or appears twice.
  misplaced_signature = 613,
  /// The crypto library failed (allocation); not caused by the input.
  crypto_failure = 614,
  /// An empty secret key; signing with it would be meaningless.
  empty_secret = 615,
};

/// Returns a stable lowercase name, e.g. "signature_mismatch".
std::string_view to_string(auth_error e) noexcept;

/// The outcome of a check that yields nothing but pass or an auth_error.
using auth_status = result<std::monostate, auth_error>;

/// Returns the passing auth_status.
inline auth_status auth_ok() { return std::monostate{}; }

} // namespace tandem::venues
