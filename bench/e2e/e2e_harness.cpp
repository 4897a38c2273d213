#include "bench/e2e/e2e_harness.hpp"

#include "config/load.hpp"
#include "log/logging.hpp"
#include "sim/runtime/cluster_toml.hpp"

#include <spdlog/sinks/basic_file_sink.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace tandem::bench_e2e {

std::int64_t now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::steady_clock::now().time_since_epoch())
    .count();
}

void wire_tap::arm() {
  std::lock_guard lk{mu};
  trigger_frame_ns.reset();
  upbit_order_ns.reset();
  binance_order_ns.reset();
  cancels = upbit_cancels = binance_cancels = 0;
  last_cancel_ns = first_cancel_ns = 0;
  last_upbit_cancel_ns = last_binance_cancel_ns = 0;
  first_upbit_cancel_ns = first_binance_cancel_ns = 0;
  paths.clear();
  upbit_order_reads.clear();
  binance_order_reads.clear();
}

std::shared_ptr<const sim::server_observer> wire_tap::observer() {
  auto o = std::make_shared<sim::server_observer>();
  o->frame_written = [this](std::uint64_t, std::string_view frame) {
    // Upbit's orderbook frame for KRW-BTC (DEFAULT or SIMPLE format).
    if (frame.find("orderbook") == std::string_view::npos
        || frame.find("KRW-BTC") == std::string_view::npos)
      return;
    auto t = now_ns();
    std::lock_guard lk{mu};
    if (!trigger_frame_ns)
      trigger_frame_ns = t;
  };
  o->request_read = [this](const sim::server_request& r) {
    auto t = now_ns();
    auto path = r.path();
    std::lock_guard lk{mu};
    paths.push_back(r.method + " " + std::string{path});
    if (r.method == "POST" && path == "/v1/orders") {
      if (!upbit_order_ns)
        upbit_order_ns = t;
      upbit_order_reads.push_back(t);
    } else if (r.method == "POST" && path == "/fapi/v1/order") {
      if (!binance_order_ns)
        binance_order_ns = t;
      binance_order_reads.push_back(t);
    } else if (r.method == "DELETE") {
      if (cancels++ == 0)
        first_cancel_ns = t;
      if (path.substr(0, 4) == "/v1/") {
        if (upbit_cancels++ == 0)
          first_upbit_cancel_ns = t;
        last_upbit_cancel_ns = t;
      } else {
        if (binance_cancels++ == 0)
          first_binance_cancel_ns = t;
        last_binance_cancel_ns = t;
      }
      last_cancel_ns = t;
    } else {
      return;
    }
    changed.notify_all();
  };
  return o;
}

namespace {

// Accounts as config/sim.toml has them, with deep balances: 10,000 signals
// of 0.002 BTC lose a little to fees and to the premium swing each cycle.
constexpr std::string_view sim_toml = R"(
[upbit]
rest_port = 0
ws_port = 0
[[upbit.accounts]]
access_key = "bench-upbit-access"
secret_key = "bench-upbit-secret"
balances = { KRW = "10000000000" }
[binance]
rest_port = 0
ws_port = 0
[[binance.accounts]]
api_key = "bench-binance-key"
secret = "bench-binance-secret"
usdt_balance = "100000000"
[market]
seed = 1
btc_usdt = "100000"
usdt_krw = "1400"
btc_step_ticks = 0
usdt_step_ticks = 1
premium_bps = 0
)";

constexpr std::string_view engine_toml = R"(
[engine]
mode = "paper"
instance = "bench-e2e"
cid_prefix = "tdmb"
data_dir = "unset"

[venues.upbit]
enabled = true
rest_url = "http://127.0.0.1:1"
ws_url = "ws://127.0.0.1:1/websocket/v1"
ws_private_url = "ws://127.0.0.1:1/websocket/v1/private"
maker_fee = "0.0005"
taker_fee = "0.0005"

[venues.binance]
enabled = true
rest_url = "http://127.0.0.1:1"
ws_url = "ws://127.0.0.1:1/ws"
ws_user_url = "ws://127.0.0.1:1/ws"
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
entry_bps = 100
exit_bps = 50
max_quote_age_ms = 60000
order_qty = "0.002"
max_holding_s = 86400
leg_timeout_ms = 3000

[risk]
capital_krw = "10000000000"
max_position_pct = 50
max_leverage = 2
max_order_notional_krw = "1000000"
max_open_orders = 10
max_orders_per_s = 5
stop_loss_pct = 5
daily_loss_pct = 3
max_consecutive_venue_errors = 10

[alerts.discord]
enabled = false

[console]
bind = "127.0.0.1"
port = 8787
tls = false
)";

} // namespace

sim::runtime::cluster_config sim_config(wire_tap& tap) {
  auto cc = sim::runtime::parse_cluster_config(sim_toml, "bench-sim");
  if (!cc)
    throw std::runtime_error{"bench sim config refused: " + cc.error()};
  auto c = std::move(cc.value());
  c.market_timer = false;
  c.observer = tap.observer();
  // Raised for the run (a benchmark of latency, not of the venues' limits).
  c.upbit.limits.order_per_second = 1'000'000;
  c.upbit.limits.default_per_second = 1'000'000;
  c.upbit.limits.quotation_per_second = 1'000'000;
  c.binance.limits.weight_per_minute = 1'000'000'000;
  c.binance.limits.orders_per_10s = 1'000'000'000;
  c.binance.limits.orders_per_minute = 1'000'000'000;
  for (auto& s : c.binance.symbols)
    s.max_open_orders = 100'000;
  return c;
}

result<config::engine_config, std::string>
engine_config(const sim::runtime::sim_cluster& cluster,
              const std::string& data_dir) {
  auto loaded = config::load_config_text(engine_toml, "bench-e2e");
  if (!loaded) {
    std::string why;
    for (const auto& i : loaded.error())
      why += i.message + "\n";
    return failure{"bench engine config refused:\n" + why};
  }
  auto cfg = std::move(loaded.value());
  cfg.engine.data_dir = data_dir;
  // Above what the config validator allows a real deployment: the harness
  // sends 20,000 orders back to back.
  cfg.risk.max_orders_per_s = 1'000'000;
  cfg.risk.max_open_orders = 1'000'000;
  const auto& urls = cluster.urls();
  auto& bn = cfg.venues.binance;
  bn.rest_url = urls.binance.rest;
  bn.ws_url = urls.binance.ws + "/ws";
  bn.ws_user_url = urls.binance.ws_user;
  bn.api_key = secret{std::string{"bench-binance-key"}};
  bn.api_secret = secret{std::string{"bench-binance-secret"}};
  auto& up = cfg.venues.upbit;
  up.rest_url = urls.upbit.rest_origin;
  up.ws_url = urls.upbit.ws_public;
  up.ws_private_url = urls.upbit.ws_private;
  up.api_key = secret{std::string{"bench-upbit-access"}};
  up.api_secret = secret{std::string{"bench-upbit-secret"}};
  return cfg;
}

std::string make_temp_dir() {
  std::array<char, 32> tmpl{};
  std::strcpy(tmpl.data(), "/tmp/tandem-e2e-XXXXXX");
  if (!::mkdtemp(tmpl.data()))
    throw std::runtime_error{"mkdtemp failed"};
  return tmpl.data();
}

namespace {

void set_nodelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

bool read_full(int fd, char* p, std::size_t n) {
  while (n > 0) {
    auto r = ::read(fd, p, n);
    if (r <= 0)
      return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

bool write_full(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    auto r = ::write(fd, p, n);
    if (r <= 0)
      return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

} // namespace

result<e2e_run, std::string>
start_run(wire_tap& tap,
          const std::function<void(actors::engine_inputs&)>& adjust) {
  e2e_run run;
  run.dir = make_temp_dir();
  std::fprintf(stderr, "data_dir %s\n", run.dir.c_str());
  logging::log_settings ls;
  ls.level = logging::log_level::info;
  logging::init_with_sinks(ls,
                           {std::make_shared<spdlog::sinks::basic_file_sink_mt>(
                             run.dir + "/tandem.log")});
  auto cluster = sim::runtime::sim_cluster::start(sim_config(tap));
  if (!cluster)
    return failure{"simulators: " + cluster.error()};
  run.sims = std::move(cluster.value());
  auto cfg = engine_config(*run.sims, run.dir);
  if (!cfg)
    return failure{cfg.error()};
  actors::engine_inputs in;
  in.cfg = std::move(cfg.value());
  in.session = static_cast<std::uint64_t>(
    std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch())
      .count());
  in.console = false;
  if (adjust)
    adjust(in);
  auto started = actors::engine::start(std::move(in));
  if (!started)
    return failure{"engine: " + started.error()};
  run.engine = std::move(started.value());
  return run;
}

namespace {
constexpr std::size_t echo_msg = 64;
} // namespace

loopback_echo::loopback_echo() {
  constexpr std::size_t msg = echo_msg;
  int lfd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (lfd < 0 || ::bind(lfd, reinterpret_cast<sockaddr*>(&addr), len) != 0
      || ::listen(lfd, 1) != 0
      || ::getsockname(lfd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error{"loopback echo: cannot listen"};
  listen_fd_ = lfd;
  echo_ = std::thread{[lfd] {
    int c = ::accept(lfd, nullptr, nullptr);
    if (c < 0)
      return;
    set_nodelay(c);
    std::array<char, msg> buf{};
    while (read_full(c, buf.data(), msg) && write_full(c, buf.data(), msg)) {
    }
    ::close(c);
  }};
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0)
    throw std::runtime_error{"loopback echo: cannot connect"};
  set_nodelay(fd_);
}

loopback_echo::~loopback_echo() {
  if (fd_ >= 0)
    ::close(fd_); // the echo thread reads EOF and exits
  if (echo_.joinable())
    echo_.join();
  if (listen_fd_ >= 0)
    ::close(listen_fd_);
}

std::int64_t loopback_echo::round_trip() {
  std::array<char, echo_msg> out{};
  std::array<char, echo_msg> in{};
  out.fill('x');
  auto t0 = now_ns();
  if (!write_full(fd_, out.data(), echo_msg)
      || !read_full(fd_, in.data(), echo_msg))
    throw std::runtime_error{"loopback echo: broken"};
  return now_ns() - t0;
}

std::vector<std::int64_t> loopback_rtts(std::size_t samples) {
  loopback_echo echo;
  std::vector<std::int64_t> rtt;
  rtt.reserve(samples);
  for (std::size_t i = 0; i < samples + 100; ++i) {
    auto t = echo.round_trip();
    if (i >= 100) // the first hundred warm up
      rtt.push_back(t);
  }
  return rtt;
}

double quantile_us(std::vector<std::int64_t>& v, double q) {
  if (v.empty())
    return 0.0;
  std::sort(v.begin(), v.end());
  auto idx = static_cast<std::size_t>(
    std::ceil(q * static_cast<double>(v.size())) - 1.0);
  idx = std::min(idx, v.size() - 1);
  return static_cast<double>(v[idx]) / 1000.0;
}

} // namespace tandem::bench_e2e
