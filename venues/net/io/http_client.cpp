// The Beast side of http_client: a pool of keep-alive connections, each a
// small state machine (connect -> TLS handshake -> write -> read), all
// driven by the io_runner's single thread, so no locks are needed here.
#include "venues/net/io/http_client.hpp"

#include "venues/net/io/detail/io_runner_access.hpp"
#include "venues/net/io/detail/tls.hpp"
#include "venues/net/url.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <deque>
#include <future>

namespace tandem::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using steady = std::chrono::steady_clock;

namespace {

// Answers of venues are small; 64 KiB of headers is already generous.
constexpr std::uint32_t header_limit = 64 * 1024;

std::string join_target(const std::string& base, const std::string& t) {
  if (base.empty() || base == "/")
    return t.empty() ? std::string{"/"} : t;
  std::string out = base;
  while (out.size() > 1 && out.back() == '/')
    out.pop_back();
  if (t.empty() || t == "/")
    return out;
  if (t.front() == '/' || t.front() == '?')
    return out + t;
  return out + "/" + t;
}

bool has_line_break(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

net_error map_write_error(const error_code& ec) {
  if (ec == beast::error::timeout)
    return net_error::request_timeout;
  if (ec == asio::error::operation_aborted)
    return net_error::shut_down;
  return net_error::write_failed;
}

net_error map_read_error(const error_code& ec) {
  if (ec == beast::error::timeout)
    return net_error::request_timeout;
  if (ec == asio::error::operation_aborted)
    return net_error::shut_down;
  if (ec == http::error::body_limit || ec == http::error::header_limit
      || ec == http::error::buffer_overflow)
    return net_error::message_too_large;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message
      || detail::is_closed_error(ec))
    return net_error::connection_closed;
  // Every other parser error: the bytes are not HTTP we understand.
  if (ec.category()
      == http::make_error_code(http::error::bad_target).category())
    return net_error::protocol_error;
  return net_error::read_failed;
}

} // namespace

// -- connection ---------------------------------------------------------------

namespace {

struct job {
  http_client::request req;
  http_client::callback cb;
  bool retried = false; // one transparent reconnect at most
  bool written = false; // whole request on the wire
};

using job_ptr = std::shared_ptr<job>;

/// One socket slot of the pool; the stream is rebuilt on every connect.
struct connection {
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  std::optional<http::response_parser<http::string_body>> parser;
  job_ptr current;
  bool open = false;
  bool busy = false;
  steady::time_point last_used;

  beast::tcp_stream& lowest() {
    return tls ? beast::get_lowest_layer(*tls) : *plain;
  }

  bool has_stream() const { return plain.has_value() || tls.has_value(); }

  /// Closes the socket; pending operations complete with an error. The
  /// stream object stays alive because their handlers still refer to it.
  void close() {
    if (has_stream()) {
      error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
      lowest().close();
    }
    open = false;
  }

  template<class F>
  void with_stream(F&& f) {
    if (tls)
      f(*tls);
    else
      f(*plain);
  }
};

using connection_ptr = std::shared_ptr<connection>;

} // namespace

// -- impl ---------------------------------------------------------------------

struct http_client::impl : std::enable_shared_from_this<impl> {
  impl(io_runner& r, options o, url u, std::shared_ptr<ssl::context> c)
    : runner(r), ctx(detail::io_runner_access::context(r)), opts(std::move(o)),
      base(std::move(u)), ssl_ctx(std::move(c)) {}

  io_runner& runner;
  asio::io_context& ctx;
  options opts;
  url base;
  std::shared_ptr<ssl::context> ssl_ctx; // declared before conns: outlives
  std::vector<connection_ptr> conns;
  std::deque<job_ptr> queue;
  bool stopped = false;

  void enqueue(job_ptr j) {
    if (stopped) {
      finish(j, failure{error_info{net_error::shut_down, false}});
      return;
    }
    queue.push_back(std::move(j));
    dispatch();
  }

  /// Hands queued jobs to free connections: open ones first (reuse), then
  /// closed slots, then new slots up to max_connections.
  void dispatch() {
    while (!stopped && !queue.empty()) {
      auto c = pick();
      if (!c)
        return;
      auto j = std::move(queue.front());
      queue.pop_front();
      c->busy = true;
      c->current = j;
      start(c, j);
    }
  }

  connection_ptr pick() {
    connection_ptr closed_slot;
    for (auto& c : conns) {
      if (c->busy)
        continue;
      if (c->open)
        return c;
      if (!closed_slot)
        closed_slot = c;
    }
    if (closed_slot)
      return closed_slot;
    if (conns.size() < std::max<std::size_t>(1, opts.max_connections))
      return conns.emplace_back(std::make_shared<connection>());
    return nullptr;
  }

  void start(const connection_ptr& c, const job_ptr& j) {
    if (c->open) {
      // A server may have closed the idle connection; finding out now costs
      // one non-blocking peek and spares the request an unknown outcome.
      auto fd = c->lowest().socket().native_handle();
      if (steady::now() - c->last_used > opts.idle_timeout
          || detail::idle_socket_is_stale(fd))
        c->close();
    }
    if (c->open)
      send(c, j, true);
    else
      connect(c, j);
  }

  void connect(const connection_ptr& c, const job_ptr& j) {
    try {
      start_connect(c, j);
    } catch (...) {
      // Stream or resolver set-up failed (SSL_new, memory): answer the job
      // instead of letting the exception end the handler silently.
      fail(c, j, net_error::connect_failed, false);
    }
  }

  void start_connect(const connection_ptr& c, const job_ptr& j) {
    c->buffer.consume(c->buffer.size());
    if (base.is_tls()) {
      c->plain.reset();
      c->tls.emplace(ctx, *ssl_ctx);
      if (!detail::prepare_client_ssl(c->tls->native_handle(), base.host)) {
        fail(c, j, net_error::tls_handshake_failed, false);
        return;
      }
    } else {
      c->tls.reset();
      c->plain.emplace(ctx);
    }
    // One deadline for resolve and connect together. The resolver cannot
    // be interrupted, so a timer answers for it and the late result is
    // dropped.
    auto deadline = steady::now() + opts.connect_timeout;
    auto resolver = std::make_shared<tcp::resolver>(ctx);
    auto timer = std::make_shared<asio::steady_timer>(ctx, deadline);
    auto settled = std::make_shared<bool>(false);
    auto self = shared_from_this();
    timer->async_wait([self, c, j, resolver, settled](error_code ec) {
      if (ec || *settled)
        return;
      *settled = true;
      resolver->cancel();
      self->fail(c, j, net_error::connect_timeout, false);
    });
    resolver->async_resolve(base.host, std::to_string(base.port),
                            [self, c, j, resolver, timer, settled, deadline](
                              error_code ec, tcp::resolver::results_type eps) {
                              if (*settled)
                                return;
                              *settled = true;
                              timer->cancel();
                              if (ec) {
                                self->fail(c, j, net_error::resolve_failed,
                                           false);
                                return;
                              }
                              self->on_resolved(c, j, eps, deadline);
                            });
  }

  void on_resolved(const connection_ptr& c, const job_ptr& j,
                   const tcp::resolver::results_type& eps,
                   steady::time_point deadline) {
    if (stopped)
      return;
    c->lowest().expires_at(deadline);
    auto self = shared_from_this();
    c->lowest().async_connect(
      eps, [self, c, j](error_code ec, const tcp::endpoint&) {
        if (ec) {
          self->fail(c, j,
                     ec == beast::error::timeout ? net_error::connect_timeout
                                                 : net_error::connect_failed,
                     false);
          return;
        }
        error_code ignored;
        // Requests are small and latency-bound: no Nagle delay.
        c->lowest().socket().set_option(tcp::no_delay{true}, ignored);
        if (!c->tls) {
          c->open = true;
          self->send(c, j, false);
          return;
        }
        c->lowest().expires_after(self->opts.tls_timeout);
        c->tls->async_handshake(
          ssl::stream_base::client, [self, c, j](error_code hec) {
            if (hec) {
              auto code = hec == beast::error::timeout
                            ? net_error::tls_timeout
                            : detail::classify_handshake_error(
                              hec, c->tls->native_handle());
              self->fail(c, j, code, false);
              return;
            }
            c->open = true;
            self->send(c, j, false);
          });
      });
  }

  bool build(connection& c, const request& r) {
    c.req = {};
    if (has_line_break(r.method) || has_line_break(r.target))
      return false;
    auto verb = http::string_to_verb(r.method);
    if (verb == http::verb::unknown)
      c.req.method_string(r.method);
    else
      c.req.method(verb);
    c.req.target(join_target(base.target, r.target));
    c.req.version(11);
    for (const auto& [name, value] : r.headers) {
      // A line break would let a value smuggle in a second header.
      if (name.empty() || has_line_break(name) || has_line_break(value))
        return false;
      c.req.insert(name, value);
    }
    if (c.req.find(http::field::host) == c.req.end())
      c.req.set(http::field::host, base.host_header());
    c.req.body() = r.body;
    c.req.prepare_payload();
    c.req.keep_alive(true);
    return true;
  }

  void send(const connection_ptr& c, const job_ptr& j, bool reused) {
    if (stopped)
      return;
    if (!build(*c, j->req)) {
      c->busy = false;
      c->current.reset();
      finish(j, failure{error_info{net_error::protocol_error, false}});
      dispatch();
      return;
    }
    c->parser.emplace();
    c->parser->body_limit(opts.max_response_body_bytes);
    c->parser->header_limit(header_limit);
    // A HEAD answer announces a length but carries no body.
    if (c->req.method() == http::verb::head)
      c->parser->skip(true);
    c->lowest().expires_after(opts.request_timeout);
    auto self = shared_from_this();
    c->with_stream([&](auto& stream) {
      http::async_write(
        stream, c->req,
        [self, c, j, reused, &stream](error_code ec, std::size_t) {
          if (ec) {
            // The request never fully left: if the socket was a reused one,
            // the server had closed it; one fresh connection is safe.
            if (reused && !j->retried && !self->stopped
                && ec != beast::error::timeout) {
              j->retried = true;
              c->close();
              // Posted: the finished write op must be gone before connect()
              // replaces the stream it referred to.
              asio::post(self->ctx, [self, c, j] { self->connect(c, j); });
              return;
            }
            self->fail(c, j, map_write_error(ec), false);
            return;
          }
          j->written = true;
          self->read_header(c, j, stream);
        });
    });
  }

  /// Reads the header first: Beast 1.74's eager parse loses the
  /// body_limit error when header and body arrive in one segment, so the
  /// announced length is checked here before any body byte is stored.
  template<class Stream>
  void read_header(const connection_ptr& c, const job_ptr& j, Stream& stream) {
    auto self = shared_from_this();
    http::async_read_header(
      stream, c->buffer, *c->parser,
      [self, c, j, &stream](error_code ec, std::size_t) {
        if (ec) {
          self->fail(c, j, map_read_error(ec), true);
          return;
        }
        auto len = c->parser->content_length();
        if (len && *len > self->opts.max_response_body_bytes) {
          self->fail(c, j, net_error::message_too_large, true);
          return;
        }
        http::async_read(stream, c->buffer, *c->parser,
                         [self, c, j](error_code rec, std::size_t) {
                           if (rec) {
                             self->fail(c, j, map_read_error(rec), true);
                             return;
                           }
                           self->complete(c, j);
                         });
      });
  }

  void complete(const connection_ptr& c, const job_ptr& j) {
    if (stopped)
      return;
    auto msg = c->parser->release();
    c->lowest().expires_never();
    response out;
    out.status = msg.result_int();
    out.headers.reserve(
      static_cast<std::size_t>(std::distance(msg.begin(), msg.end())));
    for (const auto& f : msg)
      out.headers.emplace_back(std::string{f.name_string()},
                               std::string{f.value()});
    out.body = std::move(msg.body());
    if (!msg.keep_alive())
      c->close();
    c->last_used = steady::now();
    c->busy = false;
    c->current.reset();
    finish(j, std::move(out));
    dispatch();
  }

  void fail(const connection_ptr& c, const job_ptr& j, net_error code,
            bool sent) {
    if (stopped)
      return; // shutdown() already answered this job
    c->close();
    c->busy = false;
    c->current.reset();
    finish(j, failure{error_info{code, sent}});
    dispatch();
  }

  static void finish(const job_ptr& j, result<response, error_info> r) {
    if (!j->cb)
      return;
    auto cb = std::move(j->cb);
    j->cb = nullptr;
    try {
      cb(std::move(r));
    } catch (...) {
      // The owner's bug must not take the runner thread down with it.
    }
  }

  void do_shutdown() {
    if (stopped)
      return;
    stopped = true;
    auto waiting = std::move(queue);
    queue.clear();
    for (auto& c : conns) {
      c->close();
      if (auto j = std::move(c->current)) {
        c->current.reset();
        finish(j, failure{error_info{net_error::shut_down, j->written}});
      }
      c->busy = false;
    }
    for (auto& j : waiting)
      finish(j, failure{error_info{net_error::shut_down, false}});
  }
};

// -- http_client
// ----------------------------------------------------------------

std::optional<std::string>
http_client::response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (beast::iequals(k, beast::string_view{name.data(), name.size()}))
      return v;
  return std::nullopt;
}

result<std::unique_ptr<http_client>, net_error>
http_client::make(io_runner& runner, options opts) {
  try {
    auto u = parse_venue_url(opts.base_url);
    if (!u)
      return failure{u.error()};
    if (u->scheme != scheme::http && u->scheme != scheme::https)
      return failure{net_error::bad_url};
    std::shared_ptr<ssl::context> ssl_ctx;
    if (u->is_tls()) {
      auto c = detail::make_client_tls_context(opts.ca_file);
      if (!c)
        return failure{c.error()};
      ssl_ctx = std::move(*c);
    }
    auto p = std::make_shared<impl>(runner, std::move(opts), std::move(*u),
                                    std::move(ssl_ctx));
    return std::unique_ptr<http_client>(new http_client(std::move(p)));
  } catch (...) {
    return failure{net_error::shut_down};
  }
}

http_client::http_client(std::shared_ptr<impl> p) : impl_(std::move(p)) {}

http_client::~http_client() { shutdown(); }

void http_client::async_request(request req, callback cb) {
  auto j = std::make_shared<job>();
  j->req = std::move(req);
  j->cb = std::move(cb);
  asio::post(impl_->ctx, [p = impl_, j] { p->enqueue(j); });
}

void http_client::shutdown() {
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
  // Waits on the runner so that no callback runs after we return; if the
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
