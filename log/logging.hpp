// The process logger: one line per event with stable keys, UTC timestamps
// with microseconds, every sink behind the redacting sink (log/redact.hpp).
//
//   TLOG_INFO("order.sent", "venue={} cid={} px={}", venue, cid, px);
//   -> 2025-01-02T03:04:05.123456Z level=info event=order.sent venue=...
//
// Quiet by default: level info, console on stderr, no file.
#pragma once

#include <spdlog/logger.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::logging {

/// Severity, lowest first. Config spells these "trace".."off".
enum class log_level : std::uint8_t {
  trace,
  debug,
  info,
  warn,
  error,
  critical,
  off,
};

/// Returns the config spelling ("warn"), also used in the `level=` key.
std::string_view to_string(log_level l) noexcept;

/// Parses "trace", "debug", "info", "warn", "error", "critical" or "off".
std::optional<log_level> parse_log_level(std::string_view s) noexcept;

/// Where and how much to log. Defaults: info, stderr only.
struct log_settings {
  /// Lines below this level are dropped before they are formatted.
  log_level level = log_level::info;
  /// Rotating log file; empty means no file sink (stderr only).
  std::string file;
  /// Size of one log file before it rotates, in MiB (1..1024).
  std::int64_t max_size_mb = 64;
  /// Rotated files kept besides the current one (1..100).
  std::int64_t max_files = 5;
};

/// The spdlog pattern: ISO-8601 UTC with microseconds, then `level=`.
inline constexpr std::string_view line_pattern
  = "%Y-%m-%dT%H:%M:%S.%fZ level=%Q %v";

/// Installs the process logger: stderr plus the optional rotating file, both
/// behind the redacting sink. Returns why it failed (file not openable), or
/// nullopt. Safe to call again (it replaces the logger).
std::optional<std::string> init(const log_settings& s) noexcept;

/// Installs a logger writing to `sinks` (tests), behind the redacting sink.
void init_with_sinks(const log_settings& s,
                     std::vector<spdlog::sink_ptr> sinks);

/// Returns the process logger; before init() a stderr/info default that
/// also redacts.
spdlog::logger& logger() noexcept;

/// Flushes every sink.
void flush() noexcept;

namespace detail {

spdlog::level::level_enum to_spdlog(log_level l) noexcept;

/// Writes `event=<event> <fields>`; the level check happened at the call site.
template<class... Args>
void emit(spdlog::logger& lg, log_level l, std::string_view event,
          fmt::format_string<Args...> fields, Args&&... args) noexcept {
  try {
    fmt::memory_buffer buf;
    fmt::format_to(std::back_inserter(buf), "event={}", event);
    if (fmt::string_view(fields).size() != 0) {
      buf.push_back(' ');
      fmt::format_to(std::back_inserter(buf), fields,
                     std::forward<Args>(args)...);
    }
    lg.log(to_spdlog(l), spdlog::string_view_t(buf.data(), buf.size()));
  } catch (...) {
    // Logging must never take the engine down; spdlog reports its own errors.
  }
}

/// Writes a bare `event=<event>` line.
inline void emit(spdlog::logger& lg, log_level l,
                 std::string_view event) noexcept {
  emit(lg, l, event, "");
}

} // namespace detail
} // namespace tandem::logging

/// Logs one event at `lvl` (a log_level name) with key=value fields; the
/// arguments are not evaluated when the level is disabled.
#define TLOG_AT(lvl, ...)                                                      \
  do {                                                                         \
    auto& tlog_lg_ = ::tandem::logging::logger();                              \
    if (tlog_lg_.should_log(::tandem::logging::detail::to_spdlog(              \
          ::tandem::logging::log_level::lvl)))                                 \
      ::tandem::logging::detail::emit(                                         \
        tlog_lg_, ::tandem::logging::log_level::lvl, __VA_ARGS__);             \
  } while (false)

#define TLOG_TRACE(...)    TLOG_AT(trace, __VA_ARGS__)
#define TLOG_DEBUG(...)    TLOG_AT(debug, __VA_ARGS__)
#define TLOG_INFO(...)     TLOG_AT(info, __VA_ARGS__)
#define TLOG_WARN(...)     TLOG_AT(warn, __VA_ARGS__)
#define TLOG_ERROR(...)    TLOG_AT(error, __VA_ARGS__)
#define TLOG_CRITICAL(...) TLOG_AT(critical, __VA_ARGS__)
