#include "venues/upbit/session_timers.hpp"

#include "venues/net/io/detail/io_runner_access.hpp"

#include <boost/asio/steady_timer.hpp>

#include <set>

namespace tandem::venues::upbit {

namespace asio = boost::asio;

struct timer_queue::impl {
  explicit impl(asio::io_context& c) : ctx(c) {}
  asio::io_context& ctx;
  std::set<std::shared_ptr<asio::steady_timer>> timers;
  bool cancelled = false;
};

timer_queue::timer_queue(net::io_runner& runner)
  : impl_(
    std::make_shared<impl>(net::detail::io_runner_access::context(runner))) {}

timer_queue::~timer_queue() { cancel_all(); }

void timer_queue::after(std::chrono::nanoseconds delay,
                        std::function<void()> fn) {
  if (impl_->cancelled)
    return;
  auto t = std::make_shared<asio::steady_timer>(impl_->ctx);
  t->expires_after(std::max(delay, std::chrono::nanoseconds{0}));
  impl_->timers.insert(t);
  std::weak_ptr<impl> weak = impl_;
  t->async_wait([weak, t, fn = std::move(fn)](const auto& ec) {
    auto self = weak.lock();
    if (!self)
      return;
    self->timers.erase(t);
    if (ec || self->cancelled)
      return;
    fn();
  });
}

void timer_queue::cancel_all() {
  impl_->cancelled = true;
  auto timers = std::move(impl_->timers);
  impl_->timers.clear();
  for (const auto& t : timers)
    t->cancel();
}

std::size_t timer_queue::pending() const noexcept {
  return impl_->timers.size();
}

} // namespace tandem::venues::upbit
