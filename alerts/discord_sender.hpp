// Sends alert messages to a Discord webhook over HTTPS (plain HTTP only to
// loopback, for tests): POST <webhook>?wait=true with a JSON body (an
// unversioned /api/webhooks/ path is pinned to /api/v10/), on the
// io_runner's thread, never blocking the caller. The webhook URL is a
// secret (its last path segment is the token): it never appears in a log
// line or an error.
#pragma once

#include "alerts/alert_transport.hpp"
#include "config/secret.hpp"
#include "core/result.hpp"
#include "venues/net/io/io_runner.hpp"
#include "venues/net/net_error.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace tandem::alerts {

/// The Discord webhook transport.
class discord_sender final : public alert_transport {
 public:
  struct options {
    /// PEM file of trusted CAs; when absent, the system's store.
    std::optional<std::string> ca_file;
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds request_timeout{10'000};
  };

  /// Returns a sender for `webhook_url`, or bad_url /
  /// insecure_scheme_refused / ca_file_unreadable (never the URL itself).
  static result<std::unique_ptr<discord_sender>, net::net_error>
  make(net::io_runner& runner, const secret& webhook_url, options opts);

  ~discord_sender() override;

  /// POSTs `json_body`; `done` runs on the runner thread. Each answer is
  /// logged (event alert.*) without the URL: a rejected one with its status
  /// and the start of its body.
  void send(std::string json_body, done_fn done) override;

  /// Fails what is in flight and stops (see http_client::shutdown()).
  void shutdown() override;

 private:
  struct impl;
  explicit discord_sender(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::alerts
