// The kimchi strategy actor: a thin shell around arbitrage::kimchi_rules.
// It keeps the quote board from the venue actors' pushes, evaluates the
// rules on every quote (unless paused or halted) and sends each signal to
// the pair coordinator; the coordinator's pair_settled moves the rules on.
//
// Messages in: venues::book_top, venues::book_depth (from venue actors),
// halt_state (emergency stop), pair_settled (coordinator), pause_atom,
// resume_atom, params_atom + config::kimchi_config (-> strategy_status, or
// an error naming the problem), status_atom (-> strategy_status).
// Out: arbitrage::pair_signal to the coordinator.
#pragma once

#include "arbitrage/kimchi_rules.hpp"
#include "core/clock.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <memory>

namespace tandem::actors {

struct strategy_actor_config {
  arbitrage::kimchi_params params;
  /// Engine prefix and session for signal ids.
  std::string id_prefix;
  std::uint64_t session = 0;
  caf::actor coordinator;
  std::shared_ptr<const clock_source> clock;
  /// A hedged pair restored from the journal (0: flat).
  quantity restored_qty;
  timestamp restored_opened_at;
  bool start_paused = false;
};

/// Spawns the strategy, or says why its parameters are refused.
result<caf::actor, std::string> spawn_strategy_actor(caf::actor_system& sys,
                                                     strategy_actor_config cfg);

} // namespace tandem::actors
