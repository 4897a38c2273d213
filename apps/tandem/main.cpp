// tandem: the engine's entry point. Loads the config, starts the simulated
// venues in paper mode, spawns the engine, shows a status line once a
// second and stops cleanly on Ctrl-C / SIGTERM or after --duration.
#include "actors/engine.hpp"
#include "apps/tandem/journal_export.hpp"
#include "apps/tandem/options.hpp"
#include "apps/tandem/paper.hpp"
#include "apps/tandem/startup.hpp"
#include "config/load.hpp"
#include "log/logging.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <thread>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_runtime = 1;
constexpr int exit_refused = 2;

std::atomic<bool> stop_requested{false};

extern "C" void on_signal(int) { stop_requested.store(true); }

void print(std::FILE* to, const std::string& text) {
  std::fputs(text.c_str(), to);
  std::fflush(to);
}

bool write_file(const std::string& path, const std::string& text) {
  auto tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!(out << text))
      return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

} // namespace

int main(int argc, char** argv) {
  using namespace tandem;
  // `tandem journal export ...`: the journal for accounting (CSV / JSON lines).
  if (argc >= 3 && std::string_view{argv[1]} == "journal"
      && std::string_view{argv[2]} == "export")
    return app::run_journal_export(
      {argv + 3, static_cast<std::size_t>(argc - 3)}, std::cout, std::cerr);
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

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);

  // Paper mode trades against the simulators, started here.
  std::unique_ptr<sim::runtime::sim_cluster> sims;
  if (cfg->engine.mode == config::engine_mode::paper) {
    auto sim_cfg = opts->sim_config.empty()
                     ? app::default_sim_config(opts->config)
                     : opts->sim_config;
    if (opts->external_sims) {
      // Simulators already running keep their state: the journal stays.
      if (auto keys = app::use_paper_keys(*cfg, sim_cfg); !keys) {
        print(stderr, "tandem: " + keys.error() + '\n');
        return exit_runtime;
      }
      TLOG_INFO("paper.venues", "external=true sim_config={}", sim_cfg);
    } else {
      auto started = app::start_paper_venues(*cfg, sim_cfg, opts->seed);
      if (!started) {
        print(stderr, "tandem: " + started.error() + '\n');
        return exit_runtime;
      }
      sims = std::move(started.value());
      if (auto old = app::archive_paper_journal(*cfg))
        TLOG_INFO("paper.journal_archived", "file={} reason=\"{}\"", *old,
                  "the embedded simulators start fresh");
      TLOG_INFO("paper.venues", "sim_config={}", sim_cfg);
    }
  } else if (opts->external_sims) {
    print(stderr, "tandem: --external-sims is for paper mode only\n");
    return exit_refused;
  }

  actors::engine_inputs in;
  in.cfg = *cfg;
  in.session = static_cast<std::uint64_t>(
    std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch())
      .count());
  auto eng = actors::engine::start(std::move(in));
  if (!eng) {
    print(stderr, "tandem: engine did not start: " + eng.error() + '\n');
    return exit_runtime;
  }
  auto& engine = *eng.value();

  auto started_at = std::chrono::steady_clock::now();
  auto next_status = started_at;
  while (!stop_requested.load()) {
    auto now = std::chrono::steady_clock::now();
    if (opts->duration_s
        && now - started_at >= std::chrono::seconds{*opts->duration_s})
      break;
    if (now >= next_status) {
      print(stdout, "tandem: " + engine.status_line() + '\n');
      next_status = now + std::chrono::seconds{1};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }

  // Ctrl-C: no order left open on any venue.
  engine.stop(true);
  auto summary = engine.summary();
  auto json = actors::to_json(summary);
  print(stdout, "tandem: summary " + json);
  int rc = exit_ok;
  if (!opts->summary.empty() && !write_file(opts->summary, json)) {
    print(stderr, "tandem: could not write summary " + opts->summary + '\n');
    rc = exit_runtime;
  }
  eng.value().reset();
  sims.reset();
  TLOG_INFO("engine.stop", "pairs_opened={} pairs_closed={}",
            summary.pairs_opened, summary.pairs_closed);
  logging::flush();
  return rc;
}
