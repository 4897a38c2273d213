#include "actors/engine.hpp"

#include "actors/admin_gateway.hpp"
#include "actors/alert_actor.hpp"
#include "actors/emergency_stop.hpp"
#include "actors/engine_control.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/journal_actor.hpp"
#include "actors/journal_protocol.hpp"
#include "actors/pair_coordinator.hpp"
#include "actors/position_actor.hpp"
#include "actors/reconciler.hpp"
#include "actors/risk_actor.hpp"
#include "actors/strategy_actor.hpp"
#include "actors/supervisor.hpp"
#include "actors/venue_actor.hpp"
#include "actors/venue_away_monitor.hpp"
#include "alerts/discord_setup.hpp"
#include "config/instruments.hpp"
#include "journal/replay.hpp"
#include "journal/store.hpp"
#include "log/logging.hpp"
#include "venues/binance/session.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/upbit/session.hpp"

#include <caf/all.hpp>

#include <fmt/format.h>

#include <array>

namespace tandem::actors {

namespace {

using namespace std::chrono_literals;

constexpr auto ask_timeout = 2s;

std::optional<instrument> find_instrument(const config::engine_config& cfg,
                                          std::string_view venue,
                                          std::string_view symbol) {
  for (const auto& i : cfg.instruments)
    if (i.venue == venue && i.symbol == symbol)
      return config::to_instrument(i);
  return std::nullopt;
}

venues::binance::session_options
binance_options(const config::engine_config& cfg) {
  const auto& v = cfg.venues.binance;
  venues::binance::session_options o;
  o.rest_url = v.rest_url;
  o.ws_url = v.ws_url;
  o.ws_user_url = v.ws_user_url;
  if (!v.ca_file.empty())
    o.ca_file = v.ca_file;
  o.api_key = std::string{v.api_key.expose()};
  o.secret = std::string{v.api_secret.expose()};
  o.recv_window_ms = v.recv_window_ms;
  o.symbols = {cfg.strategy.kimchi.binance_symbol};
  o.leverage = static_cast<int>(cfg.risk.max_leverage);
  // Dead-man's switch: the venue cancels our orders if we vanish.
  o.countdown = 60s;
  return o;
}

venues::upbit::session_options upbit_options(const config::engine_config& cfg,
                                             std::optional<std::int64_t> ops) {
  const auto& v = cfg.venues.upbit;
  venues::upbit::session_options o;
  if (ops)
    o.limits.order_per_second = *ops;
  o.rest_url = v.rest_url;
  o.ws_url = v.ws_url;
  o.ws_private_url = v.ws_private_url;
  if (!v.ca_file.empty())
    o.ca_file = v.ca_file;
  o.access_key = std::string{v.api_key.expose()};
  o.secret_key = std::string{v.api_secret.expose()};
  o.markets
    = {cfg.strategy.kimchi.upbit_symbol, cfg.strategy.kimchi.usdt_krw_symbol};
  return o;
}

template<class T>
std::optional<T> ask(caf::scoped_actor& self, const caf::actor& who,
                     auto&&... xs) {
  std::optional<T> out;
  if (!who)
    return out;
  self->request(who, ask_timeout, std::forward<decltype(xs)>(xs)...)
    .receive([&](T& x) { out = std::move(x); },
             [&](caf::error& e) {
               TLOG_WARN("engine_ask_failed", "error={}", caf::to_string(e));
             });
  return out;
}

} // namespace

struct engine::impl {
  engine_inputs in;
  caf::actor_system_config sys_cfg;
  std::unique_ptr<caf::actor_system> sys;
  net::io_runner alerts_io;
  journal_actor journal;
  caf::actor alerts;
  /// Restarts crashed venue actors; the source of the current instance.
  caf::actor supervisor;
  caf::actor away_monitor;
  /// The venues' first instances (current_venue() has the running one).
  caf::actor upbit;
  caf::actor binance;
  caf::actor upbit_pos;
  caf::actor binance_pos;
  caf::actor stop_actor;
  caf::actor risk;
  caf::actor coordinator;
  caf::actor strategy;
  caf::actor control;
  std::optional<std::uint16_t> console_port;
  /// The admin console (null when no token is configured).
  std::unique_ptr<admin_gateway> gateway;
  bool stopped = false;

  /// Every plain actor handle the engine holds (the journal is typed).
  std::array<caf::actor*, 12> handles() {
    return {&strategy,    &coordinator, &stop_actor, &risk,
            &upbit_pos,   &binance_pos, &upbit,      &binance,
            &alerts,      &control,     &supervisor, &away_monitor};
  }

  /// The venue actor running now: after a restart the supervisor's child,
  /// not the first instance; invalid while the venue is down.
  caf::actor current_venue(caf::scoped_actor& self, tandem::venue v) {
    if (!supervisor)
      return v == venue::upbit ? upbit : binance;
    return ask<caf::actor>(self, supervisor, child_atom::value,
                           std::string{to_string(v)})
      .value_or(caf::actor{});
  }

  /// What the status line and the summary read, asked once each.
  struct snapshot {
    std::optional<coordinator_stats> stats;
    std::optional<strategy_status> strategy;
    std::optional<halt_state> halt;
  };
  snapshot take_snapshot() {
    caf::scoped_actor self{*sys};
    return {ask<coordinator_stats>(self, coordinator, stats_atom::value),
            ask<strategy_status>(self, strategy, status_atom::value),
            ask<halt_state>(self, stop_actor, get_atom::value)};
  }

  ~impl() {
    // The console first: no command may arrive while the actors go.
    gateway.reset();
    if (sys) {
      caf::scoped_actor self{*sys};
      // The venues' running instances too (they may be restarts); the
      // supervisor forgets a child stopped on purpose.
      for (auto v : {venue::upbit, venue::binance})
        if (auto a = current_venue(self, v))
          self->send_exit(a, caf::exit_reason::user_shutdown);
      for (auto* a : handles())
        if (*a)
          self->send_exit(*a, caf::exit_reason::user_shutdown);
      if (journal)
        self->send_exit(journal, caf::exit_reason::user_shutdown);
    }
    // Drop every handle first: ~actor_system waits for detached actors
    // (the journal), which live while a handle does.
    journal = journal_actor{};
    for (auto* a : handles())
      *a = caf::actor{};
    sys.reset();
  }
};

engine::engine(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

engine::~engine() { stop(false); }

result<std::unique_ptr<engine>, std::string> engine::start(engine_inputs in) {
  auto p = std::make_unique<impl>();
  p->in = std::move(in);
  auto& cfg = p->in.cfg;
  if (!p->in.clock)
    p->in.clock = std::make_shared<system_clock_source>();
  const auto& k = cfg.strategy.kimchi;

  auto up_btc = find_instrument(cfg, "upbit", k.upbit_symbol);
  auto bn_btc = find_instrument(cfg, "binance", k.binance_symbol);
  if (!up_btc || !bn_btc)
    return failure{std::string{"config: [[instruments]] must define upbit "}
                   + k.upbit_symbol + " and binance " + k.binance_symbol};

  // 1. The journal, replayed before anything can trade.
  auto file = journal::journal_file(cfg.engine.data_dir);
  auto st = journal::store::open(file);
  if (!st.has_value())
    return failure{"journal: " + journal::to_string(st.error())};
  auto records = st.value().read_all();
  if (!records.has_value())
    return failure{"journal: " + journal::to_string(records.error())};
  auto recovered = journal::replay(records.value());
  auto processed = recovered.processed_signals;
  auto recovered_positions = recovered.positions;
  for (const auto& issue : recovered.issues)
    TLOG_WARN("journal_replay_issue", "seq={} what=\"{}\"", issue.seq,
              issue.what);
  TLOG_INFO("journal_replayed",
            "file={} records={} orders={} open_pairs={} halted={}",
            file.string(), recovered.records, recovered.orders.size(),
            recovered.open_pairs.size(), recovered.halted);

  p->sys_cfg.set("scheduler.max-threads", p->in.threads);
  // CAF 0.17's idle workers poll in a "moderate" phase that sleeps 50 us
  // between polls before they block on a condition variable; a message
  // from a session's I/O thread or the journal's thread to a worker in
  // that phase waits out the sleep (seen as ~100 us per hop in
  // bench/e2e/tick_to_trade). Without the sleep, an idle worker polls
  // briefly and then blocks, and an external enqueue wakes it at once.
  p->sys_cfg.set("work-stealing.moderate-sleep-duration",
                 caf::timespan{0});
  p->sys_cfg.set("logger.verbosity", caf::atom("quiet"));
  p->sys = std::make_unique<caf::actor_system>(p->sys_cfg);
  auto& sys = *p->sys;

  // 2. Alerts (Discord when configured; always logged and kept for the
  // console).
  alert_actor_config acfg;
  auto transport
    = alerts::make_discord_transport(p->alerts_io, cfg.alerts.discord);
  if (!transport.has_value())
    return failure{std::string{"alerts: discord webhook refused: "}
                   + std::string{net::to_string(transport.error())}};
  acfg.transport = transport.value();
  acfg.queue = alerts::queue_options_for(cfg.alerts.discord);
  if (acfg.transport)
    p->alerts_io.start();
  p->alerts = spawn_alert_actor(sys, std::move(acfg));

  // 3. Venues, each a child of the supervisor: a crashed venue actor is
  // restarted with backoff around a fresh session ([supervision]).
  //
  // How the engine follows a restart, one mechanism for every holder of a
  // venue handle: the coordinator, the emergency stop, the risk actor, the
  // control actor and the venue-away monitor watch the supervisor
  // (watch_atom) and, on venue_restarted, swap the handle of the instance
  // that went down for the new one (replace_restarted(),
  // supervision_protocol.hpp). The coordinator passes it on to its live
  // order actors, which re-query their orders by client id through the new
  // instance. Event subscriptions and quote symbols go through the
  // supervisor, which re-attaches them to every new instance. The engine
  // itself asks the supervisor for the running instance (current_venue()).
  // The reconciler runs before anything trades and is gone by then.
  const auto& sv = cfg.supervision;
  supervisor_config svc;
  svc.restart_base = std::chrono::milliseconds{sv.restart_base_ms};
  svc.restart_max = std::chrono::milliseconds{sv.restart_max_ms};
  svc.stable_after = std::chrono::milliseconds{sv.stable_after_ms};
  svc.down_alarm_after = std::chrono::milliseconds{sv.down_alarm_after_ms};
  svc.seed = p->in.supervisor_seed.value_or(static_cast<std::uint64_t>(
    std::chrono::steady_clock::now().time_since_epoch().count()));
  auto sup = spawn_supervisor(sys, std::move(svc));
  if (!sup.has_value())
    return failure{"supervision: " + sup.error()};
  p->supervisor = sup.value();
  venue_actor_config vcfg;
  // The first instance starts here, so that a session refused at start
  // fails the start with its reason; the supervisor restarts from `make`.
  auto supervised
    = [&](tandem::venue v,
          const session_factory& make) -> result<caf::actor, std::string> {
    std::string name{to_string(v)};
    auto first = spawn_venue_actor(sys, make, vcfg);
    if (!first.has_value())
      return failure{name + ": " + first.error()};
    auto spec = venue_child(v, make, vcfg);
    spec.initial = first.value();
    std::optional<std::string> refused;
    caf::scoped_actor boot{sys};
    boot
      ->request(p->supervisor, ask_timeout, supervise_atom::value,
                std::move(spec))
      .receive(
        [&](supervise_reply& r) {
          if (!r.has_value())
            refused = r.error();
        },
        [&](caf::error& e) { refused = caf::to_string(e); });
    if (refused) {
      boot->send_exit(first.value(), caf::exit_reason::user_shutdown);
      return failure{name + ": " + *refused};
    }
    return first.value();
  };
  auto up = supervised(venue::upbit, [o = upbit_options(
                                         cfg, p->in.upbit_orders_per_second)] {
    return venues::upbit::session(o);
  });
  if (!up.has_value())
    return failure{up.error()};
  p->upbit = up.value();
  auto bn = supervised(venue::binance, [o = binance_options(cfg)] {
    return venues::binance::session::make(o);
  });
  if (!bn.has_value())
    return failure{bn.error()};
  p->binance = bn.value();

  // 4. Positions, emergency stop, journal actor.
  p->upbit_pos = spawn_position_actor(sys, venue::upbit, k.upbit_symbol);
  p->binance_pos = spawn_position_actor(sys, venue::binance, k.binance_symbol);
  halt_state initial;
  initial.halted = recovered.halted;
  initial.trigger = recovered.halt_reason;
  initial.who = recovered.halt_who;
  emergency_stop_config scfg;
  scfg.venues = {p->upbit, p->binance};
  scfg.clock = p->in.clock;
  p->stop_actor = spawn_emergency_stop(sys, scfg, initial);
  journal_actor_config jcfg;
  jcfg.on_failure = p->stop_actor;
  // Shared: the coordinator commits order intents to it directly.
  auto store = std::make_shared<journal::store>(std::move(st.value()));
  p->journal = make_journal_actor(sys, store, jcfg);

  // 4b. Risk: checks both legs of every pair before they go out and halts
  // on daily loss, venue error streaks and stop-loss. The leverage the
  // Binance session sets is max_leverage; position snapshots update it.
  risk_actor_config kcfg;
  kcfg.limits = cfg.risk;
  kcfg.instruments = {*up_btc, *bn_btc};
  // The kimchi pair's stop-loss is the pair's, not each leg's.
  kcfg.hedges = {{venue::upbit, k.upbit_symbol, venue::binance,
                  k.binance_symbol}};
  kcfg.usdt_krw_symbol = k.usdt_krw_symbol;
  kcfg.venues = {p->upbit, p->binance};
  kcfg.emergency_stop = p->stop_actor;
  kcfg.binance_leverage = static_cast<std::int32_t>(cfg.risk.max_leverage);
  kcfg.clock = p->in.clock;
  p->risk = spawn_risk_actor(sys, std::move(kcfg));

  // 5. The coordinator and the strategy.
  coordinator_config ccfg;
  ccfg.upbit = p->upbit;
  ccfg.binance = p->binance;
  ccfg.upbit_btc = *up_btc;
  ccfg.binance_btc = *bn_btc;
  ccfg.cid_prefix = cfg.engine.cid_prefix;
  ccfg.session = p->in.session;
  ccfg.strategy = caf::actor{}; // set below, once the strategy exists
  ccfg.emergency_stop = p->stop_actor;
  ccfg.risk = p->risk;
  ccfg.alerts = p->alerts;
  ccfg.journal = p->journal;
  ccfg.intent_store = std::move(store);
  ccfg.upbit_position = p->upbit_pos;
  ccfg.binance_position = p->binance_pos;
  ccfg.policy.fee_rate = cfg.venues.binance.taker_fee;
  ccfg.leg_timeout = std::chrono::milliseconds{k.leg_timeout_ms};
  // [settlement]: the loader bounds every value well inside int.
  const auto& sc = cfg.settlement;
  ccfg.settlement.max_queries = static_cast<int>(sc.max_leg_queries);
  ccfg.settlement.max_corrections = static_cast<int>(sc.max_corrections);
  ccfg.settlement.max_leg_retries = static_cast<int>(sc.max_leg_retries);
  ccfg.correction_slippage_bps = sc.correction_slippage_bps;
  ccfg.processed_signals = processed;
  ccfg.clock = p->in.clock;

  strategy_actor_config tcfg;
  tcfg.params.cfg = k;
  tcfg.params.fees = {cfg.venues.upbit.taker_fee, cfg.venues.binance.taker_fee};
  tcfg.params.upbit = *up_btc;
  tcfg.params.binance = *bn_btc;
  tcfg.id_prefix = cfg.engine.cid_prefix;
  tcfg.session = p->in.session;
  tcfg.clock = p->in.clock;
  // Always paused until reconciliation with every venue has finished.
  tcfg.start_paused = true;

  // The strategy needs the coordinator's handle and vice versa: spawn the
  // coordinator first and hand it the strategy afterwards.
  p->coordinator = spawn_pair_coordinator(sys, ccfg);
  tcfg.coordinator = p->coordinator;
  auto strat = spawn_strategy_actor(sys, tcfg);
  if (!strat.has_value())
    return failure{"strategy: " + strat.error()};
  p->strategy = strat.value();

  caf::scoped_actor self{sys};
  self->send(p->coordinator, strategy_handle{p->strategy});

  // A venue that stays away while a pair is unhedged halts trading; while
  // everything is flat or hedged it only alerts.
  venue_away_monitor_config mcfg;
  mcfg.venues = {{venue::upbit, p->upbit}, {venue::binance, p->binance}};
  mcfg.coordinator = p->coordinator;
  mcfg.emergency_stop = p->stop_actor;
  mcfg.alerts = p->alerts;
  mcfg.limit = std::chrono::milliseconds{sv.away_unhedged_limit_ms};
  mcfg.recheck = std::min<std::chrono::milliseconds>(mcfg.limit, 1s);
  mcfg.clock = p->in.clock;
  mcfg.risk = p->risk; // no new pair against an away venue (VENUE_AWAY)
  p->away_monitor = spawn_venue_away_monitor(sys, std::move(mcfg));

  // Through the supervisor (see 3.), so that restarts keep them.
  for (const auto& w : {p->coordinator, p->stop_actor, p->risk,
                        p->away_monitor})
    self->send(p->supervisor, watch_atom::value, w);
  for (const auto* name : {"upbit", "binance"}) {
    for (const auto& sub :
         {p->strategy, p->coordinator, p->risk /* tops, leverage */,
          p->away_monitor /* link states */})
      self->send(p->supervisor, subscribe_atom::value, std::string{name},
                 sub);
  }
  self->send(p->supervisor, quotes_atom::value, std::string{"upbit"},
             std::vector<std::string>{k.upbit_symbol, k.usdt_krw_symbol});
  self->send(p->supervisor, quotes_atom::value, std::string{"binance"},
             std::vector<std::string>{k.binance_symbol});
  self->send(p->stop_actor, subscribe_atom::value, p->strategy);
  self->send(p->stop_actor, subscribe_atom::value, p->coordinator);
  self->send(p->stop_actor, subscribe_atom::value, p->risk);

  // 5b. The control actor (the console's way in) and the admin gateway.
  // Spawned before reconciliation so that a halt it decides is journaled
  // and alerted by the control actor's bridge like any other.
  engine_control_config ctl;
  ctl.strategy = p->strategy;
  ctl.coordinator = p->coordinator;
  ctl.emergency_stop = p->stop_actor;
  ctl.upbit = p->upbit;
  ctl.binance = p->binance;
  ctl.upbit_position = p->upbit_pos;
  ctl.binance_position = p->binance_pos;
  ctl.alerts = p->alerts;
  ctl.journal = p->journal;
  ctl.kimchi = k;
  ctl.risk = p->risk; // `set risk.*` changes its limits
  ctl.risk_limits = cfg.risk;
  ctl.fees = tcfg.params.fees;
  ctl.instance = cfg.engine.instance;
  ctl.mode = std::string{to_string(cfg.engine.mode)};
  ctl.clock = p->in.clock;
  auto control = spawn_engine_control(sys, std::move(ctl));
  p->control = caf::actor_cast<caf::actor>(control);
  self->send(p->supervisor, watch_atom::value, p->control);
  if (p->in.console && !cfg.console.operator_token.empty()) {
    auto opts = admin_gateway_options_from(cfg.console);
    if (!opts.has_value())
      return failure{"console: " + opts.error()};
    auto gw = admin_gateway::start(sys, control, std::move(opts.value()));
    if (!gw.has_value())
      return failure{"console: " + gw.error()};
    p->gateway = std::move(gw.value());
    p->console_port = p->gateway->port();
    TLOG_INFO("console_started", "url={}", p->gateway->base_url(false));
  } else {
    TLOG_INFO("console_off", "reason={}",
              p->in.console ? "no console operator token configured"
                            : "disabled by the caller");
  }

  // 6. Reconcile with every venue before anything trades: adopt orders the
  // journal knows, adopt and alert unknown ones with our prefix, halt on a
  // position mismatch. A reconciliation that cannot finish stops the start.
  reconciler_config rcfg;
  rcfg.venues = {{venue::upbit, p->upbit}, {venue::binance, p->binance}};
  rcfg.journal = p->journal;
  rcfg.alerts = p->alerts;
  rcfg.emergency_stop = p->stop_actor;
  rcfg.prefix = cfg.engine.cid_prefix;
  rcfg.instruments = {*up_btc, *bn_btc};
  rcfg.fee_rates = {{venue::upbit, cfg.venues.upbit.taker_fee},
                    {venue::binance, cfg.venues.binance.taker_fee}};
  rcfg.timeout = p->in.reconcile_timeout;
  rcfg.clock = p->in.clock;
  auto reconciler = spawn_reconciler(sys, std::move(rcfg));
  std::optional<std::string> reconcile_error;
  self
    ->request(reconciler, p->in.reconcile_timeout * 4, reconcile_atom::value,
              std::move(recovered))
    .receive(
      [&](reconcile_reply& r) {
        if (!r.has_value()) {
          reconcile_error = r.error().what;
          return;
        }
        const auto& rep = r.value();
        TLOG_INFO("reconciled", "actions={} matched={} records={} halt={}",
                  rep.actions.size(), rep.matched, rep.records.size(),
                  rep.halt.has_value());
        for (const auto& n : rep.notes)
          TLOG_INFO("reconcile_note", "note=\"{}\"", n);
        // Fills reconciliation adopted count too.
        for (const auto& rec : rep.records)
          if (const auto* f = std::get_if<fill>(&rec)) {
            auto key = journal::position_key{f->venue, f->symbol};
            auto it = recovered_positions.find(key);
            if (it == recovered_positions.end())
              it = recovered_positions
                     .emplace(key, tandem::position{f->venue, f->symbol})
                     .first;
            (void)it->second.apply(*f);
          }
      },
      [&](caf::error& e) { reconcile_error = caf::to_string(e); });
  self->send_exit(reconciler, caf::exit_reason::user_shutdown);
  if (reconcile_error)
    return failure{"reconciliation with the venues failed (nothing traded): "
                   + *reconcile_error};
  // What the books held before this start: the coordinator's positions and
  // the strategy's hedged pair (the smaller leg, on Binance's lot).
  {
    auto get = [&](tandem::venue v, const std::string& sym) {
      auto it = recovered_positions.find(journal::position_key{v, sym});
      return it != recovered_positions.end() ? it->second
                                             : tandem::position{v, sym};
    };
    auto up_pos = get(venue::upbit, k.upbit_symbol);
    auto bn_pos = get(venue::binance, k.binance_symbol);
    auto up_net = up_pos.net_qty();
    auto bn_short = -bn_pos.net_qty();
    // Risk too: its position limits and stop-loss (from the entry prices)
    // must see what is held, not only fills from now on.
    self->send(p->risk, restore_atom::value, up_pos, bn_pos);
    self->send(p->coordinator, restore_atom::value, std::move(up_pos),
               std::move(bn_pos));
    if (up_net.is_positive() && bn_short.is_positive()) {
      auto hedged
        = round_to_step(std::min(up_net, bn_short), bn_btc->lot, rounding::down)
            .value_or(quantity{});
      if (hedged.is_positive()) {
        TLOG_INFO("engine_restored_pair", "hedged_qty={}", hedged.to_string());
        self->send(p->strategy, restore_atom::value, hedged,
                   static_cast<std::int64_t>(
                     p->in.clock->now().time_since_epoch().count()));
      }
    }
  }
  if (!p->in.start_paused)
    self->request(p->strategy, 5s, resume_atom::value)
      .receive([](strategy_status&) {}, [](caf::error&) {});
  TLOG_INFO("engine_started", "session={} mode={} halted={}", p->in.session,
            to_string(cfg.engine.mode), initial.halted);
  return std::unique_ptr<engine>{new engine(std::move(p))};
}

caf::actor_system& engine::system() { return *impl_->sys; }
caf::actor engine::venue(tandem::venue v) const {
  caf::scoped_actor self{*impl_->sys};
  return impl_->current_venue(self, v);
}
caf::actor engine::strategy() const { return impl_->strategy; }
caf::actor engine::coordinator() const { return impl_->coordinator; }
caf::actor engine::emergency_stop() const { return impl_->stop_actor; }
caf::actor engine::control() const { return impl_->control; }
caf::actor engine::alerts() const { return impl_->alerts; }
std::optional<std::uint16_t> engine::console_port() const {
  return impl_->console_port;
}

engine_summary engine::summary() {
  engine_summary s;
  auto [stats, strat, halt] = impl_->take_snapshot();
  if (stats) {
    s.pairs_opened = stats->pairs_opened;
    s.pairs_closed = stats->pairs_closed;
    s.rollbacks = stats->rollbacks;
    s.open_orders = stats->open_orders;
    s.exposure["upbit"] = stats->upbit_net.to_string();
    s.exposure["binance"] = stats->binance_net.to_string();
    s.realized_pnl_krw = stats->realized_krw.to_string();
    s.halts = stats->halts;
  }
  if (strat)
    s.signals = strat->signals;
  if (halt)
    s.halted = halt->halted;
  return s;
}

std::string engine::status_line() {
  auto [stats, strat, halt] = impl_->take_snapshot();
  std::string premium = "n/a";
  std::string state = "?";
  if (strat) {
    if (strat->last_premium)
      premium = strat->last_premium->to_string();
    state = std::string{arbitrage::to_string(strat->state)};
    if (strat->paused)
      state += "(paused)";
  }
  if (!stats)
    return fmt::format("premium_bps={} state={} (coordinator not answering)",
                       premium, state);
  return fmt::format(
    "premium_bps={} state={} halted={} pos_upbit={} BTC pos_binance={} BTC "
    "open_orders={} pairs_opened={} pairs_closed={} rollbacks={} "
    "realized_krw={} unrealized_krw={}",
    premium, state, halt && halt->halted ? "yes" : "no",
    stats->upbit_net.to_string(), stats->binance_net.to_string(),
    stats->open_orders, stats->pairs_opened, stats->pairs_closed,
    stats->rollbacks, stats->realized_krw.to_string(),
    stats->unrealized_krw.to_string());
}

void engine::stop(bool cancel_open) {
  if (!impl_ || impl_->stopped)
    return;
  impl_->stopped = true;
  caf::scoped_actor self{*impl_->sys};
  if (impl_->strategy)
    ask<strategy_status>(self, impl_->strategy, pause_atom::value);
  if (cancel_open) {
    for (auto which : {venue::upbit, venue::binance}) {
      auto v = impl_->current_venue(self, which);
      if (!v) {
        TLOG_ERROR("shutdown_cancel_all_skipped",
                   "venue={} reason=\"venue actor down\"", to_string(which));
        continue;
      }
      self->request(v, 10s, cancel_all_atom::value, std::string{})
        .receive(
          [&](count_reply& r) {
            if (r.has_value())
              TLOG_INFO("shutdown_cancel_all", "cancelled={}", r.value());
            else
              TLOG_ERROR("shutdown_cancel_all_failed", "code={} detail=\"{}\"",
                         venues::to_string(r.error().code), r.error().detail);
          },
          [&](caf::error& e) {
            TLOG_ERROR("shutdown_cancel_all_failed", "error={}",
                       caf::to_string(e));
          });
    }
  }
  if (impl_->journal)
    self->request(impl_->journal, 10s, journal_flush_atom::value)
      .receive([](durable_reply&) {}, [](caf::error&) {});
  TLOG_INFO("engine_stopped", "cancel_open={}", cancel_open);
}

std::string to_json(const engine_summary& s) {
  std::string exposure;
  for (const auto& [venue, qty] : s.exposure) {
    if (!exposure.empty())
      exposure += ',';
    exposure += fmt::format("\"{}\":\"{}\"", venue, qty);
  }
  return fmt::format(
    "{{\"pairs_opened\":{},\"pairs_closed\":{},\"rollbacks\":{},"
    "\"halts\":{},\"signals\":{},\"halted\":{},\"realized_pnl_krw\":\"{}\","
    "\"exposure\":{{{}}},\"open_orders\":{}}}\n",
    s.pairs_opened, s.pairs_closed, s.rollbacks, s.halts, s.signals,
    s.halted ? "true" : "false", s.realized_pnl_krw, exposure, s.open_orders);
}

} // namespace tandem::actors
