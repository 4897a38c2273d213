#include "apps/tandem/paper.hpp"

#include "sim/runtime/cluster_toml.hpp"

#include "journal/store.hpp"

#include <chrono>
#include <filesystem>

namespace tandem::app {

std::optional<std::string>
archive_paper_journal(const config::engine_config& cfg) {
  namespace fs = std::filesystem;
  auto db = journal::journal_file(cfg.engine.data_dir);
  std::error_code ec;
  if (!fs::exists(db, ec))
    return std::nullopt;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count();
  auto target = db.parent_path() / ("journal-" + std::to_string(ms) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::path from = db.string() + suffix;
    if (fs::exists(from, ec))
      fs::rename(from, target.string() + suffix, ec);
  }
  return target.string();
}

std::string default_sim_config(const std::string& engine_config_path) {
  auto dir = std::filesystem::path(engine_config_path).parent_path();
  return (dir / "sim.toml").string();
}

namespace {

/// The simulator config of `path`, with one account per venue.
result<sim::runtime::cluster_config, std::string>
load_paper_sims(const std::string& path) {
  auto cc = sim::runtime::load_cluster_config(path);
  if (!cc.has_value())
    return failure{"simulator config " + path + " refused:\n" + cc.error()};
  if (cc.value().binance.accounts.empty() || cc.value().upbit.accounts.empty())
    return failure{"simulator config " + path
                   + ": paper mode needs one account per venue"};
  return std::move(cc.value());
}

/// Paper keys are the simulator's first accounts; keys in the engine
/// config win.
void set_paper_keys(config::engine_config& cfg,
                    const sim::runtime::cluster_config& c) {
  auto& bn = cfg.venues.binance;
  if (bn.api_key.empty()) {
    bn.api_key = secret{c.binance.accounts.front().api_key};
    bn.api_secret = secret{c.binance.accounts.front().secret};
  }
  auto& up = cfg.venues.upbit;
  if (up.api_key.empty()) {
    up.api_key = secret{c.upbit.accounts.front().access_key};
    up.api_secret = secret{c.upbit.accounts.front().secret_key};
  }
}

} // namespace

result<bool, std::string> use_paper_keys(config::engine_config& cfg,
                                         const std::string& sim_config) {
  auto cc = load_paper_sims(sim_config);
  if (!cc.has_value())
    return failure{cc.error()};
  set_paper_keys(cfg, cc.value());
  return true;
}

result<std::unique_ptr<sim::runtime::sim_cluster>, std::string>
start_paper_venues(config::engine_config& cfg, const std::string& sim_config,
                   std::optional<std::uint64_t> seed) {
  auto cc = load_paper_sims(sim_config);
  if (!cc.has_value())
    return failure{cc.error()};
  auto& c = cc.value();
  if (seed)
    c.market.seed = *seed;
  auto cluster = sim::runtime::sim_cluster::start(c);
  if (!cluster.has_value())
    return failure{"simulators did not start: " + cluster.error()};
  const auto& urls = cluster.value()->urls();
  auto& bn = cfg.venues.binance;
  bn.rest_url = urls.binance.rest;
  bn.ws_url = urls.binance.ws + "/ws";
  bn.ws_user_url = urls.binance.ws_user;
  auto& up = cfg.venues.upbit;
  // The Upbit codec's paths start with /v1: the base is the origin.
  up.rest_url = urls.upbit.rest_origin;
  up.ws_url = urls.upbit.ws_public;
  up.ws_private_url = urls.upbit.ws_private;
  set_paper_keys(cfg, c);
  return std::move(cluster.value());
}

} // namespace tandem::app
