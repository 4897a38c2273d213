// Authentication of Exchange (private) calls: the Bearer JWT is decoded,
// its access key looked up, its signature (HS256/HS512) and query_hash
// checked with venues/upbit/auth.hpp's verifier, and its nonce remembered so
// a second use is refused. Failures carry Upbit's 401 error name.
#pragma once

#include "core/result.hpp"
#include "sim/upbit/config.hpp"
#include "venues/common/http_request.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace tandem::sim::upbit {

/// A refused call: Upbit's `error.name` and a message (HTTP 401).
struct auth_refusal {
  std::string name;
  std::string message;
};

/// Checks tokens against the configured accounts.
class auth_gate {
 public:
  explicit auth_gate(const venue_config& cfg);

  /// Returns the caller's access key, or why it is refused:
  /// jwt_verification (no/garbled token, bad signature, other algorithm),
  /// invalid_access_key (unknown key), invalid_query_payload (query_hash
  /// missing or not matching), nonce_used (nonce seen before). A nonce is
  /// remembered only once the token verified.
  result<std::string, auth_refusal>
  authenticate(venues::http_method method, std::string_view query,
               std::string_view body, std::string_view authorization);

 private:
  std::map<std::string, std::string, std::less<>> secrets_;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>>
    nonces_;
};

} // namespace tandem::sim::upbit
