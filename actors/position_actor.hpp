// One actor per venue and instrument: the position built from fills only
// (core/position.hpp). It never asks a venue; reconciliation compares its
// view with the venue's.
//
// Messages in: tandem::fill (applied once; a refused fill is logged and
// dropped), get_atom (replies position_view), subscribe_atom + caf::actor
// (receives a position_view after every applied fill).
#pragma once

#include "core/decimal.hpp"
#include "core/venue.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace tandem::actors {

using get_atom = caf::atom_constant<caf::atom("get")>;

/// A position as the rest of the engine sees it.
struct position_view {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  /// Signed base units (BTC) or contracts: > 0 long, < 0 short.
  quantity qty;
  std::optional<price> avg_entry;
  /// Realized P&L net of fees, in the instrument's quote currency (KRW on
  /// Upbit, USDT on Binance).
  money realized_pnl;
  money fees;
  std::uint64_t fills = 0;
};

/// Spawns the position actor of `symbol` on `v`, starting flat.
caf::actor spawn_position_actor(caf::actor_system& sys, tandem::venue v,
                                std::string symbol,
                                std::int64_t multiplier = 1);

} // namespace tandem::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::position_view)
