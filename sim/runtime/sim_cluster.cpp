#include "sim/runtime/sim_cluster.hpp"

#include "venues/common/json_string.hpp"

#include <algorithm>
#include <utility>

namespace tandem::sim::runtime {

namespace {

void field(std::string& out, std::string_view key, std::string_view value,
           bool first = false) {
  if (!first)
    out += ',';
  venues::append_json_string(out, key);
  out += ':';
  venues::append_json_string(out, value);
}

/// Starts the KRW markets' tickers at the market's opening prices rather
/// than at the venue defaults.
void align_reference_prices(cluster_config& cfg) {
  const auto& m = cfg.market;
  for (auto& mk : cfg.upbit.markets) {
    std::optional<price> ref;
    if (mk.code == m.upbit_usdt_market)
      ref = m.usdt_krw;
    else if (mk.code == m.upbit_btc_market)
      if (auto krw = mul<price>(m.btc_usdt, m.usdt_krw, rounding::half_even))
        ref = *krw;
    if (ref)
      if (auto r = mk.tick.round(*ref, side::buy); r && r->is_positive())
        mk.reference_price = *r;
  }
}

std::optional<std::string> check_markets(const cluster_config& cfg) {
  const auto& m = cfg.market;
  auto has_symbol
    = std::any_of(cfg.binance.symbols.begin(), cfg.binance.symbols.end(),
                  [&](const auto& s) { return s.symbol == m.binance_symbol; });
  if (!has_symbol)
    return "market: binance has no symbol " + m.binance_symbol;
  for (const auto& code : {m.upbit_btc_market, m.upbit_usdt_market}) {
    auto has_market
      = std::any_of(cfg.upbit.markets.begin(), cfg.upbit.markets.end(),
                    [&](const auto& mk) { return mk.code == code; });
    if (!has_market)
      return "market: upbit has no market " + code;
  }
  return std::nullopt;
}

} // namespace

sim::market::process_config cluster_config::default_market() {
  sim::market::process_config m;
  m.upbit_usdt_ticks = sim::upbit::krw_usdt_tick();
  return m;
}

std::string to_json(const cluster_urls& u) {
  std::string out = "{\"binance\":{";
  field(out, "rest", u.binance.rest, true);
  field(out, "ws", u.binance.ws);
  field(out, "ws_user", u.binance.ws_user);
  out += "},\"upbit\":{";
  field(out, "rest", u.upbit.rest, true);
  field(out, "rest_origin", u.upbit.rest_origin);
  field(out, "ws_public", u.upbit.ws_public);
  field(out, "ws_private", u.upbit.ws_private);
  out += "}}";
  return out;
}

result<std::unique_ptr<sim_cluster>, std::string>
sim_cluster::start(cluster_config cfg, const clock_source* clock) {
  static const system_clock_source system_clock;
  if (!clock)
    clock = &system_clock;
  if (auto bad = check_markets(cfg))
    return failure{std::move(*bad)};
  if (cfg.market_timer
      && cfg.market_interval <= std::chrono::milliseconds::zero())
    return failure{std::string{"market: interval must be positive"}};
  align_reference_prices(cfg);

  auto process = sim::market::price_process::make(cfg.market, clock->now());
  if (!process)
    return failure{process.error()};

  std::unique_ptr<sim_cluster> c{new sim_cluster};
  service_options bo;
  bo.rest_port = cfg.binance_ports.rest;
  bo.ws_port = cfg.binance_ports.ws;
  bo.tls = cfg.tls;
  bo.pump_interval = cfg.pump_interval;
  bo.clock = clock;
  bo.observer = cfg.observer;
  auto binance = binance_service::start(std::move(cfg.binance), bo);
  if (!binance)
    return failure{binance.error()};
  c->binance_ = std::move(*binance);

  service_options uo = bo;
  uo.rest_port = cfg.upbit_ports.rest;
  uo.ws_port = cfg.upbit_ports.ws;
  auto upbit = upbit_service::start(cfg.upbit, uo);
  if (!upbit)
    return failure{upbit.error()};
  c->upbit_ = std::move(*upbit);

  c->urls_ = cluster_urls{c->binance_->urls(), c->upbit_->urls()};
  c->market_ = std::make_unique<market_driver>(
    std::move(*process), c->binance_.get(), c->upbit_.get(), clock);
  c->market_->step();
  if (cfg.market_timer)
    c->market_->start(cfg.market_interval);
  return c;
}

sim_cluster::~sim_cluster() = default;

} // namespace tandem::sim::runtime
