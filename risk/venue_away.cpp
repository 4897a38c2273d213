#include "risk/venue_away.hpp"

#include <algorithm>

namespace tandem::risk {

bool is_unhedged(const pair_exposure& p) noexcept {
  if (p.state == "closed" || p.state == "rolled_back"
      || p.state == "abandoned")
    return false;
  if (p.state == "hedged")
    return p.orders_in_flight > 0;
  return true;
}

std::string_view to_string(away_action a) noexcept {
  switch (a) {
    case away_action::none: return "none";
    case away_action::alert: return "alert";
    case away_action::halt: return "halt";
  }
  return "none";
}

away_verdict decide_venue_away(tandem::venue v,
                               std::chrono::milliseconds away_for,
                               std::chrono::milliseconds limit,
                               const std::vector<pair_exposure>& pairs,
                               std::string_view why) {
  away_verdict out;
  if (away_for < limit)
    return out;
  std::string detail = "venue=" + std::string{to_string(v)}
                       + " away_ms=" + std::to_string(away_for.count())
                       + " limit_ms=" + std::to_string(limit.count());
  const pair_exposure* first = nullptr;
  std::size_t unhedged = 0;
  for (const auto& p : pairs)
    if (is_unhedged(p)) {
      if (!first)
        first = &p;
      ++unhedged;
    }
  if (first) {
    out.action = away_action::halt;
    detail += " pair=" + first->id + " state=" + first->state
              + " unhedged_pairs=" + std::to_string(unhedged);
  } else {
    out.action = away_action::alert;
    detail += " unhedged_pairs=0";
  }
  if (!why.empty())
    detail += " why=\"" + std::string{why} + '"';
  out.detail = std::move(detail);
  return out;
}

std::optional<veto>
check_venue_present(tandem::venue v,
                    std::optional<std::chrono::milliseconds> away_for,
                    std::string_view why) {
  if (!away_for)
    return std::nullopt;
  std::string detail = "venue=" + std::string{to_string(v)}
                       + " away_ms=" + std::to_string(away_for->count());
  if (!why.empty())
    detail += " why=\"" + std::string{why} + '"';
  return veto{risk_rule::venue_away, std::move(detail)};
}

// -- venue_presence ----------------------------------------------------------

void venue_presence::actor_down(time_point now, std::string why) {
  actor_down_ = true;
  returning_ = false;
  // The next instance's session starts from scratch.
  streams_.clear();
  update(now, "actor down: " + why);
}

void venue_presence::actor_restarted(time_point now) {
  actor_down_ = false;
  returning_ = true;
  streams_.clear();
  update(now, "restarted, streams not connected yet");
}

void venue_presence::confirm_connected(time_point now) {
  if (actor_down_)
    return;
  returning_ = false;
  for (auto& s : streams_)
    if (s.down) {
      // The instance says every stream is up: take its word over a stale
      // report of ours.
      s.down = false;
      s.connected = true;
    }
  update(now, {});
}

void venue_presence::stream(std::string_view name, link_report state,
                            time_point now, std::string_view why) {
  if (actor_down_)
    return; // A dying instance's last words.
  auto& s = stream_of(name);
  switch (state) {
    case link_report::connected:
      s.down = false;
      s.connected = true;
      break;
    case link_report::disconnected:
    case link_report::halted:
      s.down = true;
      s.connected = false;
      break;
    case link_report::connecting:
      // Reconnecting: still down if it was; a first connect is not away.
      s.connected = false;
      break;
  }
  if (returning_ && connected("market") && connected("user"))
    returning_ = false;
  std::string text
    = std::string{name}
      + (state == link_report::halted ? " halted" : " disconnected");
  if (!why.empty())
    text += ": " + std::string{why};
  update(now, std::move(text));
}

std::chrono::milliseconds
venue_presence::away_for(time_point now) const noexcept {
  if (!since_ || now < *since_)
    return std::chrono::milliseconds{0};
  return std::chrono::duration_cast<std::chrono::milliseconds>(now - *since_);
}

venue_presence::stream_state& venue_presence::stream_of(std::string_view name) {
  auto i = std::find_if(streams_.begin(), streams_.end(),
                        [&](const stream_state& s) { return s.name == name; });
  if (i != streams_.end())
    return *i;
  streams_.push_back(stream_state{std::string{name}, false, false});
  return streams_.back();
}

bool venue_presence::connected(std::string_view name) const noexcept {
  return std::any_of(
    streams_.begin(), streams_.end(),
    [&](const stream_state& s) { return s.name == name && s.connected; });
}

void venue_presence::update(time_point now, std::string why) {
  bool any_down = std::any_of(streams_.begin(), streams_.end(),
                              [](const stream_state& s) { return s.down; });
  bool away_now = actor_down_ || returning_ || any_down;
  if (!away_now) {
    since_.reset();
    why_.clear();
    return;
  }
  if (!since_) {
    since_ = now;
    ++outages_;
    why_ = std::move(why);
  } else if (actor_down_ && why.rfind("actor down", 0) == 0) {
    // A crash during a link outage: the crash is what matters now.
    why_ = std::move(why);
  }
}

} // namespace tandem::risk
