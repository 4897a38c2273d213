// Internal helpers of the Upbit decoders over simdjson's On-Demand API.
// On-Demand is used (not DOM) because Upbit sends prices as JSON numbers,
// and only On-Demand hands out a number's text (raw_json_token), which
// core/decimal parses exactly; DOM would have turned it into a double.
//
// What gets validated: the whole input is checked for UTF-8 and balanced
// strings up front; every value the codec reads is checked for its type and
// grammar; the document must end where the root value ends. Values the codec
// skips are only checked structurally (simdjson On-Demand does not parse what
// it skips), which is harmless because nothing reads them.
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "venues/common/venue_error.hpp"
#include "venues/upbit/fields.hpp"

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace tandem::venues::upbit::detail {

namespace od = simdjson::ondemand;

/// The state behind json_context.
struct json_state {
  od::parser parser;
  /// The input copied with SIMDJSON_PADDING bytes of room after it.
  std::string buffer;
};

/// Copies `bytes` into the padded buffer and starts a document.
bool start(json_state& s, std::string_view bytes, od::document& doc);

/// Returns true if nothing but whitespace follows the root value.
bool finish(od::document& doc);

/// Reads a JSON string (unescaped). The view lives until the next parse.
bool read_string(od::value& v, std::string_view& out);
/// Reads a JSON string, or null as nullopt.
bool read_optional_string(od::value& v, std::optional<std::string_view>& out);
bool read_int(od::value& v, std::int64_t& out);
bool read_bool(od::value& v, bool& out);
/// Reads a boolean, or null as nullopt.
bool read_optional_bool(od::value& v, std::optional<bool>& out);
/// Reads an integer ms timestamp.
bool read_epoch_ms(od::value& v, timestamp& out);
/// Reads an ISO-8601 string timestamp; the offset is required.
bool read_iso8601(od::value& v, timestamp& out);

/// Returns the text of a decimal written as `t` (string_decimal,
/// number_decimal or any_decimal), or nullopt for JSON null.
bool read_decimal_text(od::value& v, wire_type t,
                       std::optional<std::string_view>& out);

/// Reads a decimal into a core fixed-point type; null is an error.
template<class T>
bool read_decimal(od::value& v, wire_type t, T& out) {
  std::optional<std::string_view> text;
  if (!read_decimal_text(v, t, text) || !text)
    return false;
  auto r = T::parse(*text);
  if (!r)
    return false;
  out = *r;
  return true;
}

/// Reads a decimal, or null as nullopt.
template<class T>
bool read_optional_decimal(od::value& v, wire_type t, std::optional<T>& out) {
  std::optional<std::string_view> text;
  if (!read_decimal_text(v, t, text))
    return false;
  if (!text) {
    out.reset();
    return true;
  }
  auto r = T::parse(*text);
  if (!r)
    return false;
  out = *r;
  return true;
}

/// Reads the decimal of field `f` with the wire type from the field table.
template<class T>
bool read_field(od::value& v, field f, T& out) {
  return read_decimal(v, spec(f).type, out);
}

/// Reads the nullable decimal of field `f`.
template<class T>
bool read_optional_field(od::value& v, field f, std::optional<T>& out) {
  return read_optional_decimal(v, spec(f).type, out);
}

/// Returns true if `s` is a JSON number ("-1.5e3"), nothing else.
bool is_json_number(std::string_view s) noexcept;

/// Parses "2025-07-04T15:00:00+09:00" (fraction and "Z" accepted).
std::optional<timestamp> parse_iso8601(std::string_view s) noexcept;

/// The error every malformed input maps to.
inline constexpr failure<venue_error> malformed{
  venue_error::malformed_response};

} // namespace tandem::venues::upbit::detail
