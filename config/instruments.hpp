// Turns `[[instruments]]` entries into core instruments with their trading
// rules, so the engine and validation use core/instrument.hpp's checks.
#pragma once

#include "config/schema.hpp"
#include "core/instrument.hpp"

#include <optional>

namespace tandem::config {

/// Returns the core instrument for a config entry; nullopt if its venue
/// name is unknown (validate() reports that with the key).
std::optional<instrument> to_instrument(const instrument_config& c);

} // namespace tandem::config
