// Reading Binance JSON through simdjson's DOM with error codes (no
// exceptions): a sticky-error object reader, so a parser reads every field
// it needs and checks once, and the first failure wins. Only the codec's
// .cpp files include this header.
#pragma once

#include "core/result.hpp"
#include "venues/binance/fields.hpp"
#include "venues/common/venue_error.hpp"

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace tandem::venues::binance::detail {

/// Parses `bytes` as one JSON document. Malformed or truncated input is
/// malformed_response. The element lives until the parser's next parse.
result<simdjson::dom::element, venue_error>
parse_document(simdjson::dom::parser& parser, std::string_view bytes);

/// Returns `e` as an object, or malformed_response.
result<simdjson::dom::object, venue_error> as_object(simdjson::dom::element e);

/// Reads fields of one JSON object; remembers the first error. After an
/// error every read returns a default value, so callers check ok() once.
class object_reader {
 public:
  explicit object_reader(simdjson::dom::object obj) noexcept : obj_(obj) {}

  /// Returns true if the key is present and not null.
  bool has(const field& f) const noexcept;

  /// A required string.
  std::string_view string(const field& f);
  /// A string that may be absent or null.
  std::optional<std::string_view> optional_string(const field& f);
  /// A required integer.
  std::int64_t int64(const field& f);
  /// A required unsigned integer (update ids).
  std::uint64_t uint64(const field& f);
  /// A required integer that may also come quoted ("E":"1736...").
  std::int64_t int64_or_string(const field& f);
  /// A required boolean.
  bool boolean(const field& f);
  /// A required nested object.
  simdjson::dom::object object(const field& f);
  /// A required array.
  simdjson::dom::array array(const field& f);

  /// A required decimal string parsed exactly into T (price, quantity,
  /// money); more decimals than T holds is malformed, never rounded.
  template<class T>
  T decimal(const field& f) {
    auto s = string(f);
    if (!ok_)
      return T{};
    auto v = T::parse(s);
    if (!v) {
      fail(venue_error::malformed_response);
      return T{};
    }
    return *v;
  }

  /// A decimal string that may be absent or null.
  template<class T>
  std::optional<T> optional_decimal(const field& f) {
    if (!has(f))
      return std::nullopt;
    return decimal<T>(f);
  }

  /// A required enum string, mapped by `parse` (unknown_enum_value for a
  /// value it does not know).
  template<class E>
  E enumeration(const field& f,
                result<E, venue_error> (*parse)(std::string_view)) {
    auto s = string(f);
    if (!ok_)
      return E{};
    auto v = parse(s);
    if (!v) {
      fail(v.error());
      return E{};
    }
    return *v;
  }

  /// Records an error found by the caller (first one wins).
  void fail(venue_error e) noexcept {
    if (ok_) {
      ok_ = false;
      error_ = e;
    }
  }

  bool ok() const noexcept { return ok_; }
  venue_error error() const noexcept { return error_; }

 private:
  simdjson::simdjson_result<simdjson::dom::element> get(const field& f);

  simdjson::dom::object obj_;
  bool ok_ = true;
  venue_error error_ = venue_error::malformed_response;
};

/// Parses a decimal string exactly; malformed_response on failure.
template<class T>
result<T, venue_error> parse_decimal(simdjson::dom::element e) {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS)
    return failure{venue_error::malformed_response};
  auto v = T::parse(s);
  if (!v)
    return failure{venue_error::malformed_response};
  return *v;
}

} // namespace tandem::venues::binance::detail
