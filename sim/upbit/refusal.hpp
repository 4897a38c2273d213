// A refused request: the HTTP status and Upbit's `error.name` and message.
#pragma once

#include <string>

namespace tandem::sim::upbit {

/// Why the venue said no.
struct refusal {
  int status = 400;
  std::string name;
  std::string message;
};

/// Returns a 400 validation_error refusal.
inline refusal validation_error(std::string message) {
  return refusal{400, "validation_error", std::move(message)};
}

} // namespace tandem::sim::upbit
