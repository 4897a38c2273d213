#include "tests/admin/subprocess.hpp"

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdexcept>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tandem::admin::test {

namespace {

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v)
    out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

} // namespace

subprocess::subprocess(std::vector<std::string> argv,
                       std::vector<std::string> env, bool pty)
  : pty_(pty) {
  auto args = c_strings(argv);
  auto envp = c_strings(env);
  int in[2] = {-1, -1};
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
  int master = -1;
  int slave = -1;
  if (pty) {
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0)
      throw std::runtime_error("openpty failed");
  } else if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0
             || ::pipe2(err, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  pid_ = ::fork();
  if (pid_ < 0)
    throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Only async-signal-safe calls between fork and exec.
    if (pty) {
      ::setsid();
      ::ioctl(slave, TIOCSCTTY, 0);
      ::dup2(slave, 0);
      ::dup2(slave, 1);
      ::dup2(slave, 2);
    } else {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
    }
    ::execve(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  if (pty) {
    ::close(slave);
    master_ = master;
    in_ = master;
    out_fd_ = master;
  } else {
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    in_ = in[1];
    out_fd_ = out[0];
    err_fd_ = err[0];
  }
}

subprocess::~subprocess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (pty_) {
    ::close(master_);
    return;
  }
  for (int fd : {in_, out_fd_, err_fd_})
    if (fd >= 0)
      ::close(fd);
}

void subprocess::write(std::string_view s) {
  while (!s.empty()) {
    auto n = ::write(in_, s.data(), s.size());
    if (n <= 0)
      return;
    s.remove_prefix(static_cast<std::size_t>(n));
  }
}

void subprocess::close_stdin() {
  if (!pty_ && in_ >= 0) {
    ::close(in_);
    in_ = -1;
  }
}

bool subprocess::pump(int ms) {
  pollfd p[2];
  int n = 0;
  if (out_fd_ >= 0)
    p[n++] = {out_fd_, POLLIN, 0};
  if (err_fd_ >= 0)
    p[n++] = {err_fd_, POLLIN, 0};
  if (n == 0)
    return false;
  if (::poll(p, static_cast<nfds_t>(n), ms) <= 0)
    return true;
  for (int i = 0; i < n; ++i) {
    if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
      continue;
    char buf[4096];
    auto r = ::read(p[i].fd, buf, sizeof buf);
    auto& dest = p[i].fd == out_fd_ ? out_ : err_;
    if (r > 0) {
      dest.append(buf, static_cast<std::size_t>(r));
      continue;
    }
    // EOF (or EIO on a pty whose child is gone).
    if (p[i].fd == out_fd_) {
      if (!pty_)
        ::close(out_fd_);
      out_fd_ = -1;
    } else {
      ::close(err_fd_);
      err_fd_ = -1;
    }
  }
  return true;
}

bool subprocess::wait_for(
  const std::function<bool(const std::string&, const std::string&)>& pred,
  std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (!pred(out_, err_)) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                  end - std::chrono::steady_clock::now())
                  .count();
    if (left <= 0 || !pump(static_cast<int>(left)))
      return pred(out_, err_);
  }
  return true;
}

int subprocess::wait_exit(std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (out_fd_ >= 0 || err_fd_ >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                  end - std::chrono::steady_clock::now())
                  .count();
    if (left <= 0) {
      ::kill(pid_, SIGKILL);
      break;
    }
    pump(static_cast<int>(left));
  }
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return -1;
}

} // namespace tandem::admin::test
