#include "admin/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>

namespace tandem::admin {

namespace {

std::array<unsigned char, 32> sha256(std::string_view s) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  // EVP_Digest only fails on allocation failure; the zero digest it leaves
  // then matches no configured token (those are hashed at start-up).
  EVP_Digest(s.data(), s.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i]))
        != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

} // namespace

std::string_view to_string(role r) noexcept {
  switch (r) {
    case role::anonymous: return "anonymous";
    case role::read_only: return "read_only";
    case role::operator_: return "operator";
  }
  return "unknown";
}

std::string sanitize_client_name(std::string_view raw) {
  raw = trim(raw);
  if (raw.empty())
    return "unknown";
  std::string out;
  out.reserve(std::min(raw.size(), max_client_name));
  for (char c : raw.substr(0, max_client_name))
    out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

std::string_view to_string(auth_failure f) noexcept {
  switch (f) {
    case auth_failure::missing: return "missing";
    case auth_failure::not_bearer: return "not_bearer";
    case auth_failure::unknown_token: return "unknown_token";
  }
  return "unknown";
}

result<authenticator, std::string>
authenticator::make(const token_set& tokens) {
  if (tokens.operator_token.empty() && tokens.readonly_token.empty())
    return failure{std::string{
      "no console token configured: set console.operator_token_env (and "
      "optionally console.readonly_token_env) or console.token_file"}};
  if (!tokens.operator_token.empty()
      && tokens.operator_token == tokens.readonly_token)
    return failure{std::string{
      "the operator and the read-only console tokens are the same: a "
      "request could not be told apart; configure two different tokens"}};
  authenticator a;
  a.has_operator_ = !tokens.operator_token.empty();
  a.has_readonly_ = !tokens.readonly_token.empty();
  if (a.has_operator_)
    a.operator_ = sha256(tokens.operator_token.expose());
  if (a.has_readonly_)
    a.readonly_ = sha256(tokens.readonly_token.expose());
  return a;
}

result<role, auth_failure>
authenticator::check(std::string_view authorization) const {
  authorization = trim(authorization);
  if (authorization.empty())
    return failure{auth_failure::missing};
  auto space = authorization.find(' ');
  if (space == std::string_view::npos
      || !iequals(authorization.substr(0, space), "Bearer"))
    return failure{auth_failure::not_bearer};
  auto token = trim(authorization.substr(space + 1));
  if (token.empty())
    return failure{auth_failure::not_bearer};
  auto d = sha256(token);
  // Both comparisons always run; the branch below depends only on results
  // an attacker learns anyway (which role, if any, the token has).
  bool is_operator
    = CRYPTO_memcmp(d.data(), operator_.data(), d.size()) == 0 && has_operator_;
  bool is_readonly
    = CRYPTO_memcmp(d.data(), readonly_.data(), d.size()) == 0 && has_readonly_;
  if (is_operator)
    return role::operator_;
  if (is_readonly)
    return role::read_only;
  return failure{auth_failure::unknown_token};
}

} // namespace tandem::admin
