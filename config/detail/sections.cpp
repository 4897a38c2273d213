#include "config/detail/sections.hpp"

#include "config/detail/reader.hpp"

#include <limits>

namespace tandem::config::detail {

namespace {

constexpr std::int64_t int_max = std::numeric_limits<std::int64_t>::max();

// clang-format off
constexpr std::pair<std::string_view, engine_mode> mode_words[] = {
  {"paper", engine_mode::paper},
  {"live",  engine_mode::live},
};
constexpr std::pair<std::string_view, logging::log_level> level_words[] = {
  {"trace",    logging::log_level::trace},
  {"debug",    logging::log_level::debug},
  {"info",     logging::log_level::info},
  {"warn",     logging::log_level::warn},
  {"error",    logging::log_level::error},
  {"critical", logging::log_level::critical},
  {"off",      logging::log_level::off},
};
constexpr std::pair<std::string_view, instrument_kind> kind_words[] = {
  {"spot",      instrument_kind::spot},
  {"perpetual", instrument_kind::perpetual},
  {"future",    instrument_kind::future},
  {"option",    instrument_kind::option},
  {"stock",     instrument_kind::stock},
};
// clang-format on

/// Runs `fn(reader)` on sub-table `key` of `parent` if present, then
/// reports its unknown keys.
template<class Fn>
void with_table(table_reader& parent, std::string_view key, Fn&& fn) {
  if (auto t = parent.table(key)) {
    table_reader r(*t, parent.path_of(key), parent.file(), parent.issues());
    fn(r);
    r.finish();
  }
}

void read_engine(table_reader& r, engine_section& e) {
  r.word<engine_mode>("mode", e.mode, mode_words);
  r.text("instance", e.instance);
  r.text("cid_prefix", e.cid_prefix);
  r.text("data_dir", e.data_dir);
}

void read_log(table_reader& r, logging::log_settings& l) {
  r.word<logging::log_level>("level", l.level, level_words);
  r.text("file", l.file);
  r.integer("max_size_mb", l.max_size_mb, 1, 1024);
  r.integer("max_files", l.max_files, 1, 100);
}

void read_venue(table_reader& r, std::string_view name, venue_config& v) {
  r.flag("enabled", v.enabled);
  r.text("rest_url", v.rest_url);
  r.text("ws_url", v.ws_url);
  if (name == "upbit")
    r.text("ws_private_url", v.ws_private_url);
  if (name == "binance") {
    r.text("ws_user_url", v.ws_user_url);
    r.integer("recv_window_ms", v.recv_window_ms, 1, 60'000);
  }
  r.text("ca_file", v.ca_file);
  r.env_name("api_key_env", v.api_key_env);
  r.env_name("api_secret_env", v.api_secret_env);
  r.text("secrets_file", v.secrets_file);
  r.decimal("maker_fee", v.maker_fee, "0.0002", v.enabled);
  r.decimal("taker_fee", v.taker_fee, "0.0005", v.enabled);
}

void read_venues(table_reader& r, venues_section& vs) {
  for (auto name : venues_section::names)
    with_table(r, name,
               [&](table_reader& vr) { read_venue(vr, name, *vs.find(name)); });
}

void read_instrument(table_reader& r, instrument_config& i) {
  r.text("venue", i.venue, true);
  r.text("symbol", i.symbol, true);
  r.text("base", i.base, true);
  r.text("quote", i.quote, true);
  r.word<instrument_kind>("kind", i.kind, kind_words, true);
  auto tick = r.node().get("tick");
  if (tick && tick->value_exact<std::string>() == "upbit_krw") {
    (void)r.has("tick"); // marks it known
    i.tick_table = tick_source::upbit_krw;
  } else {
    r.decimal("tick", i.tick, "0.1\" or \"upbit_krw", true);
  }
  r.decimal("lot", i.lot, "0.001", true);
  r.decimal("min_qty", i.min_qty, "0.001");
  r.decimal("min_notional", i.min_notional, "5000");
  r.integer("multiplier", i.multiplier, 1, 1'000'000'000);
}

void read_instruments(table_reader& root, std::vector<instrument_config>& v) {
  auto arr = root.array("instruments");
  if (!arr)
    return;
  for (std::size_t k = 0; k < arr->size(); ++k) {
    std::string path = "instruments[" + std::to_string(k) + "]";
    auto t = (*arr)[k].as_table();
    if (!t) {
      root.report(config_error::wrong_type, "instruments",
                  "expected an array of tables ([[instruments]]), got "
                    + describe_value((*arr)[k]) + " at index "
                    + std::to_string(k));
      continue;
    }
    table_reader r(*t, path, root.file(), root.issues());
    instrument_config i;
    read_instrument(r, i);
    r.finish();
    v.push_back(std::move(i));
  }
}

void read_kimchi(table_reader& r, kimchi_config& k) {
  r.flag("enabled", k.enabled);
  r.integer("entry_bps", k.entry_bps, -10'000, 10'000);
  r.integer("exit_bps", k.exit_bps, -10'000, 10'000);
  r.integer("max_quote_age_ms", k.max_quote_age_ms, 1, 60'000);
  r.decimal("order_qty", k.order_qty, "0.001");
  r.integer("max_holding_s", k.max_holding_s, 1, 30LL * 86'400);
  r.integer("leg_timeout_ms", k.leg_timeout_ms, 1, 600'000);
  r.integer("leg_slippage_bps", k.leg_slippage_bps, 0, 1'000);
  r.text("upbit_symbol", k.upbit_symbol);
  r.text("usdt_krw_symbol", k.usdt_krw_symbol);
  r.text("binance_symbol", k.binance_symbol);
}

void read_risk(table_reader& r, risk_config& k) {
  r.decimal("capital_krw", k.capital_krw, "10000000");
  r.integer("max_position_pct", k.max_position_pct, 1, 100);
  r.integer("max_leverage", k.max_leverage, 1, 20);
  r.decimal("max_order_notional_krw", k.max_order_notional_krw, "1000000");
  r.integer("max_open_orders", k.max_open_orders, 1, 10'000);
  r.integer("max_orders_per_s", k.max_orders_per_s, 1, 1'000);
  r.integer("stop_loss_pct", k.stop_loss_pct, 1, 100);
  r.integer("daily_loss_pct", k.daily_loss_pct, 1, 100);
  r.integer("max_consecutive_venue_errors", k.max_consecutive_venue_errors, 1,
            int_max);
  r.integer("day_utc_offset_min", k.day_utc_offset_min, -720, 840);
}

void read_settlement(table_reader& r, settlement_config& s) {
  r.integer("max_leg_queries", s.max_leg_queries, 1, 100);
  r.integer("max_corrections", s.max_corrections, 0, 100);
  r.integer("max_leg_retries", s.max_leg_retries, 0, 10);
  r.integer("correction_slippage_bps", s.correction_slippage_bps, 0, 1'000);
}

void read_supervision(table_reader& r, supervision_config& s) {
  r.integer("restart_base_ms", s.restart_base_ms, 1, 600'000);
  r.integer("restart_max_ms", s.restart_max_ms, 1, 3'600'000);
  r.integer("stable_after_ms", s.stable_after_ms, 1, 86'400'000);
  r.integer("down_alarm_after_ms", s.down_alarm_after_ms, 1, 3'600'000);
  r.integer("away_unhedged_limit_ms", s.away_unhedged_limit_ms, 1, 3'600'000);
}

void read_discord(table_reader& r, discord_config& d) {
  r.flag("enabled", d.enabled);
  r.env_name("webhook_url_env", d.webhook_url_env);
  r.text("secrets_file", d.secrets_file);
  r.integer("min_interval_ms", d.min_interval_ms, 0, 3'600'000);
  r.integer("dedup_window_s", d.dedup_window_s, 0, 86'400);
}

void read_console(table_reader& r, console_config& c) {
  r.text("bind", c.bind);
  r.integer("port", c.port, 1, 65'535);
  r.flag("tls", c.tls);
  r.text("cert_file", c.cert_file);
  r.text("key_file", c.key_file);
  r.env_name("operator_token_env", c.operator_token_env);
  r.env_name("readonly_token_env", c.readonly_token_env);
  r.text("token_file", c.token_file);
}

} // namespace

void read_document(const toml::table& root, const std::string& file,
                   engine_config& cfg, config_issues& out) {
  table_reader r(root, "", file, out);
  with_table(r, "engine", [&](auto& t) { read_engine(t, cfg.engine); });
  with_table(r, "log", [&](auto& t) { read_log(t, cfg.log); });
  with_table(r, "venues", [&](auto& t) { read_venues(t, cfg.venues); });
  read_instruments(r, cfg.instruments);
  with_table(r, "strategy", [&](auto& t) {
    with_table(t, "kimchi",
               [&](auto& k) { read_kimchi(k, cfg.strategy.kimchi); });
  });
  with_table(r, "risk", [&](auto& t) { read_risk(t, cfg.risk); });
  with_table(r, "settlement",
             [&](auto& t) { read_settlement(t, cfg.settlement); });
  with_table(r, "supervision",
             [&](auto& t) { read_supervision(t, cfg.supervision); });
  with_table(r, "alerts", [&](auto& t) {
    with_table(t, "discord",
               [&](auto& d) { read_discord(d, cfg.alerts.discord); });
  });
  with_table(r, "console", [&](auto& t) { read_console(t, cfg.console); });
  r.finish();
}

} // namespace tandem::config::detail
