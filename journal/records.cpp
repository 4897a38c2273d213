#include "journal/records.hpp"

#include <type_traits>

namespace tandem::journal {

namespace {

std::optional<client_order_id> non_empty(const client_order_id& id) noexcept {
  if (id.empty())
    return std::nullopt;
  return id;
}

} // namespace

std::string_view to_string(record_kind k) noexcept {
  switch (k) {
    case record_kind::order_intent: return "order_intent";
    case record_kind::order_event: return "order_event";
    case record_kind::fill: return "fill";
    case record_kind::signal_processed: return "signal_processed";
    case record_kind::pair_decision: return "pair_decision";
    case record_kind::risk_veto: return "risk_veto";
    case record_kind::halt_set: return "halt_set";
    case record_kind::halt_cleared: return "halt_cleared";
    case record_kind::operator_command: return "operator_command";
    case record_kind::reconcile_note: return "reconcile_note";
  }
  return "unknown";
}

std::optional<record_kind> record_kind_from_number(std::int64_t n) noexcept {
  if (n < 1 || n > static_cast<std::int64_t>(record_kind_count))
    return std::nullopt;
  return static_cast<record_kind>(n);
}

std::string_view to_string(pair_state s) noexcept {
  switch (s) {
    case pair_state::opening: return "opening";
    case pair_state::hedged: return "hedged";
    case pair_state::closing: return "closing";
    case pair_state::closed: return "closed";
    case pair_state::rolling_back: return "rolling_back";
    case pair_state::rolled_back: return "rolled_back";
    case pair_state::escalated: return "escalated";
    case pair_state::abandoned: return "abandoned";
  }
  return "unknown";
}

std::optional<pair_state> pair_state_from_string(std::string_view s) noexcept {
  for (int i = 1; i <= 8; ++i) {
    auto st = static_cast<pair_state>(i);
    if (to_string(st) == s)
      return st;
  }
  return std::nullopt;
}

std::optional<client_order_id> order_id_of(const payload& p) noexcept {
  return std::visit(
    [](const auto& x) -> std::optional<client_order_id> {
      using T = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<T, order_intent>)
        return non_empty(x.request.id);
      else if constexpr (std::is_same_v<T, venues::order_update>)
        return non_empty(x.id);
      else if constexpr (std::is_same_v<T, fill>)
        return non_empty(x.order_id);
      else if constexpr (std::is_same_v<
                           T, risk_veto> || std::is_same_v<T, reconcile_note>)
        return x.order_id;
      else
        return std::nullopt;
    },
    p);
}

std::string_view pair_id_of(const payload& p) noexcept {
  return std::visit(
    [](const auto& x) -> std::string_view {
      using T = std::decay_t<decltype(x)>;
      if constexpr (
        std::is_same_v<
          T,
          order_intent> || std::is_same_v<T, pair_decision> || std::is_same_v<T, risk_veto>)
        return x.pair_id;
      else
        return {};
    },
    p);
}

} // namespace tandem::journal
