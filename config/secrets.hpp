// Where credentials come from: environment variables named in the config,
// or a secrets file readable by the engine's user only. Never the config
// itself. Every secret resolved here is registered with the log redactor.
#pragma once

#include "config/errors.hpp"
#include "config/schema.hpp"
#include "config/secret.hpp"
#include "core/result.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace tandem::config {

/// Secrets shorter than this are refused (too easy to guess, and the
/// redactor would mangle ordinary text replacing them).
inline constexpr std::size_t min_secret_length = 8;

/// Why a secrets file was refused, before any key is read.
struct secrets_file_problem {
  config_error code = config_error::insecure_secrets_file;
  /// Names the file and what to do ("... is mode 0644; run chmod 600 ...").
  std::string message;
};

/// Reads the TOML secrets file at `path`. It must be a regular file (not a
/// symlink), owned by the effective user, with no group/other permission
/// bits, and hold only keys of `allowed`, each a string. The values are
/// never put in a message.
result<std::map<std::string, secret>, secrets_file_problem>
read_secrets_file(const std::string& path,
                  std::span<const std::string_view> allowed);

/// Resolves every credential of the enabled venues, the Discord webhook
/// (when alerts are enabled) and the console tokens from the environment or
/// from secrets files, stores them in `cfg`, and registers each with the log
/// redactor. In paper mode a credential that is not configured or not set
/// is fine; in live mode it is an issue. A secrets file that is configured
/// but unusable is an issue in both modes.
void resolve_secrets(engine_config& cfg, config_issues& out);

} // namespace tandem::config
