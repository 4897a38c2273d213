// A small JSON writer for the simulator's answers and frames. Commas are
// placed automatically; decimals are written from their exact text, as a
// JSON string (REST Exchange API) or a JSON number (quotation, WebSocket).
#pragma once

#include "core/decimal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::upbit {

/// Builds one JSON text.
class json_out {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// Writes an object key; the next value belongs to it.
  void key(std::string_view k);

  void string(std::string_view s);
  void null();
  void boolean(bool b);
  void integer(std::int64_t n);
  /// Writes a decimal as a JSON string: "0.01".
  template<class T, int S>
  void str_decimal(fixed<T, S> v) {
    string(v.to_string());
  }
  /// Writes a decimal as a JSON number: 0.01.
  template<class T, int S>
  void num_decimal(fixed<T, S> v) {
    raw(v.to_string());
  }

  // key + value shorthands.
  void field(std::string_view k, std::string_view s) {
    key(k);
    string(s);
  }
  void field(std::string_view k, const char* s) {
    key(k);
    string(s);
  }
  void field(std::string_view k, bool b) {
    key(k);
    boolean(b);
  }
  void field_int(std::string_view k, std::int64_t n) {
    key(k);
    integer(n);
  }
  void field_null(std::string_view k) {
    key(k);
    null();
  }
  /// A string-decimal field, null when absent.
  template<class T, int S>
  void field_str(std::string_view k, std::optional<fixed<T, S>> v) {
    key(k);
    if (v)
      str_decimal(*v);
    else
      null();
  }
  /// A number-decimal field, null when absent.
  template<class T, int S>
  void field_num(std::string_view k, std::optional<fixed<T, S>> v) {
    key(k);
    if (v)
      num_decimal(*v);
    else
      null();
  }
  /// A string field, null when empty.
  void field_or_null(std::string_view k, std::string_view s);

  /// Returns the text and resets the writer.
  std::string take();

 private:
  void raw(std::string_view text);
  void before_value();

  std::string out_;
  /// One entry per open container: true once it holds a member.
  std::vector<bool> has_member_;
  bool after_key_ = false;
};

} // namespace tandem::sim::upbit
