#include "actors/admin_gateway.hpp"

#include "admin/api.hpp"
#include "admin/metric_catalog.hpp"
#include "admin/prometheus.hpp"
#include "admin/render.hpp"
#include "config/validate.hpp"
#include "log/logging.hpp"
#include "sim/server/sim_server.hpp"

#include <caf/all.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <set>

// -- messages between the server thread and the gateway actor ---------------

namespace tandem::actors::gw {

/// One HTTP answer the server thread waits for; set once, by the actor.
struct reply_slot {
  std::promise<admin::api_reply> promise;
  std::atomic<bool> done{false};

  void set(admin::api_reply r) {
    if (!done.exchange(true))
      promise.set_value(std::move(r));
  }
};
using slot_ptr = std::shared_ptr<reply_slot>;

/// Relay a command to the engine and answer it.
struct call {
  admin::command cmd;
  slot_ptr slot;
};
/// Answer /healthz from the engine's status.
struct health_call {
  admin::requester who;
  slot_ptr slot;
};
/// A request finished with `status` (for the request counter).
struct request_done {
  std::string route;
  unsigned status = 0;
};
/// The number of open event connections changed.
struct event_clients {
  std::int64_t count = 0;
};

/// The server, for the actor's broadcasts; cleared before the server is
/// destroyed so that no broadcast can reach a dead server.
struct fanout {
  std::mutex mtx;
  sim::sim_server* server = nullptr;

  void broadcast(std::string frame) {
    std::lock_guard<std::mutex> guard{mtx};
    if (server)
      server->broadcast(std::move(frame), false);
  }
};

} // namespace tandem::actors::gw

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::gw::call)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::gw::health_call)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::gw::request_done)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::gw::event_clients)

namespace tandem::actors {

namespace {

using namespace std::chrono_literals;

/// Extra wait of the server thread beyond the actor's own timeout, so that
/// normally the actor's timeout answers (and is counted).
constexpr auto server_grace = 1000ms;

// -- the actor ----------------------------------------------------------------

struct gateway_state {
  // Not an aggregate on purpose: CAF 0.17 passes the actor pointer to the
  // state's constructor whenever is_constructible says it may, and C++20
  // aggregates take it (parenthesized aggregate init of the first member).
  gateway_state() = default;

  engine_control_actor engine;
  std::chrono::milliseconds timeout{};
  std::shared_ptr<gw::fanout> out;
  admin::metrics_registry metrics;
  admin::catalog::gateway_metrics ids{};
  static inline const char* name = "admin_gateway";
};

using gateway_actor = caf::stateful_actor<gateway_state>;

admin::api_reply json(std::string body) {
  return {200, std::move(body), std::string(admin::json_content_type), {}};
}

// One render() per reply type; ask() picks it by overload.
admin::api_reply render(gateway_actor*, std::string_view,
                        const admin::status_view& v) {
  return json(admin::to_json(v));
}
admin::api_reply render(gateway_actor*, std::string_view,
                        const admin::premium_view& v) {
  return json(admin::to_json(v));
}
admin::api_reply render(gateway_actor*, std::string_view,
                        const admin::positions_view& v) {
  return json(admin::to_json(v));
}
admin::api_reply render(gateway_actor*, std::string_view,
                        const admin::orders_view& v) {
  return json(admin::to_json(v));
}
admin::api_reply render(gateway_actor*, std::string_view,
                        const admin::pairs_view& v) {
  return json(admin::to_json(v));
}
admin::api_reply render(gateway_actor*, std::string_view,
                        const admin::pnl_view& v) {
  return json(admin::to_json(v));
}
admin::api_reply render(gateway_actor* self, std::string_view,
                        const admin::metrics_snapshot& engine) {
  auto all = engine;
  for (auto& f : self->state.metrics.snapshot())
    all.push_back(std::move(f));
  return {200,
          admin::render_prometheus(all),
          std::string(admin::prometheus_content_type),
          {}};
}
admin::api_reply render(gateway_actor*, std::string_view name,
                        const admin::command_reply& r) {
  return admin::command_result(name, r);
}
admin::api_reply render(gateway_actor*, std::string_view,
                        const admin::set_param_reply& r) {
  return admin::command_result(r);
}

/// The answer when the engine could not reply: 504 on a timeout, else 503.
admin::api_reply engine_failure(gateway_actor* self, const caf::error& err) {
  if (err == caf::sec::request_timeout) {
    self->state.metrics.inc(self->state.ids.timeouts);
    return admin::error_reply({504,
                               "the engine did not answer within "
                                 + std::to_string(self->state.timeout.count())
                                 + " ms",
                               "",
                               {}});
  }
  return admin::error_reply(
    {503,
     "the engine is not available: " + self->system().render(err),
     "",
     {}});
}

template<class Request>
void ask(gateway_actor* self, Request req, std::string name,
         gw::slot_ptr slot) {
  using reply_type = admin::reply_of_t<Request>;
  self->request(self->state.engine, self->state.timeout, std::move(req))
    .then(
      [self, slot, name](reply_type& r) { slot->set(render(self, name, r)); },
      [self, slot](caf::error& err) { slot->set(engine_failure(self, err)); });
}

void emit(gateway_actor* self, std::string_view type, std::string frame) {
  self->state.metrics.inc(self->state.ids.events, {type});
  self->state.out->broadcast(std::move(frame));
}

caf::behavior gateway(gateway_actor* self, engine_control_actor engine,
                      std::chrono::milliseconds timeout,
                      std::shared_ptr<gw::fanout> out) {
  auto& st = self->state;
  st.engine = engine;
  st.timeout = timeout;
  st.out = std::move(out);
  // Fresh registry: the gateway's families cannot clash.
  st.ids = *admin::catalog::declare_gateway_metrics(st.metrics);
  self->monitor(engine);
  self->set_down_handler([](caf::down_msg&) {
    TLOG_ERROR("admin.engine_down", "requests answer 503 from now on");
  });
  self->send(engine, control_subscription{caf::actor_cast<caf::actor>(self)});
  return {
    [self](gw::call& c) {
      auto name = std::string(admin::name_of(c.cmd));
      std::visit(
        [&](auto& req) { ask(self, std::move(req), name, std::move(c.slot)); },
        c.cmd);
    },
    [self](gw::health_call& h) {
      auto slot = h.slot;
      self
        ->request(self->state.engine, self->state.timeout,
                  admin::status_request{std::move(h.who)})
        .then(
          [slot](admin::status_view& v) {
            slot->set(admin::health_reply(admin::assess(v)));
          },
          [self, slot](caf::error& err) {
            if (err == caf::sec::request_timeout)
              self->state.metrics.inc(self->state.ids.timeouts);
            slot->set(admin::health_reply({false, {"engine not answering"}}));
          });
    },
    [self](gw::request_done& d) {
      self->state.metrics.inc(self->state.ids.requests,
                              {d.route, std::to_string(d.status)});
    },
    [self](gw::event_clients& e) {
      self->state.metrics.set(self->state.ids.event_clients,
                              admin::metric_number::of(e.count));
    },
    [self](const admin::fill_event& e) {
      emit(self, "fill", admin::to_json(e));
    },
    [self](const admin::pair_settlement_event& e) {
      emit(self, "pair_settlement", admin::to_json(e));
    },
    [self](const admin::alert_event& e) {
      emit(self, "alert", admin::to_json(e));
    },
    [self](const admin::status_change_event& e) {
      emit(self, "status_change", admin::to_json(e));
    },
  };
}

// -- the server side ----------------------------------------------------------

sim::server_response to_response(admin::api_reply r) {
  sim::server_response out;
  out.status = r.status;
  out.headers.emplace_back("Content-Type", std::move(r.content_type));
  out.headers.emplace_back("Cache-Control", "no-store");
  for (auto& h : r.headers)
    out.headers.push_back(std::move(h));
  out.body = std::move(r.body);
  return out;
}

/// A path as it may appear in a log line: printable, cut.
std::string loggable(std::string_view path) {
  std::string out;
  for (char c : path.substr(0, 100))
    out.push_back(c > 0x20 && c < 0x7f ? c : '?');
  return out;
}

} // namespace

struct admin_gateway::impl {
  admin_gateway_options opts;
  admin::authenticator auth;
  caf::actor actor;
  std::shared_ptr<gw::fanout> out = std::make_shared<gw::fanout>();
  std::unique_ptr<sim::sim_server> server;
  std::atomic<std::size_t> ws_count{0};
  // Touched only on the server thread.
  std::uint64_t next_request = 1;
  std::set<std::uint64_t> ws_conns;

  impl(admin_gateway_options o, admin::authenticator a)
    : opts(std::move(o)), auth(std::move(a)) {}

  ~impl() {
    {
      std::lock_guard<std::mutex> guard{out->mtx};
      out->server = nullptr;
    }
    server.reset(); // joins the server thread
    if (actor)
      caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
  }

  /// Hands a slot's answer back, or `late` when it takes too long.
  admin::api_reply wait(std::future<admin::api_reply>& f,
                        admin::api_reply late) {
    if (f.wait_for(opts.engine_timeout + server_grace)
        == std::future_status::ready)
      return f.get();
    return late;
  }

  admin::api_reply handle(const sim::server_request& req, std::uint64_t id,
                          std::string& route, admin::role& who_role);
  sim::server_response on_http(const sim::server_request& req);
  std::optional<sim::server_response> on_ws_open(std::uint64_t conn,
                                                 const sim::server_request& r);
  void on_ws_close(std::uint64_t conn);
};

admin::api_reply admin_gateway::impl::handle(const sim::server_request& req,
                                             std::uint64_t id,
                                             std::string& route,
                                             admin::role& who_role) {
  auto path = req.path();
  auto slot = std::make_shared<gw::reply_slot>();
  auto answer = slot->promise.get_future();
  // /healthz needs no token: it tells healthy or not, and what is down.
  if (path == "/healthz") {
    auto r = admin::find_route(req.method, path);
    if (!r)
      return admin::error_reply(r.error());
    route = "healthz";
    admin::requester who{admin::role::anonymous, "healthz", id,
                         system_clock_source{}.now()};
    caf::anon_send(actor, gw::health_call{std::move(who), slot});
    return wait(answer, admin::health_reply({false, {"engine not answering"}}));
  }
  auto role = auth.check(req.header("Authorization"));
  if (!role) {
    route = "unauthenticated";
    TLOG_WARN("admin.auth_refused", "id={} method={} path={} reason={}", id,
              loggable(req.method), loggable(path), to_string(role.error()));
    return admin::error_reply(
      {401, "missing or invalid bearer token", "Authorization", {}});
  }
  who_role = *role;
  auto r = admin::find_route(req.method, path);
  if (!r) {
    route = "unknown";
    return admin::error_reply(r.error());
  }
  route = std::string((*r)->name);
  if ((*r)->id == admin::route_id::events)
    return admin::error_reply(
      {426, "/v1/events is a WebSocket: send an upgrade request", "", {}});
  if (!admin::allows(*role, (*r)->needs)) {
    TLOG_WARN("admin.forbidden", "id={} route={} role={}", id, route,
              to_string(*role));
    return admin::error_reply({403,
                               "a " + std::string(to_string(*role))
                                 + " token may not " + std::string((*r)->name)
                                 + "; use an operator token",
                               "",
                               {}});
  }
  auto cmd = admin::parse_command(**r, req.body);
  if (!cmd)
    return admin::error_reply(cmd.error());
  admin::who_of(*cmd)
    = {*role, admin::sanitize_client_name(req.header("X-Tandem-Client")), id,
       system_clock_source{}.now()};
  caf::anon_send(actor, gw::call{std::move(*cmd), slot});
  return wait(answer, admin::error_reply(
                        {504, "the engine did not answer in time", "", {}}));
}

sim::server_response
admin_gateway::impl::on_http(const sim::server_request& req) {
  auto id = next_request++;
  auto t0 = std::chrono::steady_clock::now();
  std::string route = "unknown";
  admin::role role = admin::role::anonymous;
  auto reply = handle(req, id, route, role);
  caf::anon_send(actor, gw::request_done{route, reply.status});
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
              std::chrono::steady_clock::now() - t0)
              .count();
  auto client = admin::sanitize_client_name(req.header("X-Tandem-Client"));
  // Changes and refusals at info; routine reads (scrapes, probes) at debug.
  if (req.method != "GET" || reply.status >= 400)
    TLOG_INFO("admin.request",
              "id={} method={} route={} role={} client={} status={} ms={}", id,
              loggable(req.method), route, to_string(role), client,
              reply.status, ms);
  else
    TLOG_DEBUG("admin.request",
               "id={} method={} route={} role={} client={} status={} ms={}", id,
               loggable(req.method), route, to_string(role), client,
               reply.status, ms);
  return to_response(std::move(reply));
}

std::optional<sim::server_response>
admin_gateway::impl::on_ws_open(std::uint64_t conn,
                                const sim::server_request& req) {
  if (req.path() != "/v1/events")
    return to_response(admin::error_reply(
      {404, "unknown WebSocket route " + loggable(req.path()), "path", {}}));
  auto role = auth.check(req.header("Authorization"));
  if (!role) {
    TLOG_WARN("admin.auth_refused", "conn={} path=/v1/events reason={}", conn,
              to_string(role.error()));
    return to_response(admin::error_reply(
      {401, "missing or invalid bearer token", "Authorization", {}}));
  }
  ws_conns.insert(conn);
  ws_count = ws_conns.size();
  caf::anon_send(actor,
                 gw::event_clients{static_cast<std::int64_t>(ws_conns.size())});
  TLOG_INFO("admin.events_open", "conn={} role={} client={}", conn,
            to_string(*role),
            admin::sanitize_client_name(req.header("X-Tandem-Client")));
  return std::nullopt;
}

void admin_gateway::impl::on_ws_close(std::uint64_t conn) {
  if (ws_conns.erase(conn) == 0)
    return;
  ws_count = ws_conns.size();
  caf::anon_send(actor,
                 gw::event_clients{static_cast<std::int64_t>(ws_conns.size())});
  TLOG_INFO("admin.events_closed", "conn={}", conn);
}

// -- admin_gateway ------------------------------------------------------------

result<admin_gateway_options, std::string>
admin_gateway_options_from(const config::console_config& console,
                           std::optional<admin_tls_files> tls) {
  admin_gateway_options o;
  o.bind = console.bind;
  o.port = console.port;
  o.tokens = {console.operator_token, console.readonly_token};
  if (console.tls) {
    if (!tls && !console.cert_file.empty() && !console.key_file.empty())
      tls = admin_tls_files{console.cert_file, console.key_file};
    if (!tls)
      return failure{std::string{
        "console.tls is set, but console.cert_file and console.key_file "
        "are not"}};
    o.tls = std::move(tls);
  }
  if (auto a = admin::authenticator::make(o.tokens); !a)
    return failure{a.error()};
  return o;
}

admin_gateway::admin_gateway(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

admin_gateway::~admin_gateway() = default;

result<std::unique_ptr<admin_gateway>, std::string>
admin_gateway::start(caf::actor_system& sys, engine_control_actor engine,
                     admin_gateway_options opts) {
  auto auth = admin::authenticator::make(opts.tokens);
  if (!auth)
    return failure{"admin console: " + auth.error()};
  auto p = std::make_unique<impl>(std::move(opts), std::move(*auth));
  p->actor
    = sys.spawn(gateway, std::move(engine), p->opts.engine_timeout, p->out);
  sim::server_options so;
  so.bind = p->opts.bind;
  so.port = p->opts.port;
  // The console may listen beyond loopback (the config loader insists on
  // TLS then); the simulators sharing this server shell never do.
  so.any_address = true;
  if (!config::is_loopback_host(p->opts.bind))
    TLOG_WARN("admin.bind_beyond_loopback",
              "bind={} tls={} note=\"the console is reachable from other "
              "hosts; keep it behind a firewall\"",
              p->opts.bind, p->opts.tls ? "on" : "off");
  if (p->opts.tls)
    so.tls = sim::tls_files{p->opts.tls->cert_chain_file,
                            p->opts.tls->private_key_file};
  auto* raw = p.get();
  sim::ws_handlers ws;
  ws.on_open = [raw](std::uint64_t conn, const sim::server_request& r) {
    return raw->on_ws_open(conn, r);
  };
  ws.on_close = [raw](std::uint64_t conn) {
    raw->on_ws_close(conn);
  };
  auto srv = sim::sim_server::start(
    std::move(so),
    [raw](const sim::server_request& r) { return raw->on_http(r); },
    std::move(ws));
  if (!srv)
    return failure{"admin console: " + srv.error()}; // ~impl stops the actor
  {
    std::lock_guard<std::mutex> guard{p->out->mtx};
    p->out->server = srv->get();
  }
  p->server = std::move(*srv);
  TLOG_INFO("admin.listening", "url={} read_only_role={}",
            p->server->base_url(false),
            p->opts.tokens.readonly_token.empty() ? "off" : "on");
  return std::unique_ptr<admin_gateway>(new admin_gateway(std::move(p)));
}

std::uint16_t admin_gateway::port() const noexcept {
  return impl_->server->port();
}

std::string admin_gateway::base_url(bool websocket) const {
  return impl_->server->base_url(websocket);
}

caf::actor admin_gateway::actor() const { return impl_->actor; }

std::size_t admin_gateway::event_clients() const noexcept {
  return impl_->ws_count.load();
}

} // namespace tandem::actors
