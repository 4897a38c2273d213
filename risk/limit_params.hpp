// The [risk] limits by name, for changing them while the engine runs
// (`tandemctl set risk.max_open_orders 5`). Ranges are checked where the
// value is parsed (admin/params.cpp, the loader's ranges); this adds the
// rules that span two limits (config/validate.cpp's).
#pragma once

#include "config/schema.hpp"
#include "core/decimal.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace tandem::risk {

/// A limit's value: a whole number or a KRW amount.
using limit_value = std::variant<std::int64_t, money>;

/// Returns `cfg` with the limit `key` (a [risk] key: "max_open_orders")
/// set to `v`, or why not, naming the key: unknown key, wrong type, or
/// max_order_notional_krw above capital_krw.
result<config::risk_config, std::string>
with_limit(config::risk_config cfg, std::string_view key, const limit_value& v);

/// Returns `text` ("10", "1000000", as limit_text writes it) as the value
/// limit `key` holds, or why not, naming the key.
result<limit_value, std::string> parse_limit(std::string_view key,
                                             std::string_view text);

/// Returns the value of limit `key` as text ("10", "1000000"), or "" for
/// an unknown key.
std::string limit_text(const config::risk_config& cfg, std::string_view key);

/// Returns "max_open_orders=10->5 ..." for every limit that differs
/// between `from` and `to` (empty when none does), for logs.
std::string limit_changes(const config::risk_config& from,
                          const config::risk_config& to);

} // namespace tandem::risk
