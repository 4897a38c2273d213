// Writing JSON string literals for the payloads the signers build.
#pragma once

#include <string>
#include <string_view>

namespace tandem::venues {

/// Appends `text` to `out` as a quoted JSON string: '"', '\\' and control
/// characters are escaped, other bytes (UTF-8 included) are copied as they
/// are, so the escaping never changes what a parser reads back.
void append_json_string(std::string& out, std::string_view text);

} // namespace tandem::venues
