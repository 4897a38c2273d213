#include "sim/runtime/upbit_service.hpp"

#include "sim/runtime/detail/bridge.hpp"
#include "sim/runtime/upbit_streams.hpp"

#include <map>
#include <mutex>
#include <set>

namespace tandem::sim::runtime {

namespace up = sim::upbit;

namespace {

using detail::json_answer;

server_response to_server(const up::sim_response& r) {
  server_response out;
  out.status = static_cast<unsigned>(r.status);
  for (const auto& h : r.headers)
    out.headers.emplace_back(h.name, h.value);
  out.body = r.body;
  return out;
}

constexpr std::string_view public_path = "/websocket/v1";
constexpr std::string_view private_path = "/websocket/v1/private";

/// What one public connection receives in real time.
struct public_conn {
  std::set<std::string, std::less<>> tickers;
  /// Market -> levels per message.
  std::map<std::string, std::size_t, std::less<>> orderbooks;
};

struct private_conn {
  std::string access_key;
  /// Nothing is sent before the first request frame.
  std::optional<upbit_ws::subscription> sub;
};

/// The last frames sent per market, written at a fixed time: they change
/// exactly when the book (or the ticker's trade data) does.
struct market_print {
  std::string book;
  std::string ticker;
};

} // namespace

struct upbit_service::impl {
  impl(const up::venue_config& cfg, const service_options& o)
    : venue(cfg), access_keys(venue.access_keys()),
      clock(o.clock ? o.clock : &system_clock), book_levels(cfg.book_levels) {
    for (const auto& m : cfg.markets)
      markets.push_back(m.code);
  }

  ~impl() {
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
      return to_server(up::error_response(405, "method_not_allowed",
                                          "unsupported method " + in.method));
    up::sim_request req;
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
    auto path = up.path();
    std::lock_guard lk{mu};
    if (path == public_path) {
      public_conns[conn];
      return std::nullopt;
    }
    if (path == private_path) {
      auto who = venue.authenticate_stream(up.header("Authorization"));
      if (!who)
        return json_answer(
          401, upbit_ws::error_frame({who.error().name, who.error().message}));
      private_conns[conn].access_key = std::move(*who);
      return std::nullopt;
    }
    return json_answer(
      404, upbit_ws::error_frame({"not_found", "no such WebSocket endpoint"}));
  }

  void on_message(std::uint64_t conn, std::string_view data, bool) {
    std::lock_guard lk{mu};
    if (!ws)
      return;
    if (data == "PING") {
      ws->send(conn, R"({"status":"UP"})", true);
      return;
    }
    auto pub = public_conns.find(conn);
    auto priv = private_conns.find(conn);
    if (pub == public_conns.end() && priv == private_conns.end())
      return;
    auto ep = pub != public_conns.end() ? upbit_ws::endpoint::public_
                                        : upbit_ws::endpoint::private_;
    auto sub = upbit_ws::parse_request(data, ep);
    if (!sub) {
      ws->send(conn, upbit_ws::error_frame(sub.error()), true);
      return;
    }
    if (priv != private_conns.end()) {
      priv->second.sub = std::move(*sub);
      return;
    }
    subscribe_public(conn, pub->second, *sub);
  }

  void on_close(std::uint64_t conn) {
    std::lock_guard lk{mu};
    public_conns.erase(conn);
    private_conns.erase(conn);
  }

  // -- pushing (mu held) ---------------------------------------------------

  /// Replaces a public connection's subscription and sends its snapshots.
  void subscribe_public(std::uint64_t conn, public_conn& pc,
                        const upbit_ws::subscription& sub) {
    pc = public_conn{};
    auto now = clock->now();
    for (const auto& t : sub.types) {
      for (const auto& code : t.codes) {
        if (t.type == "ticker") {
          if (t.wants_snapshot())
            if (auto f = venue.ticker_frame(code, now); !f.empty())
              ws->send(conn, upbit_ws::as_snapshot(std::move(f)), true);
          if (t.wants_realtime())
            pc.tickers.insert(code);
        } else if (t.type == "orderbook") {
          auto oc = upbit_ws::parse_orderbook_code(code, book_levels);
          if (!oc)
            continue; // parse_request checked it already
          if (t.wants_snapshot())
            if (auto f = venue.orderbook_frame(oc->market, now, oc->levels);
                !f.empty())
              ws->send(conn, upbit_ws::as_snapshot(std::move(f)), true);
          if (t.wants_realtime())
            pc.orderbooks[oc->market] = oc->levels;
        }
      }
    }
  }

  /// Sends every changed orderbook/ticker and every queued private frame.
  void publish(timestamp now) {
    if (!ws)
      return;
    for (const auto& code : markets) {
      auto book = venue.orderbook_frame(code, timestamp{}, book_levels);
      auto ticker = venue.ticker_frame(code, timestamp{});
      auto& last = prints[code];
      bool book_changed = book != last.book;
      bool ticker_changed = ticker != last.ticker;
      if (!book_changed && !ticker_changed)
        continue;
      last = market_print{std::move(book), std::move(ticker)};
      std::optional<std::string> ticker_frame;
      for (const auto& [conn, pc] : public_conns) {
        if (pc.tickers.contains(code)) {
          if (!ticker_frame)
            ticker_frame = venue.ticker_frame(code, now);
          ws->send(conn, *ticker_frame, true);
        }
        if (!book_changed)
          continue;
        if (auto it = pc.orderbooks.find(code); it != pc.orderbooks.end())
          ws->send(conn, venue.orderbook_frame(code, now, it->second), true);
      }
    }
    if (venue.faults().drop_private_stream) {
      venue.faults().drop_private_stream = false;
      for (const auto& [conn, pc] : private_conns)
        ws->drop(conn);
    }
    for (const auto& key : access_keys) {
      auto frames = venue.drain_private_events(key);
      for (const auto& f : frames) {
        auto head = upbit_ws::read_head(f);
        if (!head)
          continue;
        for (const auto& [conn, pc] : private_conns)
          if (pc.access_key == key && pc.sub && upbit_ws::wants(*pc.sub, *head))
            ws->send(conn, f, true);
      }
    }
  }

  void sync_latency() {
    if (rest)
      rest->set_latency(venue.faults().added_latency);
  }

  up::upbit_venue venue;
  std::vector<std::string> access_keys;
  std::vector<std::string> markets;
  system_clock_source system_clock;
  const clock_source* clock;
  std::size_t book_levels;

  mutable std::mutex mu;
  std::map<std::uint64_t, public_conn> public_conns;
  std::map<std::uint64_t, private_conn> private_conns;
  std::map<std::string, market_print, std::less<>> prints;
  upbit_urls urls;
  std::unique_ptr<sim_server> rest;
  std::unique_ptr<sim_server> ws;
};

upbit_service::upbit_service(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

upbit_service::~upbit_service() = default;

result<std::unique_ptr<upbit_service>, std::string>
upbit_service::start(const up::venue_config& venue, service_options opts) {
  auto p = std::make_unique<impl>(venue, opts);
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
      return json_answer(
        404, upbit_ws::error_frame({"not_found", "WebSocket endpoint only"}));
    },
    std::move(handlers));
  if (!ws)
    return failure{"upbit simulator (WebSocket): " + ws.error()};
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
    return failure{"upbit simulator (REST): " + rest.error()};
  std::lock_guard lk{m->mu};
  m->rest = std::move(*rest);
  m->urls.rest_origin = m->rest->base_url(false);
  m->urls.rest = m->urls.rest_origin + "/v1";
  m->urls.ws_public = m->ws->base_url(true) + std::string{public_path};
  m->urls.ws_private = m->ws->base_url(true) + std::string{private_path};
  m->sync_latency();
  m->publish(m->clock->now());
  return std::unique_ptr<upbit_service>{new upbit_service{std::move(p)}};
}

const upbit_urls& upbit_service::urls() const noexcept { return impl_->urls; }

void upbit_service::set_book(std::string_view market,
                             const std::vector<up::quote_level>& bids,
                             const std::vector<up::quote_level>& asks) {
  std::lock_guard lk{impl_->mu};
  auto now = impl_->clock->now();
  impl_->venue.set_book(market, bids, asks, now);
  impl_->publish(now);
}

void upbit_service::visit(const std::function<void(up::upbit_venue&)>& fn) {
  std::lock_guard lk{impl_->mu};
  fn(impl_->venue);
  impl_->sync_latency();
  impl_->publish(impl_->clock->now());
}

void upbit_service::pump_now() {
  std::lock_guard lk{impl_->mu};
  impl_->publish(impl_->clock->now());
}

void upbit_service::drop_streams() {
  std::lock_guard lk{impl_->mu};
  if (impl_->ws)
    impl_->ws->drop_all();
}

void upbit_service::set_streams_stalled(bool stalled) {
  std::lock_guard lk{impl_->mu};
  if (impl_->ws)
    impl_->ws->set_stalled(stalled);
}

void upbit_service::set_latency(std::chrono::milliseconds d) {
  std::lock_guard lk{impl_->mu};
  impl_->venue.faults().added_latency = d;
  impl_->sync_latency();
}

std::size_t upbit_service::stream_connections() const {
  std::lock_guard lk{impl_->mu};
  return impl_->public_conns.size() + impl_->private_conns.size();
}

} // namespace tandem::sim::runtime
