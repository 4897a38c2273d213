// "A venue that stays away while a pair is unhedged triggers the emergency
// stop": when a venue counts as away, which pairs count as unhedged, and
// what to do once it has been away for the configured limit. Pure: the
// venue-away monitor actor (actors/venue_away_monitor.hpp) feeds it the
// supervisor's news, the session's link states and the coordinator's pairs.
//
// Away: the venue actor crashed and no new instance runs yet, or a new
// instance runs but its session has not yet reported its "market" and
// "user" streams connected, or one of its session's streams ("market",
// "user", "rest") reported disconnected or halted and has not reported
// connected since.
//
// Unhedged: any pair whose state is not flat-and-settled (closed,
// rolled_back, abandoned) or hedged, and a hedged pair while one of its
// orders is still in flight (a correction pending). A hedged pair is one
// the settlement machine evened out to within one common lot, i.e. both
// legs equal as far as the venues can trade. opening, closing,
// rolling_back, escalated and any state this code does not know count as
// unhedged. (A flat-settled pair may list an order that never reported,
// e.g. one whose intent the journal refused: it never went out.)
#pragma once

#include "core/venue.hpp"
#include "risk/veto.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::risk {

/// The emergency stop trigger this rule raises.
inline constexpr std::string_view venue_away_trigger = "venue_away_unhedged";

/// One pair as the coordinator reports it.
struct pair_exposure {
  std::string id;
  /// journal::pair_state spelling: opening, hedged, closing, closed,
  /// rolling_back, rolled_back, escalated, abandoned.
  std::string state;
  /// Orders of the pair without a final outcome yet (working or unknown);
  /// read for hedged pairs only.
  std::size_t orders_in_flight = 0;
};

/// Returns true when `p` may hold exposure that is not hedged (see above).
bool is_unhedged(const pair_exposure& p) noexcept;

enum class away_action : std::uint8_t {
  none = 0,  ///< Not away long enough.
  alert = 1, ///< Away past the limit, every pair flat or hedged.
  halt = 2,  ///< Away past the limit while a pair is unhedged.
};

/// Returns "none", "alert" or "halt".
std::string_view to_string(away_action a) noexcept;

struct away_verdict {
  away_action action = away_action::none;
  /// key=value: "venue=binance away_ms=12000 limit_ms=10000
  /// pair=sig-1 state=opening unhedged_pairs=1 why=\"actor down: kill\"".
  std::string detail;
};

/// The rule: away for at least `limit` halts while some pair of `pairs` is
/// unhedged (the first one is named) and only alerts while none is;
/// shorter, nothing. `why` says how the venue is away.
away_verdict decide_venue_away(tandem::venue v,
                               std::chrono::milliseconds away_for,
                               std::chrono::milliseconds limit,
                               const std::vector<pair_exposure>& pairs,
                               std::string_view why);

/// The pre-trade rule VENUE_AWAY: an entry or an exit is refused while
/// venue `v` is away (`away_for` set: how long), since its leg would fail
/// half-way. `why` says how it is away. Unwinds, top-ups and flattens are
/// never checked (they must go out as soon as they can). Detail:
/// "venue=binance away_ms=1200 why=\"actor down: kill\"".
std::optional<veto>
check_venue_present(tandem::venue v,
                    std::optional<std::chrono::milliseconds> away_for,
                    std::string_view why);

/// A stream's state as the session reports it (venues::link_state).
enum class link_report : std::uint8_t {
  connecting = 0,
  connected = 1,
  disconnected = 2,
  halted = 3,
};

/// Whether one venue is away, and since when.
class venue_presence {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  /// The venue actor crashed (a deliberate stop is not reported here).
  void actor_down(time_point now, std::string why);
  /// A new instance runs: away until its session reports its market and
  /// user streams connected (or confirm_connected()); the outage goes on.
  void actor_restarted(time_point now);
  /// The new instance says it is connected (its venue_status).
  void confirm_connected(time_point now);
  /// One stream of the session changed state.
  void stream(std::string_view name, link_report state, time_point now,
              std::string_view why);

  bool away() const noexcept { return since_.has_value(); }
  std::optional<time_point> away_since() const noexcept { return since_; }
  /// How long it has been away at `now`; zero when it is not.
  std::chrono::milliseconds away_for(time_point now) const noexcept;
  /// What made it away ("actor down: kill", "user disconnected: ...").
  const std::string& why() const noexcept { return why_; }
  /// Counts outages: bumped every time the venue goes away.
  std::uint64_t outage() const noexcept { return outages_; }

 private:
  struct stream_state {
    std::string name;
    bool down = false;
    bool connected = false;
  };
  stream_state& stream_of(std::string_view name);
  bool connected(std::string_view name) const noexcept;
  void update(time_point now, std::string why);

  bool actor_down_ = false;
  /// A restarted instance that has not shown its streams connected yet.
  bool returning_ = false;
  std::vector<stream_state> streams_;
  std::optional<time_point> since_;
  std::string why_;
  std::uint64_t outages_ = 0;
};

} // namespace tandem::risk
