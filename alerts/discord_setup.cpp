#include "alerts/discord_setup.hpp"

#include "log/logging.hpp"

#include <algorithm>

namespace tandem::alerts {

queue_options queue_options_for(const config::discord_config& c) {
  queue_options o;
  o.min_interval
    = std::chrono::milliseconds{std::max<std::int64_t>(0, c.min_interval_ms)};
  o.dedup_window
    = std::chrono::seconds{std::max<std::int64_t>(0, c.dedup_window_s)};
  return o;
}

result<std::shared_ptr<alert_transport>, net::net_error>
make_discord_transport(net::io_runner& runner, const config::discord_config& c,
                       discord_sender::options opts) {
  if (!c.enabled) {
    TLOG_INFO("alert.discord_disabled", "reason=config");
    return std::shared_ptr<alert_transport>{};
  }
  if (c.webhook_url.empty()) {
    TLOG_WARN("alert.discord_disabled",
              "reason=no_webhook_url env={} secrets_file=\"{}\"",
              c.webhook_url_env, c.secrets_file);
    return std::shared_ptr<alert_transport>{};
  }
  auto s = discord_sender::make(runner, c.webhook_url, std::move(opts));
  if (!s) {
    TLOG_ERROR("alert.discord_url_refused", "error={}",
               net::to_string(s.error()));
    return failure{s.error()};
  }
  return std::shared_ptr<alert_transport>{std::move(*s)};
}

} // namespace tandem::alerts
