// Reads one TOML table into schema fields, recording an issue for every
// missing key, wrong type, bad value and (in finish()) unknown key. A read
// that fails leaves the field at its default and the load goes on, so one
// run reports every problem of the file.
#pragma once

#include "config/errors.hpp"
#include "core/decimal.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::config::detail {

/// Returns "a string", "an integer", "a float", ... for messages.
std::string_view describe_type(const toml::node& n) noexcept;

/// Returns the value for a message: numbers and booleans as written,
/// strings quoted and cut to 40 chars, tables/arrays by type only.
std::string describe_value(const toml::node& n);

/// Returns true for key names that hold secrets and so must not be written
/// inline ("api_key", "token", "webhook_url", "*_secret", ...).
bool is_secret_key(std::string_view key) noexcept;

/// Returns true if `s` is a plausible environment variable name.
bool is_env_name(std::string_view s) noexcept;

/// A (word, value) pair of an enumeration spelled in TOML.
template<class E>
using word_table = std::span<const std::pair<std::string_view, E>>;

class table_reader {
 public:
  /// Reads `t`, whose dotted path is `path` ("" for the root), in `file`.
  table_reader(const toml::table& t, std::string path, std::string file,
               config_issues& out);

  /// Returns the dotted path of `key` in this table.
  std::string path_of(std::string_view key) const;

  /// Returns true if `key` is present (and marks it known).
  bool has(std::string_view key);

  /// Reads a string.
  void text(std::string_view key, std::string& out, bool required = false);

  /// Reads the name of an environment variable.
  void env_name(std::string_view key, std::string& out);

  /// Reads a boolean.
  void flag(std::string_view key, bool& out);

  /// Reads an integer in [min, max].
  template<class T>
  void integer(std::string_view key, T& out, std::int64_t min,
               std::int64_t max) {
    std::int64_t v = 0;
    if (read_int(key, v, min, max))
      out = static_cast<T>(v);
  }

  /// Reads a decimal string exactly; `example` shows the expected form.
  template<class D>
  void decimal(std::string_view key, D& out, std::string_view example,
               bool required = false) {
    std::string s;
    if (!decimal_text(key, s, example, required))
      return;
    auto r = D::parse(s);
    if (!r) {
      bad_decimal(key, s, example, r.error());
      return;
    }
    out = *r;
  }

  /// Reads one of `words` into out.
  template<class E>
  void word(std::string_view key, E& out, word_table<E> words,
            bool required = false) {
    std::string s;
    if (!text_node(key, s, required))
      return;
    for (const auto& [w, v] : words)
      if (w == s) {
        out = v;
        return;
      }
    std::string expected;
    for (const auto& [w, v] : words)
      expected += (expected.empty() ? "\"" : ", \"") + std::string(w) + '"';
    report(config_error::bad_enum, key,
           "expected one of " + expected + ", got \"" + s + '"');
  }

  /// Returns the sub-table `key`, or nullptr if absent or not a table (the
  /// latter is reported).
  const toml::table* table(std::string_view key);

  /// Returns the array `key`, or nullptr if absent or not an array.
  const toml::array* array(std::string_view key);

  /// Records an issue at `key` (its node's position when present).
  void report(config_error code, std::string_view key, std::string message);

  /// Records an issue about this table itself.
  void report_table(config_error code, std::string message);

  /// Reports every key that was never read: an inline secret or a typo.
  void finish();

  const std::string& file() const noexcept { return file_; }
  config_issues& issues() noexcept { return out_; }
  const toml::table& node() const noexcept { return table_; }

 private:
  const toml::node* get(std::string_view key);
  bool text_node(std::string_view key, std::string& out, bool required);
  bool decimal_text(std::string_view key, std::string& out,
                    std::string_view example, bool required);
  bool read_int(std::string_view key, std::int64_t& out, std::int64_t min,
                std::int64_t max);
  void bad_decimal(std::string_view key, const std::string& s,
                   std::string_view example, decimal_error e);
  void wrong_type(std::string_view key, const toml::node& n,
                  std::string_view expected);
  void missing(std::string_view key, std::string_view expected);

  const toml::table& table_;
  std::string path_;
  std::string file_;
  config_issues& out_;
  std::vector<std::string> known_;
};

} // namespace tandem::config::detail
