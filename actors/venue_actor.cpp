#include "actors/venue_actor.hpp"

#include "core/latency_probe.hpp"
#include "log/logging.hpp"
#include "venues/net/retry.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace tandem::actors {

bool counts_as_venue_trouble(venues::venue_error e) noexcept {
  return net::classify(e).step != net::next_step::give_up;
}

namespace {

using venues::venue_error;
using venues::venue_failure;

// Internal messages; nobody outside this file sends them.
using done_atom = caf::atom_constant<caf::atom("vdone")>;
using deadline_atom = caf::atom_constant<caf::atom("vdeadline")>;
using event_atom = caf::atom_constant<caf::atom("vevent")>;

// Depth of session callbacks (mailbox_ref::send) running on this thread.
// If the actor's last strong reference is dropped inside one, CAF destroys
// the actor's state right there, on the session's I/O thread, where
// stop() cannot join that thread; the state then stops the session from a
// helper thread instead (see ~venue_state).
thread_local int session_callback_depth = 0;

/// The actor as the session's callbacks see it: a weak reference, so the
/// session (owned by the actor) never keeps the actor alive.
class mailbox_ref {
 public:
  explicit mailbox_ref(caf::weak_actor_ptr weak) : weak_(std::move(weak)) {}

  template<class... Ts>
  void send(Ts&&... xs) const {
    ++session_callback_depth;
    {
      auto strong = weak_.lock();
      if (strong)
        caf::anon_send(caf::actor_cast<caf::actor>(strong),
                       std::forward<Ts>(xs)...);
      // `strong` may be the last reference: released inside the depth mark.
    }
    --session_callback_depth;
  }

 private:
  caf::weak_actor_ptr weak_;
};

/// Answers a promise of reply type `Reply` with a failure.
template<class Reply>
void deliver_failure(caf::response_promise& rp, venue_failure f) {
  rp.deliver(Reply{failure{std::move(f)}});
}

struct pending_request {
  caf::response_promise promise;
  /// What the actor answers when the session does not: outcome_unknown for
  /// requests that may have acted, server_error for reads.
  venue_error on_deadline = venue_error::outcome_unknown;
  void (*fail)(caf::response_promise&, venue_failure) = nullptr;
  const char* what = "";
};

/// Moves the session into the actor without copying it through spawn()'s
/// argument tuple (which may outlive the first step).
struct session_box {
  std::unique_ptr<venues::venue_session> session;
};

struct venue_state {
  const char* name = "tandem.venue";
  std::unique_ptr<venues::venue_session> session;
  venue_actor_config cfg;
  std::vector<caf::actor> subscribers;
  std::unordered_map<std::uint64_t, pending_request> pending;
  std::uint64_t next_request = 1;
  /// Last reported state per stream ("market", "user", "rest").
  std::map<std::string, venues::link_state, std::less<>> streams;
  venue_status status;
  /// The halt gate (block_atom): while set, places are refused unsent.
  bool blocked = false;
  std::string block_reason;
  /// Places handed to the session and not answered by it yet (request id
  /// -> client id, exempt from the gate), kept past a deadline so a late
  /// `blocked` answer is still recorded.
  struct session_place {
    client_order_id cid;
    bool exempt = false;
  };
  std::unordered_map<std::uint64_t, session_place> places;
  /// Client ids of places the gate refused or the session held back: never
  /// sent, so a query for one is answered blocked without the venue. One
  /// entry per order refused during a halt, kept for the actor's life.
  std::unordered_set<std::string> held_back;

  venue_state() = default;
  venue_state(const venue_state&) = delete;
  venue_state& operator=(const venue_state&) = delete;
  ~venue_state();

  void record(bool ok, std::optional<venue_error> code) {
    if (ok || !code || !counts_as_venue_trouble(*code)) {
      status.consecutive_failures = 0;
      return;
    }
    ++status.failures;
    ++status.consecutive_failures;
  }

  void update_connected() {
    auto is_up = [&](std::string_view s) {
      auto i = streams.find(s);
      return i != streams.end() && i->second == venues::link_state::connected;
    };
    bool others_up
      = std::all_of(streams.begin(), streams.end(), [](const auto& kv) {
          return kv.second == venues::link_state::connected;
        });
    status.connected = is_up("market") && is_up("user") && others_up;
  }
};

venue_state::~venue_state() {
  if (session) {
    if (session_callback_depth > 0) {
      // On the session's own I/O thread (see session_callback_depth): stop()
      // joins that thread, so it runs on a helper that outlives this call.
      std::thread([s = std::move(session)] { s->stop(); }).detach();
    } else {
      session->stop();
    }
  }
  for (auto& [id, p] : pending)
    p.fail(p.promise, venue_failure{p.on_deadline,
                                    std::string{"venue actor stopped before "
                                                "the venue answered "}
                                      + p.what,
                                    std::nullopt});
}

using venue_actor_type = caf::stateful_actor<venue_state>;

/// Registers a request and returns its promise and id; the caller then
/// hands the id to the session.
template<class Reply>
std::pair<caf::response_promise, std::uint64_t>
open_request(venue_actor_type* self, venue_error on_deadline,
             const char* what) {
  auto& st = self->state;
  auto id = st.next_request++;
  auto rp = self->make_response_promise();
  pending_request p;
  p.promise = rp;
  p.on_deadline = on_deadline;
  p.fail = &deliver_failure<Reply>;
  p.what = what;
  st.pending.emplace(id, std::move(p));
  ++st.status.requests;
  self->delayed_send(self, st.cfg.request_deadline, deadline_atom::value, id);
  return {std::move(rp), id};
}

/// The session callback for request `id`: back to the actor's mailbox.
template<class T>
venues::venue_session::callback<T> answer_to(const mailbox_ref& ref,
                                             std::uint64_t id) {
  return [ref, id](venues::venue_result<T> r) {
    ref.send(done_atom::value, id, std::move(r));
  };
}

/// Delivers the session's answer to request `id`, in the actor's context.
template<class Reply>
void complete(venue_actor_type* self, std::uint64_t id, Reply& r) {
  auto& st = self->state;
  if (auto p = st.places.find(id); p != st.places.end()) {
    if (!r.has_value() && r.error().code == venue_error::blocked)
      st.held_back.insert(p->second.cid.str());
    st.places.erase(p);
  }
  auto i = st.pending.find(id);
  if (i == st.pending.end()) {
    // The deadline answered it already; the requester has moved on.
    TLOG_WARN("venue.late_answer", "venue={} request={} ok={}",
              to_string(st.status.venue), id, r.has_value());
    return;
  }
  auto rp = std::move(i->second.promise);
  st.pending.erase(i);
  if (r.has_value())
    st.record(true, std::nullopt);
  else
    st.record(false, r.error().code);
  rp.deliver(std::move(r));
}

/// A reply that is ready now: refused by the gate, never sent.
caf::response_promise answer_blocked(venue_actor_type* self,
                                     const client_order_id& cid,
                                     std::string detail) {
  self->state.held_back.insert(cid.str());
  auto rp = self->make_response_promise();
  rp.deliver(order_reply{failure{
    venue_failure{venue_error::blocked, std::move(detail), std::nullopt}}});
  return rp;
}

caf::response_promise place(venue_actor_type* self, const mailbox_ref& ref,
                            order_request& o, bool exempt) {
  auto& st = self->state;
  probe::mark(st.status.venue == venue::upbit
                ? probe::point::upbit_venue_actor
                : probe::point::binance_venue_actor);
  if (st.blocked && !exempt) {
    TLOG_WARN("venue.place_blocked", "venue={} cid={} reason=\"{}\"",
              to_string(st.status.venue), o.id.view(), st.block_reason);
    return answer_blocked(
      self, o.id, "new orders blocked, not sent (" + st.block_reason + ")");
  }
  auto [rp, id]
    = open_request<order_reply>(self, venue_error::outcome_unknown, "(place)");
  st.places.emplace(id, venue_state::session_place{o.id, exempt});
  st.session->place(std::move(o), answer_to<venues::order_update>(ref, id));
  return rp;
}

/// Sets the halt gate; raising it also makes the session drop the places
/// it has not written yet (exempt ones stay).
bool set_gate(venue_actor_type* self, bool on, std::string reason) {
  auto& st = self->state;
  const bool raised = on && !st.blocked;
  st.blocked = on;
  st.block_reason = std::move(reason);
  TLOG_WARN("venue.gate", "venue={} blocked={} reason=\"{}\"",
            to_string(st.status.venue), on, st.block_reason);
  if (!raised)
    return on;
  std::vector<client_order_id> keep;
  for (const auto& [id, p] : st.places)
    if (p.exempt)
      keep.push_back(p.cid);
  st.session->drop_queued_places(std::move(keep),
                                 "halt gate: " + st.block_reason);
  return on;
}

template<class Event>
void push(venue_actor_type* self, const Event& e) {
  for (auto& sub : self->state.subscribers)
    self->send(sub, e);
}

caf::behavior venue_actor(venue_actor_type* self,
                          std::shared_ptr<session_box> box,
                          venue_actor_config cfg) {
  auto& init = self->state;
  init.session = std::move(box->session);
  init.cfg = cfg;
  init.status.venue = init.session->venue();
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& subs = self->state.subscribers;
    subs.erase(std::remove_if(
                 subs.begin(), subs.end(),
                 [&](const caf::actor& a) { return a.address() == dm.source; }),
               subs.end());
  });
  mailbox_ref ref{caf::weak_actor_ptr{self->ctrl()}};
  venues::session_events ev;
  ev.on_quote = [ref](venues::book_top q) {
    ref.send(event_atom::value, std::move(q));
  };
  ev.on_depth = [ref](venues::book_depth d) {
    ref.send(event_atom::value, std::move(d));
  };
  ev.on_order = [ref](venues::order_update u) {
    ref.send(event_atom::value, std::move(u));
  };
  ev.on_balances = [ref](std::vector<venues::balance> b) {
    ref.send(event_atom::value, std::move(b));
  };
  ev.on_position = [ref](venues::position_snapshot p) {
    ref.send(event_atom::value, std::move(p));
  };
  ev.on_status = [ref](venues::session_status s) {
    ref.send(event_atom::value, std::move(s));
  };
  init.session->start(std::move(ev));

  return {
    // -- requests --------------------------------------------------------
    [self, ref](place_atom, order_request& o) {
      return place(self, ref, o, false);
    },
    [self, ref](place_atom, order_request& o, halt_exempt_atom) {
      return place(self, ref, o, true);
    },
    [self, ref](cancel_atom, std::string& symbol, client_order_id cid) {
      auto [rp, id] = open_request<order_reply>(
        self, venue_error::outcome_unknown, "(cancel)");
      self->state.session->cancel(std::move(symbol), cid,
                                  answer_to<venues::order_update>(ref, id));
      return rp;
    },
    [self, ref](query_atom, std::string& symbol, client_order_id cid) {
      if (self->state.held_back.count(cid.str()) > 0)
        return answer_blocked(self, cid,
                              "never sent: held back by the halt gate");
      auto [rp, id]
        = open_request<order_reply>(self, venue_error::server_error, "(query)");
      self->state.session->query(std::move(symbol), cid,
                                 answer_to<venues::order_update>(ref, id));
      return rp;
    },
    [self, ref](cancel_all_atom, std::string& symbol) {
      auto [rp, id] = open_request<count_reply>(
        self, venue_error::outcome_unknown, "(cancel_all)");
      self->state.session->cancel_all(std::move(symbol),
                                      answer_to<std::size_t>(ref, id));
      return rp;
    },
    [self, ref](open_orders_atom, std::string& symbol) {
      auto [rp, id] = open_request<orders_reply>(
        self, venue_error::server_error, "(open_orders)");
      self->state.session->open_orders(
        std::move(symbol),
        answer_to<std::vector<venues::order_update>>(ref, id));
      return rp;
    },
    [self, ref](balances_atom) {
      auto [rp, id] = open_request<balances_reply>(
        self, venue_error::server_error, "(balances)");
      self->state.session->balances(
        answer_to<std::vector<venues::balance>>(ref, id));
      return rp;
    },
    [self, ref](positions_atom) {
      auto [rp, id] = open_request<positions_reply>(
        self, venue_error::server_error, "(positions)");
      self->state.session->positions(
        answer_to<std::vector<venues::position_snapshot>>(ref, id));
      return rp;
    },
    [self](block_atom, bool on, std::string& reason) {
      return set_gate(self, on, std::move(reason));
    },
    [self](status_atom) {
      auto s = self->state.status;
      // Headroom and REST latency, read from the session at the moment of
      // asking (a copy under the session's lock).
      if (self->state.session)
        s.stats = self->state.session->stats();
      return s;
    },
    [self](subcount_atom) { return self->state.subscribers.size(); },
    // -- subscriptions ---------------------------------------------------
    [self](subscribe_atom, caf::actor& who) {
      auto& subs = self->state.subscribers;
      if (!who || std::find(subs.begin(), subs.end(), who) != subs.end())
        return;
      self->monitor(who);
      subs.push_back(std::move(who));
    },
    [self](quotes_atom, std::vector<std::string>& symbols) {
      self->state.session->subscribe_quotes(std::move(symbols));
    },
    // -- answers from the session (internal) -----------------------------
    [self](done_atom, std::uint64_t id, order_reply& r) {
      complete(self, id, r);
    },
    [self](done_atom, std::uint64_t id, count_reply& r) {
      complete(self, id, r);
    },
    [self](done_atom, std::uint64_t id, orders_reply& r) {
      complete(self, id, r);
    },
    [self](done_atom, std::uint64_t id, balances_reply& r) {
      complete(self, id, r);
    },
    [self](done_atom, std::uint64_t id, positions_reply& r) {
      complete(self, id, r);
    },
    [self](deadline_atom, std::uint64_t id) {
      auto& st = self->state;
      auto i = st.pending.find(id);
      if (i == st.pending.end())
        return; // answered in time
      auto p = std::move(i->second);
      st.pending.erase(i);
      st.record(false, p.on_deadline);
      auto ms = st.cfg.request_deadline.count();
      TLOG_WARN("venue.deadline", "venue={} request={} what={} after_ms={}",
                to_string(st.status.venue), id, p.what, ms);
      p.fail(p.promise, venue_failure{p.on_deadline,
                                      "no answer from the venue within "
                                        + std::to_string(ms) + " ms " + p.what,
                                      std::nullopt});
    },
    // -- stream events (internal) ----------------------------------------
    [self](event_atom, venues::book_top& e) { push(self, e); },
    [self](event_atom, venues::book_depth& e) { push(self, e); },
    [self](event_atom, venues::order_update& e) { push(self, e); },
    [self](event_atom, std::vector<venues::balance>& e) { push(self, e); },
    [self](event_atom, venues::position_snapshot& e) { push(self, e); },
    [self](event_atom, venues::session_status& e) {
      self->state.streams[e.stream] = e.state;
      self->state.update_connected();
      push(self, e);
    },
  };
}

} // namespace

result<caf::actor, std::string>
spawn_venue_actor(caf::actor_system& sys,
                  std::unique_ptr<venues::venue_session> session,
                  venue_actor_config cfg) {
  if (!session)
    return failure{std::string{"venue actor needs a session (got none)"}};
  if (cfg.request_deadline.count() <= 0)
    return failure{std::string{"venue actor request_deadline must be > 0"}};
  auto box = std::make_shared<session_box>();
  box->session = std::move(session);
  return sys.spawn(venue_actor, std::move(box), cfg);
}

result<caf::actor, std::string> spawn_venue_actor(caf::actor_system& sys,
                                                  const session_factory& make,
                                                  venue_actor_config cfg) {
  if (!make)
    return failure{std::string{"venue actor needs a session factory"}};
  auto s = make();
  if (!s)
    return failure{s.error()};
  return spawn_venue_actor(sys, std::move(s).value(), cfg);
}

} // namespace tandem::actors
