// Hex encoding of digests and signatures.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tandem::venues {

/// Returns `bytes` as lowercase hex, two digits per byte.
std::string to_hex(std::span<const unsigned char> bytes);

/// Decodes `hex` (either case) into exactly `out.size()` bytes. Returns false,
/// leaving `out` unspecified, when the length or a digit is wrong.
bool from_hex(std::string_view hex, std::span<unsigned char> out) noexcept;

} // namespace tandem::venues
