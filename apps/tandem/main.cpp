// tandem: the engine's entry point. Today it loads and validates the
// config, starts logging and reports the config; the venue adapters and the
// trading engine come with later work, and it says so instead of pretending.
#include "apps/tandem/options.hpp"
#include "apps/tandem/startup.hpp"
#include "config/load.hpp"
#include "log/logging.hpp"

#include <cstdio>
#include <span>
#include <string>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_runtime = 1;
constexpr int exit_refused = 2;

void print(std::FILE* to, const std::string& text) {
  std::fputs(text.c_str(), to);
}

} // namespace

int main(int argc, char** argv) {
  using namespace tandem;
  auto opts = app::parse_options(std::span<const char* const>(
    argv + 1, static_cast<std::size_t>(argc > 0 ? argc - 1 : 0)));
  if (!opts) {
    print(stderr, "tandem: " + opts.error() + '\n');
    return exit_refused;
  }
  if (opts->help) {
    print(stdout, app::usage());
    return exit_ok;
  }

  auto cfg = config::load_config(opts->config);
  if (!cfg) {
    const auto& issues = cfg.error();
    print(stderr, "tandem: config " + opts->config + " refused ("
                    + std::to_string(issues.size()) + " problem"
                    + (issues.size() == 1 ? "" : "s") + "):\n"
                    + to_string(issues));
    return exit_refused;
  }
  if (opts->check_config) {
    print(stdout, "tandem: config " + opts->config + " is valid (mode "
                    + std::string(to_string(cfg->engine.mode)) + ", "
                    + std::to_string(cfg->instruments.size())
                    + " instruments)\n");
    return exit_ok;
  }

  if (auto err = logging::init(cfg->log)) {
    print(stderr, "tandem: " + *err + '\n');
    return exit_runtime;
  }
  TLOG_INFO("engine.start", "version={}", "0.1.0");
  app::log_config_summary(*cfg);
  if (opts->duration_s || opts->seed)
    TLOG_INFO("engine.options", "duration_s={} seed={}",
              opts->duration_s ? std::to_string(*opts->duration_s) : "none",
              opts->seed ? std::to_string(*opts->seed) : "none");

  // Honest about what exists: nothing below this line trades yet.
  TLOG_WARN("engine.unavailable",
            "reason=\"venue adapters and trading engine not built yet\"");
  print(stdout,
        "tandem: config is valid and logging works, but the venue adapters "
        "and the trading engine are not built yet (they come with later "
        "work). Nothing was traded.\n");
  if (!opts->summary.empty())
    print(stdout, "tandem: summary " + opts->summary
                    + " not written: nothing traded.\n");
  TLOG_INFO("engine.stop", "traded=false");
  logging::flush();
  return exit_ok;
}
