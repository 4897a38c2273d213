#include "sim/runtime/binance_service.hpp"

#include "sim/runtime/binance_streams.hpp"
#include "sim/runtime/detail/bridge.hpp"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace tandem::sim::runtime {

namespace bn = sim::binance;

namespace {

using detail::json_answer;

server_response to_server(const bn::sim_response& r) {
  server_response out;
  out.status = static_cast<unsigned>(r.status);
  for (const auto& h : r.headers)
    out.headers.emplace_back(h.name, h.value);
  out.body = r.body;
  return out;
}

} // namespace

struct binance_service::impl {
  explicit impl(bn::venue_config cfg, const service_options& o)
    : venue(cfg), clock(o.clock ? o.clock : &system_clock),
      pump_interval(o.pump_interval) {
    for (const auto& s : cfg.symbols)
      symbols.push_back(s.symbol);
  }

  ~impl() {
    {
      std::lock_guard lk{mu};
      stopping = true;
    }
    wake.notify_all();
    if (pump.joinable())
      pump.join();
    // Servers go first, while the state their handlers use still lives.
    // The pointers are cleared under the lock so a handler on the other
    // server's thread never sees one half-destroyed.
    std::unique_ptr<sim_server> r;
    std::unique_ptr<sim_server> w;
    {
      std::lock_guard lk{mu};
      r = std::move(rest);
      w = std::move(ws);
    }
    r.reset();
    w.reset();
  }

  // -- server callbacks (their server's thread) -------------------------------

  server_response on_http(const server_request& in) {
    auto m = detail::method_of(in.method);
    if (!m)
      return to_server(bn::error_response(
        {405, -1000, "Method " + in.method + " is not supported"}));
    bn::sim_request req;
    req.method = *m;
    req.path = std::string{in.path()};
    req.query = std::string{in.query()};
    req.body = in.body;
    req.headers = detail::headers_of(in);
    std::lock_guard lk{mu};
    auto now = clock->now();
    auto res = venue.handle(req, now);
    publish(now);
    return to_server(res);
  }

  std::optional<server_response> on_open(std::uint64_t conn,
                                         const server_request& up) {
    auto target = binance_ws::parse_upgrade(up.target);
    if (!target)
      return json_answer(target.error().status, target.error().body);
    std::lock_guard lk{mu};
    if (target->what == binance_ws::upgrade_target::kind::user) {
      if (!venue.listen_key_active(target->listen_key))
        return json_answer(
          400, R"({"code":-1125,"msg":"This listenKey does not exist."})");
      user_conns[conn] = std::move(target->listen_key);
    } else {
      market_conns[conn] = std::move(target->subscriptions);
    }
    return std::nullopt;
  }

  void on_message(std::uint64_t conn, std::string_view data, bool) {
    std::lock_guard lk{mu};
    auto it = market_conns.find(conn);
    // User-data streams take no requests; Binance ignores them too.
    if (it == market_conns.end() || !ws)
      return;
    ws->send(conn, binance_ws::handle_control(data, it->second), false);
  }

  void on_close(std::uint64_t conn) {
    std::lock_guard lk{mu};
    market_conns.erase(conn);
    user_conns.erase(conn);
  }

  // -- pushing (mu held) ---------------------------------------------------

  /// Sends every bookTicker that changed and every queued user frame.
  void publish(timestamp now) {
    if (!ws)
      return;
    for (const auto& sym : symbols) {
      // The frame at a fixed time is the book's fingerprint: it changes
      // exactly when the top or the update id does.
      auto print = venue.book_ticker_frame(sym, timestamp{});
      auto& last = last_book[sym];
      if (print == last)
        continue;
      last = std::move(print);
      auto frame = venue.book_ticker_frame(sym, now);
      for (const auto& [conn, subs] : market_conns)
        for (const auto& s : subs.streams) {
          auto target = binance_ws::book_ticker_symbol(s);
          if (target == sym || target == "!")
            ws->send(conn, binance_ws::wrap(s, frame, subs.combined), false);
        }
    }
    for (const auto& key : venue.listen_keys()) {
      auto frames = venue.drain_user_events(key);
      if (frames.empty())
        continue;
      for (const auto& [conn, k] : user_conns)
        if (k == key)
          for (const auto& f : frames)
            ws->send(conn, f, false);
    }
  }

  void sync_latency() {
    if (rest)
      rest->set_latency(venue.faults().added_latency);
  }

  void run_pump() {
    std::unique_lock lk{mu};
    while (!stopping) {
      wake.wait_for(lk, pump_interval, [this] { return stopping; });
      if (stopping)
        break;
      auto now = clock->now();
      venue.tick(now);
      publish(now);
    }
  }

  bn::binance_venue venue;
  std::vector<std::string> symbols;
  system_clock_source system_clock;
  const clock_source* clock;
  std::chrono::milliseconds pump_interval;

  mutable std::mutex mu;
  std::condition_variable wake;
  bool stopping = false;
  std::map<std::uint64_t, binance_ws::market_subscriptions> market_conns;
  std::map<std::uint64_t, std::string> user_conns;
  std::map<std::string, std::string, std::less<>> last_book;
  binance_urls urls;
  std::unique_ptr<sim_server> rest;
  std::unique_ptr<sim_server> ws;
  std::thread pump;
};

binance_service::binance_service(std::unique_ptr<impl> p)
  : impl_(std::move(p)) {}

binance_service::~binance_service() = default;

result<std::unique_ptr<binance_service>, std::string>
binance_service::start(bn::venue_config venue, service_options opts) {
  if (opts.pump_interval <= std::chrono::milliseconds::zero())
    return failure{std::string{"binance simulator: pump interval must be "
                               "positive"}};
  auto p = std::make_unique<impl>(std::move(venue), opts);
  auto* m = p.get();

  server_options ws_opts;
  ws_opts.port = opts.ws_port;
  ws_opts.tls = opts.tls;
  ws_opts.observer = opts.observer;
  ws_handlers handlers;
  handlers.on_open = [m](std::uint64_t c, const server_request& r) {
    return m->on_open(c, r);
  };
  handlers.on_message = [m](std::uint64_t c, std::string_view d, bool b) {
    m->on_message(c, d, b);
  };
  handlers.on_close = [m](std::uint64_t c) {
    m->on_close(c);
  };
  auto ws = sim_server::start(
    ws_opts,
    [](const server_request&) {
      return json_answer(404, R"({"code":-1,"msg":"WebSocket only"})");
    },
    std::move(handlers));
  if (!ws)
    return failure{"binance simulator (WebSocket): " + ws.error()};
  {
    std::lock_guard lk{m->mu};
    m->ws = std::move(*ws);
  }

  server_options rest_opts;
  rest_opts.port = opts.rest_port;
  rest_opts.tls = opts.tls;
  rest_opts.observer = opts.observer;
  auto rest = sim_server::start(
    rest_opts, [m](const server_request& r) { return m->on_http(r); });
  if (!rest)
    return failure{"binance simulator (REST): " + rest.error()};
  {
    std::lock_guard lk{m->mu};
    m->rest = std::move(*rest);
    m->urls.rest = m->rest->base_url(false);
    m->urls.ws = m->ws->base_url(true);
    m->urls.ws_user = m->urls.ws + "/ws";
    m->sync_latency();
  }
  m->pump = std::thread{[m] {
    m->run_pump();
  }};
  return std::unique_ptr<binance_service>{new binance_service{std::move(p)}};
}

const binance_urls& binance_service::urls() const noexcept {
  return impl_->urls;
}

void binance_service::set_book(std::string_view symbol, price bid,
                               quantity bid_qty, price ask, quantity ask_qty) {
  std::lock_guard lk{impl_->mu};
  impl_->venue.set_book(symbol, bid, bid_qty, ask, ask_qty);
  impl_->publish(impl_->clock->now());
}

void binance_service::visit(const std::function<void(bn::binance_venue&)>& fn) {
  std::lock_guard lk{impl_->mu};
  fn(impl_->venue);
  impl_->sync_latency();
  impl_->publish(impl_->clock->now());
}

void binance_service::pump_now() {
  std::lock_guard lk{impl_->mu};
  auto now = impl_->clock->now();
  impl_->venue.tick(now);
  impl_->publish(now);
}

void binance_service::drop_streams() {
  std::lock_guard lk{impl_->mu};
  if (impl_->ws)
    impl_->ws->drop_all();
}

void binance_service::set_streams_stalled(bool stalled) {
  std::lock_guard lk{impl_->mu};
  if (impl_->ws)
    impl_->ws->set_stalled(stalled);
}

void binance_service::set_latency(std::chrono::milliseconds d) {
  std::lock_guard lk{impl_->mu};
  impl_->venue.faults().added_latency = d;
  impl_->sync_latency();
}

std::size_t binance_service::stream_connections() const {
  std::lock_guard lk{impl_->mu};
  return impl_->market_conns.size() + impl_->user_conns.size();
}

} // namespace tandem::sim::runtime
