// The JSON body of a Discord "execute webhook" request for one alert:
// `content` (the line a phone notification shows) plus one embed (title,
// description, colour per severity, fields, timestamp, footer). Every text is
// made valid UTF-8, escaped, and cut to Discord's limits so the request is
// never refused for its shape. Pure.
#pragma once

#include "alerts/alert.hpp"
#include "core/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::alerts {

/// Discord's documented limits, in characters (counted here as UTF-16 code
/// units, which is never fewer than Discord's count).
namespace discord_limits {
inline constexpr std::size_t content = 2000;
inline constexpr std::size_t title = 256;
inline constexpr std::size_t description = 4096;
inline constexpr std::size_t field_name = 256;
inline constexpr std::size_t field_value = 1024;
inline constexpr std::size_t fields = 25;
inline constexpr std::size_t footer = 2048;
/// Title + description + field names and values + footer of all embeds.
inline constexpr std::size_t embed_total = 6000;
} // namespace discord_limits

/// What the queue adds to an alert when it sends it.
struct payload_extras {
  /// Further occurrences of the same alert folded into this message.
  std::uint64_t repeats = 0;
  /// Alerts dropped (queue full or retries exhausted) since the last
  /// message that went out.
  std::uint64_t dropped = 0;
};

/// Returns the execute-webhook JSON for `a`. Mentions are disabled
/// (`allowed_mentions.parse = []`) so alert text can never ping anyone.
std::string build_discord_payload(const alert& a, const payload_extras& x = {});

/// Returns the embed colour (0xRRGGBB) for `s`.
std::uint32_t severity_colour(severity s) noexcept;

/// Returns the length of `utf8` as Discord counts it (UTF-16 code units);
/// an invalid byte counts as one U+FFFD.
std::size_t discord_length(std::string_view utf8) noexcept;

/// Returns `utf8` as valid UTF-8 (invalid bytes become U+FFFD) of at most
/// `max_units` (as discord_length counts), ending in "…" when it was cut.
/// Never splits a character.
std::string fit_text(std::string_view utf8, std::size_t max_units);

/// Appends `utf8` to `out` as a quoted JSON string (valid UTF-8 assumed:
/// pass fit_text() output).
void append_json_string(std::string& out, std::string_view utf8);

/// Returns "2025-01-02T03:04:05.123Z" (ISO 8601, UTC, milliseconds).
std::string iso8601_utc(timestamp t);

} // namespace tandem::alerts
