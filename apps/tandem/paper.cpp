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

result<std::unique_ptr<sim::runtime::sim_cluster>, std::string>
start_paper_venues(config::engine_config& cfg, const std::string& sim_config,
                   std::optional<std::uint64_t> seed) {
  auto cc = sim::runtime::load_cluster_config(sim_config);
  if (!cc.has_value())
    return failure{"simulator config " + sim_config + " refused:\n"
                   + cc.error()};
  auto& c = cc.value();
  if (seed)
    c.market.seed = *seed;
  if (c.binance.accounts.empty() || c.upbit.accounts.empty())
    return failure{"simulator config " + sim_config
                   + ": paper mode needs one account per venue"};
  auto cluster = sim::runtime::sim_cluster::start(c);
  if (!cluster.has_value())
    return failure{"simulators did not start: " + cluster.error()};
  const auto& urls = cluster.value()->urls();
  auto& bn = cfg.venues.binance;
  bn.rest_url = urls.binance.rest;
  bn.ws_url = urls.binance.ws + "/ws";
  bn.ws_user_url = urls.binance.ws_user;
  if (bn.api_key.empty()) {
    bn.api_key = secret{c.binance.accounts.front().api_key};
    bn.api_secret = secret{c.binance.accounts.front().secret};
  }
  auto& up = cfg.venues.upbit;
  // The Upbit codec's paths start with /v1: the base is the origin.
  up.rest_url = urls.upbit.rest_origin;
  up.ws_url = urls.upbit.ws_public;
  up.ws_private_url = urls.upbit.ws_private;
  if (up.api_key.empty()) {
    up.api_key = secret{c.upbit.accounts.front().access_key};
    up.api_secret = secret{c.upbit.accounts.front().secret_key};
  }
  return std::move(cluster.value());
}

} // namespace tandem::app
