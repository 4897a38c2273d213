// tandemctl's commands: the words typed (on the command line or at the
// interactive prompt) become one admin API request.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::ctl {

/// What to do with a command.
enum class request_kind : std::uint8_t {
  /// An API call answered with JSON.
  json,
  /// An API call answered with text (metrics).
  text,
  /// The event stream.
  events,
  /// Answered locally (params).
  local,
};

/// One request to the gateway.
struct ctl_request {
  request_kind kind = request_kind::json;
  /// The command's name ("halt").
  std::string command;
  std::string method = "GET";
  std::string target;
  std::string body;
  /// events: stop after this many (0: never).
  std::uint64_t limit = 0;
};

/// Returns the request for `words` ("set", "kimchi.entry_bps", "180"), or
/// a usage message naming the command.
result<ctl_request, std::string>
build_request(std::span<const std::string> words);

/// Every command name, for completion and help.
std::span<const std::string_view> command_names() noexcept;

/// Returns the text of `params` (the settable parameters and ranges).
std::string params_text();

/// Splits a line typed at the prompt into words, shell style: spaces
/// separate, '...' and "..." quote, backslash escapes. Returns a message
/// on an unterminated quote.
result<std::vector<std::string>, std::string>
split_words(std::string_view line);

} // namespace tandem::ctl
