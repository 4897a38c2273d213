// Test helpers for the simulated venues on real loopback sockets: a REST
// call through the engine's http_client, and a WebSocket connection through
// its ws_client that records every frame and lets a test wait for one.
// Waits block on condition variables with a generous failure guard; they
// never sleep to synchronise.
#pragma once

#include "venues/common/http_request.hpp"
#include "venues/net/io/http_client.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/io/ws_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tandem::sim::testing {

using namespace std::chrono_literals;

/// How long a wait may take before the test fails (a guard, not a timing).
inline constexpr auto guard = 10s;

/// Returns a client for `base_url` trusting `ca_file` (TLS) or nothing.
inline std::unique_ptr<net::http_client>
make_http(net::io_runner& runner, std::string base_url,
          std::optional<std::string> ca_file) {
  net::http_client::options o;
  o.base_url = std::move(base_url);
  o.ca_file = std::move(ca_file);
  auto c = net::http_client::make(runner, std::move(o));
  EXPECT_TRUE(c.has_value());
  return c ? std::move(*c) : nullptr;
}

/// Sends a request a codec built and waits for the answer.
inline net::http_client::response call(net::http_client& c,
                                       const venues::http_request& r) {
  net::http_client::request req;
  req.method = std::string{venues::to_string(r.method)};
  req.target = r.target();
  for (const auto& h : r.headers)
    req.headers.emplace_back(h.name, h.value);
  req.body = r.body;
  std::promise<result<net::http_client::response, net::http_client::error_info>>
    p;
  auto f = p.get_future();
  c.async_request(std::move(req), [&p](auto res) { p.set_value(res); });
  EXPECT_EQ(f.wait_for(guard), std::future_status::ready);
  auto res = f.get();
  EXPECT_TRUE(res.has_value())
    << (res ? "" : std::string{net::to_string(res.error().code)});
  return res ? *res : net::http_client::response{};
}

/// One WebSocket connection that records what arrives.
class ws_probe {
 public:
  /// Connects to `url`; `headers` are sent on every handshake, and those
  /// `make_headers` returns are made fresh for each one.
  ws_probe(net::io_runner& runner, std::string url,
           std::optional<std::string> ca_file,
           net::ws_client::header_list headers = {},
           std::function<net::ws_client::header_list()> make_headers = {}) {
    net::ws_client::options o;
    o.url = std::move(url);
    o.ca_file = std::move(ca_file);
    o.headers = std::move(headers);
    o.make_headers = std::move(make_headers);
    o.reconnect_base = 20ms;
    o.reconnect_max = 100ms;
    net::ws_client::handlers h;
    h.on_connected = [this] {
      std::lock_guard lk{mu_};
      ++connects_;
      cv_.notify_all();
    };
    h.on_message = [this](std::string_view data, bool binary) {
      std::lock_guard lk{mu_};
      frames_.emplace_back(data);
      binary_.push_back(binary);
      cv_.notify_all();
    };
    h.on_disconnected = [this](net::net_error e) {
      std::lock_guard lk{mu_};
      errors_.push_back(e);
      cv_.notify_all();
    };
    auto c = net::ws_client::make(runner, std::move(o), std::move(h));
    EXPECT_TRUE(c.has_value());
    if (c) {
      client_ = std::move(*c);
      client_->start();
    }
  }
  ~ws_probe() {
    if (client_)
      client_->shutdown();
  }

  /// Waits for the `n`th successful connect.
  bool wait_connected(int n = 1) {
    std::unique_lock lk{mu_};
    return cv_.wait_for(lk, guard, [&] { return connects_ >= n; });
  }
  /// Waits for the first failed attempt or drop and returns its reason.
  std::optional<net::net_error> wait_error() {
    std::unique_lock lk{mu_};
    if (!cv_.wait_for(lk, guard, [&] { return !errors_.empty(); }))
      return std::nullopt;
    return errors_.front();
  }
  /// Waits for a frame, from index `from` on, that satisfies `pred`, and
  /// returns it.
  std::optional<std::string>
  wait_frame(const std::function<bool(const std::string&)>& pred,
             std::size_t from = 0) {
    std::unique_lock lk{mu_};
    std::optional<std::string> hit;
    cv_.wait_for(lk, guard, [&] {
      for (std::size_t i = from; i < frames_.size(); ++i)
        if (pred(frames_[i])) {
          hit = frames_[i];
          return true;
        }
      return false;
    });
    return hit;
  }
  /// Waits for a frame containing `needle`.
  std::optional<std::string> wait_containing(std::string_view needle,
                                             std::size_t from = 0) {
    return wait_frame(
      [&](const std::string& f) { return f.find(needle) != std::string::npos; },
      from);
  }
  /// Returns how many frames arrived so far.
  std::size_t count() const {
    std::lock_guard lk{mu_};
    return frames_.size();
  }
  /// Returns whether every frame so far came as a binary frame.
  bool all_binary() const {
    std::lock_guard lk{mu_};
    for (bool b : binary_)
      if (!b)
        return false;
    return true;
  }
  void send_text(std::string s) { client_->send_text(std::move(s)); }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int connects_ = 0;
  std::vector<std::string> frames_;
  std::vector<bool> binary_;
  std::vector<net::net_error> errors_;
  std::unique_ptr<net::ws_client> client_;
};

} // namespace tandem::sim::testing
