#include "actors/strategy_actor.hpp"

#include "actors/engine_protocol.hpp"
#include "arbitrage/quote_board.hpp"
#include "core/latency_probe.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

namespace tandem::actors {
namespace {

struct strategy_state_ {
  strategy_actor_config cfg;
  std::optional<arbitrage::kimchi_rules> rules;
  arbitrage::quote_board board;
  bool paused = false;
  bool halted = false;
  std::uint64_t signals = 0;
  std::uint64_t quotes = 0;
  static inline const char* name = "strategy";
};

using self_ptr = caf::stateful_actor<strategy_state_>*;

strategy_status status_of(const strategy_state_& st) {
  strategy_status s;
  s.state = st.rules->state();
  s.paused = st.paused;
  s.halted = st.halted;
  s.last_decision = st.rules->last_decision();
  s.last_premium = st.rules->last_premium();
  s.hedged_qty = st.rules->hedged_qty();
  s.opened_at = st.rules->opened_at();
  s.signals = st.signals;
  s.quotes = st.quotes;
  return s;
}

/// Returns whether a signal was sent.
bool evaluate(self_ptr self) {
  auto& st = self->state;
  if (st.paused || st.halted)
    return false;
  auto now = st.cfg.clock->now();
  if (auto sig = st.rules->evaluate(st.board, now)) {
    ++st.signals;
    TLOG_INFO("signal", "id={} kind={} premium_bps={} qty={}", sig->id,
              arbitrage::to_string(sig->kind), sig->premium.to_string(),
              sig->qty.to_string());
    probe::mark(probe::point::signal_sent);
    self->send(st.cfg.coordinator, std::move(*sig));
    return true;
  }
  return false;
}

result<arbitrage::kimchi_rules, std::string>
make_rules(const strategy_actor_config& cfg, arbitrage::kimchi_params p,
           std::uint64_t first_seq) {
  auto ids = arbitrage::signal_id_generator::make(cfg.id_prefix, cfg.session,
                                                  first_seq);
  if (!ids.has_value())
    return failure{std::string{"bad signal id prefix: "} + cfg.id_prefix};
  auto rules
    = arbitrage::kimchi_rules::make(std::move(p), std::move(ids.value()));
  if (!rules.has_value())
    return failure{std::string{"kimchi parameters refused: "}
                   + std::string{arbitrage::to_string(rules.error())}};
  return std::move(rules.value());
}

caf::behavior strategy(self_ptr self, arbitrage::kimchi_rules rules,
                       strategy_actor_config cfg) {
  auto& init = self->state;
  init.cfg = std::move(cfg);
  init.rules.emplace(std::move(rules));
  init.paused = init.cfg.start_paused;
  if (init.cfg.restored_qty.is_positive())
    init.rules->restore(init.cfg.restored_qty, init.cfg.restored_opened_at);
  return {
    [=](const venues::book_top& t) {
      ++self->state.quotes;
      auto handled_ns = probe::now_ns();
      if (self->state.board.update(t) && evaluate(self)) {
        // Stage marks for bench/e2e/tick_to_trade (core/latency_probe.hpp).
        auto age = std::chrono::system_clock::now() - t.recv_ts;
        probe::mark(probe::point::quote_read,
                    probe::now_ns()
                      - std::chrono::duration_cast<std::chrono::nanoseconds>(age)
                          .count());
        probe::mark(probe::point::strategy_quote, handled_ns);
      }
    },
    [=](venues::book_depth& d) {
      auto now = self->state.cfg.clock->now();
      self->state.board.update(std::move(d), now);
    },
    // The venue actors push everything to every subscriber; the strategy
    // only reads quotes.
    [=](const venues::order_update&) {},
    [=](const std::vector<venues::balance>&) {},
    [=](const venues::position_snapshot&) {},
    [=](const venues::session_status&) {},
    [=](const halt_state& h) {
      self->state.halted = h.halted;
      TLOG_INFO("strategy_halt_state", "halted={}", h.halted);
    },
    [=](const pair_settled& p) {
      auto& st = self->state;
      if (!st.rules->on_settled(p.hedged_qty, st.cfg.clock->now()))
        TLOG_WARN("strategy_unexpected_settle", "signal={} outcome={}",
                  p.signal_id, p.outcome);
      TLOG_INFO("pair_settled", "signal={} outcome={} hedged_qty={} state={}",
                p.signal_id, p.outcome, p.hedged_qty.to_string(),
                arbitrage::to_string(st.rules->state()));
    },
    [=](restore_atom, quantity hedged, std::int64_t opened_ns) {
      auto& st = self->state;
      if (st.rules->state() != arbitrage::strategy_state::flat)
        return;
      st.rules->restore(hedged, timestamp{std::chrono::nanoseconds{opened_ns}});
      TLOG_INFO("strategy_restored", "hedged_qty={}", hedged.to_string());
    },
    [=](pause_atom) {
      self->state.paused = true;
      return status_of(self->state);
    },
    [=](resume_atom) {
      self->state.paused = false;
      return status_of(self->state);
    },
    [=](params_atom, config::kimchi_config& c) -> caf::result<strategy_status> {
      auto& st = self->state;
      // Only between pairs: a pair in flight keeps the rules it began with.
      if (st.rules->state() == arbitrage::strategy_state::entering
          || st.rules->state() == arbitrage::strategy_state::exiting)
        return caf::make_error(caf::sec::invalid_argument,
                               "a pair is in flight; try again when settled");
      auto p = st.rules->params();
      p.cfg = c;
      auto fresh = make_rules(st.cfg, std::move(p), st.signals + 1);
      if (!fresh.has_value())
        return caf::make_error(caf::sec::invalid_argument, fresh.error());
      auto held = st.rules->hedged_qty();
      auto since = st.rules->opened_at();
      st.rules.emplace(std::move(fresh.value()));
      if (held.is_positive())
        st.rules->restore(held, since);
      return status_of(st);
    },
    [=](status_atom) { return status_of(self->state); },
  };
}

} // namespace

result<caf::actor, std::string>
spawn_strategy_actor(caf::actor_system& sys, strategy_actor_config cfg) {
  if (!cfg.clock)
    cfg.clock = std::make_shared<system_clock_source>();
  auto rules = make_rules(cfg, cfg.params, 1);
  if (!rules.has_value())
    return failure{rules.error()};
  return sys.spawn(strategy, std::move(rules.value()), std::move(cfg));
}

} // namespace tandem::actors
