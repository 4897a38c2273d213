#include "test_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <sys/socket.h>

namespace tandem::net::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

std::optional<std::string>
received_request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (beast::iequals(k, beast::string_view{name.data(), name.size()}))
      return v;
  return std::nullopt;
}

namespace {

template<class Fields>
received_request
to_received(const http::request<http::string_body, Fields>& r) {
  received_request out;
  out.method = std::string{r.method_string()};
  out.target = std::string{r.target()};
  for (const auto& f : r)
    out.headers.emplace_back(std::string{f.name_string()},
                             std::string{f.value()});
  out.body = r.body();
  return out;
}

} // namespace

struct test_server::impl {
  impl(const test_pki* pki, bool ws, http_handler h, ws_behavior b)
    : is_ws(ws), handler(std::move(h)), behavior(b) {
    if (pki != nullptr) {
      tls.emplace(ssl::context::tls_server);
      tls->use_certificate_chain_file(pki->cert_file());
      tls->use_private_key_file(pki->key_file(), ssl::context::pem);
    }
    tcp::endpoint ep{asio::ip::make_address("127.0.0.1"), 0};
    acceptor.open(ep.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen();
    port = acceptor.local_endpoint().port();
    accept_thread = std::thread([this] { accept_loop(); });
  }

  ~impl() {
    stopping = true;
    // Wake the blocking accept: shutdown() makes it fail on Linux, and the
    // dummy connect covers any platform where it would not.
    ::shutdown(acceptor.native_handle(), SHUT_RDWR);
    {
      asio::io_context tmp;
      tcp::socket poke{tmp};
      error_code ec;
      poke.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    }
    accept_thread.join();
    drop();
    for (auto& t : conn_threads)
      t.join();
  }

  bool is_ws;
  http_handler handler;
  ws_behavior behavior;
  asio::io_context ioc;
  std::optional<ssl::context> tls;
  tcp::acceptor acceptor{ioc};
  std::uint16_t port = 0;
  std::thread accept_thread;
  std::vector<std::thread> conn_threads; // touched by accept_thread only
  std::atomic<bool> stopping{false};

  mutable std::mutex mtx;
  mutable std::condition_variable cv;
  std::set<int> open_fds;
  int accepted = 0;
  int closed = 0;
  int pings = 0;
  std::vector<received_request> requests;
  std::vector<received_request> handshakes;
  std::vector<std::string> messages;
  std::vector<std::uint16_t> close_codes;

  template<class F>
  void record(F&& f) {
    {
      std::lock_guard lock{mtx};
      f();
    }
    cv.notify_all();
  }

  template<class Pred>
  bool wait(Pred&& p) const {
    std::unique_lock lock{mtx};
    return cv.wait_for(lock, wait_limit, p);
  }

  void drop() {
    std::lock_guard lock{mtx};
    for (int fd : open_fds)
      ::shutdown(fd, SHUT_RDWR);
  }

  void accept_loop() {
    for (;;) {
      tcp::socket sock{ioc};
      error_code ec;
      acceptor.accept(sock, ec);
      if (stopping)
        return;
      if (ec)
        continue;
      int fd = sock.native_handle();
      record([&] {
        ++accepted;
        open_fds.insert(fd);
      });
      conn_threads.emplace_back(
        [this, s = std::move(sock)]() mutable { serve(std::move(s)); });
    }
  }

  /// Runs one connection. The fd leaves open_fds before the socket closes,
  /// so drop() can never hit a recycled descriptor.
  void serve(tcp::socket sock) {
    int fd = sock.native_handle();
    error_code ec;
    sock.set_option(tcp::no_delay{true}, ec);
    auto finished = [&] {
      record([&] {
        open_fds.erase(fd);
        ++closed;
      });
    };
    if (tls) {
      ssl::stream<tcp::socket> s{std::move(sock), *tls};
      s.handshake(ssl::stream_base::server, ec);
      if (!ec)
        session(s);
      finished();
    } else {
      session(sock);
      finished();
    }
  }

  template<class Stream>
  void session(Stream& s) {
    if (is_ws)
      ws_session(s);
    else
      http_session(s);
  }

  template<class Stream>
  void http_session(Stream& s) {
    beast::flat_buffer buf;
    for (;;) {
      http::request<http::string_body> req;
      error_code ec;
      http::read(s, buf, req, ec);
      if (ec)
        return;
      auto seen = to_received(req);
      record([&] { requests.push_back(seen); });
      auto reply = handler(seen);
      if (!reply)
        continue; // silent: the next read blocks until the drop
      http::response<http::string_body> res{
        static_cast<http::status>(reply->status), 11};
      for (const auto& [k, v] : reply->headers)
        res.insert(beast::string_view{k.data(), k.size()},
                   beast::string_view{v.data(), v.size()});
      res.body() = reply->body;
      res.keep_alive(reply->keep_alive);
      res.prepare_payload();
      if (req.method() == http::verb::head) {
        // HEAD announces the length of the body it does not send.
        auto n = res.body().size();
        res.body().clear();
        res.content_length(n);
      }
      http::write(s, res, ec);
      if (ec || !reply->keep_alive)
        return;
    }
  }

  template<class Stream>
  void ws_session(Stream& s) {
    beast::flat_buffer buf;
    http::request<http::string_body> up;
    error_code ec;
    http::read(s, buf, up, ec);
    if (ec)
      return;
    auto seen = to_received(up);
    record([&] { handshakes.push_back(seen); });
    websocket::stream<Stream&> ws{s};
    ws.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::ping)
        record([&] { ++pings; });
    });
    ws.accept(up, ec);
    if (ec)
      return;
    for (;;) {
      buf.consume(buf.size());
      ws.read(buf, ec);
      if (ec == websocket::error::closed) {
        auto code = ws.reason().code;
        record([&] { close_codes.push_back(code); });
        return;
      }
      if (ec)
        return;
      auto text = beast::buffers_to_string(buf.data());
      bool binary = !ws.got_text();
      record([&] { messages.push_back(binary ? "b:" + text : text); });
      if (behavior == ws_behavior::silent)
        continue;
      ws.binary(binary);
      ws.write(buf.data(), ec);
      if (ec)
        return;
    }
  }
};

test_server::test_server(const test_pki* pki, http_handler handler)
  : impl_(std::make_unique<impl>(pki, false, std::move(handler),
                                 ws_behavior::echo)) {}

test_server::test_server(const test_pki* pki, ws_behavior behavior)
  : impl_(std::make_unique<impl>(pki, true, http_handler{}, behavior)) {}

test_server::~test_server() = default;

std::uint16_t test_server::port() const noexcept { return impl_->port; }

std::string test_server::url(std::string_view scheme,
                             std::string_view host) const {
  return std::string{scheme} + "://" + std::string{host} + ":"
         + std::to_string(impl_->port);
}

int test_server::accepted() const {
  std::lock_guard lock{impl_->mtx};
  return impl_->accepted;
}

int test_server::closed() const {
  std::lock_guard lock{impl_->mtx};
  return impl_->closed;
}

std::vector<received_request> test_server::requests() const {
  std::lock_guard lock{impl_->mtx};
  return impl_->requests;
}

std::vector<received_request> test_server::handshakes() const {
  std::lock_guard lock{impl_->mtx};
  return impl_->handshakes;
}

std::vector<std::string> test_server::messages() const {
  std::lock_guard lock{impl_->mtx};
  return impl_->messages;
}

std::vector<std::uint16_t> test_server::close_codes() const {
  std::lock_guard lock{impl_->mtx};
  return impl_->close_codes;
}

bool test_server::wait_accepted(int n) const {
  return impl_->wait([&] { return impl_->accepted >= n; });
}

bool test_server::wait_closed(int n) const {
  return impl_->wait([&] { return impl_->closed >= n; });
}

bool test_server::wait_messages(std::size_t n) const {
  return impl_->wait([&] { return impl_->messages.size() >= n; });
}

bool test_server::wait_pings(int n) const {
  return impl_->wait([&] { return impl_->pings >= n; });
}

bool test_server::wait_close_codes(std::size_t n) const {
  return impl_->wait([&] { return impl_->close_codes.size() >= n; });
}

void test_server::drop_connections() { impl_->drop(); }

} // namespace tandem::net::testing
