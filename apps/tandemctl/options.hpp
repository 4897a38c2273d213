// tandemctl's command line: global options anywhere on the line, the rest
// is the command and its arguments. The token comes from --token-file or
// TANDEM_TOKEN, never from the command line (it would show in `ps`).
#pragma once

#include "config/secret.hpp"
#include "core/result.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace tandem::ctl {

/// Parsed global options.
struct ctl_options {
  /// The gateway: --url, else TANDEM_URL, else the default console address.
  std::string url = "http://127.0.0.1:8787";
  /// --token-file: a file holding only the token, mode 0600, ours.
  std::string token_file;
  /// --ca-file: PEM bundle trusted for an https:// gateway.
  std::optional<std::string> ca_file;
  /// --json: print the gateway's JSON as it is.
  bool json = false;
  /// --timeout-ms: how long one request may take.
  std::chrono::milliseconds timeout{15000};
  /// -h / --help.
  bool help = false;
  /// The command and its own arguments ("halt", "--reason", "x").
  std::vector<std::string> words;
};

/// Returns the options, or a usage message. `env_url` is TANDEM_URL.
result<ctl_options, std::string>
parse_options(const std::vector<std::string>& args, const char* env_url);

/// Returns the token from the token file (when given) or `env_token`
/// (TANDEM_TOKEN), or a message: none given, file unreadable, not a regular
/// file, not ours, readable by group or others, empty.
result<secret, std::string> load_token(const ctl_options& o,
                                       const char* env_token);

/// The usage text.
std::string usage_text();

} // namespace tandem::ctl
