// tandemctl's exit codes: scripts rely on them, so they never change
// meaning (apps/tandemctl/README section in admin/README.md).
#pragma once

namespace tandem::ctl {

/// The command succeeded.
inline constexpr int exit_ok = 0;
/// The gateway answered something unexpected (a 500, a body that is not
/// the documented JSON).
inline constexpr int exit_unexpected = 1;
/// Bad arguments, no token, an unreadable or unsafe token file.
inline constexpr int exit_usage = 2;
/// The token was refused (401) or lacks the role (403).
inline constexpr int exit_auth = 3;
/// The request was refused: invalid value, unknown parameter or route, not
/// possible now (400, 404, 405, 409).
inline constexpr int exit_refused = 4;
/// The gateway is unreachable, or the engine behind it did not answer
/// (connection failure, timeout, 502, 503, 504).
inline constexpr int exit_unreachable = 5;

/// Returns the exit code for an HTTP status from the gateway.
constexpr int exit_code_for(unsigned status) noexcept {
  if (status >= 200 && status < 300)
    return exit_ok;
  if (status == 401 || status == 403)
    return exit_auth;
  if (status == 400 || status == 404 || status == 405 || status == 409
      || status == 426)
    return exit_refused;
  if (status == 502 || status == 503 || status == 504)
    return exit_unreachable;
  return exit_unexpected;
}

} // namespace tandem::ctl
