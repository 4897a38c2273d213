// The strategy and risk parameters an operator may change at run time
// (`tandemctl set NAME VALUE`), with their types and ranges. The ranges are
// the config loader's (config/detail/sections.cpp, config/validate.cpp), so
// nothing can be set live that a config file could not hold. Checks that
// span two values (entry_bps > exit_bps, max_order_notional_krw <=
// capital_krw) need the engine's current values: the engine makes them.
#pragma once

#include "core/decimal.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace tandem::admin {

/// How a parameter's value is written and stored.
enum class param_type : std::uint8_t {
  /// A whole number in [min, max]: "180".
  integer = 1,
  /// A positive BTC quantity as an exact decimal string: "0.002".
  quantity = 2,
  /// A positive KRW amount as an exact decimal string: "1000000".
  money = 3,
};

/// Returns "integer", "quantity" or "money".
std::string_view to_string(param_type t) noexcept;

/// One settable parameter.
struct param_spec {
  /// The console name: "kimchi.entry_bps".
  std::string_view name;
  /// The config key it overrides: "strategy.kimchi.entry_bps".
  std::string_view config_key;
  param_type type = param_type::integer;
  /// Inclusive range of an integer parameter (unused for decimals, which
  /// must be positive).
  std::int64_t min = 0;
  std::int64_t max = 0;
  /// Unit of the value: "bps", "ms", "s", "%", "BTC", "KRW", "count".
  std::string_view unit;
  /// One line for `tandemctl` help and error messages.
  std::string_view help;
};

/// Returns every settable parameter, sorted by name.
std::span<const param_spec> param_table() noexcept;

/// Returns the parameter called `name`, or nullptr.
const param_spec* find_param(std::string_view name) noexcept;

/// A parameter's value: integer, BTC quantity or KRW money.
using param_number = std::variant<std::int64_t, quantity, money>;

/// Returns the canonical text of a value ("180", "0.002").
std::string to_text(const param_number& v);

/// A validated `set` request.
struct param_value {
  /// A name of param_table().
  std::string name;
  param_number value;
};

/// Why a `set` was refused: the field at fault ("name", or the parameter's
/// name for a bad value) and a message that names it and the range.
struct param_problem {
  std::string field;
  std::string message;
};

/// Returns the typed value of parameter `name` written as `text`, or a
/// problem naming the parameter and what it accepts. Integers are plain
/// digits with an optional '-'; decimals are exact (no rounding: "0.1234567891"
/// has more places than a quantity holds and is refused).
result<param_value, param_problem> parse_param(std::string_view name,
                                               std::string_view text);

} // namespace tandem::admin
