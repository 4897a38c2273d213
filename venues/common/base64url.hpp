// base64url without padding (RFC 4648 section 5), as JWTs use it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tandem::venues {

/// Returns `bytes` as base64url without '=' padding.
std::string base64url_encode(std::span<const unsigned char> bytes);

/// Returns `text`'s bytes as base64url without '=' padding.
std::string base64url_encode(std::string_view text);

/// Decodes unpadded base64url. Returns nullopt on a character outside the
/// alphabet, on '=' padding, on an impossible length, or when the unused low
/// bits of the last character are not zero: a strict decoder gives each
/// byte string exactly one accepted encoding, so a token cannot be altered
/// without changing its signed bytes.
std::optional<std::string> base64url_decode(std::string_view text);

} // namespace tandem::venues
