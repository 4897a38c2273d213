// Shared set-up of the venue-actor tests against the simulators: a CAF
// actor system with the normal (threaded) scheduler, a venue actor that
// owns a real session, a scoped_actor playing the engine (requests with
// request(...).receive(...)), and a subscriber actor that records every
// pushed event into a log the test thread waits on. Waits use a generous
// guard that only catches hangs; nothing sleeps.
#pragma once

#include "actors/venue_actor.hpp"
#include "actors/venue_protocol.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::actors::sim_test {

using namespace std::chrono_literals;

/// Only guards against hangs; no test relies on it being short.
inline constexpr std::chrono::seconds guard{60};
/// How long the engine waits for one reply (the burst waits out the
/// venue's 10 s order window through the actor).
inline constexpr std::chrono::seconds patience{180};

inline price px(std::string_view s) { return price::must_parse(s); }
inline quantity qty(std::string_view s) { return quantity::must_parse(s); }

/// One REST exchange as a session reported it (Binance's hook).
struct rest_entry {
  std::string method;
  std::string path;
  unsigned status = 0;
};

/// What the subscriber received, plus the REST exchanges a session hook
/// reported; guarded for the test thread.
class event_log {
 public:
  std::vector<venues::book_top> quotes;
  std::vector<venues::order_update> orders;
  std::vector<venues::session_status> statuses;
  std::vector<rest_entry> rest;
  std::size_t depths = 0;
  std::size_t balance_events = 0;
  std::size_t position_events = 0;

  template<class F>
  void update(F&& f) {
    {
      std::lock_guard lock{mtx_};
      f();
    }
    cv_.notify_all();
  }

  /// Waits until `pred()` holds (evaluated under the lock).
  template<class Pred>
  bool wait(Pred&& pred) {
    std::unique_lock lock{mtx_};
    return cv_.wait_for(lock, guard, pred);
  }

  /// Runs `f` under the lock.
  template<class F>
  auto read(F&& f) {
    std::lock_guard lock{mtx_};
    return f();
  }

  // The helpers below expect the lock to be held (call them in wait/read).

  bool is(std::string_view stream, venues::link_state s) const {
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it)
      if (it->stream == stream)
        return it->state == s;
    return false;
  }
  /// True once `stream` went down and came back up after.
  bool reconnected(std::string_view stream) const {
    bool dropped = false;
    for (const auto& s : statuses) {
      if (s.stream != stream)
        continue;
      if (s.state == venues::link_state::disconnected)
        dropped = true;
      else if (dropped && s.state == venues::link_state::connected)
        return true;
    }
    return false;
  }
  std::optional<venues::order_update> find(std::string_view cid,
                                           order_event e) const {
    for (const auto& u : orders)
      if (u.id.view() == cid && u.event == e)
        return u;
    return std::nullopt;
  }
  bool has_quote(std::string_view symbol, price bid) const {
    for (const auto& q : quotes)
      if (q.symbol == symbol && q.bid == bid)
        return true;
    return false;
  }
  std::size_t count_rest(std::string_view method, std::string_view path,
                         unsigned status) const {
    std::size_t n = 0;
    for (const auto& e : rest)
      if (e.method == method && e.path == path && e.status == status)
        ++n;
    return n;
  }
  std::size_t count_status(unsigned status) const {
    std::size_t n = 0;
    for (const auto& e : rest)
      if (e.status == status)
        ++n;
    return n;
  }

 private:
  std::mutex mtx_;
  std::condition_variable cv_;
};

/// The subscriber: every event the venue actor pushes goes into `log`.
inline caf::behavior subscriber(caf::event_based_actor*,
                                std::shared_ptr<event_log> log) {
  return {
    [log](venues::book_top& t) {
      log->update([&] { log->quotes.push_back(std::move(t)); });
    },
    [log](venues::book_depth&) { log->update([&] { ++log->depths; }); },
    [log](venues::order_update& u) {
      log->update([&] { log->orders.push_back(std::move(u)); });
    },
    [log](std::vector<venues::balance>&) {
      log->update([&] { ++log->balance_events; });
    },
    [log](venues::position_snapshot&) {
      log->update([&] { ++log->position_events; });
    },
    [log](venues::session_status& s) {
      log->update([&] { log->statuses.push_back(std::move(s)); });
    },
  };
}

inline caf::actor_system_config& threaded_config(caf::actor_system_config& c) {
  c.set("scheduler.max-threads", std::size_t{2});
  return c;
}

/// The actor system, the engine and the subscriber; derived fixtures start
/// a simulator and hand a session to start_actor().
class actor_fixture : public ::testing::Test {
 protected:
  actor_fixture() : sys_{threaded_config(cfg_)}, engine_{sys_} {}

  /// Spawns the venue actor around `s` and subscribes the recorder.
  void start_actor(std::unique_ptr<venues::venue_session> s) {
    session_ = s.get();
    sub_ = sys_.spawn(subscriber, log_);
    venue_actor_config vc;
    // Longer than any path the session takes (the burst waits out whole
    // rate windows): the session, not the actor, answers every request.
    vc.request_deadline = std::chrono::milliseconds{120000};
    auto v = spawn_venue_actor(sys_, std::move(s), vc);
    ASSERT_TRUE(v.has_value()) << v.error();
    venue_ = std::move(v).value();
    engine_->send(venue_, subscribe_atom::value, sub_);
  }

  /// Waits for the market, user and REST links. The subscription races
  /// the session's first statuses only in theory (the session needs TLS
  /// round trips first); if it lost, the actor's status must still say
  /// connected.
  void wait_connected() {
    using venues::link_state;
    bool up = log_->wait([&] {
      return log_->is("market", link_state::connected)
             && log_->is("user", link_state::connected)
             && log_->is("rest", link_state::connected);
    });
    if (!up) {
      auto st = ask<venue_status>(status_atom::value);
      ASSERT_TRUE(st && st->connected) << "venue did not come up";
    }
  }

  void TearDown() override {
    // The session must stop before the simulator (a derived member) goes.
    if (venue_) {
      engine_->send_exit(venue_, caf::exit_reason::user_shutdown);
      engine_->wait_for(venue_);
    }
    if (sub_) {
      engine_->send_exit(sub_, caf::exit_reason::user_shutdown);
      engine_->wait_for(sub_);
    }
    venue_ = caf::actor{};
    sub_ = caf::actor{};
    session_ = nullptr;
  }

  /// Sends a request as the engine does and returns its reply.
  template<class Reply, class... Ts>
  std::optional<Reply> ask(Ts&&... xs) {
    std::optional<Reply> out;
    engine_->request(venue_, patience, std::forward<Ts>(xs)...)
      .receive([&](Reply& r) { out = std::move(r); },
               [&](caf::error& e) { ADD_FAILURE() << caf::to_string(e); });
    return out;
  }

  order_reply place(order_request o) {
    return unwrap(ask<order_reply>(place_atom::value, std::move(o)));
  }
  order_reply cancel(std::string symbol, std::string_view cid) {
    return unwrap(ask<order_reply>(cancel_atom::value, std::move(symbol),
                                   client_order_id::make(cid).value()));
  }
  order_reply query(std::string symbol, std::string_view cid) {
    return unwrap(ask<order_reply>(query_atom::value, std::move(symbol),
                                   client_order_id::make(cid).value()));
  }

  /// Waits for a pushed update of `cid` with event `e`.
  std::optional<venues::order_update> wait_order(std::string_view cid,
                                                 order_event e) {
    std::optional<venues::order_update> out;
    log_->wait([&] {
      out = log_->find(cid, e);
      return out.has_value();
    });
    return out;
  }

  static order_reply unwrap(std::optional<order_reply> r) {
    if (r)
      return std::move(*r);
    return failure{venues::venue_failure{venues::venue_error::server_error,
                                         "no reply", std::nullopt}};
  }

  // Declared before the system: callbacks and the subscriber share it.
  std::shared_ptr<event_log> log_ = std::make_shared<event_log>();
  caf::actor_system_config cfg_;
  caf::actor_system sys_;
  caf::scoped_actor engine_;
  caf::actor venue_;
  caf::actor sub_;
  /// Owned by the venue actor; valid until TearDown (counters, rules).
  venues::venue_session* session_ = nullptr;
};

} // namespace tandem::actors::sim_test
