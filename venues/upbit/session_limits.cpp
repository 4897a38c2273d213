#include "venues/upbit/session_limits.hpp"

#include <algorithm>

namespace tandem::venues::upbit {

namespace {

std::int64_t with_headroom(std::int64_t limit, int pct) {
  pct = std::clamp(pct, 1, 100);
  return std::max<std::int64_t>(1, limit * pct / 100);
}

// Digits of at most 9 characters, so the value fits comfortably.
std::optional<std::int64_t> parse_seconds(std::string_view s) {
  if (s.empty() || s.size() > 9)
    return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9')
      return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

} // namespace

std::string_view rate_group(std::string_view method, std::string_view path) {
  if (path == "/v1/orders" && method == "POST")
    return "order";
  if (path == "/v1/orders/open" && method == "DELETE")
    return cancel_all_group;
  if (path == "/v1/market/all")
    return "market";
  if (path == "/v1/ticker")
    return "ticker";
  if (path == "/v1/orderbook" || path == "/v1/orderbook/instruments")
    return "orderbook";
  return "default";
}

std::vector<net::rate_limit_rule> rate_rules(const rate_budget& b) {
  using std::chrono::milliseconds;
  return {
    {"order", b.order_per_second, milliseconds{1000}},
    {"default", b.default_per_second, milliseconds{1000}},
    {"market", b.quotation_per_second, milliseconds{1000}},
    {"ticker", b.quotation_per_second, milliseconds{1000}},
    {"orderbook", b.quotation_per_second, milliseconds{1000}},
    {std::string{cancel_all_group}, b.cancel_all_per_window,
     b.cancel_all_window},
  };
}

std::optional<std::int64_t> group_limit(const rate_budget& b,
                                        std::string_view group) {
  if (group == "order")
    return b.order_per_second;
  if (group == "default")
    return b.default_per_second;
  if (group == "market" || group == "ticker" || group == "orderbook")
    return b.quotation_per_second;
  if (group == cancel_all_group)
    return b.cancel_all_per_window;
  return std::nullopt;
}

std::chrono::milliseconds group_window(const rate_budget& b,
                                       std::string_view group) {
  if (group == cancel_all_group)
    return std::max(b.cancel_all_window, std::chrono::milliseconds{1});
  return std::chrono::seconds{1};
}

send_pacer::send_pacer(const rate_budget& b) : budget_(b) {}

send_pacer::log& send_pacer::find(const std::string& group) {
  auto it = logs_.find(group);
  if (it == logs_.end()) {
    log l;
    // Unknown groups get the strictest budget we know.
    l.limit = with_headroom(
      group_limit(budget_, group).value_or(budget_.order_per_second),
      budget_.headroom_pct);
    l.span = group_window(budget_, group)
             + std::max(budget_.arrival_guard, std::chrono::milliseconds{0});
    it = logs_.emplace(group, std::move(l)).first;
  }
  return it->second;
}

std::chrono::nanoseconds send_pacer::wait(const std::string& group,
                                          timestamp now) {
  auto& l = find(group);
  while (!l.sent.empty() && l.sent.front() + l.span <= now)
    l.sent.pop_front();
  if (static_cast<std::int64_t>(l.sent.size()) < l.limit)
    return std::chrono::nanoseconds{0};
  // The oldest send in the span leaves it first.
  return l.sent.front() + l.span - now;
}

void send_pacer::record(const std::string& group, timestamp now) {
  find(group).sent.push_back(now);
}

std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value) {
  while (!value.empty() && value.front() == ' ')
    value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ')
    value.remove_suffix(1);
  if (auto s = parse_seconds(value))
    return std::chrono::seconds{*s};
  return std::nullopt;
}

std::chrono::milliseconds
ban_duration(const upbit_error& e, std::optional<std::string_view> retry_after,
             std::chrono::milliseconds fallback) {
  if (retry_after)
    if (auto d = parse_retry_after(*retry_after); d && d->count() > 0)
      return *d;
  // The first run of digits followed by " second" (English message).
  const std::string_view m = e.message;
  for (std::size_t i = 0; i < m.size();) {
    if (m[i] < '0' || m[i] > '9') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < m.size() && m[j] >= '0' && m[j] <= '9')
      ++j;
    if (m.substr(j, 7) == " second")
      if (auto s = parse_seconds(m.substr(i, j - i)); s && *s > 0)
        return std::chrono::seconds{*s};
    i = j;
  }
  return fallback;
}

} // namespace tandem::venues::upbit
