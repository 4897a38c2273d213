#include "sim/server/sim_server.hpp"

#include "venues/net/url.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <atomic>
#include <deque>
#include <map>
#include <strings.h>
#include <thread>

namespace tandem::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// -- server_request
// ------------------------------------------------------------

std::string_view server_request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k.size() == name.size()
        && strncasecmp(k.data(), name.data(), k.size()) == 0)
      return v;
  return {};
}

std::string_view server_request::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view server_request::query() const {
  std::string_view t = target;
  auto q = t.find('?');
  return q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

// -- shared state
// --------------------------------------------------------------

namespace {

/// What the server needs from any session, whatever its stream type.
struct session_base {
  virtual ~session_base() = default;
  virtual void send(std::string frame, bool binary) = 0;
  virtual void flush() = 0;
  virtual void drop() = 0;
  std::uint64_t id = 0;
};

} // namespace

struct sim_server::impl {
  std::optional<asio::ssl::context> ssl;
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  http_handler on_http;
  ws_handlers ws;
  std::shared_ptr<const server_observer> observer;
  std::atomic<std::int64_t> latency_us{0};
  std::atomic<bool> stalled{false};
  std::atomic<std::uint64_t> accepted{0};
  std::uint16_t port = 0;
  /// The host in base_url(): the bind address, or 127.0.0.1 for loopback
  /// and the wildcard addresses (reachable from here either way).
  std::string url_host = "127.0.0.1";
  // Only touched on the I/O thread.
  std::uint64_t next_id = 1;
  std::map<std::uint64_t, std::weak_ptr<session_base>> sessions;

  void do_accept();
  template<class Stream>
  void start_session(Stream stream);
};

namespace {

server_request to_request(const http::request<http::string_body>& req) {
  server_request r;
  r.method = std::string{req.method_string()};
  r.target = std::string{req.target()};
  for (const auto& f : req)
    r.headers.emplace_back(std::string{f.name_string()},
                           std::string{f.value()});
  r.body = req.body();
  return r;
}

auto to_beast(const server_response& s, unsigned version, bool keep_alive) {
  auto res = std::make_shared<http::response<http::string_body>>(
    static_cast<http::status>(s.status), version);
  for (const auto& [k, v] : s.headers)
    res->set(k, v);
  res->body() = s.body;
  res->keep_alive(keep_alive);
  res->prepare_payload();
  return res;
}

template<class Stream>
constexpr bool is_tls_v
  = std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>;

// -- WebSocket session
// -----------------------------------------------------------

template<class Stream>
class ws_session final
  : public session_base,
    public std::enable_shared_from_this<ws_session<Stream>> {
 public:
  ws_session(sim_server::impl& srv, Stream&& s, std::uint64_t conn)
    : srv_(srv), ws_(std::move(s)) {
    id = conn;
  }

  void run(http::request<http::string_body> req) {
    auto upgrade = to_request(req);
    std::optional<server_response> refusal;
    if (srv_.ws.on_open)
      refusal = srv_.ws.on_open(id, upgrade);
    auto self = this->shared_from_this();
    if (refusal) {
      auto res = to_beast(*refusal, req.version(), false);
      http::async_write(
        ws_.next_layer(), *res,
        [self, res](beast::error_code, std::size_t) { self->drop(); });
      return;
    }
    ws_.set_option(
      websocket::stream_base::timeout::suggested(beast::role_type::server));
    // Known before the handshake completes: the client may see the 101 and
    // trigger a push before our accept handler runs; such frames queue
    // here and go out once open.
    srv_.sessions[id] = self;
    ws_.async_accept(req, [self](beast::error_code ec) {
      if (ec)
        return self->closed();
      self->open_ = true;
      self->flush();
      self->do_read();
    });
  }

  void send(std::string frame, bool binary) override {
    queue_.emplace_back(std::move(frame), binary);
    flush();
  }

  void flush() override {
    if (open_ && !writing_ && !queue_.empty() && !srv_.stalled.load())
      do_write();
  }

  void drop() override {
    // shutdown() first: it reaches the peer even while our own reads are
    // still pending on the socket.
    beast::error_code ec;
    auto& sock = beast::get_lowest_layer(ws_).socket();
    sock.shutdown(tcp::socket::shutdown_both, ec);
    sock.close(ec);
  }

 private:
  void do_read() {
    auto self = this->shared_from_this();
    ws_.async_read(buf_, [self](beast::error_code ec, std::size_t) {
      if (ec)
        return self->closed();
      if (self->srv_.ws.on_message) {
        auto data = beast::buffers_to_string(self->buf_.data());
        self->srv_.ws.on_message(self->id, data, self->ws_.got_binary());
      }
      self->buf_.consume(self->buf_.size());
      self->do_read();
    });
  }

  void do_write() {
    writing_ = true;
    ws_.binary(queue_.front().second);
    if (srv_.observer && srv_.observer->frame_written)
      srv_.observer->frame_written(id, queue_.front().first);
    auto self = this->shared_from_this();
    ws_.async_write(asio::buffer(queue_.front().first),
                    [self](beast::error_code ec, std::size_t) {
                      self->writing_ = false;
                      if (ec)
                        return self->closed();
                      self->queue_.pop_front();
                      self->flush();
                    });
  }

  void closed() {
    if (closed_)
      return;
    closed_ = true;
    open_ = false;
    srv_.sessions.erase(id);
    if (srv_.ws.on_close)
      srv_.ws.on_close(id);
    drop();
  }

  sim_server::impl& srv_;
  websocket::stream<Stream> ws_;
  beast::flat_buffer buf_;
  std::deque<std::pair<std::string, bool>> queue_;
  bool writing_ = false;
  bool open_ = false;
  bool closed_ = false;
};

// -- HTTP session
// ------------------------------------------------------------------

template<class Stream>
class http_session final
  : public session_base,
    public std::enable_shared_from_this<http_session<Stream>> {
 public:
  http_session(sim_server::impl& srv, Stream&& s, std::uint64_t conn)
    : srv_(srv), stream_(std::move(s)), timer_(srv.ioc) {
    id = conn;
  }

  void run() {
    if constexpr (is_tls_v<Stream>) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
      auto self = this->shared_from_this();
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self](beast::error_code ec) {
                                if (ec)
                                  return self->drop();
                                self->do_read();
                              });
    } else {
      do_read();
    }
  }

  void send(std::string, bool) override {} // not a WebSocket
  void flush() override {}
  void drop() override {
    beast::error_code ec;
    auto& sock = beast::get_lowest_layer(stream_).socket();
    sock.shutdown(tcp::socket::shutdown_both, ec);
    sock.close(ec);
    srv_.sessions.erase(id);
  }

 private:
  void do_read() {
    srv_.sessions[id] = this->shared_from_this();
    parser_.emplace();
    parser_->body_limit(1 << 20);
    // Idle keep-alive connections stay open; venues close them after a
    // while, clients reconnect (the engine's client is tested for that).
    beast::get_lowest_layer(stream_).expires_never();
    auto self = this->shared_from_this();
    http::async_read(stream_, buf_, *parser_,
                     [self](beast::error_code ec, std::size_t) {
                       if (ec)
                         return self->drop();
                       self->on_request(self->parser_->release());
                     });
  }

  void on_request(http::request<http::string_body> req) {
    if (websocket::is_upgrade(req)) {
      srv_.sessions.erase(id);
      auto ws
        = std::make_shared<ws_session<Stream>>(srv_, std::move(stream_), id);
      ws->run(std::move(req));
      return;
    }
    server_response answer;
    try {
      auto request = to_request(req);
      if (srv_.observer && srv_.observer->request_read)
        srv_.observer->request_read(request);
      answer = srv_.on_http(request);
    } catch (...) {
      answer = server_response{500, {}, R"({"error":"simulator fault"})"};
    }
    auto res = to_beast(answer, req.version(), req.keep_alive());
    auto delay = std::chrono::microseconds{srv_.latency_us.load()};
    auto self = this->shared_from_this();
    if (delay.count() > 0) {
      timer_.expires_after(delay);
      timer_.async_wait(
        [self, res](beast::error_code) { self->do_write(res); });
    } else {
      do_write(res);
    }
  }

  void do_write(std::shared_ptr<http::response<http::string_body>> res) {
    auto self = this->shared_from_this();
    http::async_write(stream_, *res,
                      [self, res](beast::error_code ec, std::size_t) {
                        if (ec || !res->keep_alive())
                          return self->drop();
                        self->do_read();
                      });
  }

  sim_server::impl& srv_;
  Stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buf_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

} // namespace

// -- accept loop
// ---------------------------------------------------------------------

template<class Stream>
void sim_server::impl::start_session(Stream stream) {
  auto s = std::make_shared<http_session<Stream>>(*this, std::move(stream),
                                                  next_id++);
  s->run();
}

void sim_server::impl::do_accept() {
  acceptor.async_accept(asio::make_strand(ioc),
                        [this](beast::error_code ec, tcp::socket sock) {
                          if (ec)
                            return; // acceptor closed: shutting down
                          ++accepted;
                          sock.set_option(tcp::no_delay(true), ec);
                          if (ssl)
                            start_session(beast::ssl_stream<beast::tcp_stream>(
                              beast::tcp_stream(std::move(sock)), *ssl));
                          else
                            start_session(beast::tcp_stream(std::move(sock)));
                          do_accept();
                        });
}

// -- sim_server
// ------------------------------------------------------------------------

sim_server::sim_server() = default;

result<std::unique_ptr<sim_server>, std::string>
sim_server::start(server_options opts, http_handler http_fn, ws_handlers ws) {
  if (!opts.any_address && !net::is_loopback_host(opts.bind))
    return failure{"simulator bind address " + opts.bind
                   + " is not a loopback address"};
  std::unique_ptr<sim_server> srv{new sim_server};
  srv->impl_ = std::make_shared<impl>();
  auto& m = *srv->impl_;
  m.on_http = std::move(http_fn);
  m.ws = std::move(ws);
  m.observer = std::move(opts.observer);
  beast::error_code ec;
  if (opts.tls) {
    m.ssl.emplace(asio::ssl::context::tls_server);
    m.ssl->set_options(
      asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2
      | asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1
      | asio::ssl::context::no_tlsv1_1);
    m.ssl->use_certificate_chain_file(opts.tls->cert_chain_file, ec);
    if (ec)
      return failure{"cannot load certificate chain "
                     + opts.tls->cert_chain_file + ": " + ec.message()};
    m.ssl->use_private_key_file(opts.tls->private_key_file,
                                asio::ssl::context::pem, ec);
    if (ec)
      return failure{"cannot load private key " + opts.tls->private_key_file
                     + ": " + ec.message()};
  }
  auto addr = asio::ip::make_address(
    opts.bind == "localhost" ? "127.0.0.1" : opts.bind, ec);
  if (ec)
    return failure{"bad bind address " + opts.bind + ": " + ec.message()};
  if (!addr.is_loopback() && !addr.is_unspecified())
    m.url_host = addr.is_v6() ? "[" + addr.to_string() + "]" : addr.to_string();
  tcp::endpoint ep{addr, opts.port};
  m.acceptor.open(ep.protocol(), ec);
  if (!ec)
    m.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec)
    m.acceptor.bind(ep, ec);
  if (!ec)
    m.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return failure{"cannot listen on " + opts.bind + ":"
                   + std::to_string(opts.port) + ": " + ec.message()};
  m.port = m.acceptor.local_endpoint().port();
  m.do_accept();
  m.thread = std::thread{[&m] {
    for (;;) {
      try {
        m.ioc.run();
        return;
      } catch (...) {
        // A throwing venue callback must not take the simulator down.
      }
    }
  }};
  return srv;
}

sim_server::~sim_server() {
  if (!impl_)
    return;
  auto& m = *impl_;
  // Close everything on the I/O thread, then let it end; what handlers
  // still hold is destroyed with the io_context.
  asio::post(m.ioc, [&m] {
    beast::error_code ec;
    m.acceptor.close(ec);
    auto sessions = m.sessions;
    for (auto& [id, w] : sessions)
      if (auto s = w.lock())
        s->drop();
    m.ioc.stop();
  });
  if (m.thread.joinable())
    m.thread.join();
}

std::uint16_t sim_server::port() const noexcept { return impl_->port; }

std::string sim_server::base_url(bool websocket) const {
  std::string scheme
    = websocket ? (impl_->ssl ? "wss" : "ws") : (impl_->ssl ? "https" : "http");
  return scheme + "://" + impl_->url_host + ":"
         + std::to_string(impl_->port);
}

void sim_server::send(std::uint64_t conn, std::string frame, bool binary) {
  auto* m = impl_.get();
  asio::post(m->ioc, [m, conn, f = std::move(frame), binary]() mutable {
    auto it = m->sessions.find(conn);
    if (it != m->sessions.end())
      if (auto s = it->second.lock())
        s->send(std::move(f), binary);
  });
}

void sim_server::broadcast(std::string frame, bool binary) {
  auto* m = impl_.get();
  asio::post(m->ioc, [m, f = std::move(frame), binary] {
    auto sessions = m->sessions;
    for (auto& [id, w] : sessions)
      if (auto s = w.lock())
        s->send(f, binary);
  });
}

void sim_server::set_latency(std::chrono::microseconds d) {
  impl_->latency_us = d.count();
}

void sim_server::drop(std::uint64_t conn) {
  auto* m = impl_.get();
  asio::post(m->ioc, [m, conn] {
    auto it = m->sessions.find(conn);
    if (it != m->sessions.end())
      if (auto s = it->second.lock())
        s->drop();
  });
}

void sim_server::drop_all() {
  auto* m = impl_.get();
  asio::post(m->ioc, [m] {
    auto sessions = m->sessions;
    for (auto& [id, w] : sessions)
      if (auto s = w.lock())
        s->drop();
  });
}

void sim_server::set_stalled(bool stalled) {
  impl_->stalled = stalled;
  if (!stalled) {
    auto* m = impl_.get();
    asio::post(m->ioc, [m] {
      auto sessions = m->sessions;
      for (auto& [id, w] : sessions)
        if (auto s = w.lock())
          s->flush();
    });
  }
}

std::uint64_t sim_server::accepted() const noexcept {
  return impl_->accepted.load();
}

} // namespace tandem::sim
