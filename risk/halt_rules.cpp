#include "risk/halt_rules.hpp"

#include "risk/limits.hpp"

namespace tandem::risk {

std::string_view to_string(halt_trigger t) noexcept {
  switch (t) {
    case halt_trigger::daily_loss: return "DAILY_LOSS";
    case halt_trigger::venue_errors: return "VENUE_ERRORS";
    case halt_trigger::position_mismatch: return "POSITION_MISMATCH";
    case halt_trigger::failed_rollback: return "FAILED_ROLLBACK";
    case halt_trigger::manual: return "MANUAL";
    case halt_trigger::venue_down: return "VENUE_DOWN";
  }
  return "UNKNOWN_HALT";
}

std::string halt_reason::message() const {
  std::string out{to_string(trigger)};
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

std::optional<halt_reason> check_daily_loss(money daily_pnl_krw,
                                            const config::risk_config& cfg,
                                            timestamp now) {
  auto limit = -percent_of(cfg.capital_krw, cfg.daily_loss_pct);
  if (daily_pnl_krw > limit)
    return std::nullopt;
  return halt_reason{halt_trigger::daily_loss,
                     "daily_pnl_krw=" + daily_pnl_krw.to_string()
                       + " limit_krw=" + limit.to_string(),
                     now};
}

std::optional<halt_reason>
check_position_mismatch(venue v, std::string_view symbol, quantity ours,
                        quantity theirs, quantity lot, timestamp now) {
  auto diff = checked_sub(ours, theirs);
  if (diff) {
    auto d = diff->is_negative() ? -*diff : *diff;
    if (d < lot)
      return std::nullopt;
  }
  return halt_reason{halt_trigger::position_mismatch,
                     "instrument=" + std::string{to_string(v)} + ":"
                       + std::string{symbol} + " ours=" + ours.to_string()
                       + " venue=" + theirs.to_string()
                       + " lot=" + lot.to_string(),
                     now};
}

halt_reason failed_rollback(std::string_view pair_id, std::string_view what,
                            timestamp now) {
  return halt_reason{halt_trigger::failed_rollback,
                     "pair=" + std::string{pair_id} + " " + std::string{what},
                     now};
}

halt_reason venue_down(venue v, std::int64_t away_ms, timestamp now) {
  return halt_reason{halt_trigger::venue_down,
                     "venue=" + std::string{to_string(v)} + " away_ms="
                       + std::to_string(away_ms) + " while unhedged",
                     now};
}

halt_reason manual_halt(std::string_view operator_name, std::string_view text,
                        timestamp now) {
  return halt_reason{
    halt_trigger::manual,
    "operator=" + std::string{operator_name} + " " + std::string{text}, now};
}

// -- venue_error_streak ------------------------------------------------------

std::optional<halt_reason>
venue_error_streak::on_error(venue v, std::string_view what,
                             const config::risk_config& cfg, timestamp now) {
  auto& n = counts_.at(static_cast<std::size_t>(v) % counts_.size());
  ++n;
  if (n <= cfg.max_consecutive_venue_errors)
    return std::nullopt;
  return halt_reason{halt_trigger::venue_errors,
                     "venue=" + std::string{to_string(v)}
                       + " consecutive_errors=" + std::to_string(n) + " max="
                       + std::to_string(cfg.max_consecutive_venue_errors)
                       + " last=" + std::string{what},
                     now};
}

void venue_error_streak::on_success(venue v) noexcept {
  counts_[static_cast<std::size_t>(v) % counts_.size()] = 0;
}

std::int64_t venue_error_streak::count(venue v) const noexcept {
  return counts_[static_cast<std::size_t>(v) % counts_.size()];
}

// -- halt_latch --------------------------------------------------------------

bool halt_latch::trip(halt_reason r) {
  reasons_.push_back(std::move(r));
  if (halted_)
    return false;
  halted_ = true;
  return true;
}

bool halt_latch::clear(std::string_view operator_name) {
  if (!halted_ || operator_name.empty())
    return false;
  halted_ = false;
  reasons_.clear();
  return true;
}

} // namespace tandem::risk
