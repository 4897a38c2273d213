// The risk actor: the pre-trade check of a pair's two legs and the
// automatic halt triggers, around the pure rules in risk/.
//
// Pre-trade (request/response):
//   risk_check_atom, arbitrage::leg_pair -> pair_verdict
// First, neither venue may be away (VENUE_AWAY, entries and exits alike:
// venue_presence_changed from the venue-away monitor says which is).
// Both legs are checked as one: the Binance leg is checked as if the Upbit
// leg had already gone out (one more open order, one more send in the rate
// window, the Upbit position grown). A veto refuses the pair; risk never
// shrinks an order. An ok reserves both orders (open-order count and rate
// window) until their final leg_report.
//
// State, fed by messages (no reply):
//   tandem::fill            positions per (venue, symbol) and realized P&L
//                           (the coordinator forwards every fill; a
//                           repeated (venue, trade id) is dropped)
//   risk_sent_atom, order_request  an order sent without a pre-trade
//                           check (the coordinator's unwinds, top-ups and
//                           flattens: they remove exposure and must not be
//                           vetoed) still counts as open until its final
//                           leg_report, and in the order-rate window
//   restore_atom, position, position  positions held before a restart
//                           (journal + reconciliation), with their entry
//                           prices; replaces what the books hold for those
//                           instruments
//   actors::leg_report      a final outcome closes the order for the
//                           open-order count (its fills are NOT read: they
//                           arrive as tandem::fill)
//   venues::book_top        marks of the instruments and the KRW-USDT rate
//                           (Upbit KRW-USDT bid, KRW per USDT)
//   venues::position_snapshot  the leverage set on Binance
//   actors::halt_state      the emergency stop's state
//   venue_presence_changed  a venue went away or came back (the
//                           venue-away monitor)
// Halt triggers (halt_atom, halt_request{trigger, numbers, "risk"} to the
// emergency stop, once per crossing, never repeated while it stays crossed):
//   "daily_loss"   the KST day's P&L (realized + change in unrealized, KRW)
//                  at or below -daily_loss_pct % of capital;
//   "venue_errors" a venue's venue_status.consecutive_failures above
//                  max_consecutive_venue_errors (polled with status_atom
//                  every `venue_poll`);
//   "stop_loss"    a hedged pair (see `hedges`) lost stop_loss_pct % of its
//                  entry notional, both legs marked in KRW
//                  (risk::check_pair_stop_loss), or a leg's unhedged rest
//                  or a position outside any pair lost that % of its entry
//                  value. Risk halts rather than closing on its own: the
//                  emergency stop cancels everything and flattens when
//                  flatten_on_halt is configured, one path for every exit.
// Queries: get_atom -> risk_view.
// Limits at run time: params_atom, config::risk_config -> the limits that
// were in force (risk_config); every check after it uses the new ones.
#pragma once

#include "arbitrage/leg_plan.hpp"
#include "config/schema.hpp"
#include "core/clock.hpp"
#include "core/instrument.hpp"
#include "risk/veto.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tandem::actors {

/// Asks the risk actor to check both legs of a pair.
using risk_check_atom = caf::atom_constant<caf::atom("riskcheck")>;
/// Internal: the risk actor's timer to poll the venues' status.
using risk_poll_atom = caf::atom_constant<caf::atom("riskpoll")>;

/// The answer to a pair check: ok, or the veto of the first leg refused.
struct pair_verdict {
  /// Nothing: both legs pass.
  std::optional<risk::veto> veto;
  /// The refused leg's client id and venue (when vetoed).
  std::optional<client_order_id> order_id;
  tandem::venue venue = venue::upbit;

  bool ok() const noexcept { return !veto.has_value(); }
};

/// Tells the risk actor about an order sent without a check.
using risk_sent_atom = caf::atom_constant<caf::atom("risksent")>;

/// Two instruments whose opposite positions hedge each other (Upbit
/// KRW-BTC long against Binance BTCUSDT short): their stop-loss is the
/// pair's.
struct hedge_legs {
  tandem::venue a_venue = venue::upbit;
  std::string a_symbol;
  tandem::venue b_venue = venue::binance;
  std::string b_symbol;
};

/// What the risk actor holds (get_atom), for the console and tests.
struct risk_view {
  std::int64_t open_orders = 0;
  std::int64_t orders_last_1s = 0;
  /// The day's P&L, KRW.
  money daily_pnl_krw;
  /// KRW per USDT; zero if not seen yet.
  price usdt_krw;
  std::uint64_t checks = 0;
  std::uint64_t vetoes = 0;
  std::uint64_t halts_requested = 0;
  bool halted = false;
};

struct risk_actor_config {
  config::risk_config limits;
  /// The instruments orders and fills may name (Upbit KRW-BTC, Binance
  /// BTCUSDT); an order for another one is vetoed as BAD_ORDER.
  std::vector<instrument> instruments;
  /// Pairs of `instruments` judged together by the stop-loss; an instrument
  /// in none is judged alone.
  std::vector<hedge_legs> hedges;
  /// Upbit's KRW-USDT market: its bid is the KRW-per-USDT rate.
  std::string usdt_krw_symbol = "KRW-USDT";
  /// Venue actors polled for venue_status (may be empty); venue_restarted
  /// from the supervisor swaps in a new instance.
  std::vector<caf::actor> venues;
  /// Every 0 ms: no polling.
  std::chrono::milliseconds venue_poll{1000};
  /// Receives halt_atom, halt_request (null: halts only logged).
  caf::actor emergency_stop;
  /// The leverage the engine set on Binance at session start, if any.
  std::optional<std::int32_t> binance_leverage;
  std::shared_ptr<const clock_source> clock;
};

/// Spawns the risk actor (it subscribes to nothing itself: the engine
/// subscribes it to the venue actors and the emergency stop).
caf::actor spawn_risk_actor(caf::actor_system& sys, risk_actor_config cfg);

} // namespace tandem::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::pair_verdict)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::risk_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::arbitrage::leg_pair)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::config::risk_config)
