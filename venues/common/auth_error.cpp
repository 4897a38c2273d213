#include "venues/common/auth_error.hpp"

namespace tandem::venues {

// No `default:`, so -Wswitch flags a value added without a name.
std::string_view to_string(auth_error e) noexcept {
  switch (e) {
    case auth_error::missing_bearer: return "missing_bearer";
    case auth_error::malformed_token: return "malformed_token";
    case auth_error::bad_base64: return "bad_base64";
    case auth_error::malformed_json: return "malformed_json";
    case auth_error::unsupported_algorithm: return "unsupported_algorithm";
    case auth_error::signature_mismatch: return "signature_mismatch";
    case auth_error::missing_claim: return "missing_claim";
    case auth_error::unsupported_hash_algorithm:
      return "unsupported_hash_algorithm";
    case auth_error::missing_query_hash: return "missing_query_hash";
    case auth_error::query_hash_mismatch: return "query_hash_mismatch";
    case auth_error::malformed_body: return "malformed_body";
    case auth_error::missing_signature: return "missing_signature";
    case auth_error::malformed_signature: return "malformed_signature";
    case auth_error::misplaced_signature: return "misplaced_signature";
    case auth_error::crypto_failure: return "crypto_failure";
    case auth_error::empty_secret: return "empty_secret";
  }
  return "unknown_auth_error";
}

} // namespace tandem::venues
