// Smoke tests of the `tandem-sim` binary: it starts from a config, writes
// its base URLs to the ports file, serves them (TLS), and stops on SIGTERM;
// a bad config or command line exits with 2 and says why. Waits block on
// inotify / a pidfd with a bounded timeout; nothing sleeps.
#include "loopback.hpp"
#include "test_pki.hpp"
#include "venues/binance/codec_requests.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace tandem;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace vb = venues::binance;

namespace {

constexpr int guard_ms = 15'000;

/// A temp directory removed at the end.
struct temp_dir {
  temp_dir() {
    std::string t = (fs::temp_directory_path() / "tandem-sim-XXXXXX").string();
    EXPECT_NE(::mkdtemp(t.data()), nullptr);
    path = t;
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path path;
};

/// A child process with its stderr captured.
struct child {
  pid_t pid = -1;
  int err_fd = -1;

  static child spawn(std::vector<std::string> args) {
    child c;
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(
      ::posix_spawn(&c.pid, argv[0], &fa, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    ::close(fds[1]);
    // Non-blocking, so reading it for a message never hangs on a child
    // that is still running.
    ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    c.err_fd = fds[0];
    return c;
  }

  /// Waits (bounded) for the exit; returns the wait status, or nullopt.
  std::optional<int> wait_exit() {
    int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      int ready = ::poll(&p, 1, guard_ms);
      ::close(pidfd);
      if (ready <= 0)
        return std::nullopt;
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid)
      return std::nullopt;
    pid = -1;
    return status;
  }

  /// Returns what the child wrote to stderr (after it exited).
  std::string err() const {
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(err_fd, buf, sizeof buf)) > 0;)
      out.append(buf, static_cast<std::size_t>(n));
    return out;
  }

  ~child() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (err_fd >= 0)
      ::close(err_fd);
  }
};

/// Waits (bounded) until `file` exists, woken by inotify on its directory.
bool wait_for_file(const fs::path& file) {
  int fd = ::inotify_init1(IN_CLOEXEC);
  if (fd < 0)
    return false;
  ::inotify_add_watch(fd, file.parent_path().c_str(),
                      IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE);
  bool found = fs::exists(file);
  auto deadline
    = std::chrono::steady_clock::now() + std::chrono::milliseconds{guard_ms};
  while (!found && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
      break;
    char buf[4096];
    [[maybe_unused]] auto n = ::read(fd, buf, sizeof buf);
    found = fs::exists(file);
  }
  ::close(fd);
  return found;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST(tandem_sim, starts_writes_its_urls_serves_them_and_stops_on_sigterm) {
  temp_dir dir;
  net::testing::test_pki pki;
  auto config = dir.path / "sim.toml";
  std::ofstream{config} << "[tls]\nenabled = true\ncert_file = \""
                        << pki.cert_file() << "\"\nkey_file = \""
                        << pki.key_file() << "\"\n"
                        << R"([binance]
[[binance.accounts]]
api_key = "smoke-key"
secret = "smoke-secret"
[upbit]
[[upbit.accounts]]
access_key = "smoke-access"
secret_key = "smoke-secret"
balances = { KRW = "1000000" }
[market]
interval_ms = 20
)";
  auto ports = dir.path / "ports.json";
  auto c = child::spawn({TANDEM_SIM_BINARY, "--config", config.string(),
                         "--ports-file", ports.string(), "--seed", "7"});
  ASSERT_TRUE(wait_for_file(ports)) << c.err();

  simdjson::dom::parser parser;
  auto text = slurp(ports);
  auto doc = parser.parse(text);
  ASSERT_FALSE(doc.error()) << text;
  std::string binance_rest;
  for (auto [venue, key, scheme] :
       {std::tuple{"binance", "rest", "https://"},
        std::tuple{"binance", "ws", "wss://"},
        std::tuple{"binance", "ws_user", "wss://"},
        std::tuple{"upbit", "rest", "https://"},
        std::tuple{"upbit", "rest_origin", "https://"},
        std::tuple{"upbit", "ws_public", "wss://"},
        std::tuple{"upbit", "ws_private", "wss://"}}) {
    std::string_view url;
    ASSERT_FALSE(doc[venue][key].get_string().get(url)) << venue << key;
    EXPECT_TRUE(url.starts_with(std::string{scheme} + "127.0.0.1:")) << url;
    if (std::string_view{venue} == "binance" && std::string_view{key} == "rest")
      binance_rest = std::string{url};
  }

  // It serves what it wrote.
  net::io_runner runner;
  runner.start();
  auto http = sim::testing::make_http(runner, binance_rest, pki.ca_file());
  auto r = sim::testing::call(*http, vb::server_time());
  EXPECT_EQ(r.status, 200u) << r.body;
  http.reset();
  runner.stop();

  ASSERT_EQ(::kill(c.pid, SIGTERM), 0);
  auto status = c.wait_exit();
  ASSERT_TRUE(status) << "tandem-sim did not stop on SIGTERM";
  ASSERT_TRUE(WIFEXITED(*status)) << *status;
  EXPECT_EQ(WEXITSTATUS(*status), 0) << c.err();
  EXPECT_FALSE(fs::exists(ports));
}

TEST(tandem_sim, a_bad_config_exits_with_2_and_names_the_key) {
  temp_dir dir;
  auto config = dir.path / "bad.toml";
  std::ofstream{config} << "[binance]\nmaker_fee = 0.0002\n";
  auto c = child::spawn({TANDEM_SIM_BINARY, "--config", config.string()});
  auto status = c.wait_exit();
  ASSERT_TRUE(status);
  ASSERT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 2);
  auto err = c.err();
  EXPECT_NE(err.find("bad.toml:2:13: binance.maker_fee"), std::string::npos)
    << err;
}

TEST(tandem_sim, a_bad_command_line_exits_with_2) {
  for (std::vector<std::string> args :
       {std::vector<std::string>{TANDEM_SIM_BINARY},
        {TANDEM_SIM_BINARY, "--config", "x.toml", "--seed", "-1"},
        {TANDEM_SIM_BINARY, "--config", "x.toml", "--bogus"},
        {TANDEM_SIM_BINARY, "--config", "/nonexistent/sim.toml"}}) {
    auto c = child::spawn(args);
    auto status = c.wait_exit();
    ASSERT_TRUE(status);
    ASSERT_TRUE(WIFEXITED(*status));
    EXPECT_EQ(WEXITSTATUS(*status), 2) << args.back();
    EXPECT_NE(c.err().find("tandem-sim:"), std::string::npos);
  }
}
