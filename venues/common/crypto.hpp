// The digests and MACs the venue signers need, over OpenSSL 3's one-shot
// APIs (HMAC(), EVP_Digest), none of them deprecated in 3.x.
#pragma once

#include "core/result.hpp"
#include "venues/common/auth_error.hpp"

#include <array>
#include <span>
#include <string_view>

namespace tandem::venues {

/// A SHA-256 digest or HMAC-SHA256 tag.
using digest256 = std::array<unsigned char, 32>;
/// A SHA-512 digest or HMAC-SHA512 tag.
using digest512 = std::array<unsigned char, 64>;

/// Returns HMAC-SHA256(key, data); key bytes are used as they are.
result<digest256, auth_error> hmac_sha256(std::string_view key,
                                          std::string_view data) noexcept;

/// Returns HMAC-SHA512(key, data); key bytes are used as they are.
result<digest512, auth_error> hmac_sha512(std::string_view key,
                                          std::string_view data) noexcept;

/// Returns SHA-512(data).
result<digest512, auth_error> sha512(std::string_view data) noexcept;

/// Returns whether `a` and `b` hold the same bytes, in time that depends on
/// the length only, so a forger cannot learn a tag byte by byte.
bool constant_time_equal(std::span<const unsigned char> a,
                         std::span<const unsigned char> b) noexcept;

/// Returns whether two strings are equal, as constant_time_equal.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

} // namespace tandem::venues
