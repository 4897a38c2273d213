#include "alerts/webhook_outcome.hpp"

#include "alerts/discord_rate_limit.hpp"

namespace tandem::alerts {

std::string_view to_string(send_outcome::kind k) noexcept {
  switch (k) {
    case send_outcome::kind::delivered: return "delivered";
    case send_outcome::kind::rate_limited: return "rate_limited";
    case send_outcome::kind::failed: return "failed";
    case send_outcome::kind::rejected: return "rejected";
  }
  return "unknown";
}

send_outcome classify_answer(const webhook_answer& a) noexcept {
  send_outcome out;
  out.status = a.status;
  if (a.status >= 200 && a.status < 300) {
    out.what = send_outcome::kind::delivered;
    if (auto hold
        = bucket_exhausted_wait(a.remaining_header, a.reset_after_header))
      out.wait = *hold;
    return out;
  }
  if (a.status == 429) {
    out.what = send_outcome::kind::rate_limited;
    if (auto body = parse_rate_limit_body(a.body)) {
      out.wait = body->retry_after;
      out.global = body->global;
    } else if (auto h = a.retry_after_header
                          ? parse_seconds_as_ms(*a.retry_after_header)
                          : std::nullopt) {
      out.wait = *h;
    } else if (auto r = a.reset_after_header
                          ? parse_seconds_as_ms(*a.reset_after_header)
                          : std::nullopt) {
      out.wait = *r;
    } else {
      out.wait = default_retry_after;
    }
    if (a.global_header && *a.global_header == "true")
      out.global = true;
    return out;
  }
  if (a.status >= 500 || a.status == 408 || a.status == 0) {
    out.what = send_outcome::kind::failed;
    return out;
  }
  out.what = send_outcome::kind::rejected;
  return out;
}

} // namespace tandem::alerts
