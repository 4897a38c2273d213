// A reusable JSON parsing context for the Upbit decoders: it owns the
// simdjson parser and a padded copy buffer, so a session that keeps one
// context parses every frame without new allocations once the buffers have
// grown to the largest frame. Not thread-safe: one per session/actor.
#pragma once

#include <memory>

namespace tandem::venues::upbit {

namespace detail {
struct json_state;
} // namespace detail

/// Owns parser state shared by the REST and WebSocket decoders.
class json_context {
 public:
  json_context();
  ~json_context();
  json_context(json_context&&) noexcept;
  json_context& operator=(json_context&&) noexcept;
  json_context(const json_context&) = delete;
  json_context& operator=(const json_context&) = delete;

  /// The parser state, for the decoders in this folder.
  detail::json_state& state() noexcept { return *state_; }

 private:
  std::unique_ptr<detail::json_state> state_;
};

} // namespace tandem::venues::upbit
