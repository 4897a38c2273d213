// What `tandem` reports at startup: the config summary as log events.
#pragma once

#include "config/schema.hpp"

namespace tandem::app {

/// Logs the config summary: mode, enabled venues and their URLs,
/// instruments, strategy thresholds, risk limits, alerts and console. Says
/// where each credential comes from; never prints a secret.
void log_config_summary(const config::engine_config& cfg);

} // namespace tandem::app
