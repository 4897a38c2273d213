#include "apps/tandemctl/wakeup.hpp"

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace tandem::ctl {

wakeup& wakeup::instance() {
  static wakeup w;
  return w;
}

wakeup::wakeup() {
  int fds[2] = {-1, -1};
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
    read_fd_ = fds[0];
    write_fd_ = fds[1];
  }
  struct sigaction sa {};
  sa.sa_handler = &wakeup::on_signal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

void wakeup::on_signal(int) noexcept {
  auto& w = instance();
  w.stop_ = true;
  w.notify();
}

void wakeup::notify() noexcept {
  char c = 1;
  // A full pipe already wakes the poller: ignore EAGAIN.
  [[maybe_unused]] auto n = ::write(write_fd_, &c, 1);
}

void wakeup::drain() noexcept {
  char buf[64];
  while (::read(read_fd_, buf, sizeof buf) > 0) {
  }
}

} // namespace tandem::ctl
