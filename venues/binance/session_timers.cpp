#include "venues/binance/session_timers.hpp"

#include "venues/net/io/detail/io_runner_access.hpp"

#include <boost/asio/steady_timer.hpp>

#include <map>

namespace tandem::venues::binance {

namespace asio = boost::asio;

struct session_timers::state {
  explicit state(asio::io_context& c) : ctx(c) {}
  asio::io_context& ctx;
  std::map<timer_id, std::unique_ptr<asio::steady_timer>> timers;
  timer_id next = 1;
  bool stopped = false;
};

session_timers::session_timers(net::io_runner& runner)
  : state_(
    std::make_shared<state>(net::detail::io_runner_access::context(runner))) {}

session_timers::~session_timers() { cancel_all(); }

session_timers::timer_id session_timers::after(std::chrono::nanoseconds delay,
                                               std::function<void()> fn) {
  auto& st = *state_;
  if (st.stopped)
    return 0;
  auto id = st.next++;
  auto t = std::make_unique<asio::steady_timer>(st.ctx);
  if (delay.count() < 0)
    delay = std::chrono::nanoseconds{0};
  t->expires_after(delay);
  // A weak reference: a handler still queued when the set is gone does
  // nothing, and a pending timer does not keep the set alive.
  t->async_wait([w = std::weak_ptr<state>{state_}, id,
                 fn = std::move(fn)](const boost::system::error_code& ec) {
    auto s = w.lock();
    if (ec || !s || s->stopped)
      return;
    auto it = s->timers.find(id);
    if (it == s->timers.end())
      return; // cancelled after it fired, before it ran
    s->timers.erase(it);
    fn();
  });
  st.timers.emplace(id, std::move(t));
  return id;
}

void session_timers::cancel(timer_id id) {
  auto it = state_->timers.find(id);
  if (it == state_->timers.end())
    return;
  it->second->cancel();
  state_->timers.erase(it);
}

void session_timers::cancel_all() {
  auto& st = *state_;
  st.stopped = true;
  for (auto& [id, t] : st.timers)
    t->cancel();
  st.timers.clear();
}

std::size_t session_timers::pending() const noexcept {
  return state_->timers.size();
}

} // namespace tandem::venues::binance
