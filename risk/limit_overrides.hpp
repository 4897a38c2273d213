// Risk limits changed from the console (`set risk.*`), re-applied at start.
//
// The control actor journals each change as an operator_command
// {who, "set_param", "risk.<key>", old, new}; the engine replays them, in
// order, over the config file's [risk] limits. A change applies when the
// limit still holds the change's old value at that point: for the first
// change of a limit that is the config file's value, so an operator who
// edited the config file for that limit since has the config win. Later
// changes of the same limit chain on (their old value is the previous
// change's new one).
#pragma once

#include "config/schema.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::risk {

/// One journaled `set risk.*` (journal::operator_command's fields).
struct journaled_limit {
  /// The console's name: "risk.max_open_orders".
  std::string name;
  std::string old_value;
  std::string new_value;
  std::string who;
};

/// What became of one journaled change at start.
enum class override_outcome : std::uint8_t {
  /// The limit held the change's old value: the change is in force again.
  applied = 1,
  /// The limit no longer held the old value (the config file was edited
  /// for it since) and this is the limit's last change: the config wins.
  config_wins = 2,
  /// Like config_wins, but a later change of the same limit follows.
  superseded = 3,
  /// The change cannot be applied (unknown limit, bad value, a rule across
  /// two limits refuses it); detail says why.
  refused = 4,
};

/// Returns "applied", "config_wins", "superseded" or "refused".
std::string_view to_string(override_outcome o) noexcept;

/// One journaled change and what became of it.
struct limit_override {
  journaled_limit change;
  override_outcome outcome = override_outcome::applied;
  /// The limit's value in the config file.
  std::string config_value;
  /// Its value in force before this change was considered.
  std::string in_force;
  /// Why a change was refused; empty otherwise.
  std::string detail;
};

/// The limits to start with and what became of every journaled change.
struct restored_limits {
  config::risk_config limits;
  /// One per `risk.*` change of `journaled`, in order.
  std::vector<limit_override> steps;
};

/// Re-applies `journaled` (in journal order) over `from_file`. Changes
/// whose name is not "risk.*" are other parameters' and left out.
restored_limits restore_limits(const config::risk_config& from_file,
                               std::span<const journaled_limit> journaled);

} // namespace tandem::risk
