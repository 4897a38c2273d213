// Crash test (issue 5): the engine is SIGKILLed at random points of a busy
// paper run, at least 20 times, and restarted each time against the same
// still-running simulators (started in this process, so their state can be
// read exactly); the last run stops cleanly. Then:
//  1. every order the simulators accepted from us is in the journal, with
//     the same final state (open / filled / closed) and executed quantity;
//  2. no client order id became two venue orders;
//  3. the journal's positions (replay) equal the simulators' ledgers;
//  4. |net exposure| < one lot, or the engine is halted with a reason.
// The random delays between kills are the workload (where the kills land),
// not synchronisation. TANDEM_CRASH_SEED=N replays another sequence;
// TANDEM_CRASH_KEEP=1 keeps the files (configs, journal, tandem.log).
#include "journal/replay.hpp"
#include "journal/store.hpp"
#include "sim/runtime/cluster_toml.hpp"
#include "sim/runtime/sim_cluster.hpp"
#include "tests/crash/child_process.hpp"
#include "tests/crash/sim_snapshot.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <netinet/in.h>
#include <random>
#include <sstream>
#include <sys/socket.h>
#include <unistd.h>

namespace tandem::crash_test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kills = 24;
constexpr std::string_view cid_prefix = "tdmc-";
const std::string binance_key = "crash-binance-key";
const std::string upbit_key = "crash-upbit-access";

/// The premium crosses the strategy's entry (200 bps) and exit (50 bps)
/// once a second, for longer than the test runs.
std::string busy_premium_script() {
  std::string s = "hold 0 bps for 300 ms";
  for (int i = 0; i < 120; ++i)
    s += ", ramp to 260 bps over 100 ms, hold 400 ms,"
         " ramp to 10 bps over 100 ms, hold 400 ms";
  return s;
}

std::string sim_toml() {
  return R"([tls]
enabled = false

[upbit]
rest_port = 0
ws_port = 0
bid_fee = "0.0005"
ask_fee = "0.0005"

[[upbit.accounts]]
access_key = ")"
         + upbit_key + R"("
secret_key = "crash-upbit-secret"
balances = { KRW = "100000000" }

[binance]
rest_port = 0
ws_port = 0
maker_fee = "0.0002"
taker_fee = "0.0005"

[[binance.accounts]]
api_key = ")"
         + binance_key + R"("
secret = "crash-binance-secret"
usdt_balance = "100000"

[market]
seed = 7
interval_ms = 50
btc_usdt = "100000"
usdt_krw = "1400"
btc_step_ticks = 5
usdt_step_ticks = 1
premium_bps = 0
premium_script = ")"
         + busy_premium_script() + "\"\n";
}

std::string engine_toml(const sim::runtime::cluster_urls& u,
                        const fs::path& data_dir, std::uint16_t console_port) {
  std::ostringstream o;
  o << R"([engine]
mode = "paper"
instance = "crash-1"
cid_prefix = "tdmc"
data_dir = ")"
    << data_dir.string() << R"("

[log]
level = "info"

[venues.upbit]
enabled = true
rest_url = ")"
    << u.upbit.rest_origin << R"("
ws_url = ")"
    << u.upbit.ws_public << R"("
ws_private_url = ")"
    << u.upbit.ws_private << R"("
maker_fee = "0.0005"
taker_fee = "0.0005"

[venues.binance]
enabled = true
rest_url = ")"
    << u.binance.rest << R"("
ws_url = ")"
    << u.binance.ws << R"(/ws"
ws_user_url = ")"
    << u.binance.ws_user << R"("
maker_fee = "0.0002"
taker_fee = "0.0005"
recv_window_ms = 5000

[[instruments]]
venue = "upbit"
symbol = "KRW-BTC"
base = "BTC"
quote = "KRW"
kind = "spot"
tick = "upbit_krw"
lot = "0.00000001"
min_notional = "5000"

[[instruments]]
venue = "upbit"
symbol = "KRW-USDT"
base = "USDT"
quote = "KRW"
kind = "spot"
tick = "0.5"
lot = "0.00000001"
min_notional = "5000"

[[instruments]]
venue = "binance"
symbol = "BTCUSDT"
base = "BTC"
quote = "USDT"
kind = "perpetual"
tick = "0.1"
lot = "0.001"
min_qty = "0.001"
min_notional = "100"
multiplier = 1

[strategy.kimchi]
enabled = true
entry_bps = 200
exit_bps = 50
max_quote_age_ms = 500
order_qty = "0.002"
max_holding_s = 86400
leg_timeout_ms = 3000

[risk]
capital_krw = "100000000"
max_position_pct = 50
max_leverage = 2
max_order_notional_krw = "1000000"
max_open_orders = 10
max_orders_per_s = 20
stop_loss_pct = 50
daily_loss_pct = 50
max_consecutive_venue_errors = 10

[alerts.discord]
enabled = false

[console]
bind = "127.0.0.1"
port = )"
    << console_port << R"(
tls = false
)";
  return o.str();
}

/// A port nobody listens on now (the engine's admin console binds it).
std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
  socklen_t len = sizeof(a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::trunc);
  out << text;
}

std::string tail_of(const fs::path& p, std::size_t bytes) {
  std::ifstream in(p);
  std::string all((std::istreambuf_iterator<char>(in)),
                  std::istreambuf_iterator<char>());
  return all.size() > bytes ? all.substr(all.size() - bytes) : all;
}

std::uint64_t crash_seed() {
  if (const char* s = std::getenv("TANDEM_CRASH_SEED"))
    return std::strtoull(s, nullptr, 10);
  return 20251121;
}

struct CrashTest : ::testing::Test {
  void SetUp() override {
    char tmpl[] = "/tmp/tandem-crash-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir = tmpl;
    write_file(dir / "sim.toml", sim_toml());
    auto cc = sim::runtime::load_cluster_config((dir / "sim.toml").string());
    ASSERT_TRUE(cc.has_value()) << cc.error();
    auto started = sim::runtime::sim_cluster::start(std::move(cc.value()));
    ASSERT_TRUE(started.has_value()) << started.error();
    sims = std::move(started.value());
    write_file(dir / "paper.toml",
               engine_toml(sims->urls(), dir / "data", free_port()));
  }

  void TearDown() override {
    sims.reset();
    if (!HasFailure() && !std::getenv("TANDEM_CRASH_KEEP"))
      fs::remove_all(dir);
    else
      std::cerr << "crash test files kept in " << dir << '\n';
  }

  std::optional<child_process> start_engine(std::vector<std::string> extra) {
    std::vector<std::string> argv{TANDEM_BIN,
                                  "--config",
                                  (dir / "paper.toml").string(),
                                  "--sim-config",
                                  (dir / "sim.toml").string(),
                                  "--external-sims"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return child_process::spawn(argv, (dir / "tandem.log").string());
  }

  fs::path dir;
  std::unique_ptr<sim::runtime::sim_cluster> sims;
};

TEST_F(CrashTest, KilledEngineLosesNoOrderAndKeepsPositionsTrue) {
  const auto seed = crash_seed();
  std::mt19937_64 rng{seed};
  std::uniform_int_distribution<int> delay_ms{300, 3000};
  const auto baseline
    = take_snapshot(*sims, binance_key, upbit_key, cid_prefix).upbit_btc;

  // Kill at random points; a run that ends by itself is a finding.
  int killed = 0;
  std::vector<std::string> early_exits;
  for (int k = 0; k < kills; ++k) {
    auto eng = start_engine({});
    ASSERT_TRUE(eng.has_value()) << "cannot spawn " << TANDEM_BIN;
    auto delay = std::chrono::milliseconds{delay_ms(rng)};
    if (auto st = eng->wait_for(delay)) {
      early_exits.push_back("run " + std::to_string(k) + ": "
                            + describe_status(*st));
      continue;
    }
    eng->kill_now();
    ++killed;
  }

  // The last run stops by itself and cancels what is still open.
  {
    auto eng = start_engine({"--duration", "5"});
    ASSERT_TRUE(eng.has_value());
    auto st = eng->wait_for(120s);
    ASSERT_TRUE(st.has_value()) << "the last run did not stop";
    EXPECT_EQ(describe_status(*st), "exit 0")
      << tail_of(dir / "tandem.log", 4000);
  }
  std::cout << "[crash] seed=" << seed << " kills=" << killed
            << " early_exits=" << early_exits.size() << '\n';
  EXPECT_GE(killed, 20);
  for (const auto& e : early_exits)
    ADD_FAILURE() << "engine exited on its own before its kill: " << e;

  // Orders cannot change now: none of ours is left to trade.
  auto snap = take_snapshot(*sims, binance_key, upbit_key, cid_prefix);
  auto store = journal::store::open(
    journal::journal_file(dir / "data"),
    {.mode = journal::open_mode::reader,
     .sync = journal::sync_mode::normal,
     .busy_timeout = 5000ms,
     .checkpoint = journal::checkpoint_mode::background});
  ASSERT_TRUE(store.has_value()) << journal::to_string(store.error());
  auto records = store.value().read_all();
  ASSERT_TRUE(records.has_value()) << journal::to_string(records.error());
  auto state = journal::replay(records.value());

  // 1 and 2: every venue order in the journal, one venue order per id.
  std::map<std::string, std::vector<const venue_order*>> by_cid;
  for (const auto& o : snap.orders)
    by_cid[o.client_id].push_back(&o);
  std::size_t filled = 0;
  for (const auto& [cid, orders] : by_cid) {
    EXPECT_EQ(orders.size(), 1u)
      << cid << " was sent as " << orders.size() << " venue orders";
    const auto& o = *orders.front();
    filled += o.state == final_state::filled;
    auto id = client_order_id::make(cid);
    ASSERT_TRUE(id.has_value()) << cid;
    auto it = state.orders.find(id.value());
    if (it == state.orders.end()) {
      ADD_FAILURE() << cid << " (" << o.symbol << ", " << to_string(o.state)
                    << ", executed " << o.executed.to_string()
                    << ") is not in the journal";
      continue;
    }
    const auto& j = it->second;
    EXPECT_EQ(to_string(classify(j.status)), to_string(o.state))
      << cid << ": journal " << static_cast<int>(j.status) << " venue "
      << to_string(o.state);
    EXPECT_EQ(j.cum_qty.to_string(), o.executed.to_string())
      << cid << ": journal cum qty vs venue executed";
    EXPECT_EQ(j.fills_qty.to_string(), o.executed.to_string())
      << cid << ": journal fills vs venue executed";
    if (!j.venue_order_id.empty()) {
      EXPECT_EQ(j.venue_order_id, o.venue_order_id) << cid;
    }
  }
  std::size_t journal_only = 0;
  for (const auto& [cid, j] : state.orders)
    if (!by_cid.contains(cid.str()) && classify(j.status) == final_state::open)
      ++journal_only;

  // 3: the journal's positions are the venues' ledgers.
  auto net = [&](venue v, const std::string& sym) {
    auto it = state.positions.find({v, sym});
    return it == state.positions.end() ? quantity::zero()
                                       : it->second.net_qty();
  };
  auto upbit_held = snap.upbit_btc - baseline;
  EXPECT_EQ(net(venue::binance, "BTCUSDT").to_string(),
            snap.binance_position.to_string())
    << "Binance position: journal vs venue";
  EXPECT_EQ(net(venue::upbit, "KRW-BTC").to_string(), upbit_held.to_string())
    << "Upbit BTC: journal vs venue (baseline " << baseline.to_string() << ")";

  // 4: hedged within one Binance lot, or halted with a reason.
  auto exposure = upbit_held + snap.binance_position;
  auto abs_exposure = exposure.is_negative() ? -exposure : exposure;
  const auto lot = quantity::must_parse("0.001");
  std::cout << "[crash] venue_orders=" << snap.orders.size()
            << " client_ids=" << by_cid.size() << " filled=" << filled
            << " journal_records=" << state.records
            << " journal_orders=" << state.orders.size()
            << " journal_only_open=" << journal_only
            << " open_pairs=" << state.open_pairs.size()
            << " replay_issues=" << state.issues.size()
            << " upbit_btc=" << upbit_held.to_string()
            << " binance_btc=" << snap.binance_position.to_string()
            << " net=" << exposure.to_string() << " halted=" << state.halted
            << " halt_reason=\"" << state.halt_reason << "\"\n";
  if (!(abs_exposure < lot)) {
    EXPECT_TRUE(state.halted)
      << "net exposure " << exposure.to_string()
      << " BTC is not within one lot and the engine is not halted";
    EXPECT_FALSE(state.halt_reason.empty()) << "halted without a reason";
  }
  EXPECT_GT(snap.orders.size(), 0u) << "the run never traded";
}

} // namespace
} // namespace tandem::crash_test
