// HTTPS client for venue REST APIs (plain HTTP only to loopback, where the
// simulators live). Keeps a small pool of keep-alive connections, runs all
// I/O on an io_runner thread and reports every failure as a typed
// net_error; no exception escapes. Beast/Asio stay in http_client.cpp.
#pragma once

#include "core/result.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/net_error.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::net {

/// One header line; names keep the case the caller gave.
using http_header = std::pair<std::string, std::string>;

/// An asynchronous HTTP/1.1 client bound to one base URL.
class http_client {
 public:
  /// Settings, fixed at make().
  struct options {
    /// "https://api.upbit.com" or "https://fapi.binance.com/fapi"; its path
    /// prefixes every request target.
    std::string base_url;
    /// PEM file of trusted CAs; when absent, the system's default store.
    std::optional<std::string> ca_file;
    /// Resolve plus TCP connect.
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds tls_timeout{5000};
    /// From the first byte written to the last byte of the answer.
    std::chrono::milliseconds request_timeout{10000};
    /// A kept-alive connection unused this long is closed rather than
    /// reused: servers drop idle connections and a reuse would race them.
    std::chrono::milliseconds idle_timeout{30000};
    std::size_t max_response_body_bytes = 8 * 1024 * 1024;
    /// Requests beyond this many in flight wait for a free connection.
    std::size_t max_connections = 2;
  };

  /// What to send. `target` is appended to the base URL's path.
  struct request {
    std::string method = "GET";
    std::string target = "/";
    std::vector<http_header> headers;
    std::string body;
  };

  /// What came back, whatever the status.
  struct response {
    unsigned status = 0;
    std::vector<http_header> headers;
    std::string body;

    /// Returns the first header named `name` (case-insensitive), if any.
    std::optional<std::string> header(std::string_view name) const;
  };

  /// Why a request failed.
  struct error_info {
    net_error code = net_error::shut_down;
    /// True once the whole request was written: the venue may have acted on
    /// it, so the outcome is unknown (see classify()).
    bool request_sent = false;
  };

  using callback = std::function<void(result<response, error_info>)>;

  /// Returns a client, or bad_url / insecure_scheme_refused /
  /// ca_file_unreadable. No connection is opened yet.
  static result<std::unique_ptr<http_client>, net_error> make(io_runner& runner,
                                                              options opts);

  /// Shuts down (see shutdown()).
  ~http_client();

  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  /// Queues `req`; `cb` runs exactly once, on the runner thread (requests
  /// posted while the runner is stopped wait for its start()). A request
  /// is sent at most once: it is retried on a fresh connection only when a
  /// reused connection turned out closed before the request was written.
  void async_request(request req, callback cb);

  /// Closes every connection and fails queued and in-flight requests with
  /// shut_down. When it returns, no callback of this client runs any more.
  /// It waits for the runner thread to do this; when the runner is not
  /// running, the shut_down answers run on the calling thread instead.
  void shutdown();

 private:
  struct impl;
  explicit http_client(std::shared_ptr<impl> p);
  std::shared_ptr<impl> impl_;
};

} // namespace tandem::net
