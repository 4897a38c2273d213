#include "webhook_fixture.hpp"

#include "log/logging.hpp"
#include "log/redact.hpp"

#include <spdlog/sinks/stdout_sinks.h>

namespace tandem::alerts::testing {

log_capture::log_capture() : out_(std::make_shared<std::ostringstream>()) {
  // No secret is registered: what the test sees is what our code wrote,
  // not what the redactor saved.
  logging::clear_registered_secrets_for_testing();
  logging::log_settings s;
  s.level = logging::log_level::debug;
  logging::init_with_sinks(
    s, {std::make_shared<spdlog::sinks::ostream_sink_mt>(*out_, true)});
}

log_capture::~log_capture() {
  // Back to stderr before the stream goes away.
  logging::init_with_sinks(logging::log_settings{},
                           {std::make_shared<spdlog::sinks::stderr_sink_mt>()});
}

} // namespace tandem::alerts::testing
