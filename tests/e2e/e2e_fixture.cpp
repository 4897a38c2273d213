#include "e2e_fixture.hpp"

#include "sim/binance/binance_venue.hpp"
#include "sim/upbit/upbit_venue.hpp"

#include <cstdlib>

namespace tandem::e2e {

namespace {

template<class T>
std::optional<T> ask_actor(actors::engine& eng, const caf::actor& who,
                           auto&&... xs) {
  std::optional<T> out;
  caf::scoped_actor self{eng.system()};
  self->request(who, 10s, std::forward<decltype(xs)>(xs)...)
    .receive([&](T& x) { out = std::move(x); }, [](caf::error&) {});
  return out;
}

bool settled_state(const std::string& s) {
  return s == "hedged" || s == "closed" || s == "rolled_back"
         || s == "escalated" || s == "abandoned";
}

} // namespace

void e2e_test::SetUp() {
  pki_ = std::make_unique<net::testing::test_pki>();
  auto base = std::filesystem::temp_directory_path() / "tandem-e2e-XXXXXX";
  std::string tmpl = base.string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  dir_ = tmpl;
}

void e2e_test::TearDown() {
  // The engine first: its sessions hold connections to the simulators.
  engine_.reset();
  cluster_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void e2e_test::start_cluster(bool market_timer) {
  auto cc = rt::load_cluster_config(TANDEM_SOURCE_DIR "/config/sim.toml");
  ASSERT_TRUE(cc.has_value()) << cc.error();
  cluster_cfg_ = cc.value();
  cluster_cfg_.binance_ports = {};
  cluster_cfg_.upbit_ports = {};
  cluster_cfg_.tls = sim::tls_files{pki_->cert_file(), pki_->key_file()};
  cluster_cfg_.market_timer = market_timer;
  auto c = rt::sim_cluster::start(cluster_cfg_);
  ASSERT_TRUE(c.has_value()) << c.error();
  cluster_ = std::move(c.value());
  // Closed premium until a test opens it (overrides the config's script).
  cluster_->market().set_premium(rate{});
}

void e2e_test::start_engine(
  bool paused, const std::function<void(actors::engine_inputs&)>& tweak) {
  auto loaded = config::load_config(TANDEM_SOURCE_DIR "/config/paper.toml");
  ASSERT_TRUE(loaded.has_value());
  auto cfg = std::move(loaded.value());
  cfg.engine.data_dir = dir_.string();
  // As apps/tandem/paper.cpp points paper mode at the simulators, plus the
  // test CA (the simulators serve TLS here).
  const auto& urls = cluster_->urls();
  auto& bn = cfg.venues.binance;
  bn.rest_url = urls.binance.rest;
  bn.ws_url = urls.binance.ws + "/ws";
  bn.ws_user_url = urls.binance.ws_user;
  bn.ca_file = pki_->ca_file();
  bn.api_key = secret{cluster_cfg_.binance.accounts.front().api_key};
  bn.api_secret = secret{cluster_cfg_.binance.accounts.front().secret};
  auto& up = cfg.venues.upbit;
  up.rest_url = urls.upbit.rest_origin;
  up.ws_url = urls.upbit.ws_public;
  up.ws_private_url = urls.upbit.ws_private;
  up.ca_file = pki_->ca_file();
  up.api_key = secret{cluster_cfg_.upbit.accounts.front().access_key};
  up.api_secret = secret{cluster_cfg_.upbit.accounts.front().secret_key};

  actors::engine_inputs in;
  in.cfg = std::move(cfg);
  // A fresh session per start: client ids never repeat across restarts.
  in.session = static_cast<std::uint64_t>(
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count())
               + ++sessions_;
  in.start_paused = paused;
  in.console = false;
  if (tweak)
    tweak(in);
  auto e = actors::engine::start(std::move(in));
  ASSERT_TRUE(e.has_value()) << e.error();
  engine_ = std::move(e.value());
  wait_for_quotes();
}

void e2e_test::stop_engine() {
  if (engine_)
    engine_->stop(false);
  engine_.reset();
}

actors::coordinator_stats e2e_test::stats() {
  return ask_actor<actors::coordinator_stats>(*engine_, engine_->coordinator(),
                                              actors::stats_atom::value)
    .value_or(actors::coordinator_stats{});
}

std::vector<actors::pair_view> e2e_test::pairs() {
  return ask_actor<std::vector<actors::pair_view>>(
           *engine_, engine_->coordinator(), actors::pairs_atom::value)
    .value_or(std::vector<actors::pair_view>{});
}

actors::halt_state e2e_test::halt() {
  return ask_actor<actors::halt_state>(*engine_, engine_->emergency_stop(),
                                       caf::get_atom::value)
    .value_or(actors::halt_state{});
}

std::vector<alerts::alert> e2e_test::recent_alerts() {
  return ask_actor<std::vector<alerts::alert>>(
           *engine_, engine_->alerts(), actors::recent_alerts_atom::value)
    .value_or(std::vector<alerts::alert>{});
}

std::optional<actors::pair_view> e2e_test::pair(const std::string& id) {
  for (auto& p : pairs())
    if (p.pair_id == id)
      return p;
  return std::nullopt;
}

quantity e2e_test::upbit_btc() {
  return cluster_->upbit().with_venue([](sim::upbit::upbit_venue& v) {
    auto h = v.state().balances().get(upbit_access, "BTC");
    return quantity::from_raw((h.free + h.locked).raw());
  });
}

money e2e_test::upbit_krw() {
  return cluster_->upbit().with_venue([](sim::upbit::upbit_venue& v) {
    auto h = v.state().balances().get(upbit_access, "KRW");
    return h.free + h.locked;
  });
}

quantity e2e_test::binance_btc() {
  return cluster_->binance().with_venue([](sim::binance::binance_venue& v) {
    auto p = v.position(binance_key, "BTCUSDT");
    return p ? p->qty : quantity{};
  });
}

money e2e_test::binance_wallet() {
  return cluster_->binance().with_venue([](sim::binance::binance_venue& v) {
    return v.wallet(binance_key).value_or(money{});
  });
}

std::size_t e2e_test::upbit_open_orders() {
  return cluster_->upbit().with_venue([](sim::upbit::upbit_venue& v) {
    return v.state().open_orders(upbit_access, "").size();
  });
}

std::size_t e2e_test::binance_open_orders() {
  return cluster_->binance().with_venue([](sim::binance::binance_venue& v) {
    return v.open_order_count(binance_key);
  });
}

arbitrage::pair_signal e2e_test::make_signal(const std::string& id,
                                             arbitrage::pair_kind kind,
                                             quantity qty) {
  auto books = cluster_->market().last();
  EXPECT_TRUE(books.has_value());
  arbitrage::pair_signal sig;
  sig.id = id;
  sig.kind = kind;
  sig.cause = kind == arbitrage::pair_kind::entry
                ? arbitrage::signal_cause::entry_threshold
                : arbitrage::signal_cause::exit_threshold;
  sig.qty = qty;
  bool entry = kind == arbitrage::pair_kind::entry;
  // Two levels through the top: on the tick grid, and deep enough that an
  // IOC leg fills in full (each level holds far more than one leg).
  const auto& up = entry ? books->upbit_btc.asks : books->upbit_btc.bids;
  const auto& bn = entry ? books->binance_btc.bids : books->binance_btc.asks;
  sig.upbit_limit = up.at(2).px;
  sig.binance_limit = bn.at(2).px;
  sig.quoted.upbit_krw = up.front().px;
  sig.quoted.binance_usdt = bn.front().px;
  sig.quoted.usdt_krw = entry ? books->upbit_usdt.asks.front().px
                              : books->upbit_usdt.bids.front().px;
  sig.premium = arbitrage::bps::must_parse(entry ? "250" : "20");
  sig.created = system_clock_source{}.now();
  sig.upbit_quote_ts = sig.binance_quote_ts = sig.usdt_krw_quote_ts
    = sig.created;
  return sig;
}

void e2e_test::wait_for_quotes() {
  caf::scoped_actor self{engine_->system()};
  // The venue actors push each quote to every subscriber in one step, so
  // once the strategy has seen quotes beyond the subscription snapshots
  // (which include KRW-USDT), the risk actor, which needs that rate, has
  // them queued too, ahead of the coordinator's check.
  EXPECT_TRUE(eventually([&] {
    // Without the market timer the books only move (and only send frames)
    // when stepped; a step moves prices by a few ticks, well inside the
    // signal's limits (two levels through the top).
    if (!cluster_cfg_.market_timer)
      cluster_->market().step();
    std::uint64_t quotes = 0;
    self
      ->request(engine_->strategy(), std::chrono::seconds{5},
                actors::status_atom::value)
      .receive([&](actors::strategy_status& s) { quotes = s.quotes; },
               [](caf::error&) {});
    return quotes >= 4;
  }))
    << "no quotes reached the engine";
}

void e2e_test::send_signal(const arbitrage::pair_signal& sig) {
  caf::scoped_actor self{engine_->system()};
  self->send(engine_->coordinator(), sig);
}

std::optional<actors::pair_view> e2e_test::wait_settled(const std::string& id) {
  std::optional<actors::pair_view> out;
  eventually([&] {
    out = pair(id);
    return out && settled_state(out->state);
  });
  return out;
}

} // namespace tandem::e2e
