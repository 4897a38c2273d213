// A broken rule with its numbers: what validation returns instead of `false`.
#pragma once

#include "core/errors.hpp"

#include <string>

namespace tandem {

/// A validation failure: the code names the rule, the detail gives the
/// numbers as key=value pairs ("price=100050 tick=1000").
struct violation {
  validation_error code;
  std::string detail;

  /// Returns "price off tick: price=100050 tick=1000".
  std::string message() const {
    std::string out{to_string(code)};
    if (!detail.empty()) {
      out += ": ";
      out += detail;
    }
    return out;
  }
};

} // namespace tandem
