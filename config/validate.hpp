// Rules across fields, after every field parsed: URL shapes per mode,
// instrument references, strategy thresholds, risk limits, console exposure.
#pragma once

#include "config/errors.hpp"
#include "config/schema.hpp"

#include <string_view>

namespace tandem::config {

/// Returns true if `host` is a loopback name or address.
bool is_loopback_host(std::string_view host) noexcept;

/// Appends an issue to `out` for every rule `cfg` breaks. Keys are dotted
/// paths; positions are filled in later by the loader.
void validate(const engine_config& cfg, config_issues& out);

} // namespace tandem::config
