// Errors of config loading (the 5xx range of core/errors.hpp's numbering).
// Numbers are pinned; a retired code is commented out, never reused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem {

/// Why a config file (or a secret it points to) was refused.
enum class config_error : std::uint16_t {
  /// The file could not be opened or read.
  unreadable = 500,
  /// TOML syntax error; the issue carries line and column.
  syntax = 501,
  /// A key that the schema does not know (typos are never ignored).
  unknown_key = 502,
  /// A required key is absent.
  missing_key = 503,
  /// The value has the wrong TOML type (string where an integer is due).
  wrong_type = 504,
  /// A money/quantity/rate value written as a TOML float (not exact).
  float_decimal = 505,
  /// A decimal string that core/decimal.hpp refuses.
  bad_decimal = 506,
  /// A string that is not one of the allowed words ("paper"|"live").
  bad_enum = 507,
  /// A number or string outside its allowed range or shape.
  out_of_range = 508,
  /// Fields that contradict each other (entry_bps <= exit_bps, ...).
  inconsistent = 509,
  /// A secret written inline in the main config.
  inline_secret = 510,
  /// A secrets file that is not a regular file, not ours, or group/other
  /// accessible.
  insecure_secrets_file = 511,
  /// A secrets file that lacks a key or has a bad one.
  bad_secrets_file = 512,
  /// A credential that live mode needs is not configured or not set.
  missing_secret = 513,
};

/// Returns a stable lowercase name, e.g. "unknown_key".
std::string_view to_string(config_error e) noexcept;

/// One problem found in a config: where, which key, what was expected and
/// what was found (in `message`). Never contains a secret value.
struct config_issue {
  config_error code = config_error::syntax;
  /// The file the problem is in (the main config or a secrets file).
  std::string file;
  /// Dotted key path, e.g. "venues.binance.maker_fee"; empty for the file.
  std::string key;
  /// Expected versus found, e.g. "expected a decimal string ..., got ...".
  std::string message;
  /// 1-based position in `file`, 0 when unknown.
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// Every problem of one load, in the order found; never empty on failure.
using config_issues = std::vector<config_issue>;

/// Returns "file:line:col: key: message" (parts omitted when unknown).
std::string to_string(const config_issue& issue);

/// Returns one line per issue.
std::string to_string(const config_issues& issues);

} // namespace tandem
