// tandem-sim: the simulated Upbit and Binance USD-M venues standalone, so
// that any client (not just ours) can be pointed at them. Runs until
// SIGINT or SIGTERM.
#include "apps/tandem-sim/options.hpp"
#include "apps/tandem-sim/ports_file.hpp"
#include "sim/runtime/cluster_toml.hpp"
#include "sim/runtime/sim_cluster.hpp"

#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <span>
#include <string>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_runtime = 1;
constexpr int exit_refused = 2;

void print(std::FILE* to, const std::string& text) {
  std::fputs(text.c_str(), to);
  std::fflush(to);
}

} // namespace

int main(int argc, char** argv) {
  using namespace tandem;
  auto opts = sim_app::parse_options(std::span<const char* const>(
    argv + 1, static_cast<std::size_t>(argc > 0 ? argc - 1 : 0)));
  if (!opts) {
    print(stderr, "tandem-sim: " + opts.error() + "\n" + sim_app::usage());
    return exit_refused;
  }
  if (opts->help) {
    print(stdout, sim_app::usage());
    return exit_ok;
  }
  auto cfg = sim::runtime::load_cluster_config(opts->config);
  if (!cfg) {
    print(stderr, "tandem-sim: config " + opts->config + " refused:\n"
                    + cfg.error() + '\n');
    return exit_refused;
  }
  if (opts->seed)
    cfg->market.seed = *opts->seed;

  // Block the stop signals before any thread starts, so every thread
  // inherits the mask and only sigwait() below receives them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  const bool tls = cfg->tls.has_value();
  auto cluster = sim::runtime::sim_cluster::start(std::move(*cfg));
  if (!cluster) {
    print(stderr, "tandem-sim: cannot start: " + cluster.error() + '\n');
    return exit_runtime;
  }
  auto json = sim::runtime::to_json((*cluster)->urls());
  if (!opts->ports_file.empty())
    if (auto err = sim_app::write_ports_file(opts->ports_file, json)) {
      print(stderr, "tandem-sim: " + *err + '\n');
      return exit_runtime;
    }
  print(stdout, std::string{"tandem-sim: listening ("}
                  + (tls ? "TLS" : "plain, loopback only") + "): " + json
                  + '\n');

  int sig = 0;
  sigwait(&stop, &sig);
  print(stdout, std::string{"tandem-sim: "}
                  + (sig == SIGINT ? "SIGINT" : "SIGTERM") + ", stopping\n");
  cluster->reset();
  if (!opts->ports_file.empty())
    std::remove(opts->ports_file.c_str());
  return exit_ok;
}
