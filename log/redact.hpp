// Redaction: nothing reaches a log sink with a credential in it.
//
// Two layers: registered secret values (every secret the config loads is
// registered here) and known credential patterns (auth headers, signatures,
// key=value credentials, JWTs, Discord webhook tokens). Both are replaced by
// `***`. The redacting sink applies them to every payload before any inner
// sink formats it.
#pragma once

#include <spdlog/sinks/dist_sink.h>

#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::logging {

/// The text that replaces a redacted value.
inline constexpr std::string_view redacted_mark = "***";

/// Returns `text` with every occurrence of each value in `secrets` and every
/// known credential pattern replaced by `***`. Pure; empty secrets are
/// ignored. Patterns (keys case-insensitive):
///  - `Authorization: Bearer <x>` / `Basic <x>` and any `Bearer <x>`
///  - `X-MBX-APIKEY: <x>` (also `=` and JSON `"X-MBX-APIKEY":"<x>"`)
///  - `signature=<x>`, `secret=<x>`, `token=<x>`, `api_key=<x>`,
///    `apikey=<x>`, `password=<x>`, `listenKey=<x>`, also as the end of a
///    longer key (`api_secret=`, `access_token=`) and with `:`
///  - JWTs: `eyJ...` with three dot-separated base64url segments
///  - `https://discord.com/api/webhooks/<id>/<token>` (id kept)
std::string redact(std::string_view text,
                   std::span<const std::string> secrets = {});

/// Registers a secret value process-wide: from now on every log line has it
/// replaced. Thread-safe. Empty values are ignored.
void register_secret(std::string_view value);

/// Returns redact(text, <all registered secrets>).
std::string redact_registered(std::string_view text);

/// Returns how many distinct secrets are registered (tests, diagnostics).
std::size_t registered_secret_count();

/// Forgets every registered secret. For tests only.
void clear_registered_secrets_for_testing();

/// An spdlog sink that rewrites each payload with redact_registered() and
/// forwards it to its inner sinks (which keep their own formatters/levels).
class redacting_sink final : public spdlog::sinks::dist_sink<std::mutex> {
 public:
  /// Wraps `inner`; each inner sink sees only redacted payloads.
  explicit redacting_sink(std::vector<spdlog::sink_ptr> inner);

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
};

} // namespace tandem::logging
