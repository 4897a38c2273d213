// The metric families /metrics promises, so that the engine registers them
// under the names and labels operators' dashboards and alert rules use.
// The engine's metrics actor declares these (declare_engine_metrics) and
// fills them; the admin gateway adds its own (declare_gateway_metrics).
#pragma once

#include "admin/metrics.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace tandem::admin::catalog {

// -- engine
// --------------------------------------------------------------------
// clang-format off
/// counter {venue, outcome}: orders that reached a final state; outcome is
/// filled, canceled, rejected or expired.
inline constexpr std::string_view orders_total = "tandem_orders_total";
/// counter {venue, reason}: venue refusals by the venue_error name.
inline constexpr std::string_view rejects_total = "tandem_order_rejects_total";
/// gauge {venue, group}: fraction of the limit group's documented budget
/// left in its current window (0..1); group is the venue's name for it
/// (REQUEST_WEIGHT, ORDERS_10S, order, default, ...).
inline constexpr std::string_view rate_limit_headroom = "tandem_rate_limit_headroom_ratio";
/// gauge {venue, group}: units (weight or requests) left in the window.
inline constexpr std::string_view rate_limit_remaining = "tandem_rate_limit_remaining";
/// gauge {venue}: REST round trip, seconds (weighted mean, 1/8 per answer).
inline constexpr std::string_view venue_rest_latency = "tandem_venue_rest_latency_seconds";
/// histogram: quote received -> both legs written, seconds (observe ns).
inline constexpr std::string_view tick_to_trade = "tandem_tick_to_trade_seconds";
/// gauge {side}: kimchi premium now, bps; side is entry or exit.
inline constexpr std::string_view premium_bps = "tandem_premium_bps";
/// gauge {venue, symbol}: signed position, base units or contracts.
inline constexpr std::string_view position = "tandem_position";
/// gauge {kind}: P&L in KRW; kind is realized, unrealized or day_realized.
inline constexpr std::string_view pnl_krw = "tandem_pnl_krw";
/// gauge: 1 while the emergency stop is set.
inline constexpr std::string_view halted = "tandem_halted";
/// gauge {venue}: 1 while the venue is connected.
inline constexpr std::string_view venue_connected = "tandem_venue_connected";
/// gauge: age of the oldest journal entry not yet durable, seconds.
inline constexpr std::string_view journal_lag = "tandem_journal_lag_seconds";

// -- gateway -------------------------------------------------------------------
/// counter {route, code}: API requests by route and HTTP status.
inline constexpr std::string_view admin_requests = "tandem_admin_requests_total";
/// counter: requests the engine did not answer in time (504).
inline constexpr std::string_view admin_timeouts = "tandem_admin_engine_timeouts_total";
/// gauge: open /v1/events WebSocket connections.
inline constexpr std::string_view admin_event_clients = "tandem_admin_event_clients";
/// counter {type}: events sent to the stream, by type.
inline constexpr std::string_view admin_events = "tandem_admin_events_total";
// clang-format on

/// Tick-to-trade bucket bounds, ns (shown in seconds): 50 us .. 1 s.
inline constexpr std::array<std::int64_t, 13> tick_to_trade_bounds_ns{
  50'000,      100'000,     250'000,      500'000,    1'000'000,
  2'500'000,   5'000'000,   10'000'000,   25'000'000, 50'000'000,
  100'000'000, 250'000'000, 1'000'000'000};

/// Handles to the engine's families.
struct engine_metrics {
  counter_id orders;
  counter_id rejects;
  gauge_id rate_limit_headroom;
  gauge_id rate_limit_remaining;
  gauge_id venue_rest_latency;
  histogram_id tick_to_trade;
  gauge_id premium;
  gauge_id position;
  gauge_id pnl;
  gauge_id halted;
  gauge_id venue_connected;
  gauge_id journal_lag;
};

/// Declares the engine's families in `reg` (which must not hold them yet).
result<engine_metrics, metric_error>
declare_engine_metrics(metrics_registry& reg);

/// Handles to the gateway's families.
struct gateway_metrics {
  counter_id requests;
  counter_id timeouts;
  gauge_id event_clients;
  counter_id events;
};

/// Declares the gateway's families in `reg`.
result<gateway_metrics, metric_error>
declare_gateway_metrics(metrics_registry& reg);

} // namespace tandem::admin::catalog
