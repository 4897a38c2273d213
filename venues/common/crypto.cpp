#include "venues/common/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>

namespace tandem::venues {

namespace {

// OpenSSL wants non-null pointers even for empty inputs.
const unsigned char empty_byte = 0;

const unsigned char* bytes_of(std::string_view s) noexcept {
  return s.empty() ? &empty_byte
                   : reinterpret_cast<const unsigned char*>(s.data());
}

template<std::size_t N>
result<std::array<unsigned char, N>, auth_error>
hmac(const EVP_MD* md, std::string_view key, std::string_view data) noexcept {
  if (key.size() > static_cast<std::size_t>(INT_MAX))
    return failure{auth_error::crypto_failure};
  std::array<unsigned char, N> tag{};
  unsigned int len = 0;
  if (HMAC(md, bytes_of(key), static_cast<int>(key.size()), bytes_of(data),
           data.size(), tag.data(), &len)
        == nullptr
      || len != N)
    return failure{auth_error::crypto_failure};
  return tag;
}

} // namespace

result<digest256, auth_error> hmac_sha256(std::string_view key,
                                          std::string_view data) noexcept {
  return hmac<32>(EVP_sha256(), key, data);
}

result<digest512, auth_error> hmac_sha512(std::string_view key,
                                          std::string_view data) noexcept {
  return hmac<64>(EVP_sha512(), key, data);
}

result<digest512, auth_error> sha512(std::string_view data) noexcept {
  digest512 d{};
  unsigned int len = 0;
  if (EVP_Digest(bytes_of(data), data.size(), d.data(), &len, EVP_sha512(),
                 nullptr)
        != 1
      || len != d.size())
    return failure{auth_error::crypto_failure};
  return d;
}

bool constant_time_equal(std::span<const unsigned char> a,
                         std::span<const unsigned char> b) noexcept {
  // The length of a tag is public; only its content must not leak.
  if (a.size() != b.size())
    return false;
  if (a.empty())
    return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  return constant_time_equal(
    std::span<const unsigned char>{bytes_of(a), a.size()},
    std::span<const unsigned char>{bytes_of(b), b.size()});
}

} // namespace tandem::venues
