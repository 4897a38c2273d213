// Issue 6's end-to-end test: both simulated venues and a paper engine with
// its admin console run in-process; the real tandemctl binary, as a child
// process, halts the engine over the console's HTTP API. Every open order
// on both simulators is cancelled and the alert actor records the halt;
// a read-only token is refused; clearing the halt lets the strategy trade
// again (a pair opens when the simulated premium opens).
#include "actors/alert_protocol.hpp"
#include "actors/control_protocol.hpp"
#include "actors/engine.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/position_actor.hpp"
#include "actors/venue_protocol.hpp"
#include "config/load.hpp"
#include "sim/binance/binance_venue.hpp"
#include "sim/runtime/cluster_toml.hpp"
#include "sim/runtime/sim_cluster.hpp"
#include "sim/upbit/upbit_venue.hpp"
#include "tests/admin/subprocess.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <thread>

#ifndef TANDEMCTL_PATH
#  error "TANDEMCTL_PATH must name the tandemctl binary"
#endif

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;
namespace rt = sim::runtime;
using admin::test::subprocess;

constexpr const char* operator_token = "op-token-0123456789abcdef0123456789";
constexpr const char* readonly_token = "ro-token-0123456789abcdef0123456789";
constexpr const char* upbit_access = "paper-upbit-access";
constexpr const char* binance_key = "paper-binance-key";
// tandemctl's documented exit codes (admin/README.md).
constexpr int exit_ok = 0;
constexpr int exit_auth = 3;

/// Polls `cond` until it holds or `limit` passes (generous: the sandbox
/// clock runs slow). The condition decides; the pause only spaces polls.
bool eventually(const std::function<bool()>& cond,
                std::chrono::seconds limit = 90s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (cond())
      return true;
    std::this_thread::sleep_for(20ms);
  }
  return cond();
}

class console_e2e : public ::testing::Test {
 protected:
  void SetUp() override {
    auto base = std::filesystem::temp_directory_path() / "tandem-ctl-XXXXXX";
    std::string tmpl = base.string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;

    auto cc = rt::load_cluster_config(TANDEM_SOURCE_DIR "/config/sim.toml");
    ASSERT_TRUE(cc.has_value()) << cc.error();
    cluster_cfg_ = cc.value();
    cluster_cfg_.binance_ports = {};
    cluster_cfg_.upbit_ports = {};
    cluster_cfg_.market_timer = true; // fresh quotes for the strategy
    auto c = rt::sim_cluster::start(cluster_cfg_);
    ASSERT_TRUE(c.has_value()) << c.error();
    cluster_ = std::move(c.value());
    // Closed until the test opens it: no pair before the halt.
    cluster_->market().set_premium(rate{});

    auto loaded = config::load_config(TANDEM_SOURCE_DIR "/config/paper.toml");
    ASSERT_TRUE(loaded.has_value());
    auto cfg = std::move(loaded.value());
    cfg.engine.data_dir = dir_.string();
    const auto& urls = cluster_->urls();
    auto& bn = cfg.venues.binance;
    bn.rest_url = urls.binance.rest;
    bn.ws_url = urls.binance.ws + "/ws";
    bn.ws_user_url = urls.binance.ws_user;
    bn.api_key = secret{cluster_cfg_.binance.accounts.front().api_key};
    bn.api_secret = secret{cluster_cfg_.binance.accounts.front().secret};
    auto& up = cfg.venues.upbit;
    up.rest_url = urls.upbit.rest_origin;
    up.ws_url = urls.upbit.ws_public;
    up.ws_private_url = urls.upbit.ws_private;
    up.api_key = secret{cluster_cfg_.upbit.accounts.front().access_key};
    up.api_secret = secret{cluster_cfg_.upbit.accounts.front().secret_key};
    cfg.console.port = 0;
    cfg.console.operator_token = secret{operator_token};
    cfg.console.readonly_token = secret{readonly_token};

    engine_inputs in;
    in.cfg = std::move(cfg);
    in.session = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count());
    in.console = true;
    auto e = engine::start(std::move(in));
    ASSERT_TRUE(e.has_value()) << e.error();
    engine_ = std::move(e.value());
    ASSERT_TRUE(engine_->console_port().has_value());
    url_ = "http://127.0.0.1:" + std::to_string(*engine_->console_port());
  }

  void TearDown() override {
    engine_.reset(); // its sessions hold connections to the simulators
    cluster_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  struct run_result {
    int code = -1;
    std::string out;
    std::string err;
  };

  /// Runs tandemctl against the engine's console with `token`.
  run_result ctl(std::vector<std::string> args, std::string_view token) {
    std::vector<std::string> argv{TANDEMCTL_PATH, "--url", url_};
    for (auto& a : args)
      argv.push_back(std::move(a));
    std::vector<std::string> env{"USER=tester", "HOME=" + dir_.string(),
                                 "TANDEM_TOKEN=" + std::string(token)};
    subprocess p(std::move(argv), std::move(env));
    p.close_stdin();
    run_result r;
    r.code = p.wait_exit(60s);
    r.out = p.out();
    r.err = p.err();
    return r;
  }

  template<class T>
  std::optional<T> ask(const caf::actor& who, auto&&... xs) {
    std::optional<T> out;
    caf::scoped_actor self{engine_->system()};
    self->request(who, 10s, std::forward<decltype(xs)>(xs)...)
      .receive([&](T& x) { out = std::move(x); }, [](caf::error&) {});
    return out;
  }

  bool halted() {
    auto h = ask<halt_state>(engine_->emergency_stop(), get_atom::value);
    return h && h->halted;
  }

  /// Places a resting limit order with our client-id prefix.
  void place(venue v, const std::string& symbol, side s, const char* qty,
             const char* px, const char* id) {
    order_request o;
    o.id = client_order_id::make(id).value();
    o.venue = v;
    o.symbol = symbol;
    o.side = s;
    o.type = order_type::limit;
    o.tif = time_in_force::gtc;
    o.qty = quantity::must_parse(qty);
    o.limit_price = price::must_parse(px);
    auto r = ask<order_reply>(engine_->venue(v), place_atom::value, o);
    ASSERT_TRUE(r.has_value()) << "no answer from the venue actor";
    ASSERT_TRUE(r->has_value())
      << "venue refused: " << venues::to_string(r->error().code) << " "
      << r->error().detail;
  }

  std::size_t upbit_open() {
    return cluster_->upbit().with_venue([](sim::upbit::upbit_venue& v) {
      return v.state().open_orders(upbit_access, "").size();
    });
  }
  std::size_t binance_open() {
    return cluster_->binance().with_venue([](sim::binance::binance_venue& v) {
      return v.open_order_count(binance_key);
    });
  }

  std::filesystem::path dir_;
  rt::cluster_config cluster_cfg_;
  std::unique_ptr<rt::sim_cluster> cluster_;
  std::unique_ptr<engine> engine_;
  std::string url_;
};

TEST_F(console_e2e, tandemctl_halts_cancels_everything_alerts_and_clears) {
  auto books = cluster_->market().last();
  ASSERT_TRUE(books.has_value());
  // Resting, well away from the touch (about 4% through the other side's
  // price would fill; this is 4% short of it), on both venues.
  place(venue::upbit, "KRW-BTC", side::buy, "0.0001", "130000000",
        "tdmp-ctl-up1");
  place(venue::binance, "BTCUSDT", side::sell, "0.002", "104000",
        "tdmp-ctl-bn1");
  ASSERT_TRUE(eventually([&] { return upbit_open() >= 1; }));
  ASSERT_TRUE(eventually([&] { return binance_open() >= 1; }));

  // A read-only token may look but cannot halt.
  auto ro = ctl({"halt", "--reason", "not allowed"}, readonly_token);
  EXPECT_EQ(ro.code, exit_auth) << ro.out << ro.err;
  EXPECT_FALSE(halted());
  EXPECT_GE(upbit_open(), 1u);

  auto h = ctl({"halt", "--reason", "e2e drill"}, operator_token);
  ASSERT_EQ(h.code, exit_ok) << h.out << h.err;
  EXPECT_TRUE(halted());
  EXPECT_TRUE(eventually([&] { return upbit_open() == 0; }))
    << "upbit still has " << upbit_open() << " open orders";
  EXPECT_TRUE(eventually([&] { return binance_open() == 0; }))
    << "binance still has " << binance_open() << " open orders";
  EXPECT_TRUE(eventually([&] {
    auto alerts = ask<std::vector<alerts::alert>>(engine_->alerts(),
                                                  recent_alerts_atom::value);
    if (!alerts)
      return false;
    for (const auto& a : *alerts)
      if (a.kind == alerts::alert_kind::halt
          && a.summary.find("e2e drill") != std::string::npos)
        return true;
    return false;
  }))
    << "no halt alert recorded";

  // The status shows who halted and why.
  auto st = ctl({"status", "--json"}, readonly_token);
  EXPECT_EQ(st.code, exit_ok) << st.err;
  EXPECT_NE(st.out.find("e2e drill"), std::string::npos) << st.out;

  // Read-only cannot clear either; the operator can, with a reason.
  auto ro_clear = ctl({"clear", "--reason", "no"}, readonly_token);
  EXPECT_EQ(ro_clear.code, exit_auth);
  EXPECT_TRUE(halted());
  auto c = ctl({"clear", "--reason", "drill over"}, operator_token);
  ASSERT_EQ(c.code, exit_ok) << c.out << c.err;
  EXPECT_FALSE(halted());
  EXPECT_TRUE(eventually([&] {
    auto s = ask<strategy_status>(engine_->strategy(), status_atom::value);
    return s && !s->halted && !s->paused;
  }));

  // Trading resumes: when the premium opens past entry_bps a pair opens.
  cluster_->market().set_premium(rate::must_parse("0.025"));
  EXPECT_TRUE(eventually([&] {
    auto s = ask<coordinator_stats>(engine_->coordinator(), stats_atom::value);
    return s && s->pairs_opened >= 1;
  }))
    << "no pair opened after the halt was cleared";
}

TEST_F(console_e2e, set_checks_cross_field_rules_and_reports_old_and_new) {
  constexpr int exit_refused = 4;
  // Below exit_bps (50): refused by the engine, naming the field.
  auto bad = ctl({"set", "kimchi.entry_bps", "40"}, operator_token);
  EXPECT_EQ(bad.code, exit_refused) << bad.out << bad.err;
  EXPECT_NE((bad.out + bad.err).find("kimchi.exit_bps"), std::string::npos)
    << bad.out << bad.err;
  auto ok = ctl({"set", "kimchi.entry_bps", "300", "--json"}, operator_token);
  ASSERT_EQ(ok.code, exit_ok) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("\"200\""), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("\"300\""), std::string::npos) << ok.out;
  // The new value is in force: the premium view shows it.
  auto pv = ctl({"premium", "--json"}, readonly_token);
  EXPECT_EQ(pv.code, exit_ok) << pv.err;
  EXPECT_NE(pv.out.find("300"), std::string::npos) << pv.out;
  // Pause and resume go through; resume while halted is refused.
  EXPECT_EQ(ctl({"pause"}, operator_token).code, exit_ok);
  auto s = ask<strategy_status>(engine_->strategy(), status_atom::value);
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->paused);
  ASSERT_EQ(ctl({"halt", "--reason", "check"}, operator_token).code, exit_ok);
  EXPECT_EQ(ctl({"resume"}, operator_token).code, exit_refused);
}

TEST_F(console_e2e, set_risk_limits_at_run_time_with_old_and_new) {
  constexpr int exit_refused = 4;
  // config/paper.toml holds max_open_orders = 10.
  auto ok = ctl({"set", "risk.max_open_orders", "5", "--json"}, operator_token);
  ASSERT_EQ(ok.code, exit_ok) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("\"10\""), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("\"5\""), std::string::npos) << ok.out;
  // Out of the loader's range [1, 10000]: refused, naming the field.
  auto bad = ctl({"set", "risk.max_open_orders", "0"}, operator_token);
  EXPECT_EQ(bad.code, exit_refused) << bad.out << bad.err;
  EXPECT_NE((bad.out + bad.err).find("risk.max_open_orders"), std::string::npos)
    << bad.out << bad.err;
  // A rule across two limits, checked by the engine.
  auto big
    = ctl({"set", "risk.max_order_notional_krw", "20000000"}, operator_token);
  EXPECT_EQ(big.code, exit_refused) << big.out << big.err;
  EXPECT_NE((big.out + big.err).find("risk.capital_krw"), std::string::npos)
    << big.out << big.err;
  // A read-only token cannot change a limit.
  EXPECT_EQ(ctl({"set", "risk.max_open_orders", "1"}, readonly_token).code,
            exit_auth);
  // One open order at most: a pair needs two, so the next pair is vetoed
  // by the risk actor itself and nothing opens.
  auto one
    = ctl({"set", "risk.max_open_orders", "1", "--json"}, operator_token);
  ASSERT_EQ(one.code, exit_ok) << one.out << one.err;
  EXPECT_NE(one.out.find("\"5\""), std::string::npos) << "old: " << one.out;
  cluster_->market().set_premium(rate::must_parse("0.025"));
  std::optional<coordinator_stats> stats;
  EXPECT_TRUE(eventually([&] {
    stats = ask<coordinator_stats>(engine_->coordinator(), stats_atom::value);
    return stats && stats->vetoes >= 1;
  }))
    << "no signal reached risk";
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->pairs_opened, 0u);
  auto pairs = ctl({"pairs", "--json"}, readonly_token);
  EXPECT_NE(pairs.out.find("MAX_OPEN_ORDERS: open=1 max=1"), std::string::npos)
    << pairs.out;
}

// Monitoring on a live paper engine: each venue's REST latency in status,
// rate-limit headroom and latency in /metrics, fills in the event stream
// naming their pair, and the round trip's realized P&L in /v1/pnl and in
// its settlement event.
TEST_F(console_e2e, monitoring_latency_headroom_pair_fills_and_pair_pnl) {
  caf::scoped_actor events{engine_->system()};
  caf::anon_send(engine_->control(),
                 control_subscription{caf::actor{events}});
  cluster_->market().set_premium(rate::must_parse("0.025"));
  ASSERT_TRUE(eventually([&] {
    auto s = ask<coordinator_stats>(engine_->coordinator(), stats_atom::value);
    return s && s->pairs_opened >= 1;
  }))
    << "no pair opened";
  cluster_->market().set_premium(rate{}); // below exit_bps: the pair closes
  ASSERT_TRUE(eventually([&] {
    auto s = ask<coordinator_stats>(engine_->coordinator(), stats_atom::value);
    return s && s->pairs_closed >= 1;
  }))
    << "the pair did not close";

  // The stream: every fill names a pair; the closing settlement carries
  // the round trip's (non-zero: fees at least) realized P&L.
  std::vector<admin::fill_event> fills;
  std::optional<admin::pair_settlement_event> closed;
  bool more = true;
  while (more)
    events->receive(
      [&](admin::fill_event& f) { fills.push_back(std::move(f)); },
      [&](admin::pair_settlement_event& e) {
        if (e.outcome == admin::settlement_outcome::closed)
          closed = e;
      },
      [](admin::alert_event&) {}, [](admin::status_change_event&) {},
      caf::after(std::chrono::milliseconds{200}) >> [&] { more = false; });
  ASSERT_GE(fills.size(), 4u) << "two legs in, two legs out";
  for (const auto& f : fills)
    EXPECT_FALSE(f.pair_id.empty()) << "fill " << f.fill.trade_id;
  ASSERT_TRUE(closed.has_value());
  EXPECT_FALSE(closed->pnl_krw.is_zero());

  auto pnl = ctl({"pnl", "--json"}, readonly_token);
  ASSERT_EQ(pnl.code, exit_ok) << pnl.err;
  EXPECT_NE(pnl.out.find("\"closed_by\":\"" + closed->pair_id + "\""),
            std::string::npos)
    << pnl.out;
  // One round trip and nothing else traded: the pair's realized P&L is
  // the engine's (both converted at the same KRW-USDT bid; the settlement
  // event used the bid of its own moment).
  auto value_after = [&](std::string_view key) {
    auto at = pnl.out.find(key);
    if (at == std::string::npos)
      return std::string{};
    at += key.size();
    return pnl.out.substr(at, pnl.out.find('"', at) - at);
  };
  auto realized = value_after("\"realized_krw\":\"");
  ASSERT_FALSE(realized.empty()) << pnl.out;
  EXPECT_NE(pnl.out.find("\"open\":false,\"pnl_krw\":\"" + realized + "\""),
            std::string::npos)
    << pnl.out;

  // Both venues answered REST requests by now: latency is measured.
  auto st = ctl({"status", "--json"}, readonly_token);
  ASSERT_EQ(st.code, exit_ok) << st.err;
  EXPECT_NE(st.out.find("\"latency_us\":"), std::string::npos) << st.out;
  EXPECT_EQ(st.out.find("\"latency_us\":-1"), std::string::npos) << st.out;

  auto m = ctl({"metrics"}, readonly_token);
  ASSERT_EQ(m.code, exit_ok) << m.err;
  for (const char* series :
       {"tandem_rate_limit_headroom_ratio{venue=\"binance\",group=\"REQUEST_"
        "WEIGHT\"}",
        "tandem_rate_limit_remaining{venue=\"upbit\",group=\"order\"}",
        "tandem_venue_rest_latency_seconds{venue=\"upbit\"}",
        "tandem_venue_rest_latency_seconds{venue=\"binance\"}"})
    EXPECT_NE(m.out.find(series), std::string::npos) << series << "\n"
                                                     << m.out;
  // Tick to trade: one observation per pair whose legs went out (the entry
  // and the exit).
  const std::string count_key = "tandem_tick_to_trade_seconds_count ";
  auto at = m.out.find(count_key);
  ASSERT_NE(at, std::string::npos) << m.out;
  EXPECT_GE(std::stoul(m.out.substr(at + count_key.size())), 2u) << m.out;
}

} // namespace
} // namespace tandem::actors
