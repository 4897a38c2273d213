// A local Discord webhook on 127.0.0.1 over TLS (sim/server, certificates
// minted at test time): it records every request with the time it arrived
// and answers from a script, so tests check the payload and path and
// measure waits from the server's side.
#pragma once

#include "sim/server/sim_server.hpp"
#include "test_pki.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace tandem::alerts::testing {

inline constexpr std::chrono::seconds guard{10};

/// The path a webhook URL names; the last segment is the secret token.
inline constexpr std::string_view webhook_path
  = "/api/webhooks/112233445566778899/Zk9-SeCrEt_tOkEn-0123456789abcdef";
/// Where the sender POSTs it: the unversioned path pinned to API v10.
inline constexpr std::string_view posted_path
  = "/api/v10/webhooks/112233445566778899/Zk9-SeCrEt_tOkEn-0123456789abcdef";
inline constexpr std::string_view webhook_token
  = "Zk9-SeCrEt_tOkEn-0123456789abcdef";

struct seen_request {
  std::chrono::steady_clock::time_point at;
  std::string method;
  std::string target;
  std::string content_type;
  std::string body;
};

/// The webhook server: answers the scripted responses in order, then 204.
class webhook_server {
 public:
  explicit webhook_server(const net::testing::test_pki& pki) {
    sim::server_options o;
    o.tls = sim::tls_files{pki.cert_file(), pki.key_file()};
    auto s = sim::sim_server::start(
      std::move(o), [this](const sim::server_request& r) { return on(r); });
    EXPECT_TRUE(s) << (s ? "" : s.error());
    if (s)
      srv_ = std::move(*s);
  }

  /// Queues the next answers (status, body).
  void script(std::vector<sim::server_response> answers) {
    std::lock_guard lock{mtx_};
    for (auto& a : answers)
      script_.push_back(std::move(a));
  }

  std::string webhook_url() const {
    return srv_->base_url(false) + std::string{webhook_path};
  }

  /// Waits until `n` requests arrived; false after the guard.
  bool wait_for(std::size_t n) {
    std::unique_lock lock{mtx_};
    return cv_.wait_for(lock, guard, [&] { return seen_.size() >= n; });
  }

  std::vector<seen_request> seen() {
    std::lock_guard lock{mtx_};
    return seen_;
  }

 private:
  sim::server_response on(const sim::server_request& r) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock{mtx_};
    seen_.push_back(
      {now, r.method, r.target, std::string{r.header("content-type")}, r.body});
    cv_.notify_all();
    if (script_.empty())
      return {204, {}, ""};
    auto a = std::move(script_.front());
    script_.pop_front();
    return a;
  }

  std::unique_ptr<sim::sim_server> srv_;
  std::mutex mtx_;
  std::condition_variable cv_;
  std::deque<sim::server_response> script_;
  std::vector<seen_request> seen_;
};

/// Sends every log line (level debug and up) into a string for the test.
class log_capture {
 public:
  log_capture();
  ~log_capture();
  std::string text() const { return out_->str(); }

 private:
  std::shared_ptr<std::ostringstream> out_;
};

} // namespace tandem::alerts::testing
