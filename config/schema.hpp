// The engine's configuration, one struct per TOML table. Defaults are the
// member initializers below and live nowhere else; config/load.hpp fills
// these from a file and refuses anything it does not understand.
//
// Units are in the field names (_ms, _s, _bps, _pct, _krw). Money, quantity
// and rate values are exact decimals (core/decimal.hpp), written in TOML as
// strings.
#pragma once

#include "config/secret.hpp"
#include "core/decimal.hpp"
#include "core/venue.hpp"
#include "log/logging.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::config {

// -- [engine] ----------------------------------------------------------------

/// Paper trades against the in-process simulators; live against venues.
enum class engine_mode : std::uint8_t { paper, live };

/// Returns "paper" or "live".
std::string_view to_string(engine_mode m) noexcept;

/// `[engine]`.
struct engine_section {
  engine_mode mode = engine_mode::paper;
  /// Names this process in logs, alerts and the journal.
  std::string instance = "tandem";
  /// Prefix of every client order id: 1..8 chars of [a-z0-9].
  std::string cid_prefix = "tdm";
  /// Directory of the journal and other state (relative to the cwd).
  std::string data_dir = "var/tandem";
};

// -- [venues.<name>] ---------------------------------------------------------

/// `[venues.<name>]`: one venue's endpoints, credentials and fees. URLs and
/// fees are required when `enabled`.
struct venue_config {
  bool enabled = false;
  /// REST base URL ("https://api.upbit.com/v1").
  std::string rest_url;
  /// Public market-data WebSocket URL.
  std::string ws_url;
  /// Upbit only: the private (myOrder/myAsset) WebSocket URL.
  std::string ws_private_url;
  /// Binance only: user-data stream base URL (listen key is appended).
  std::string ws_user_url;
  /// PEM bundle to trust instead of the system CAs; empty: system CAs.
  std::string ca_file;
  /// Names of the environment variables holding the key and the secret.
  std::string api_key_env;
  std::string api_secret_env;
  /// Or: a TOML file (mode 0600, ours) with `api_key` and `api_secret`.
  std::string secrets_file;
  /// Fee rates as fractions (0.0005 = 5 bps); required when enabled.
  rate maker_fee;
  rate taker_fee;
  /// Binance only: recvWindow sent with signed requests, ms (1..60000).
  std::int64_t recv_window_ms = 5000;

  /// Resolved at load; empty in paper mode when nothing is configured.
  secret api_key;
  secret api_secret;
};

/// `[venues]`: every venue the engine knows, disabled unless enabled.
struct venues_section {
  venue_config upbit;
  venue_config binance;
  venue_config ls;
  venue_config kiwoom;
  venue_config ibkr;

  /// The venue names as written in TOML, in a fixed order.
  static constexpr std::array<std::string_view, 5> names{
    "upbit", "binance", "ls", "kiwoom", "ibkr"};

  /// Returns the venue called `name`, or nullptr.
  venue_config* find(std::string_view name) noexcept;
  const venue_config* find(std::string_view name) const noexcept;
};

// -- [[instruments]] ---------------------------------------------------------

/// What an instrument is: core's enum (spot, perpetual, future, ...).
using tandem::instrument_kind;

/// How the price tick is given.
enum class tick_source : std::uint8_t {
  /// One tick at every price (`tick = "0.1"`).
  fixed,
  /// Upbit's KRW band table (`tick = "upbit_krw"`).
  upbit_krw,
};

/// One `[[instruments]]` entry.
struct instrument_config {
  /// A name of venues_section::names; the venue must be configured.
  std::string venue;
  /// The venue's symbol ("KRW-BTC", "BTCUSDT").
  std::string symbol;
  /// Base asset ("BTC") and quote currency ("KRW", "USDT").
  std::string base;
  std::string quote;
  instrument_kind kind = instrument_kind::spot;
  tick_source tick_table = tick_source::fixed;
  /// The tick when tick_table is fixed; zero otherwise.
  price tick;
  /// Quantity step, base units or contracts (> 0).
  quantity lot;
  /// Smallest order quantity.
  quantity min_qty;
  /// Smallest price x qty x multiplier, in the quote currency.
  money min_notional;
  /// Base units per contract.
  std::int64_t multiplier = 1;
};

// -- [strategy.kimchi] -------------------------------------------------------

/// `[strategy.kimchi]`: buy Upbit spot + short the Binance perp when the
/// premium is at least entry_bps; close both when it falls to exit_bps.
struct kimchi_config {
  bool enabled = false;
  /// Premium that opens a pair, basis points (1 bp = 0.01%).
  std::int64_t entry_bps = 200;
  /// Premium at or below which an open pair is closed, bps (< entry_bps).
  std::int64_t exit_bps = 50;
  /// Quotes older than this are not traded on, ms.
  std::int64_t max_quote_age_ms = 500;
  /// BTC per leg.
  quantity order_qty = quantity::from_raw(100'000); // 0.001 BTC
  /// A pair still open after this long is closed, seconds.
  std::int64_t max_holding_s = 86'400;
  /// A leg without a final answer after this long is resolved, ms.
  std::int64_t leg_timeout_ms = 3'000;
  /// How far past the top a leg's IOC limit may trade, bps (0..1000).
  std::int64_t leg_slippage_bps = 10;
  /// The instruments the strategy trades (must be in [[instruments]]).
  std::string upbit_symbol = "KRW-BTC";
  std::string usdt_krw_symbol = "KRW-USDT";
  std::string binance_symbol = "BTCUSDT";
};

/// `[strategy]`.
struct strategy_section {
  kimchi_config kimchi;
};

// -- [risk] ------------------------------------------------------------------

/// `[risk]`: pre-trade limits and halt triggers. Percentages are whole
/// percent of capital_krw.
struct risk_config {
  /// Capital the percentages refer to, KRW.
  money capital_krw = money::from_raw(10'000'000LL * money::unit);
  /// Largest gross position per instrument, % of capital (1..100).
  std::int64_t max_position_pct = 50;
  /// Largest gross exposure / capital (1..20).
  std::int64_t max_leverage = 2;
  /// Largest single order, KRW notional.
  money max_order_notional_krw = money::from_raw(1'000'000LL * money::unit);
  /// Open orders across all venues.
  std::int64_t max_open_orders = 10;
  /// New orders per second across all venues.
  std::int64_t max_orders_per_s = 5;
  /// Halt (and close) when a hedged pair loses this % of its notional
  /// (both legs' entry values, KRW), or a lone leg this % of its own (5
  /// means -5%; risk/stop_loss.hpp).
  std::int64_t stop_loss_pct = 5;
  /// Halt when the day's loss reaches this % of capital.
  std::int64_t daily_loss_pct = 3;
  /// Halt after this many venue errors in a row.
  std::int64_t max_consecutive_venue_errors = 10;
  /// Where the daily loss limit's day starts: local midnight at this UTC
  /// offset, minutes (-720..840). 540 is KST (UTC+9), Upbit's day.
  std::int64_t day_utc_offset_min = 540;
};

// -- [settlement] ------------------------------------------------------------

/// `[settlement]`: how the pair coordinator settles a pair whose legs did
/// not both fill (arbitrage/pair_settlement.hpp).
struct settlement_config {
  /// Queries of an unanswered order before its outcome counts as
  /// unknowable (1..100).
  std::int64_t max_leg_queries = 3;
  /// Unwind, top-up and retry orders per pair before escalating to the
  /// emergency stop (0..100).
  std::int64_t max_corrections = 3;
  /// Retries of a transiently refused leg; 0: never, unwind the other
  /// (0..10).
  std::int64_t max_leg_retries = 0;
  /// How far past the top an unwind, top-up or flatten order may trade,
  /// bps (0..1000): they exist to remove exposure, so they must fill.
  std::int64_t correction_slippage_bps = 50;
};

// -- [alerts.discord] --------------------------------------------------------

/// `[alerts.discord]`: the webhook URL is a secret.
struct discord_config {
  bool enabled = false;
  /// Environment variable holding the webhook URL.
  std::string webhook_url_env;
  /// Or: a TOML file (mode 0600, ours) with `webhook_url`.
  std::string secrets_file;
  /// Minimum gap between two messages, ms.
  std::int64_t min_interval_ms = 1'000;
  /// Identical alerts within this window are sent once, seconds.
  std::int64_t dedup_window_s = 60;

  /// Resolved at load.
  secret webhook_url;
};

/// `[alerts]`.
struct alerts_section {
  discord_config discord;
};

// -- [console] ---------------------------------------------------------------

/// `[console]`: the admin gateway. Binding beyond loopback requires tls.
struct console_config {
  /// Loopback by default; "0.0.0.0" or one of this host's addresses
  /// exposes the console (tls required; logged as a warning at start).
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8787;
  bool tls = false;
  /// With tls: the PEM certificate chain, and the PEM private key (a
  /// regular file owned by the engine's user, mode 0600 or stricter).
  std::string cert_file;
  std::string key_file;
  /// Environment variables holding the operator (read-write) and the
  /// read-only tokens.
  std::string operator_token_env;
  std::string readonly_token_env;
  /// Or: a TOML file (mode 0600, ours) with `operator_token` and
  /// optionally `readonly_token`.
  std::string token_file;

  /// Resolved at load.
  secret operator_token;
  secret readonly_token;
};

// -- [supervision] -----------------------------------------------------------

/// `[supervision]`: venue actors are restarted after a crash, and a venue
/// that stays away while a pair is unhedged halts trading.
struct supervision_config {
  /// Restart n waits uniform(0, min(max, base * 2^n)), ms (1..600000).
  std::int64_t restart_base_ms = 200;
  /// The cap of that wait, ms (restart_base_ms..3600000).
  std::int64_t restart_max_ms = 30'000;
  /// An instance up this long starts the backoff over, ms (1..86400000).
  std::int64_t stable_after_ms = 60'000;
  /// A venue actor down this long raises an alarm, ms (1..3600000).
  std::int64_t down_alarm_after_ms = 5'000;
  /// A venue away (actor down, or its session's streams disconnected)
  /// longer than this halts trading while a pair is unhedged, and only
  /// alerts while every pair is flat or hedged, ms (1..3600000).
  std::int64_t away_unhedged_limit_ms = 10'000;
};

// -- the whole file ----------------------------------------------------------

/// One parsed, validated config file.
struct engine_config {
  /// The file it came from (for messages).
  std::string source;
  engine_section engine;
  logging::log_settings log;
  venues_section venues;
  std::vector<instrument_config> instruments;
  strategy_section strategy;
  risk_config risk;
  settlement_config settlement;
  supervision_config supervision;
  alerts_section alerts;
  console_config console;
};

} // namespace tandem::config
