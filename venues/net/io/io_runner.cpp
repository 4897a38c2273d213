#include "venues/net/io/io_runner.hpp"

#include "venues/net/io/detail/io_runner_access.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <optional>
#include <thread>

namespace tandem::net {

namespace asio = boost::asio;

struct io_runner::impl {
  asio::io_context ctx{1}; // one thread: handlers never run concurrently
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>>
    work;
  std::thread thread;
  std::atomic<bool> running{false};

  void run() {
    // A handler that throws (a user callback, say) must not end the thread
    // that every connection depends on: swallow and keep serving.
    for (;;) {
      try {
        ctx.run();
        return;
      } catch (...) {
        continue;
      }
    }
  }
};

io_runner::io_runner() : impl_(std::make_unique<impl>()) {}

io_runner::~io_runner() {
  // From the runner thread this cannot join, and std::thread's destructor
  // then terminates: destroying the runner from its own thread is a bug
  // that should fail loudly, not run on with a dangling context.
  stop();
}

void io_runner::start() {
  if (impl_->running.exchange(true))
    return;
  impl_->ctx.restart();
  impl_->work.emplace(impl_->ctx.get_executor());
  impl_->thread = std::thread([this] { impl_->run(); });
}

void io_runner::stop() {
  impl_->running = false;
  impl_->work.reset();
  impl_->ctx.stop();
  if (impl_->thread.joinable()
      && impl_->thread.get_id() != std::this_thread::get_id())
    impl_->thread.join();
}

bool io_runner::running() const noexcept { return impl_->running.load(); }

bool io_runner::in_runner_thread() const noexcept {
  return impl_->ctx.get_executor().running_in_this_thread();
}

void io_runner::post(std::function<void()> fn) {
  asio::post(impl_->ctx, std::move(fn));
}

namespace detail {

asio::io_context& io_runner_access::context(io_runner& r) noexcept {
  return r.impl_->ctx;
}

} // namespace detail

} // namespace tandem::net
