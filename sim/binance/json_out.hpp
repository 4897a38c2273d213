// Writing the simulator's JSON answers and stream frames. Binance writes
// every price, quantity and amount as a JSON string with a fixed number of
// decimals ("0.010", "43000.1"), ids and times as integers.
#pragma once

#include "core/decimal.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::binance {

/// Returns `raw` at `scale` written with exactly `places` decimals, rounded
/// half-even when `places` < `scale`: fixed_places(4300010000000, 8, 1) is
/// "43000.1".
std::string fixed_places(std::int64_t raw, int scale, int places);

/// Returns `v` with exactly `places` decimals.
template<class Tag, int Scale>
std::string fmt(fixed<Tag, Scale> v, int places) {
  return fixed_places(v.raw(), Scale, places);
}

/// Returns the number of decimals of a step ("0.001" -> 3).
template<class Tag, int Scale>
int places_of(fixed<Tag, Scale> step) {
  int n = Scale;
  auto raw = step.raw();
  while (n > 0 && raw % 10 == 0) {
    raw /= 10;
    --n;
  }
  return n;
}

/// Builds one JSON object, key by key, in the order written.
class json_object {
 public:
  /// Adds "key":"value" (escaped).
  json_object& str(std::string_view key, std::string_view value);
  /// Adds "key":<integer>.
  json_object& num(std::string_view key, std::int64_t value);
  /// Adds "key":true|false.
  json_object& boolean(std::string_view key, bool value);
  /// Adds "key":<raw JSON> (an object or array built elsewhere).
  json_object& raw(std::string_view key, std::string_view json);
  /// Returns the object text; the builder is done after this.
  std::string done();

 private:
  void key(std::string_view k);
  std::string out_ = "{";
};

/// Joins already-written JSON values into an array.
std::string json_array(const std::vector<std::string>& items);

} // namespace tandem::sim::binance
