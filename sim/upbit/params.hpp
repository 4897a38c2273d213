// Request parameters as the venue reads them: from a query string
// (percent-decoded, `key[]=v` arrays) or from a JSON body (strings, numbers
// as their text, booleans, arrays of those). Order is kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::upbit {

/// The parameters of one request.
class params {
 public:
  /// One key/value; array elements repeat the key ("states[]").
  struct entry {
    std::string key;
    std::string value;
  };

  /// Parses `k=v&k2=v2`. nullopt for a bad percent escape.
  static std::optional<params> from_query(std::string_view query);
  /// Parses a JSON object body; an empty body has no parameters. nullopt
  /// for anything but an object of scalars and arrays of scalars. Array
  /// keys get "[]" appended unless they end in it.
  static std::optional<params> from_body(std::string_view body);

  /// Returns the first value of `key`, or nullopt.
  std::optional<std::string_view> get(std::string_view key) const;
  /// Returns every value of `key` (arrays: pass "states[]").
  std::vector<std::string_view> all(std::string_view key) const;
  /// Returns true if `key` appears.
  bool has(std::string_view key) const { return get(key).has_value(); }
  const std::vector<entry>& entries() const { return entries_; }

 private:
  std::vector<entry> entries_;
};

} // namespace tandem::sim::upbit
