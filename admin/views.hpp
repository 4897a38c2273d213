// What the engine answers the admin gateway: plain data, no CAF, so that
// admin/render.hpp can turn it into JSON and tests can build it by hand.
// actors/control_protocol.hpp wraps these into the engine's typed
// interface. Money is exact (core/decimal.hpp); units are in field names
// or comments; an unset timestamp is the epoch (rendered as null).
#pragma once

#include "core/client_order_id.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/order_state.hpp"
#include "core/order_types.hpp"
#include "core/result.hpp"
#include "core/venue.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tandem::admin {

// -- status ------------------------------------------------------------------

/// One venue's connection health.
struct venue_health {
  tandem::venue venue = venue::upbit;
  /// Market-data and user streams (and REST) usable.
  bool connected = false;
  /// Last REST round trip, microseconds; -1 when none measured yet.
  std::int64_t latency_us = -1;
  /// Failed requests in a row (reset by a success).
  std::int64_t consecutive_failures = 0;
};

/// Whether a strategy trades.
enum class strategy_state : std::uint8_t {
  /// Enabled and trading.
  running = 1,
  /// Paused by an operator: keeps its open pairs, opens no new ones.
  paused = 2,
  /// Not enabled in the config.
  disabled = 3,
};

/// Returns "running", "paused" or "disabled".
std::string_view to_string(strategy_state s) noexcept;

/// One strategy.
struct strategy_view {
  /// "kimchi".
  std::string name;
  strategy_state state = strategy_state::disabled;
  std::int64_t open_pairs = 0;
};

/// The engine's state at a glance (`tandemctl status`, /healthz).
struct status_view {
  /// engine.instance.
  std::string instance;
  /// "paper" or "live".
  std::string mode;
  timestamp now;
  timestamp started_at;
  /// The emergency stop: set, it blocks every new order until cleared.
  bool halted = false;
  std::string halt_reason;
  /// Who halted: a requester name, or "engine:<trigger>" for automatic
  /// halts (daily_loss, venue_errors, ...).
  std::string halted_by;
  timestamp halted_at;
  std::vector<venue_health> venues;
  std::vector<strategy_view> strategies;
  std::int64_t open_orders = 0;
  std::int64_t open_pairs = 0;
};

// -- market ------------------------------------------------------------------

/// The kimchi premium now, from the freshest quotes.
struct premium_view {
  /// False while a book is missing or older than max_quote_age_ms; the
  /// prices below are then the last known and `unavailable_reason` says why.
  bool available = false;
  std::string unavailable_reason;
  /// Upbit ask / (Binance bid x USDT-KRW) - 1: what opening pays.
  rate entry_premium;
  /// Upbit bid / (Binance ask x USDT-KRW) - 1: what closing gets.
  rate exit_premium;
  /// The thresholds in force, bps.
  std::int64_t entry_bps = 0;
  std::int64_t exit_bps = 0;
  /// KRW per BTC on Upbit.
  price upbit_bid_krw;
  price upbit_ask_krw;
  /// USDT per BTC on Binance futures.
  price binance_bid_usdt;
  price binance_ask_usdt;
  /// KRW per USDT (Upbit KRW-USDT mid).
  price usdt_krw;
  /// Age of the oldest quote used, ms.
  std::int64_t quote_age_ms = 0;
};

// -- positions, orders, pairs, P&L -------------------------------------------

/// One venue position.
struct position_row {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  /// Signed base units (BTC) or contracts: negative is short.
  quantity qty;
  /// Average entry price, quote currency.
  price avg_price;
  /// Last mark price, quote currency.
  price mark_price;
  /// "KRW" or "USDT": the currency of the prices and P&L of this row.
  std::string quote_ccy;
  money realized_pnl;
  money unrealized_pnl;
};

struct positions_view {
  std::vector<position_row> positions;
};

/// One open order.
struct order_row {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  client_order_id id;
  tandem::side side = side::buy;
  order_type type = order_type::limit;
  order_status status = order_status::pending_new;
  /// Limit price (zero for market orders), quote currency.
  price px;
  quantity qty;
  quantity filled;
  timestamp created_at;
};

struct orders_view {
  std::vector<order_row> orders;
};

/// Where a pair (one signal's two legs) stands.
enum class pair_phase : std::uint8_t {
  /// Entry legs sent, not all filled yet.
  opening = 1,
  /// Both legs filled: hedged.
  open = 2,
  /// Exit legs sent.
  closing = 3,
  /// Both exits filled.
  closed = 4,
  /// One leg failed and the other was unwound.
  rolled_back = 5,
  /// A rollback failed or the legs disagree: needs an operator.
  escalated = 6,
};

/// Returns "opening", "open", "closing", "closed", "rolled_back" or
/// "escalated".
std::string_view to_string(pair_phase p) noexcept;

struct pair_row {
  std::string pair_id;
  /// The strategy signal that opened it.
  std::string signal_id;
  pair_phase phase = pair_phase::opening;
  /// BTC per leg.
  quantity qty;
  /// Premium captured at entry and at exit (exit zero while open).
  rate entry_premium;
  rate exit_premium;
  /// Realized (closed) or marked (open) P&L of both legs, KRW.
  money pnl_krw;
  timestamp opened_at;
  timestamp closed_at;
  /// Free text for escalations ("binance leg rejected: -2019").
  std::string detail;
};

struct pairs_view {
  std::vector<pair_row> open;
  /// Most recent closed / rolled back / escalated pairs, newest first.
  std::vector<pair_row> recent;
};

/// One pair's P&L, KRW: both venues' legs and corrections, net of fees,
/// USDT converted at the KRW-USDT bid (arbitrage/pnl.hpp).
struct pair_pnl_row {
  /// The pair that opened the position (an entry), or the pair itself
  /// when it never reached hedged (rolled back, escalated).
  std::string pair_id;
  /// The exit that closed it; empty while it is open.
  std::string closed_by;
  /// True while quantity is open: the P&L is marked at the tops
  /// (unrealized); false once nothing is left open (realized).
  bool open = false;
  /// Unset when open quantity has no quote to mark it at yet.
  std::optional<money> pnl_krw;
  money fees_krw;
};

/// Profit and loss, KRW (USDT legs converted at usdt_krw).
struct pnl_view {
  money realized_krw;
  money unrealized_krw;
  /// Fees paid (positive) on the pairs listed in `pairs`, KRW.
  money fees_krw;
  /// Realized today (since day_start), KRW; the daily-loss limit's input.
  money day_realized_krw;
  timestamp day_start;
  /// KRW per USDT used for the conversion.
  price usdt_krw;
  /// Per pair: closed round trips (realized) and the open one (marked),
  /// oldest first, among the pairs the coordinator still lists.
  std::vector<pair_pnl_row> pairs;
};

// -- command outcomes --------------------------------------------------------

/// Why the engine refused a command; decides the HTTP status.
enum class refusal_code : std::uint8_t {
  /// A value the engine will not take (entry_bps <= exit_bps): 400.
  invalid_value = 1,
  /// No such strategy (or other named thing): 404.
  not_found = 2,
  /// Not possible in this state (clear while not halted, resume while
  /// halted): 409.
  conflict = 3,
  /// The engine cannot act now (still reconciling, shutting down): 503.
  unavailable = 4,
};

/// Returns "invalid_value", "not_found", "conflict" or "unavailable".
std::string_view to_string(refusal_code c) noexcept;

/// An engine refusal, shown to the operator as it is.
struct refusal {
  refusal_code code = refusal_code::invalid_value;
  /// The field at fault ("kimchi.entry_bps", "strategy"), or empty.
  std::string field;
  std::string message;
};

/// A command the engine carried out.
struct command_done {
  /// One line for the operator: "cancelled 3 orders on 2 venues".
  std::string summary;
  /// How many things it touched (orders cancelled, positions flattened);
  /// 0 when not meaningful.
  std::int64_t affected = 0;
};

/// A parameter change the engine made (and journaled).
struct param_change {
  std::string name;
  /// Canonical text (admin::to_text) of the values before and after.
  std::string old_value;
  std::string new_value;
};

/// Reply to pause/resume/cancel-all/flatten/halt/clear.
using command_reply = result<command_done, refusal>;
/// Reply to set.
using set_param_reply = result<param_change, refusal>;

} // namespace tandem::admin
