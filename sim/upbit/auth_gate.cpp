#include "sim/upbit/auth_gate.hpp"

#include "venues/upbit/auth.hpp"

namespace tandem::sim::upbit {

namespace vu = venues::upbit;

namespace {

failure<auth_refusal> refuse(std::string_view name, std::string message) {
  return failure{auth_refusal{std::string{name}, std::move(message)}};
}

failure<auth_refusal> refuse(venues::auth_error e) {
  return refuse(vu::upbit_error_name(e),
                "auth_error=" + std::string{venues::to_string(e)});
}

} // namespace

auth_gate::auth_gate(const venue_config& cfg) {
  for (const auto& a : cfg.accounts)
    secrets_[a.access_key] = a.secret_key;
}

result<std::string, auth_refusal>
auth_gate::authenticate(venues::http_method method, std::string_view query,
                        std::string_view body, std::string_view authorization) {
  auto token = vu::parse_bearer(authorization);
  if (!token)
    return refuse(token.error());
  auto secret = secrets_.find(token->claims.access_key);
  if (secret == secrets_.end())
    return refuse("invalid_access_key", "unknown access key");
  if (auto ok = venues::jwt_verify(token->jwt, secret->second); !ok)
    return refuse(ok.error());
  if (auto ok = vu::check_query_hash(token->claims, method, query, body); !ok)
    return refuse(ok.error());
  auto& seen = nonces_[token->claims.access_key];
  if (!seen.insert(token->claims.nonce).second)
    return refuse("nonce_used", "nonce already used");
  return token->claims.access_key;
}

} // namespace tandem::sim::upbit
