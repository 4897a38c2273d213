#include "venues/upbit/auth.hpp"

#include "venues/common/crypto.hpp"
#include "venues/common/hex.hpp"
#include "venues/common/json_string.hpp"
#include "venues/common/percent_encoding.hpp"

#include <simdjson.h>

namespace tandem::venues::upbit {

namespace {

constexpr std::string_view sha512_name = "SHA512";

// The key without a trailing "[]", which array entries add back.
std::string_view base_key(std::string_view key) {
  if (key.ends_with("[]"))
    key.remove_suffix(2);
  return key;
}

void append_pair(std::string& out, std::string_view key, bool array,
                 std::string_view value) {
  if (!out.empty())
    out.push_back('&');
  out += array ? base_key(key) : key;
  if (array)
    out += "[]";
  out.push_back('=');
  out += value;
}

// Appends one scalar of a received body in its `k=v` text form.
bool append_scalar(std::string& out, std::string_view key, bool array,
                   simdjson::dom::element value) {
  using simdjson::dom::element_type;
  switch (value.type()) {
    case element_type::STRING: {
      std::string_view s;
      if (value.get_string().get(s))
        return false;
      append_pair(out, key, array, s);
      return true;
    }
    case element_type::INT64: {
      std::int64_t i = 0;
      if (value.get_int64().get(i))
        return false;
      append_pair(out, key, array, std::to_string(i));
      return true;
    }
    case element_type::UINT64: {
      std::uint64_t u = 0;
      if (value.get_uint64().get(u))
        return false;
      append_pair(out, key, array, std::to_string(u));
      return true;
    }
    case element_type::BOOL: {
      bool b = false;
      if (value.get_bool().get(b))
        return false;
      append_pair(out, key, array, b ? "true" : "false");
      return true;
    }
    // A float's text is not preserved by the parser; null and nesting
    // have no k=v form.
    case element_type::DOUBLE:
    case element_type::NULL_VALUE:
    case element_type::ARRAY:
    case element_type::OBJECT: return false;
  }
  return false;
}

bool hash_matches(std::string_view claimed, std::string_view input) {
  auto computed = query_hash(input);
  return computed && constant_time_equal(*computed, claimed);
}

// Reads one string claim; a repeat or a non-string is malformed.
bool read_claim(std::optional<std::string>& slot,
                simdjson::dom::element value) {
  std::string_view s;
  if (slot || value.get_string().get(s))
    return false;
  slot = std::string(s);
  return true;
}

result<token_claims, auth_error> parse_claims(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root))
    return failure{auth_error::malformed_json};
  simdjson::dom::object obj;
  if (root.get_object().get(obj))
    return failure{auth_error::malformed_json};
  std::optional<std::string> access_key, nonce, hash, hash_alg;
  for (auto [key, value] : obj) {
    std::optional<std::string>* slot = nullptr;
    if (key == "access_key")
      slot = &access_key;
    else if (key == "nonce")
      slot = &nonce;
    else if (key == "query_hash")
      slot = &hash;
    else if (key == "query_hash_alg")
      slot = &hash_alg;
    // Other claims (iat, the legacy `query`) are ignored, not trusted.
    if (slot && !read_claim(*slot, value))
      return failure{auth_error::malformed_json};
  }
  if (hash_alg && *hash_alg != sha512_name)
    return failure{auth_error::unsupported_hash_algorithm};
  if (!access_key || access_key->empty() || !nonce || nonce->empty())
    return failure{auth_error::missing_claim};
  token_claims c;
  c.access_key = std::move(*access_key);
  c.nonce = std::move(*nonce);
  c.query_hash = std::move(hash);
  return c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto x = a[i] >= 'A' && a[i] <= 'Z' ? a[i] - 'A' + 'a' : a[i];
    auto y = b[i] >= 'A' && b[i] <= 'Z' ? b[i] - 'A' + 'a' : b[i];
    if (x != y)
      return false;
  }
  return true;
}

} // namespace

// -- signing ----------------------------------------------------------------

std::string make_nonce(std::span<const std::uint8_t, 16> random_bytes) {
  std::array<unsigned char, 16> b{};
  for (std::size_t i = 0; i < b.size(); ++i)
    b[i] = random_bytes[i];
  // RFC 4122 section 4.4: version 4 in the high nibble of byte 6, variant
  // 10xx in the high bits of byte 8.
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  auto hex = to_hex(b);
  std::string out;
  out.reserve(36);
  out.append(hex, 0, 8).push_back('-');
  out.append(hex, 8, 4).push_back('-');
  out.append(hex, 12, 4).push_back('-');
  out.append(hex, 16, 4).push_back('-');
  out.append(hex, 20, 12);
  return out;
}

std::string encode_query(std::span<const param> params) {
  std::string out;
  for (const auto& p : params) {
    if (!out.empty())
      out.push_back('&');
    append_percent_encoded(out, p.array ? base_key(p.key) : p.key);
    // The brackets stay literal, as in the reference's `states[]=wait`.
    if (p.array)
      out += "[]";
    out.push_back('=');
    append_percent_encoded(out, p.value);
  }
  return out;
}

std::string json_body(std::span<const param> params) {
  std::string out = "{";
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    bool continues_array
      = p.array && i > 0 && params[i - 1].array && params[i - 1].key == p.key;
    if (continues_array) {
      out.push_back(',');
    } else {
      if (i > 0)
        out.push_back(',');
      append_json_string(out, p.key);
      out.push_back(':');
      if (p.array)
        out.push_back('[');
    }
    append_json_string(out, p.value);
    bool array_ends = p.array
                      && (i + 1 == params.size() || !params[i + 1].array
                          || params[i + 1].key != p.key);
    if (array_ends)
      out.push_back(']');
  }
  out.push_back('}');
  return out;
}

std::string hash_input(std::span<const param> params) {
  std::string out;
  for (const auto& p : params)
    append_pair(out, p.key, p.array, p.value);
  return out;
}

result<std::string, auth_error> query_hash(std::string_view input) {
  auto digest = sha512(input);
  if (!digest)
    return failure{digest.error()};
  return to_hex(*digest);
}

std::string claims_json(const token_claims& c) {
  std::string out = R"({"access_key":)";
  append_json_string(out, c.access_key);
  out += R"(,"nonce":)";
  append_json_string(out, c.nonce);
  if (c.query_hash) {
    out += R"(,"query_hash":)";
    append_json_string(out, *c.query_hash);
    out += R"(,"query_hash_alg":"SHA512")";
  }
  out.push_back('}');
  return out;
}

result<std::string, auth_error>
make_token(const token_claims& c, std::string_view secret_key, jwt_alg alg) {
  return jwt_encode(claims_json(c), secret_key, alg);
}

result<signed_request, auth_error>
sign_request(http_method method, std::span<const param> params,
             const credentials& creds, std::string_view nonce, jwt_alg alg) {
  signed_request out;
  token_claims c;
  c.access_key = std::string(creds.access_key);
  c.nonce = std::string(nonce);
  if (!params.empty()) {
    std::string input;
    if (method == http_method::post) {
      out.body = json_body(params);
      input = hash_input(params);
    } else {
      out.query = encode_query(params);
      input = out.query; // hashed exactly as sent
    }
    auto hash = query_hash(input);
    if (!hash)
      return failure{hash.error()};
    c.query_hash = std::move(*hash);
  }
  auto token = make_token(c, creds.secret_key, alg);
  if (!token)
    return failure{token.error()};
  out.authorization = "Bearer " + *token;
  return out;
}

// -- verifier -----------------------------------------------------------------

result<bearer_token, auth_error> parse_bearer(std::string_view authorization) {
  // The auth scheme is case-insensitive (RFC 9110 section 11.1).
  constexpr std::string_view scheme = "bearer ";
  if (authorization.size() <= scheme.size()
      || !iequals(authorization.substr(0, scheme.size()), scheme))
    return failure{auth_error::missing_bearer};
  auto jwt = jwt_decode(authorization.substr(scheme.size()));
  if (!jwt)
    return failure{jwt.error()};
  auto c = parse_claims(jwt->claims_json);
  if (!c)
    return failure{c.error()};
  return bearer_token{std::move(*jwt), std::move(*c)};
}

result<std::string, auth_error> body_hash_input(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root))
    return failure{auth_error::malformed_body};
  simdjson::dom::object obj;
  if (root.get_object().get(obj))
    return failure{auth_error::malformed_body};
  std::string out;
  for (auto [key, value] : obj) {
    if (value.type() != simdjson::dom::element_type::ARRAY) {
      if (!append_scalar(out, key, false, value))
        return failure{auth_error::malformed_body};
      continue;
    }
    simdjson::dom::array items;
    if (value.get_array().get(items))
      return failure{auth_error::malformed_body};
    for (auto item : items)
      if (!append_scalar(out, key, true, item))
        return failure{auth_error::malformed_body};
  }
  return out;
}

auth_status check_query_hash(const token_claims& c, http_method method,
                             std::string_view query, std::string_view body) {
  std::string input;
  if (method == http_method::post) {
    // Upbit POSTs carry their params in the JSON body; params in the URL
    // would not be covered by the hash, so they are refused, not ignored.
    if (!query.empty())
      return failure{auth_error::query_hash_mismatch};
    if (!body.empty()) {
      auto built = body_hash_input(body);
      if (!built)
        return failure{built.error()};
      input = std::move(*built);
    }
  } else {
    input = std::string(query);
  }
  if (!c.query_hash) {
    // A token without query_hash only covers a request without params.
    if (input.empty())
      return auth_ok();
    return failure{auth_error::missing_query_hash};
  }
  if (hash_matches(*c.query_hash, input))
    return auth_ok();
  if (method != http_method::post && input.find('%') != std::string::npos) {
    auto decoded = percent_decode(input);
    if (decoded && hash_matches(*c.query_hash, *decoded))
      return auth_ok();
  }
  return failure{auth_error::query_hash_mismatch};
}

result<token_claims, auth_error> verify_request(const received_request& request,
                                                std::string_view secret_key) {
  auto token = parse_bearer(request.authorization);
  if (!token)
    return failure{token.error()};
  if (auto ok = jwt_verify(token->jwt, secret_key); !ok)
    return failure{ok.error()};
  if (auto ok = check_query_hash(token->claims, request.method, request.query,
                                 request.body);
      !ok)
    return failure{ok.error()};
  return std::move(token->claims);
}

std::string_view upbit_error_name(auth_error e) noexcept {
  // No `default:`: a new auth_error must be placed on one side explicitly.
  switch (e) {
    case auth_error::unsupported_hash_algorithm:
    case auth_error::missing_query_hash:
    case auth_error::query_hash_mismatch:
    case auth_error::malformed_body: return "invalid_query_payload";
    case auth_error::missing_bearer:
    case auth_error::malformed_token:
    case auth_error::bad_base64:
    case auth_error::malformed_json:
    case auth_error::unsupported_algorithm:
    case auth_error::signature_mismatch:
    case auth_error::missing_claim:
    case auth_error::missing_signature:
    case auth_error::malformed_signature:
    case auth_error::misplaced_signature:
    case auth_error::crypto_failure:
    case auth_error::empty_secret: return "jwt_verification";
  }
  return "jwt_verification";
}

} // namespace tandem::venues::upbit
