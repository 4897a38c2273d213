// Request parameters as Binance reads them: the query string and the
// form-encoded body, percent-decoded, the query's value winning when a key
// is in both (reference B2). Typed getters answer with Binance's own
// parameter errors (-1100 family, -1102).
#pragma once

#include "core/decimal.hpp"
#include "core/result.hpp"
#include "sim/binance/http.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::sim::binance {

/// The decoded parameters of one request.
class params {
 public:
  /// Parses query and body. A key repeated within one part is -1101, a
  /// malformed percent escape -1100.
  static result<params, sim_error> parse(std::string_view query,
                                         std::string_view body);

  /// Returns the value of `key`, or nullopt when absent.
  std::optional<std::string_view> get(std::string_view key) const;
  /// Returns the value of `key`; absent or empty is -1102.
  result<std::string_view, sim_error> required(std::string_view key) const;
  /// Returns whether `key` was sent (even empty).
  bool has(std::string_view key) const { return get(key).has_value(); }

  /// Parses an integer parameter; nullopt when absent, -1100 when malformed.
  result<std::optional<std::int64_t>, sim_error>
  integer(std::string_view key) const;

  /// Parses a decimal parameter (`^([0-9]{1,20})(\.[0-9]{1,20})?$`);
  /// nullopt when absent, -1100 when malformed, -1111 when it has more
  /// decimals than the core types hold.
  template<class T>
  result<std::optional<T>, sim_error> decimal(std::string_view key) const {
    auto v = get(key);
    if (!v)
      return std::optional<T>{};
    if (!is_plain_decimal(*v))
      return failure{illegal_chars(key)};
    auto d = T::parse(*v);
    if (!d)
      return failure{too_precise()};
    return std::optional<T>{*d};
  }

  /// Returns -1102 for `key`.
  static sim_error mandatory(std::string_view key);
  /// Returns -1100 for `key`.
  static sim_error illegal_chars(std::string_view key);
  /// Returns -1130 (invalid data) for `key`.
  static sim_error invalid_value(std::string_view key);
  /// Returns -1111 (too many decimals).
  static sim_error too_precise();

 private:
  static bool is_plain_decimal(std::string_view v);
  std::vector<std::pair<std::string, std::string>> items_;
};

} // namespace tandem::sim::binance
