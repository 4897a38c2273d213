// A small streaming JSON writer for the admin API's replies and events.
// Decimals are written as strings ("0.001") so that no reader turns them
// into floating point; timestamps as ISO-8601 UTC strings with
// milliseconds, or null when unset (the epoch).
#pragma once

#include "core/clock.hpp"
#include "core/decimal.hpp"

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::admin {

/// Appends `text` to `out` as a quoted JSON string ('"', '\\' and control
/// characters escaped; other bytes copied).
void append_json_string(std::string& out, std::string_view text);

/// Returns "2025-01-02T03:04:05.123Z" (UTC, milliseconds truncated).
std::string format_utc(timestamp t);

/// Writes one JSON document; commas and nesting are handled here. Misuse
/// (a value where a key is due) is a programming error, not checked.
class json_writer {
 public:
  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  /// Writes an object key; the next call writes its value.
  json_writer& key(std::string_view k);

  json_writer& value(std::string_view s);
  json_writer& value(const char* s) { return value(std::string_view{s}); }
  json_writer& value(const std::string& s) {
    return value(std::string_view{s});
  }
  json_writer& value(bool b);
  json_writer& value(std::int64_t n);
  json_writer& value(std::uint64_t n);
  template<std::integral T>
  requires(!std::same_as<T, bool>) json_writer& value(T n) {
    if constexpr (std::is_signed_v<T>)
      return value(static_cast<std::int64_t>(n));
    else
      return value(static_cast<std::uint64_t>(n));
  }
  /// Writes a decimal as a string: "25.3519".
  template<class Tag, int Scale>
  json_writer& value(fixed<Tag, Scale> d) {
    return value(d.to_string());
  }
  /// Writes the ISO-8601 string, or null for the epoch (unset).
  json_writer& value(timestamp t);
  json_writer& null();
  /// Writes already-serialized JSON as one value.
  json_writer& raw(std::string_view json);

  /// Shorthand: key(k).value(v).
  template<class T>
  json_writer& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  /// Returns the document written so far.
  const std::string& str() const noexcept { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();

  std::string out_;
  /// One entry per open object/array: true until its first element.
  std::vector<bool> first_;
  bool after_key_ = false;
};

} // namespace tandem::admin
