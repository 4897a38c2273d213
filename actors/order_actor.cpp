#include "actors/order_actor.hpp"

#include "actors/engine_protocol.hpp"
#include "actors/supervision_protocol.hpp"
#include "log/logging.hpp"

#include <caf/all.hpp>

#include <utility>

namespace tandem::actors {
namespace {

struct order_state {
  explicit order_state() = default;
  std::optional<order_tracker> tracker;
  order_actor_config cfg;
  /// Bumped by every answer or update: a stale timer carries an older one.
  std::uint64_t epoch = 0;
  /// The venue actor is gone (down message, or a request bounced): queries
  /// wait for venue_restarted instead of failing against a dead handle.
  bool venue_down = false;
  /// A query the tracker asked for that waits for the new instance.
  bool query_owed = false;
  static inline const char* name = "order";
};

using self_ptr = caf::stateful_actor<order_state>*;

leg_report make_report(const order_tracker& t) {
  const auto& o = t.state();
  const auto& r = o.request();
  leg_report rep;
  rep.id = r.id;
  rep.venue = r.venue;
  rep.symbol = r.symbol;
  rep.side = r.side;
  rep.outcome = t.outcome();
  rep.status = o.status();
  rep.order_qty = r.qty;
  rep.filled = o.filled_qty();
  rep.avg_px = o.avg_fill_price();
  rep.fees = o.fees();
  rep.new_fills = t.new_fills();
  rep.failure = t.failure();
  return rep;
}

void send_query(self_ptr self, bool resync = false);

bool bounced(const caf::error& e) {
  return e == caf::sec::request_receiver_down;
}

/// Carries out what the tracker asked for and tells the parent.
void after(self_ptr self, tracker_step step, bool changed) {
  auto& st = self->state;
  auto& t = *st.tracker;
  ++st.epoch;
  if (changed || step == tracker_step::done)
    self->send(st.cfg.parent, make_report(t));
  switch (step) {
    case tracker_step::query:
      self->delayed_send(self, t.query_delay(), requery_atom::value, st.epoch);
      break;
    case tracker_step::done:
      if (t.outcome() != leg_outcome::unknown
          && t.outcome() != leg_outcome::absent)
        self->quit();
      break;
    case tracker_step::wait:
      if (st.cfg.quiet_timeout.count() > 0)
        self->delayed_send(self, st.cfg.quiet_timeout, stale_atom::value,
                           st.epoch);
      break;
  }
}

void on_answer(self_ptr self, const order_reply& r) {
  auto& t = *self->state.tracker;
  auto before = t.state().status();
  auto filled = t.state().filled_qty();
  auto step = t.on_answer(r);
  after(self, step,
        before != t.state().status() || filled != t.state().filled_qty()
          || !r.has_value());
}

/// No answer to a place (`was_query` false) or a query.
void on_no_answer(self_ptr self, const caf::error& e, bool was_query) {
  auto& st = self->state;
  auto& t = *st.tracker;
  TLOG_WARN("order_no_answer", "cid={} venue={} error={}",
            t.state().request().id.view(), to_string(t.state().request().venue),
            caf::to_string(e));
  if (bounced(e))
    st.venue_down = true;
  if (was_query && st.venue_down) {
    // The query never reached a venue: it is owed, not failed.
    st.query_owed = true;
    return;
  }
  after(self, t.on_timeout(), false);
}

/// Asks the venue for the order by client id. `resync`: the tracker gave
/// up on the order, so a found order is applied like a stream update.
void send_query(self_ptr self, bool resync) {
  auto& st = self->state;
  if (st.venue_down) {
    st.query_owed = true;
    return;
  }
  const auto& req = st.tracker->state().request();
  self
    ->request(st.cfg.venue, st.cfg.answer_timeout, query_atom::value,
              req.symbol, req.id)
    .then(
      [=](order_reply& r) {
        if (!resync) {
          on_answer(self, r);
        } else if (r.has_value()) {
          auto step = self->state.tracker->on_update(r.value());
          after(self, step, true);
        }
      },
      [=](caf::error& e) {
        if (!resync)
          on_no_answer(self, e, true);
        else if (bounced(e))
          self->state.venue_down = self->state.query_owed = true;
      });
}

/// The venue actor runs again as a new instance: point at it and learn the
/// order's state by its client id (stream updates of the outage are lost).
void on_venue_restarted(self_ptr self, const venue_restarted& r) {
  auto& st = self->state;
  if (!replace_restarted(st.cfg.venue, r))
    return;
  self->monitor(st.cfg.venue);
  st.venue_down = false;
  ++st.epoch; // timers armed against the old instance are void
  auto& t = *st.tracker;
  TLOG_INFO("order_venue_restarted", "cid={} venue={} query_owed={}",
            t.state().request().id.view(), to_string(t.state().request().venue),
            st.query_owed);
  if (t.outcome() == leg_outcome::unknown
      || t.outcome() == leg_outcome::absent) {
    st.query_owed = false;
    send_query(self, true);
  } else if (st.query_owed) {
    st.query_owed = false;
    send_query(self);
  } else if (!t.state().is_terminal()) {
    after(self, t.on_timeout(), false);
  }
}

caf::behavior order_actor(self_ptr self, order_actor_config cfg) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.tracker.emplace(st.cfg.req, st.cfg.policy);
  self->monitor(st.cfg.parent);
  self->monitor(st.cfg.venue);
  self->set_down_handler([=](caf::down_msg& dm) {
    auto& s = self->state;
    if (dm.source == s.cfg.parent)
      self->quit();
    else if (dm.source == s.cfg.venue.address())
      s.venue_down = true;
  });
  auto placed
    = st.cfg.halt_exempt
        ? self->request(st.cfg.venue, st.cfg.answer_timeout, place_atom::value,
                        st.cfg.req, halt_exempt_atom::value)
        : self->request(st.cfg.venue, st.cfg.answer_timeout, place_atom::value,
                        st.cfg.req);
  placed.then([=](order_reply& r) { on_answer(self, r); },
              [=](caf::error& e) { on_no_answer(self, e, false); });
  return {
    [=](venues::order_update& u) {
      auto& t = *self->state.tracker;
      auto step = t.on_update(u);
      after(self, step, true);
    },
    [=](requery_atom, std::uint64_t epoch) {
      if (epoch == self->state.epoch)
        send_query(self);
    },
    [=](stale_atom, std::uint64_t epoch) {
      auto& t = *self->state.tracker;
      if (epoch != self->state.epoch || t.state().is_terminal())
        return;
      after(self, t.on_timeout(), false);
    },
    [=](cancel_atom) {
      const auto& req = self->state.tracker->state().request();
      self
        ->request(self->state.cfg.venue, self->state.cfg.answer_timeout,
                  cancel_atom::value, req.symbol, req.id)
        .then(
          [=](order_reply& r) {
            // A refused cancel (already filled, unknown) changes nothing;
            // the order's own updates tell its fate.
            if (r.has_value())
              on_answer(self, r);
          },
          [=](caf::error&) {});
    },
    [=](report_atom) { return make_report(*self->state.tracker); },
    [=](const venue_restarted& r) { on_venue_restarted(self, r); },
  };
}

} // namespace

caf::actor spawn_order_actor(caf::actor_system& sys, order_actor_config cfg) {
  return sys.spawn(order_actor, std::move(cfg));
}

} // namespace tandem::actors
