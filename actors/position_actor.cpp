#include "actors/position_actor.hpp"

#include "actors/engine_protocol.hpp"
#include "core/fill.hpp"
#include "core/position.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

#include <vector>

namespace tandem::actors {
namespace {

struct position_state {
  std::optional<tandem::position> pos;
  std::uint64_t fills = 0;
  std::vector<caf::actor> subscribers;
  static inline const char* name = "position";
};

position_view view_of(const position_state& st) {
  position_view v;
  v.venue = st.pos->venue();
  v.symbol = st.pos->symbol();
  v.qty = st.pos->net_qty();
  v.avg_entry = st.pos->avg_entry();
  v.realized_pnl = st.pos->realized_pnl();
  v.fees = st.pos->fees();
  v.fills = st.fills;
  return v;
}

caf::behavior position_actor(caf::stateful_actor<position_state>* self,
                             tandem::venue v, std::string symbol,
                             std::int64_t multiplier) {
  self->state.pos.emplace(v, std::move(symbol), multiplier);
  return {
    [=](const fill& f) {
      auto& st = self->state;
      if (auto r = st.pos->apply(f); !r.has_value()) {
        TLOG_ERROR("position_fill_refused", "venue={} symbol={} trade={}",
                   to_string(f.venue), f.symbol, f.trade_id);
        return;
      }
      ++st.fills;
      auto view = view_of(st);
      for (auto& s : st.subscribers)
        self->send(s, view);
    },
    [=](get_atom) { return view_of(self->state); },
    [=](subscribe_atom, caf::actor who) {
      self->state.subscribers.push_back(std::move(who));
    },
  };
}

} // namespace

caf::actor spawn_position_actor(caf::actor_system& sys, tandem::venue v,
                                std::string symbol, std::int64_t multiplier) {
  return sys.spawn(position_actor, v, std::move(symbol), multiplier);
}

} // namespace tandem::actors
