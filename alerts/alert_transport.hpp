// Where alert messages go: the seam between the alert actor and the wire.
// The Discord sender is the real one; tests give the actor a fake.
#pragma once

#include "alerts/webhook_outcome.hpp"

#include <functional>
#include <string>

namespace tandem::alerts {

/// Sends one JSON body at a time and reports how it went.
class alert_transport {
 public:
  using done_fn = std::function<void(send_outcome)>;

  virtual ~alert_transport() = default;

  /// Sends `json_body`; `done` runs exactly once, on any thread, never
  /// inline from send().
  virtual void send(std::string json_body, done_fn done) = 0;

  /// Stops sending: what is in flight reports `failed` before this returns
  /// (or never, for a fake), and no `done` runs afterwards.
  virtual void shutdown() = 0;
};

} // namespace tandem::alerts
