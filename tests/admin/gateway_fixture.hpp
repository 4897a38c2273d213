// A running admin gateway on a loopback port in front of the fake engine,
// plus a real HTTP client (venues/net/io) to drive it. Waits are bounded by
// a generous guard that only catches hangs.
#pragma once

#include "actors/admin_gateway.hpp"
#include "tests/admin/fake_engine.hpp"
#include "venues/net/io/http_client.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/io/ws_client.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tandem::admin::test {

inline constexpr std::chrono::seconds guard{20};
inline constexpr std::string_view operator_token = "op-token-0123456789abcdef";
inline constexpr std::string_view readonly_token = "ro-token-0123456789abcdef";

/// What a request got back (status 0: no answer at all).
struct http_answer {
  unsigned status = 0;
  std::string body;
  std::string content_type;
  std::vector<net::http_header> headers;

  std::optional<std::string> header(std::string_view name) const;
};

/// A parsed JSON body, for assertions.
struct json_body {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool ok = false;

  explicit json_body(const std::string& text);
  std::string str(std::string_view pointer);
  std::int64_t num(std::string_view pointer);
  bool flag(std::string_view pointer);
  std::size_t size(std::string_view pointer);
};

/// Records frames of a WebSocket client for the test thread.
struct ws_log {
  std::mutex mtx;
  std::condition_variable cv;
  int connected = 0;
  std::vector<std::string> frames;
  std::vector<net::net_error> drops;

  net::ws_client::handlers handlers();
  /// Waits for pred() under the lock; false after the guard.
  template<class Pred>
  bool wait(Pred&& pred) {
    std::unique_lock lock{mtx};
    return cv.wait_for(lock, guard, pred);
  }
};

class gateway_fixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Starts a gateway with `timeout` for the engine's replies.
  void start_gateway(std::chrono::milliseconds timeout
                     = std::chrono::milliseconds{5000},
                     std::optional<actors::admin_tls_files> tls = {});
  /// Starts a gateway with `o` as given (port, bind, TLS, tokens).
  void start_gateway_with(actors::admin_gateway_options o);

  /// Sends one request; `token` empty sends no Authorization header.
  http_answer call(std::string method, std::string target,
                   std::string body = {},
                   std::string_view token = operator_token,
                   std::vector<net::http_header> extra = {});
  http_answer get(std::string target, std::string_view token = readonly_token) {
    return call("GET", std::move(target), {}, token);
  }
  http_answer post(std::string target, std::string body = {},
                   std::string_view token = operator_token) {
    return call("POST", std::move(target), std::move(body), token);
  }

  /// The fake engine's journal.
  std::vector<journal_entry> journal();
  /// Sends a steering message to the fake engine and waits until it has
  /// been handled (a request from the same sender right after it).
  template<class T>
  void steer(T msg) {
    caf::scoped_actor self{*sys_};
    self->send(engine_, std::move(msg));
    self->request(engine_, guard, fake_subscribers{})
      .receive([](std::size_t) {},
               [](caf::error&) { ADD_FAILURE() << "fake engine gone"; });
  }

  caf::actor_system_config cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  caf::actor engine_;
  std::unique_ptr<actors::admin_gateway> gw_;
  net::io_runner runner_;
  std::unique_ptr<net::http_client> client_;
  std::optional<std::string> ca_file_;
};

} // namespace tandem::admin::test
