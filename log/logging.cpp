#include "log/logging.hpp"

#include "log/redact.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace tandem::logging {

namespace {

/// `%Q`: our level names ("warn", not spdlog's "warning").
class level_flag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    auto name = to_string(from_spdlog(msg.level));
    dest.append(name.data(), name.data() + name.size());
  }

  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<level_flag>();
  }

 private:
  static log_level from_spdlog(spdlog::level::level_enum l) noexcept {
    switch (l) {
      case spdlog::level::trace: return log_level::trace;
      case spdlog::level::debug: return log_level::debug;
      case spdlog::level::info: return log_level::info;
      case spdlog::level::warn: return log_level::warn;
      case spdlog::level::err: return log_level::error;
      case spdlog::level::critical: return log_level::critical;
      case spdlog::level::off: return log_level::off;
      case spdlog::level::n_levels: break;
    }
    return log_level::off;
  }
};

std::unique_ptr<spdlog::formatter> make_formatter() {
  auto f = std::make_unique<spdlog::pattern_formatter>(
    spdlog::pattern_time_type::utc);
  f->add_flag<level_flag>('Q').set_pattern(std::string(line_pattern));
  return f;
}

constexpr const char* logger_name = "tandem";

void install(const log_settings& s, std::vector<spdlog::sink_ptr> sinks) {
  auto top = std::make_shared<redacting_sink>(std::move(sinks));
  top->set_formatter(make_formatter());
  auto lg = std::make_shared<spdlog::logger>(logger_name, std::move(top));
  lg->set_level(detail::to_spdlog(s.level));
  // Warnings and worse reach the file at once; the rest on the next flush.
  lg->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(lg));
}

std::once_flag default_once;

} // namespace

std::string_view to_string(log_level l) noexcept {
  switch (l) {
    case log_level::trace: return "trace";
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warn: return "warn";
    case log_level::error: return "error";
    case log_level::critical: return "critical";
    case log_level::off: return "off";
  }
  return "off";
}

std::optional<log_level> parse_log_level(std::string_view s) noexcept {
  for (auto l :
       {log_level::trace, log_level::debug, log_level::info, log_level::warn,
        log_level::error, log_level::critical, log_level::off})
    if (to_string(l) == s)
      return l;
  return std::nullopt;
}

std::optional<std::string> init(const log_settings& s) noexcept {
  try {
    std::vector<spdlog::sink_ptr> sinks;
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
    if (!s.file.empty()) {
      auto bytes = static_cast<std::size_t>(s.max_size_mb) * 1024 * 1024;
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        s.file, bytes, static_cast<std::size_t>(s.max_files)));
    }
    std::call_once(default_once, [] {}); // logger() must not replace ours
    install(s, std::move(sinks));
    return std::nullopt;
  } catch (const std::exception& e) {
    return std::string("cannot open log file ") + s.file + ": " + e.what();
  }
}

void init_with_sinks(const log_settings& s,
                     std::vector<spdlog::sink_ptr> sinks) {
  std::call_once(default_once, [] {});
  install(s, std::move(sinks));
}

spdlog::logger& logger() noexcept {
  std::call_once(default_once, [] {
    install(log_settings{},
            {std::make_shared<spdlog::sinks::stderr_sink_mt>()});
  });
  return *spdlog::default_logger_raw();
}

void flush() noexcept {
  try {
    logger().flush();
  } catch (...) {
  }
}

namespace detail {

spdlog::level::level_enum to_spdlog(log_level l) noexcept {
  switch (l) {
    case log_level::trace: return spdlog::level::trace;
    case log_level::debug: return spdlog::level::debug;
    case log_level::info: return spdlog::level::info;
    case log_level::warn: return spdlog::level::warn;
    case log_level::error: return spdlog::level::err;
    case log_level::critical: return spdlog::level::critical;
    case log_level::off: return spdlog::level::off;
  }
  return spdlog::level::off;
}

} // namespace detail
} // namespace tandem::logging
