#include "venues/binance/signing.hpp"

#include "venues/common/crypto.hpp"
#include "venues/common/hex.hpp"
#include "venues/common/percent_encoding.hpp"

#include <array>

namespace tandem::venues::binance {

namespace {

constexpr std::string_view signature_key = "signature=";

void append_param(std::string& out, std::string_view key,
                  std::string_view value) {
  if (!out.empty())
    out.push_back('&');
  append_percent_encoded(out, key);
  out.push_back('=');
  append_percent_encoded(out, value);
}

// Where the `signature` parameter sits in one part (query or body).
struct signature_slot {
  /// The part without the signature parameter (and its leading '&').
  std::string_view rest;
  /// The signature's value.
  std::string_view value;
};

// Finds `signature=` as a whole parameter. Returns nullopt when absent,
// misplaced_signature when it is not last or appears twice.
result<std::optional<signature_slot>, auth_error>
find_signature(std::string_view part) {
  std::optional<signature_slot> found;
  std::size_t start = 0;
  while (start <= part.size() && !part.empty()) {
    auto end = part.find('&', start);
    auto last = end == std::string_view::npos;
    auto item = part.substr(start, last ? std::string_view::npos : end - start);
    if (item.starts_with(signature_key)) {
      if (found || !last)
        return failure{auth_error::misplaced_signature};
      // Drop the '&' before it too; a lone "signature=..." leaves "".
      auto cut = start == 0 ? 0 : start - 1;
      found = signature_slot{part.substr(0, cut),
                             item.substr(signature_key.size())};
    }
    if (last)
      break;
    start = end + 1;
  }
  return found;
}

} // namespace

std::string encode_params(std::span<const param> params) {
  std::string out;
  for (const auto& p : params)
    append_param(out, p.key, p.value);
  return out;
}

result<std::string, auth_error> sign_payload(std::string_view secret,
                                             std::string_view total_params) {
  if (secret.empty())
    return failure{auth_error::empty_secret};
  auto tag = hmac_sha256(secret, total_params);
  if (!tag)
    return failure{tag.error()};
  return to_hex(*tag);
}

result<signed_request, auth_error>
sign_request(std::span<const param> query_params,
             std::span<const param> body_params, const signing_input& in,
             std::string_view secret) {
  signed_request out;
  out.query = encode_params(query_params);
  out.body = encode_params(body_params);
  auto& tail = body_params.empty() ? out.query : out.body;
  // recvWindow before timestamp, as in every official example.
  if (in.recv_window_ms)
    append_param(tail, "recvWindow", std::to_string(*in.recv_window_ms));
  append_param(tail, "timestamp", std::to_string(in.timestamp_ms));
  auto sig = sign_payload(secret, out.query + out.body);
  if (!sig)
    return failure{sig.error()};
  out.signature = std::move(*sig);
  append_param(tail, "signature", out.signature);
  return out;
}

result<verified_request, auth_error> verify_request(std::string_view query,
                                                    std::string_view body,
                                                    std::string_view secret) {
  if (secret.empty())
    return failure{auth_error::empty_secret};
  auto in_query = find_signature(query);
  if (!in_query)
    return failure{in_query.error()};
  auto in_body = find_signature(body);
  if (!in_body)
    return failure{in_body.error()};
  if (*in_query && *in_body)
    return failure{auth_error::misplaced_signature};
  if (!*in_query && !*in_body)
    return failure{auth_error::missing_signature};
  verified_request out;
  std::string_view received;
  if (*in_query) {
    // A signature in the query must end the whole request: a body after it
    // would be signed-over bytes that follow the signature.
    if (!body.empty())
      return failure{auth_error::misplaced_signature};
    out.total_params = std::string((*in_query)->rest);
    received = (*in_query)->value;
  } else {
    out.total_params = std::string(query);
    out.total_params += (*in_body)->rest;
    received = (*in_body)->value;
  }
  std::array<unsigned char, 32> claimed{};
  if (!from_hex(received, claimed))
    return failure{auth_error::malformed_signature};
  auto expected = hmac_sha256(secret, out.total_params);
  if (!expected)
    return failure{expected.error()};
  if (!constant_time_equal(*expected, claimed))
    return failure{auth_error::signature_mismatch};
  return out;
}

int binance_error_code(auth_error e) noexcept {
  return e == auth_error::missing_signature ? -1102 : -1022;
}

} // namespace tandem::venues::binance
