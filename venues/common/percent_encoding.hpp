// Percent-encoding of query-string keys and values (RFC 3986).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tandem::venues {

/// Returns `text` with every byte outside RFC 3986's unreserved set
/// (A-Z a-z 0-9 - . _ ~) written as %XX with uppercase hex. A space becomes
/// %20, never '+', so the result reads the same to every decoder.
std::string percent_encode(std::string_view text);

/// Appends percent_encode(text) to `out`.
void append_percent_encoded(std::string& out, std::string_view text);

/// Decodes every %XX (either case). Returns nullopt on a '%' that is not
/// followed by two hex digits. '+' is left as it is: it means a space only
/// in HTML forms, and neither venue documents that reading.
std::optional<std::string> percent_decode(std::string_view text);

} // namespace tandem::venues
