// User data streams (reference B6): one listen key per account, created or
// extended by POST, extended by PUT, closed by DELETE, valid for 60 min
// after its last keepalive. Frames queue per key until the server shell
// (or a test) drains them; an expired key gets a last listenKeyExpired
// frame and then nothing more.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::binance {

/// The listen keys and their queued frames.
class user_streams {
 public:
  explicit user_streams(std::int64_t validity_ms) : validity_ms_(validity_ms) {}

  /// POST: returns the account's active key extended, or a new one.
  std::string open(const std::string& account, std::int64_t now_ms);
  /// PUT: extends the active key; nullopt when there is none (-1125).
  std::optional<std::string> keepalive(const std::string& account,
                                       std::int64_t now_ms);
  /// DELETE: closes the active key; false when there is none.
  bool close(const std::string& account);

  /// Queues `frame` on the account's active key; dropped when it has none
  /// (nobody could be listening).
  void push(const std::string& account, std::string frame);

  /// Returns and clears the frames queued on `key`. A key that expired is
  /// forgotten after its last frames are drained.
  std::vector<std::string> drain(std::string_view key);

  /// Expires keys whose validity ended by `now_ms`, or every active key
  /// when `all`, queuing listenKeyExpired on each.
  void expire(std::int64_t now_ms, bool all);

  /// Returns true while `key` is an account's active key (not expired,
  /// not closed): a user-data WebSocket may connect to it.
  bool is_active(std::string_view key) const;
  /// Returns every key that is active or still holds undrained frames.
  std::vector<std::string> keys() const;

 private:
  struct stream {
    std::string account;
    std::int64_t expires_ms = 0;
    bool active = true;
    std::vector<std::string> frames;
  };
  std::string mint(const std::string& account);

  std::int64_t validity_ms_;
  std::uint64_t minted_ = 0;
  /// By listen key.
  std::map<std::string, stream, std::less<>> streams_;
  /// The active key of each account.
  std::map<std::string, std::string> active_;
};

} // namespace tandem::sim::binance
