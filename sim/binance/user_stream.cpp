#include "sim/binance/user_stream.hpp"

#include "sim/binance/frames.hpp"
#include "venues/common/crypto.hpp"
#include "venues/common/hex.hpp"

namespace tandem::sim::binance {

std::string user_streams::mint(const std::string& account) {
  // 64 hex digits like a real key; deterministic so runs replay exactly.
  auto tag = venues::hmac_sha256("tandem-sim-listen-key",
                                 account + ":" + std::to_string(++minted_));
  return tag ? venues::to_hex(*tag) : "sim" + std::to_string(minted_);
}

std::string user_streams::open(const std::string& account,
                               std::int64_t now_ms) {
  if (auto it = active_.find(account); it != active_.end()) {
    streams_[it->second].expires_ms = now_ms + validity_ms_;
    return it->second;
  }
  auto key = mint(account);
  streams_[key] = stream{account, now_ms + validity_ms_, true, {}};
  active_[account] = key;
  return key;
}

std::optional<std::string> user_streams::keepalive(const std::string& account,
                                                   std::int64_t now_ms) {
  auto it = active_.find(account);
  if (it == active_.end())
    return std::nullopt;
  streams_[it->second].expires_ms = now_ms + validity_ms_;
  return it->second;
}

bool user_streams::close(const std::string& account) {
  auto it = active_.find(account);
  if (it == active_.end())
    return false;
  streams_.erase(it->second);
  active_.erase(it);
  return true;
}

void user_streams::push(const std::string& account, std::string frame) {
  auto it = active_.find(account);
  if (it != active_.end())
    streams_[it->second].frames.push_back(std::move(frame));
}

std::vector<std::string> user_streams::drain(std::string_view key) {
  auto it = streams_.find(key);
  if (it == streams_.end())
    return {};
  auto out = std::move(it->second.frames);
  it->second.frames.clear();
  if (!it->second.active)
    streams_.erase(it);
  return out;
}

void user_streams::expire(std::int64_t now_ms, bool all) {
  for (auto it = active_.begin(); it != active_.end();) {
    auto& s = streams_[it->second];
    if (!all && now_ms < s.expires_ms) {
      ++it;
      continue;
    }
    s.frames.push_back(listen_key_expired_frame(it->second, now_ms));
    s.active = false;
    it = active_.erase(it);
  }
}

bool user_streams::is_active(std::string_view key) const {
  auto it = streams_.find(key);
  return it != streams_.end() && it->second.active;
}

std::vector<std::string> user_streams::keys() const {
  std::vector<std::string> out;
  out.reserve(streams_.size());
  for (const auto& [key, s] : streams_)
    out.push_back(key);
  return out;
}

} // namespace tandem::sim::binance
