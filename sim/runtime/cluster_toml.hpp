// Loading a cluster_config from TOML (config/sim.toml is the example).
// Money, prices and rates are decimal STRINGS ("0.0005"), parsed exactly;
// a TOML float there is refused. Unknown keys are errors. Every problem of
// a file is reported, one per line, as "file:line:col: key: message";
// account secrets are never echoed.
//
//   [tls]      enabled, cert_file, key_file (relative to the config file)
//   [binance]  rest_port, ws_port, maker_fee, taker_fee, recv_window_ms,
//              listen_key_minutes, pump_ms
//   [[binance.accounts]]  api_key, secret, usdt_balance
//   [upbit]    rest_port, ws_port, bid_fee, ask_fee, min_total_krw,
//              order_per_second
//   [[upbit.accounts]]    access_key, secret_key, balances = {KRW = "..."}
//   [market]   timer, interval_ms, seed, step_ms, levels, btc_usdt,
//              btc_step_ticks, btc_band, usdt_krw, usdt_step_ticks,
//              usdt_band, premium_bps, premium_script
#pragma once

#include "core/result.hpp"
#include "sim/runtime/sim_cluster.hpp"

#include <string>
#include <string_view>

namespace tandem::sim::runtime {

/// Parses `text`; `name` is the file name used in messages and the base of
/// relative certificate paths. On failure, one issue per line.
result<cluster_config, std::string>
parse_cluster_config(std::string_view text, const std::string& name);

/// Reads and parses the file at `path`.
result<cluster_config, std::string>
load_cluster_config(const std::string& path);

} // namespace tandem::sim::runtime
