#include "apps/tandem/startup.hpp"

#include "log/logging.hpp"

namespace tandem::app {

namespace {

/// Where a component's credentials come from, for the log (never values).
std::string_view credential_source(const std::string& file,
                                   bool any_env) noexcept {
  if (!file.empty())
    return "secrets_file";
  return any_env ? "env" : "none";
}

std::string_view tick_text(const config::instrument_config& i,
                           std::string& buf) {
  if (i.tick_table == config::tick_source::upbit_krw)
    return "upbit_krw";
  buf = i.tick.to_string();
  return buf;
}

} // namespace

void log_config_summary(const config::engine_config& cfg) {
  const auto& e = cfg.engine;
  TLOG_INFO("config.loaded",
            "file={} mode={} instance={} cid_prefix={} data_dir={}", cfg.source,
            to_string(e.mode), e.instance, e.cid_prefix, e.data_dir);
  for (auto name : config::venues_section::names) {
    const auto& v = *cfg.venues.find(name);
    if (!v.enabled)
      continue;
    bool any_env = !v.api_key_env.empty() || !v.api_secret_env.empty();
    // The private/user stream URL is one or the other per venue.
    const auto& private_url
      = v.ws_private_url.empty() ? v.ws_user_url : v.ws_private_url;
    TLOG_INFO("config.venue",
              "venue={} rest_url={} ws_url={} ws_private_url={} maker_fee={} "
              "taker_fee={} credentials={} credentials_loaded={}",
              name, v.rest_url, v.ws_url,
              private_url.empty() ? "none" : private_url,
              v.maker_fee.to_string(), v.taker_fee.to_string(),
              credential_source(v.secrets_file, any_env),
              !v.api_key.empty() && !v.api_secret.empty());
  }
  for (const auto& i : cfg.instruments) {
    std::string buf;
    TLOG_INFO("config.instrument",
              "venue={} symbol={} kind={} tick={} lot={} min_qty={} "
              "min_notional={} multiplier={}",
              i.venue, i.symbol, to_string(i.kind), tick_text(i, buf),
              i.lot.to_string(), i.min_qty.to_string(),
              i.min_notional.to_string(), i.multiplier);
  }
  const auto& k = cfg.strategy.kimchi;
  TLOG_INFO("config.strategy",
            "strategy=kimchi enabled={} entry_bps={} exit_bps={} "
            "max_quote_age_ms={} order_qty={} max_holding_s={} "
            "leg_timeout_ms={}",
            k.enabled, k.entry_bps, k.exit_bps, k.max_quote_age_ms,
            k.order_qty.to_string(), k.max_holding_s, k.leg_timeout_ms);
  const auto& r = cfg.risk;
  TLOG_INFO("config.risk",
            "capital_krw={} max_position_pct={} max_leverage={} "
            "max_order_notional_krw={} max_open_orders={} "
            "max_orders_per_s={} stop_loss_pct={} daily_loss_pct={} "
            "max_consecutive_venue_errors={}",
            r.capital_krw.to_string(), r.max_position_pct, r.max_leverage,
            r.max_order_notional_krw.to_string(), r.max_open_orders,
            r.max_orders_per_s, r.stop_loss_pct, r.daily_loss_pct,
            r.max_consecutive_venue_errors);
  const auto& d = cfg.alerts.discord;
  TLOG_INFO("config.alerts",
            "discord={} webhook={} min_interval_ms={} dedup_window_s={}",
            d.enabled,
            credential_source(d.secrets_file, !d.webhook_url_env.empty()),
            d.min_interval_ms, d.dedup_window_s);
  const auto& c = cfg.console;
  TLOG_INFO("config.console",
            "bind={} port={} tls={} tokens={} operator_token_loaded={}", c.bind,
            c.port, c.tls,
            credential_source(c.token_file, !c.operator_token_env.empty()
                                              || !c.readonly_token_env.empty()),
            !c.operator_token.empty());
}

} // namespace tandem::app
