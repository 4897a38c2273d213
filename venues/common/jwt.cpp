#include "venues/common/jwt.hpp"

#include "venues/common/base64url.hpp"
#include "venues/common/crypto.hpp"

#include <simdjson.h>

#include <optional>

namespace tandem::venues {

namespace {

std::optional<jwt_alg> alg_from_name(std::string_view name) noexcept {
  if (name == "HS256")
    return jwt_alg::hs256;
  if (name == "HS512")
    return jwt_alg::hs512;
  return std::nullopt;
}

// Returns the tag as raw bytes in a string, to compare or to encode.
result<std::string, auth_error> mac(jwt_alg alg, std::string_view secret,
                                    std::string_view input) {
  switch (alg) {
    case jwt_alg::hs256: {
      auto tag = hmac_sha256(secret, input);
      if (!tag)
        return failure{tag.error()};
      return std::string(tag->begin(), tag->end());
    }
    case jwt_alg::hs512: {
      auto tag = hmac_sha512(secret, input);
      if (!tag)
        return failure{tag.error()};
      return std::string(tag->begin(), tag->end());
    }
  }
  return failure{auth_error::unsupported_algorithm};
}

// Reads the JOSE header's "alg". Other members are ignored, except that a
// second "alg" is refused: two parsers could pick different ones.
result<jwt_alg, auth_error> parse_header(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root))
    return failure{auth_error::malformed_json};
  simdjson::dom::object obj;
  if (root.get_object().get(obj))
    return failure{auth_error::malformed_json};
  std::optional<std::string_view> alg_name;
  for (auto [key, value] : obj) {
    if (key != "alg")
      continue;
    std::string_view name;
    if (alg_name || value.get_string().get(name))
      return failure{auth_error::malformed_json};
    alg_name = name;
  }
  if (!alg_name)
    return failure{auth_error::malformed_json};
  auto alg = alg_from_name(*alg_name);
  if (!alg)
    return failure{auth_error::unsupported_algorithm};
  return *alg;
}

} // namespace

std::string_view to_string(jwt_alg alg) noexcept {
  switch (alg) {
    case jwt_alg::hs256: return "HS256";
    case jwt_alg::hs512: return "HS512";
  }
  return "unknown";
}

result<std::string, auth_error>
jwt_encode(std::string_view claims_json, std::string_view secret, jwt_alg alg) {
  if (secret.empty())
    return failure{auth_error::empty_secret};
  std::string header = R"({"alg":")";
  header += to_string(alg);
  header += R"(","typ":"JWT"})";
  std::string token = base64url_encode(header);
  token.push_back('.');
  token += base64url_encode(claims_json);
  auto tag = mac(alg, secret, token);
  if (!tag)
    return failure{tag.error()};
  token.push_back('.');
  token += base64url_encode(*tag);
  return token;
}

result<jwt_decoded, auth_error> jwt_decode(std::string_view token) {
  auto first = token.find('.');
  if (first == std::string_view::npos)
    return failure{auth_error::malformed_token};
  auto second = token.find('.', first + 1);
  if (second == std::string_view::npos
      || token.find('.', second + 1) != std::string_view::npos)
    return failure{auth_error::malformed_token};
  auto header_b64 = token.substr(0, first);
  auto claims_b64 = token.substr(first + 1, second - first - 1);
  auto signature_b64 = token.substr(second + 1);
  if (header_b64.empty() || claims_b64.empty())
    return failure{auth_error::malformed_token};
  auto header = base64url_decode(header_b64);
  if (!header)
    return failure{auth_error::bad_base64};
  // The algorithm is judged before the signature is even decoded, so an
  // unsigned "none" token is refused for what it is.
  auto alg = parse_header(*header);
  if (!alg)
    return failure{alg.error()};
  auto claims = base64url_decode(claims_b64);
  auto signature = base64url_decode(signature_b64);
  if (!claims || !signature)
    return failure{auth_error::bad_base64};
  jwt_decoded out;
  out.alg = *alg;
  out.signing_input = std::string(token.substr(0, second));
  out.claims_json = std::move(*claims);
  out.signature = std::move(*signature);
  return out;
}

auth_status jwt_verify(const jwt_decoded& token, std::string_view secret) {
  if (secret.empty())
    return failure{auth_error::empty_secret};
  auto expected = mac(token.alg, secret, token.signing_input);
  if (!expected)
    return failure{expected.error()};
  if (!constant_time_equal(*expected, token.signature))
    return failure{auth_error::signature_mismatch};
  return auth_ok();
}

} // namespace tandem::venues
