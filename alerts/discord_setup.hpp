// From `[alerts.discord]` to a running transport: the queue settings the
// config names, and the Discord sender when alerts are enabled and the
// webhook URL resolved (config/secrets.cpp did that at load).
#pragma once

#include "alerts/alert_queue.hpp"
#include "alerts/alert_transport.hpp"
#include "alerts/discord_sender.hpp"
#include "config/schema.hpp"
#include "core/result.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/net_error.hpp"

#include <memory>

namespace tandem::alerts {

/// Returns the queue settings of `c`: min_interval_ms and dedup_window_s
/// (negative values count as 0); the rest keeps its defaults.
queue_options queue_options_for(const config::discord_config& c);

/// Returns the Discord sender for `c`, or null when alerts are disabled or
/// no webhook URL was resolved (alerts are then only logged; a log line
/// says so). A URL the sender refuses is an error (its value not shown).
result<std::shared_ptr<alert_transport>, net::net_error>
make_discord_transport(net::io_runner& runner, const config::discord_config& c,
                       discord_sender::options opts = {});

} // namespace tandem::alerts
