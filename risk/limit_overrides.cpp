#include "risk/limit_overrides.hpp"

#include "risk/limit_params.hpp"

#include <map>

namespace tandem::risk {

namespace {

constexpr std::string_view prefix = "risk.";

} // namespace

std::string_view to_string(override_outcome o) noexcept {
  switch (o) {
    case override_outcome::applied: return "applied";
    case override_outcome::config_wins: return "config_wins";
    case override_outcome::superseded: return "superseded";
    case override_outcome::refused: return "refused";
  }
  return "unknown";
}

restored_limits restore_limits(const config::risk_config& from_file,
                               std::span<const journaled_limit> journaled) {
  restored_limits out{from_file, {}};
  // Each limit's last change: a skipped one is what the operator last set.
  std::map<std::string_view, std::size_t> last;
  for (std::size_t i = 0; i < journaled.size(); ++i)
    if (journaled[i].name.starts_with(prefix))
      last[journaled[i].name] = i;
  for (std::size_t i = 0; i < journaled.size(); ++i) {
    const auto& c = journaled[i];
    if (!c.name.starts_with(prefix))
      continue;
    auto key = std::string_view{c.name}.substr(prefix.size());
    limit_override step{c, override_outcome::applied,
                        limit_text(from_file, key), limit_text(out.limits, key),
                        ""};
    if (step.config_value.empty()) {
      // A limit this build no longer knows.
      step.outcome = override_outcome::refused;
      step.detail = "no such risk limit: " + c.name;
    } else if (step.in_force != c.old_value) {
      step.outcome = last[c.name] == i ? override_outcome::config_wins
                                       : override_outcome::superseded;
    } else if (auto v = parse_limit(key, c.new_value); !v.has_value()) {
      step.outcome = override_outcome::refused;
      step.detail = v.error();
    } else if (auto fresh = with_limit(out.limits, key, v.value());
               !fresh.has_value()) {
      step.outcome = override_outcome::refused;
      step.detail = fresh.error();
    } else {
      out.limits = fresh.value();
    }
    out.steps.push_back(std::move(step));
  }
  return out;
}

} // namespace tandem::risk
