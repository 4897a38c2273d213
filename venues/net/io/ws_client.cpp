// The Beast side of ws_client. Each connection attempt is a `session` with
// its own stream; the client holds the current one, and a handler whose
// session is no longer current does nothing, so late completions from a
// dropped connection can never touch the next one.
#include "venues/net/io/ws_client.hpp"

#include "venues/net/backoff.hpp"
#include "venues/net/io/detail/io_runner_access.hpp"
#include "venues/net/io/detail/tls.hpp"
#include "venues/net/url.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <deque>
#include <future>
#include <random>

namespace tandem::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using steady = std::chrono::steady_clock;

namespace {

bool has_line_break(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

net_error map_handshake_error(const error_code& ec) {
  if (ec == websocket::error::upgrade_declined)
    return net_error::upgrade_refused;
  if (ec == beast::error::timeout)
    return net_error::connect_timeout;
  if (ec == websocket::error::closed || detail::is_closed_error(ec))
    return net_error::connection_closed;
  return net_error::protocol_error;
}

net_error map_read_error(const error_code& ec) {
  if (ec == websocket::error::closed || detail::is_closed_error(ec)
      || ec == asio::error::operation_aborted)
    return net_error::connection_closed;
  if (ec == websocket::error::message_too_big
      || ec == websocket::error::buffer_overflow)
    return net_error::message_too_large;
  if (ec == beast::error::timeout)
    return net_error::idle_timeout;
  if (ec.category()
      == websocket::make_error_code(websocket::error::bad_opcode).category())
    return net_error::protocol_error;
  return net_error::read_failed;
}

template<class F, class... Args>
void invoke(const F& f, Args&&... args) {
  if (!f)
    return;
  try {
    f(std::forward<Args>(args)...);
  } catch (...) {
    // The owner's bug must not take the runner thread down with it.
  }
}

/// One connection attempt and, if it succeeds, the connection.
struct session {
  using tls_ws = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;
  using plain_ws = websocket::stream<beast::tcp_stream>;

  explicit session(asio::io_context& ctx) : ping_timer(ctx), idle_timer(ctx) {}

  std::optional<tls_ws> tls;
  std::optional<plain_ws> plain;
  beast::flat_buffer buffer;
  std::deque<std::pair<std::string, bool>> outbox; // (bytes, is_binary)
  asio::steady_timer ping_timer;
  asio::steady_timer idle_timer;
  steady::time_point last_rx;
  bool up = false;      // upgrade done, frames flow
  bool dead = false;    // dropped or closed: handlers ignore it
  bool writing = false; // one data write in flight at a time
  bool pinging = false; // and one ping

  beast::tcp_stream& lowest() {
    return tls ? beast::get_lowest_layer(*tls)
               : beast::get_lowest_layer(*plain);
  }

  template<class F>
  void with_ws(F&& f) {
    if (tls)
      f(*tls);
    else
      f(*plain);
  }

  void kill() {
    dead = true;
    error_code ec;
    ping_timer.cancel(ec);
    idle_timer.cancel(ec);
    if (!tls && !plain)
      return; // set-up failed before a stream existed
    lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    lowest().close();
  }
};

using session_ptr = std::shared_ptr<session>;

} // namespace

struct ws_client::impl : std::enable_shared_from_this<impl> {
  impl(io_runner& r, options o, handlers hs, url u,
       std::shared_ptr<ssl::context> c)
    : runner(r), ctx(detail::io_runner_access::context(r)), opts(std::move(o)),
      h(std::move(hs)), base(std::move(u)), ssl_ctx(std::move(c)),
      retry(opts.reconnect_base, opts.reconnect_max),
      rng(std::random_device{}()), retry_timer(ctx) {}

  io_runner& runner;
  asio::io_context& ctx;
  options opts;
  handlers h;
  url base;
  std::shared_ptr<ssl::context> ssl_ctx; // declared first: outlives streams
  backoff retry;
  std::mt19937_64 rng;
  asio::steady_timer retry_timer;
  session_ptr cur;
  bool active = false;  // between start() and close()/shutdown()
  bool closing = false; // close() asked, on_closed not yet called
  bool stopped = false; // shutdown(): silent for good

  bool current(const session_ptr& s) const {
    return !stopped && s == cur && !s->dead;
  }

  // -- connecting
  // --------------------------------------------------------------

  void do_start() {
    if (stopped || active)
      return;
    active = true;
    retry.reset();
    connect();
  }

  void connect() {
    if (stopped || !active)
      return;
    auto s = std::make_shared<session>(ctx);
    cur = s;
    try {
      start_connect(s);
    } catch (...) {
      // Stream or resolver set-up failed (SSL_new, memory): a drop like any
      // other, so the backoff loop keeps trying.
      drop(s, net_error::connect_failed);
    }
  }

  void start_connect(const session_ptr& s) {
    if (base.is_tls()) {
      s->tls.emplace(ctx, *ssl_ctx);
      if (!detail::prepare_client_ssl(s->tls->next_layer().native_handle(),
                                      base.host)) {
        drop(s, net_error::tls_handshake_failed);
        return;
      }
    } else {
      s->plain.emplace(ctx);
    }
    auto deadline = steady::now() + opts.connect_timeout;
    auto resolver = std::make_shared<tcp::resolver>(ctx);
    auto timer = std::make_shared<asio::steady_timer>(ctx, deadline);
    auto settled = std::make_shared<bool>(false);
    auto self = shared_from_this();
    // The resolver cannot be interrupted: a timer answers for it.
    timer->async_wait([self, s, resolver, settled](error_code ec) {
      if (ec || *settled)
        return;
      *settled = true;
      resolver->cancel();
      self->drop(s, net_error::connect_timeout);
    });
    resolver->async_resolve(base.host, std::to_string(base.port),
                            [self, s, resolver, timer, settled, deadline](
                              error_code ec, tcp::resolver::results_type eps) {
                              if (*settled)
                                return;
                              *settled = true;
                              timer->cancel();
                              if (!self->current(s))
                                return;
                              if (ec) {
                                self->drop(s, net_error::resolve_failed);
                                return;
                              }
                              self->on_resolved(s, eps, deadline);
                            });
  }

  void on_resolved(const session_ptr& s, const tcp::resolver::results_type& eps,
                   steady::time_point deadline) {
    s->lowest().expires_at(deadline);
    auto self = shared_from_this();
    s->lowest().async_connect(eps, [self, s](error_code ec,
                                             const tcp::endpoint&) {
      if (!self->current(s))
        return;
      if (ec) {
        self->drop(s, ec == beast::error::timeout ? net_error::connect_timeout
                                                  : net_error::connect_failed);
        return;
      }
      error_code ignored;
      // Market data is latency-bound: no Nagle delay on our pings/sends.
      s->lowest().socket().set_option(tcp::no_delay{true}, ignored);
      if (!s->tls) {
        self->upgrade(s);
        return;
      }
      s->lowest().expires_after(self->opts.tls_timeout);
      s->tls->next_layer().async_handshake(
        ssl::stream_base::client, [self, s](error_code hec) {
          if (!self->current(s))
            return;
          if (hec) {
            self->drop(s, hec == beast::error::timeout
                            ? net_error::tls_timeout
                            : detail::classify_handshake_error(
                              hec, s->tls->next_layer().native_handle()));
            return;
          }
          self->upgrade(s);
        });
    });
  }

  header_list handshake_headers() {
    auto all = opts.headers;
    if (opts.make_headers) {
      try {
        auto more = opts.make_headers();
        all.insert(all.end(), more.begin(), more.end());
      } catch (...) {
        // Connect without them; the server's refusal will say why.
      }
    }
    return all;
  }

  void upgrade(const session_ptr& s) {
    // From here on the websocket layer owns timeouts; the TCP deadline must
    // not cut a long-lived stream.
    s->lowest().expires_never();
    auto hdrs = handshake_headers();
    for (const auto& [name, value] : hdrs) {
      if (name.empty() || has_line_break(name) || has_line_break(value)) {
        drop(s, net_error::protocol_error);
        return;
      }
    }
    auto self = shared_from_this();
    s->with_ws([&](auto& ws) {
      websocket::stream_base::timeout t{};
      t.handshake_timeout = opts.handshake_timeout;
      t.idle_timeout = websocket::stream_base::none();
      t.keep_alive_pings = false; // our own ping timer and idle check
      ws.set_option(t);
      ws.set_option(
        websocket::stream_base::decorator([hdrs](websocket::request_type& req) {
          for (const auto& [name, value] : hdrs)
            req.set(beast::string_view{name.data(), name.size()},
                    beast::string_view{value.data(), value.size()});
        }));
      // The size limit is ours (see read()): when Beast enforces it, the
      // error is lost in the TLS teardown that follows (Boost 1.74).
      ws.read_message_max(0);
      // Pings and pongs prove the peer is alive: they feed the idle timer.
      ws.control_callback([sp = std::weak_ptr<session>(s)](
                            websocket::frame_type, beast::string_view) {
        if (auto locked = sp.lock())
          locked->last_rx = steady::now();
      });
      ws.async_handshake(base.host_header(), base.target,
                         [self, s](error_code ec) {
                           if (!self->current(s))
                             return;
                           if (ec) {
                             self->drop(s, map_handshake_error(ec));
                             return;
                           }
                           self->on_open(s);
                         });
    });
  }

  void on_open(const session_ptr& s) {
    s->up = true;
    s->last_rx = steady::now();
    retry.reset();
    arm_idle(s);
    arm_ping(s);
    read(s);
    invoke(h.on_connected);
  }

  // -- reading and timers
  // ------------------------------------------------------

  /// Reads one message piecewise, at most one byte past the size limit, so
  /// an oversized message is caught before it is buffered whole.
  void read(const session_ptr& s) {
    auto self = shared_from_this();
    auto room = opts.max_message_bytes + 1 - s->buffer.size();
    s->with_ws([&](auto& ws) {
      ws.async_read_some(
        s->buffer, room, [self, s, &ws](error_code ec, std::size_t) {
          if (!self->current(s))
            return;
          if (ec) {
            self->drop(s, map_read_error(ec));
            return;
          }
          s->last_rx = steady::now();
          if (s->buffer.size() > self->opts.max_message_bytes) {
            self->drop(s, net_error::message_too_large);
            return;
          }
          if (!ws.is_message_done()) {
            self->read(s);
            return;
          }
          auto bytes = s->buffer.data();
          std::string_view data{static_cast<const char*>(bytes.data()),
                                bytes.size()};
          invoke(self->h.on_message, data, !ws.got_text());
          s->buffer.consume(s->buffer.size());
          if (self->current(s))
            self->read(s);
        });
    });
  }

  void arm_idle(const session_ptr& s) {
    if (opts.idle_timeout.count() <= 0)
      return;
    // Re-armed from last_rx instead of on every frame: the hot path only
    // stores a time stamp.
    s->idle_timer.expires_at(s->last_rx + opts.idle_timeout);
    auto self = shared_from_this();
    s->idle_timer.async_wait([self, s](error_code ec) {
      if (ec || !self->current(s))
        return;
      if (steady::now() - s->last_rx >= self->opts.idle_timeout)
        self->drop(s, net_error::idle_timeout);
      else
        self->arm_idle(s);
    });
  }

  void arm_ping(const session_ptr& s) {
    if (opts.ping_interval.count() <= 0)
      return;
    s->ping_timer.expires_after(opts.ping_interval);
    auto self = shared_from_this();
    s->ping_timer.async_wait([self, s](error_code ec) {
      if (ec || !self->current(s))
        return;
      if (!s->pinging) {
        s->pinging = true;
        s->with_ws([&](auto& ws) {
          ws.async_ping({}, [self, s](error_code pec) {
            s->pinging = false;
            if (pec && self->current(s))
              self->drop(s, net_error::write_failed);
          });
        });
      }
      self->arm_ping(s);
    });
  }

  // -- writing
  // -----------------------------------------------------------------

  void do_send(std::string data, bool binary) {
    auto s = cur;
    if (!s || !current(s) || !s->up || !active)
      return; // the owner re-sends from on_connected
    s->outbox.emplace_back(std::move(data), binary);
    if (!s->writing)
      write_next(s);
  }

  void write_next(const session_ptr& s) {
    if (s->outbox.empty()) {
      s->writing = false;
      return;
    }
    s->writing = true;
    auto self = shared_from_this();
    s->with_ws([&](auto& ws) {
      const auto& [bytes, binary] = s->outbox.front();
      ws.binary(binary);
      ws.async_write(asio::buffer(bytes),
                     [self, s](error_code ec, std::size_t) {
                       if (!self->current(s))
                         return;
                       if (ec) {
                         self->drop(s, ec == asio::error::operation_aborted
                                         ? net_error::connection_closed
                                         : net_error::write_failed);
                         return;
                       }
                       s->outbox.pop_front();
                       self->write_next(s);
                     });
    });
  }

  // -- dropping, closing, reconnecting
  // ------------------------------------------

  /// Ends session `s` and schedules the next attempt.
  void drop(const session_ptr& s, net_error reason) {
    if (!current(s))
      return;
    s->kill();
    cur.reset();
    if (!active) {
      // The read saw the end of a close() we started: that is the close.
      finish_close();
      return;
    }
    invoke(h.on_disconnected, reason);
    if (stopped || !active)
      return; // the handler may have called close()
    auto delay = retry.next(rng());
    retry_timer.expires_after(delay);
    auto self = shared_from_this();
    retry_timer.async_wait([self](error_code ec) {
      if (ec || self->stopped || !self->active || self->cur)
        return;
      self->connect();
    });
  }

  void finish_close() {
    if (stopped || !closing)
      return;
    closing = false;
    invoke(h.on_closed);
  }

  void do_close(std::uint16_t code, std::string reason) {
    if (stopped || !active)
      return;
    active = false;
    closing = true;
    error_code ignored;
    retry_timer.cancel(ignored);
    auto s = cur;
    if (!s || !s->up || s->dead) {
      if (s)
        s->kill();
      cur.reset();
      finish_close();
      return;
    }
    websocket::close_reason why;
    why.code = code;
    // The frame has room for 123 bytes of reason; cut rather than fail.
    why.reason.assign(reason.data(),
                      std::min(reason.size(), why.reason.max_size()));
    auto self = shared_from_this();
    s->with_ws([&](auto& ws) {
      ws.async_close(why, [self, s](error_code) {
        if (!s->dead)
          s->kill();
        if (self->cur == s)
          self->cur.reset();
        self->finish_close();
      });
    });
  }

  void do_shutdown() {
    if (stopped)
      return;
    stopped = true;
    active = false;
    error_code ignored;
    retry_timer.cancel(ignored);
    if (cur)
      cur->kill();
    cur.reset();
  }
};

// -- ws_client
// ------------------------------------------------------------------

result<std::unique_ptr<ws_client>, net_error>
ws_client::make(io_runner& runner, options opts, handlers h) {
  try {
    auto u = parse_venue_url(opts.url);
    if (!u)
      return failure{u.error()};
    if (u->scheme != scheme::ws && u->scheme != scheme::wss)
      return failure{net_error::bad_url};
    std::shared_ptr<ssl::context> ssl_ctx;
    if (u->is_tls()) {
      auto c = detail::make_client_tls_context(opts.ca_file);
      if (!c)
        return failure{c.error()};
      ssl_ctx = std::move(*c);
    }
    auto p = std::make_shared<impl>(runner, std::move(opts), std::move(h),
                                    std::move(*u), std::move(ssl_ctx));
    return std::unique_ptr<ws_client>(new ws_client(std::move(p)));
  } catch (...) {
    return failure{net_error::shut_down};
  }
}

ws_client::ws_client(std::shared_ptr<impl> p) : impl_(std::move(p)) {}

ws_client::~ws_client() { shutdown(); }

void ws_client::start() {
  asio::post(impl_->ctx, [p = impl_] { p->do_start(); });
}

void ws_client::send_text(std::string data) {
  asio::post(impl_->ctx, [p = impl_, d = std::move(data)]() mutable {
    p->do_send(std::move(d), false);
  });
}

void ws_client::send_binary(std::string data) {
  asio::post(impl_->ctx, [p = impl_, d = std::move(data)]() mutable {
    p->do_send(std::move(d), true);
  });
}

void ws_client::close(std::uint16_t code, std::string reason) {
  asio::post(impl_->ctx, [p = impl_, code, r = std::move(reason)]() mutable {
    p->do_close(code, std::move(r));
  });
}

void ws_client::shutdown() {
  auto p = impl_;
  if (!p->runner.running() || p->runner.in_runner_thread()) {
    p->do_shutdown();
    return;
  }
  auto done = std::make_shared<std::promise<void>>();
  auto fut = done->get_future();
  asio::post(p->ctx, [p, done] {
    p->do_shutdown();
    done->set_value();
  });
  // Waits on the runner so that no handler runs after we return; if the
  // runner is stopped meanwhile, nothing else touches the state any more.
  while (fut.wait_for(std::chrono::milliseconds{100})
         != std::future_status::ready) {
    if (!p->runner.running()) {
      p->do_shutdown();
      return;
    }
  }
}

} // namespace tandem::net
