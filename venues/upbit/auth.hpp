// Upbit Exchange API authentication: a JWT in `Authorization: Bearer`,
// with claims access_key, nonce and, when the request has parameters,
// query_hash (lowercase hex SHA-512 of the parameter string) and
// query_hash_alg "SHA512" (the protocol reference venues/upbit-binance.md, A2).
// Signed with HS512 as the official docs do; HS256 (what ccxt sends) is
// supported too. Pure: the nonce, or the random bytes it is made from, is a
// parameter.
//
// The string that is hashed:
//  - GET/DELETE: the query string exactly as sent, `k1=v1&k2=v2`.
//  - POST: `k=v&k=v` from the JSON body's parameters in body order, not
//    URL-escaped.
//  - arrays: `key[]=v1&key[]=v2`. UNCONFIRMED in the reference (open item 2);
//    it is what Upbit's official Python example produces.
#pragma once

#include "core/result.hpp"
#include "venues/common/auth_error.hpp"
#include "venues/common/http_request.hpp"
#include "venues/common/jwt.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tandem::venues::upbit {

using venues::jwt_alg;

/// GET and DELETE carry params in the query, POST in a JSON body.
using venues::http_method;

/// One request parameter, unencoded; order is kept as given. An array is
/// written as consecutive entries with the same key and `array` set; its
/// query form is `key[]=v` (the "[]" is added unless the key ends in it),
/// its JSON form one array under `key` as given.
struct param {
  std::string_view key;
  std::string_view value;
  bool array = false;
};

/// An Upbit API key pair. The secret is used as raw bytes, not decoded.
struct credentials {
  std::string_view access_key;
  std::string_view secret_key;
};

/// Returns a random (version 4, RFC 4122) UUID string made from
/// `random_bytes`, e.g. "b2f1e3f8-2dc1-4d6f-a838-c74c49b0e39a".
std::string make_nonce(std::span<const std::uint8_t, 16> random_bytes);

/// Returns the query string for GET/DELETE: keys and values
/// percent-encoded (RFC 3986 unreserved kept), array keys ending in a
/// literal "[]". This is also the string whose hash the token carries.
std::string encode_query(std::span<const param> params);

/// Returns the JSON object body for POST, keys in the order given, every
/// value a JSON string (Upbit's numeric fields are decimal strings).
std::string json_body(std::span<const param> params);

/// Returns the unescaped `k=v&k[]=v` string a POST's query_hash covers.
std::string hash_input(std::span<const param> params);

/// Returns lowercase hex SHA-512 of `input`.
result<std::string, auth_error> query_hash(std::string_view input);

/// The claims of an Upbit token.
struct token_claims {
  std::string access_key;
  /// Unique per request; the verifier only exposes it, the simulator
  /// decides `nonce_used`.
  std::string nonce;
  /// Present exactly when the request has parameters.
  std::optional<std::string> query_hash;
};

/// Returns the claims as compact JSON, with query_hash_alg "SHA512" added
/// when a query_hash is present.
std::string claims_json(const token_claims& c);

/// Returns the signed compact JWT for `c`.
result<std::string, auth_error> make_token(const token_claims& c,
                                           std::string_view secret_key,
                                           jwt_alg alg = jwt_alg::hs512);

/// A request ready for the wire.
struct signed_request {
  /// Query string without '?', for GET/DELETE; empty for POST.
  std::string query;
  /// JSON body for POST with parameters; empty otherwise.
  std::string body;
  /// The Authorization header's value, "Bearer <jwt>".
  std::string authorization;
};

/// Builds the query or body for `params`, hashes it as Upbit requires, and
/// signs a token carrying `nonce`.
result<signed_request, auth_error> sign_request(http_method method,
                                                std::span<const param> params,
                                                const credentials& creds,
                                                std::string_view nonce,
                                                jwt_alg alg = jwt_alg::hs512);

// -- verifier (for the simulator) --------------------------------------------

/// A request as the simulator received it.
struct received_request {
  http_method method = http_method::get;
  /// The raw query string without '?'.
  std::string_view query;
  /// The raw body (JSON for POST).
  std::string_view body;
  /// The raw Authorization header value.
  std::string_view authorization;
};

/// A decoded bearer token: its algorithm is HS256/HS512, its signature is
/// not checked yet (the secret is looked up by `claims.access_key` first).
struct bearer_token {
  jwt_decoded jwt;
  token_claims claims;
};

/// Parses `Bearer <jwt>` and the token's claims. Errors: missing_bearer,
/// malformed_token, bad_base64, malformed_json, unsupported_algorithm,
/// unsupported_hash_algorithm, missing_claim.
result<bearer_token, auth_error> parse_bearer(std::string_view authorization);

/// Returns the unescaped `k=v` string of a received POST body. Errors:
/// malformed_body for anything but an object of strings, integers, booleans
/// or arrays of those (a JSON float has no single text form to hash).
result<std::string, auth_error> body_hash_input(std::string_view body);

/// Checks `c.query_hash` against the received request. GET/DELETE: the raw
/// query as sent; its percent-decoded form is accepted too, because Upbit's
/// official Python example sends `states%5B%5D=...` but hashes the unquoted
/// string (UNCONFIRMED which one the server uses). POST: body_hash_input;
/// a POST with a query string is refused, as those params are unhashed.
/// Errors: missing_query_hash, query_hash_mismatch, malformed_body.
auth_status check_query_hash(const token_claims& c, http_method method,
                             std::string_view query, std::string_view body);

/// Runs parse_bearer, the signature check and check_query_hash with one
/// secret; returns the claims, whose nonce the caller must still check.
result<token_claims, auth_error> verify_request(const received_request& request,
                                                std::string_view secret_key);

/// Returns the Upbit `error.name` (HTTP 401) for a verifier failure:
/// "invalid_query_payload" for query-hash problems, "jwt_verification" for
/// the rest.
std::string_view upbit_error_name(auth_error e) noexcept;

} // namespace tandem::venues::upbit
