// The contract between the admin gateway and the engine: the engine's
// control actor answers these requests, and pushes the admin events to
// whoever subscribed. Every request carries `who` (role, client name,
// request id, time received) so the engine journals who did what and when
// before it acts, and alerts on every change. The message types are plain
// structs from admin/ (no CAF there, so they render and test without an
// actor system); this header adds the typed interface. Include only from
// actor translation units.
//
// Requests (reply after ->). The gateway waits admin_gateway_options::
// engine_timeout for each reply and answers 504 when none comes.
//   status_request      -> status_view       venues, halt, strategies
//   premium_request     -> premium_view      premium now and its inputs
//   positions_request   -> positions_view
//   orders_request      -> orders_view       open orders, every venue
//   pairs_request       -> pairs_view        open and recent pairs
//   pnl_request         -> pnl_view
//   metrics_request     -> metrics_snapshot  every engine metric family
//                                            (admin/metric_catalog.hpp)
//   pause_command       -> command_reply     stop opening pairs
//   resume_command      -> command_reply
//   set_param_command   -> set_param_reply   old and new value; the value
//                                            is range-checked already, the
//                                            engine checks cross-field
//                                            rules (entry_bps > exit_bps)
//   cancel_all_command  -> command_reply     affected = orders cancelled
//   flatten_command     -> command_reply     affected = positions closed
//   halt_command        -> command_reply     the emergency stop, persisted
//   clear_halt_command  -> command_reply     refusal `conflict` when not
//                                            halted
// A command the engine will not carry out is a refusal inside the reply
// (code, field, message: shown to the operator as is), never a caf::error;
// a caf::error means the engine could not answer (503/504).
//
// Subscription (no reply):
//   control_subscription{subscriber}  the engine sends the subscriber every
//     admin::fill_event, admin::pair_settlement_event, admin::alert_event
//     and admin::status_change_event, as one-element messages, until the
//     subscriber terminates (the engine monitors it).
#pragma once

#include "admin/commands.hpp"
#include "admin/events.hpp"
#include "admin/metrics.hpp"
#include "admin/views.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

namespace tandem::actors {

/// Asks the engine to push admin events to `subscriber`.
struct control_subscription {
  caf::actor subscriber;
};

/// The engine's control interface, as the admin gateway sees it.
using engine_control_actor = caf::typed_actor<
  caf::replies_to<admin::status_request>::with<admin::status_view>,
  caf::replies_to<admin::premium_request>::with<admin::premium_view>,
  caf::replies_to<admin::positions_request>::with<admin::positions_view>,
  caf::replies_to<admin::orders_request>::with<admin::orders_view>,
  caf::replies_to<admin::pairs_request>::with<admin::pairs_view>,
  caf::replies_to<admin::pnl_request>::with<admin::pnl_view>,
  caf::replies_to<admin::metrics_request>::with<admin::metrics_snapshot>,
  caf::replies_to<admin::pause_command>::with<admin::command_reply>,
  caf::replies_to<admin::resume_command>::with<admin::command_reply>,
  caf::replies_to<admin::set_param_command>::with<admin::set_param_reply>,
  caf::replies_to<admin::cancel_all_command>::with<admin::command_reply>,
  caf::replies_to<admin::flatten_command>::with<admin::command_reply>,
  caf::replies_to<admin::halt_command>::with<admin::command_reply>,
  caf::replies_to<admin::clear_halt_command>::with<admin::command_reply>,
  caf::reacts_to<control_subscription>>;

} // namespace tandem::actors

// Local-only message types: they never cross a process boundary, so they
// need no serialization (CAF 0.17 asks for inspect() otherwise).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::status_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::premium_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::positions_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::orders_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::pairs_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::pnl_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::metrics_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::pause_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::resume_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::set_param_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::cancel_all_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::flatten_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::halt_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::clear_halt_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::status_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::premium_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::positions_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::orders_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::pairs_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::pnl_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::metrics_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::command_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::set_param_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::fill_event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::pair_settlement_event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::alert_event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::status_change_event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::control_subscription)
