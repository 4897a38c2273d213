// What every simulated venue service needs besides its venue's own
// configuration: where to listen, TLS, how often to pump timers, and whose
// clock to read.
#pragma once

#include "core/clock.hpp"
#include "sim/server/sim_server.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace tandem::sim::runtime {

/// Ports, TLS and timing of one simulated venue service.
struct service_options {
  /// REST port on 127.0.0.1; 0 picks a free one.
  std::uint16_t rest_port = 0;
  /// WebSocket port on 127.0.0.1; 0 picks a free one.
  std::uint16_t ws_port = 0;
  /// TLS (https/wss) when set, plain http/ws otherwise. Both servers use
  /// the same certificate.
  std::optional<tls_files> tls;
  /// How often the pump thread advances venue timers (countdownCancelAll,
  /// listen-key expiry) and flushes queued stream frames.
  std::chrono::milliseconds pump_interval{100};
  /// The venue's clock; nullptr: the system clock. Must outlive the
  /// service. Signed requests are checked against it (recvWindow).
  const clock_source* clock = nullptr;
  /// Wire taps on both servers (benchmarks); null: none.
  std::shared_ptr<const server_observer> observer;
};

} // namespace tandem::sim::runtime
