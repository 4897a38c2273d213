// Binance USD-M futures HMAC-SHA256 request signing ("SIGNED" endpoints,
// security types TRADE and USER_DATA), and its server-side verifier.
//
// signature = lowercase hex HMAC-SHA256(secret, totalParams), where
// totalParams is the query string concatenated with the request body, no
// separator between them (the protocol reference venues/upbit-binance.md, B2).
//
// Percent-encoding: the spot docs say non-ASCII characters are
// percent-encoded *before* signing, and the signature is taken over the
// bytes as sent (vector S2). The futures docs say nothing (UNCONFIRMED), so
// we take the stricter rule: every byte outside RFC 3986's unreserved set is
// encoded (uppercase hex, space as %20), keys included, and we sign exactly
// the encoded bytes that go on the wire. For the plain ASCII values of the
// official vectors this changes nothing.
#pragma once

#include "core/result.hpp"
#include "venues/common/auth_error.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tandem::venues::binance {

/// The header that carries the API key on every keyed request.
inline constexpr std::string_view api_key_header = "X-MBX-APIKEY";

/// One request parameter, unencoded; order is kept as given.
struct param {
  std::string_view key;
  std::string_view value;
};

/// What a signed request needs besides its parameters.
struct signing_input {
  /// Milliseconds since the epoch, taken from the caller's (synced) clock.
  std::int64_t timestamp_ms = 0;
  /// Validity window in ms; the venue assumes 5000 when absent.
  std::optional<std::int64_t> recv_window_ms;
};

/// A request ready for the wire.
struct signed_request {
  /// Encoded query string without the leading '?'; may be empty.
  std::string query;
  /// Encoded `application/x-www-form-urlencoded` body; may be empty.
  std::string body;
  /// Lowercase hex signature, also appended as the last parameter.
  std::string signature;
};

/// Returns `params` percent-encoded and joined as `k=v&k=v`.
std::string encode_params(std::span<const param> params);

/// Returns lowercase hex HMAC-SHA256(secret, total_params).
result<std::string, auth_error> sign_payload(std::string_view secret,
                                             std::string_view total_params);

/// Builds and signs a request: `query_params` go to the query string and
/// `body_params` to the body, in the order given; then `recvWindow` (when
/// set), `timestamp` and `signature` are appended to the body when there
/// are body parameters, else to the query, so the signature is always the
/// last parameter of query + body as Binance requires.
result<signed_request, auth_error>
sign_request(std::span<const param> query_params,
             std::span<const param> body_params, const signing_input& in,
             std::string_view secret);

/// A received request whose signature verified.
struct verified_request {
  /// The signed bytes: query and body as received, `signature` removed.
  std::string total_params;
};

/// Recomputes the signature of a received request (query without '?', raw
/// body) and compares it with its `signature` parameter in constant time.
/// The signature must be the last parameter of the query string or of the
/// body, appear once, and be 64 hex digits (either case: Binance treats
/// HMAC signatures as case-insensitive). Errors: missing_signature,
/// misplaced_signature, malformed_signature, signature_mismatch,
/// empty_secret.
result<verified_request, auth_error> verify_request(std::string_view query,
                                                    std::string_view body,
                                                    std::string_view secret);

/// Returns the Binance error code a verifier failure maps to: -1102 for a
/// missing signature (mandatory parameter), -1022 (INVALID_SIGNATURE) else.
int binance_error_code(auth_error e) noexcept;

} // namespace tandem::venues::binance
