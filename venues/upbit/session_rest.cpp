#include "venues/upbit/session_rest.hpp"

#include "core/latency_probe.hpp"
#include "log/logging.hpp"
#include "venues/net/backoff.hpp"
#include "venues/net/retry.hpp"
#include "venues/upbit/auth.hpp"
#include "venues/upbit/rate_headers.hpp"

#include <openssl/rand.h>

#include <array>

namespace tandem::venues::upbit {

namespace {

using net::http_client;

venue_failure fail(venue_error code, std::string detail,
                   std::optional<std::chrono::milliseconds> after = {}) {
  return venue_failure{code, std::move(detail), after};
}

http_client::request to_client(const http_request& r) {
  http_client::request out;
  out.method = std::string{to_string(r.method)};
  out.target = r.target();
  out.body = r.body;
  for (const auto& h : r.headers)
    out.headers.emplace_back(h.name, h.value);
  return out;
}

bool is_mutating(request_kind k) { return k != request_kind::query; }

} // namespace

std::string describe(const upbit_error& e) {
  return "upbit http=" + std::to_string(e.http_status) + " name=" + e.name
         + " message=" + e.message;
}

rest_pipe::rest_pipe(net::http_client& http, timer_queue& timers,
                     const clock_source& clock, rest_settings settings,
                     status_fn on_status)
  : http_(http), timers_(timers), clock_(clock), settings_(settings),
    on_status_(std::move(on_status)),
    limiter_(rate_rules(settings.budget), settings.budget.headroom_pct),
    pacer_(settings.budget), rng_(std::random_device{}()) {}

std::string fresh_nonce() {
  std::array<std::uint8_t, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // A nonce must be unique, not secret: a seeded engine will do.
    thread_local std::mt19937_64 rng{std::random_device{}()};
    for (auto& b : bytes)
      b = static_cast<std::uint8_t>(rng());
  }
  return make_nonce(bytes);
}

std::chrono::milliseconds rest_pipe::retry_delay(int attempt) {
  net::backoff b{settings_.retry_base, settings_.retry_max};
  for (int i = 1; i < attempt; ++i)
    (void)b.next(0);
  // Jitter below a floor of the base, so a retry never fires at once.
  return settings_.retry_base / 2 + b.next(rng_()) / 2;
}

void rest_pipe::set_status(link_state s, std::string reason) {
  if (s == state_)
    return;
  state_ = s;
  if (on_status_)
    on_status_(s, std::move(reason));
}

void rest_pipe::submit(request_kind kind, builder build, done_fn done,
                       std::optional<place_tag> place) {
  if (shut_down_)
    return;
  auto first = build(fresh_nonce());
  if (!first) {
    done(failure{fail(first.error().code, "upbit refused before sending: "
                                            + first.error().detail)});
    return;
  }
  call c;
  c.kind = kind;
  c.group = std::string{rate_group(to_string(first->method), first->path)};
  c.build = std::move(build);
  c.done = std::move(done);
  c.request = std::move(*first);
  c.place = std::move(place);
  if (held_back(c)) {
    answer_blocked(c);
    return;
  }
  if (auto until = limiter_.banned_until(clock_.now())) {
    auto left
      = std::chrono::ceil<std::chrono::milliseconds>(*until - clock_.now());
    c.done(failure{fail(venue_error::ip_banned,
                        "upbit blocked (418) for another "
                          + std::to_string(left.count()) + " ms",
                        left)});
    return;
  }
  auto group = c.group;
  queues_[group].push_back(std::move(c));
  pump(group);
}

void rest_pipe::pump(const std::string& group) {
  auto& q = queues_[group];
  if (waiting_[group])
    return;
  while (!q.empty() && !shut_down_) {
    if (held_back(q.front())) {
      // Issued before the place fence went up (a retry): never written.
      auto c = std::move(q.front());
      q.pop_front();
      answer_blocked(c);
      continue;
    }
    const auto now = clock_.now();
    auto wait = pacer_.wait(group, now);
    if (wait.count() == 0) {
      auto d = limiter_.acquire({{group, 1}}, now);
      wait = d.wait;
    }
    if (wait.count() > 0) {
      waiting_[group] = true;
      timers_.after(wait, [this, group] {
        waiting_[group] = false;
        pump(group);
      });
      return;
    }
    pacer_.record(group, now);
    meter_.publish(limiter_, now, now);
    auto c = std::move(q.front());
    q.pop_front();
    send(std::move(c));
  }
}

bool rest_pipe::held_back(const call& c) const {
  return c.place && c.place->fence < fence_
         && !fence_keep_.contains(c.place->id);
}

void rest_pipe::answer_blocked(call& c) {
  TLOG_INFO("upbit.place_held_back", "cid={} reason=\"{}\"", c.place->id,
            fence_reason_);
  c.done(failure{fail(venue_error::blocked, "upbit: held back before sending ("
                                              + fence_reason_ + ")")});
}

void rest_pipe::hold_back_places(std::vector<std::string> keep,
                                 std::string reason) {
  ++fence_;
  fence_keep_ = {std::make_move_iterator(keep.begin()),
                 std::make_move_iterator(keep.end())};
  fence_reason_ = std::move(reason);
  // Answer the queued ones now (their callbacks may submit more: collect
  // first).
  std::vector<call> dropped;
  for (auto& [group, q] : queues_)
    for (auto it = q.begin(); it != q.end();) {
      if (held_back(*it)) {
        dropped.push_back(std::move(*it));
        it = q.erase(it);
      } else {
        ++it;
      }
    }
  TLOG_WARN("upbit.places_held_back", "count={} kept={} reason=\"{}\"",
            dropped.size(), fence_keep_.size(), fence_reason_);
  for (auto& c : dropped)
    answer_blocked(c);
}

void rest_pipe::send(call c) {
  ++c.attempts;
  ++counters_.sent;
  c.sent = std::chrono::steady_clock::now();
  auto req = to_client(c.request);
  if (req.method == "POST")
    probe::mark(probe::point::upbit_rest_submit);
  auto shared = std::make_shared<call>(std::move(c));
  http_.async_request(std::move(req), [this, shared](auto r) {
    on_answer(std::move(*shared), std::move(r));
  });
}

void rest_pipe::retry_later(call c, std::chrono::nanoseconds delay) {
  ++counters_.retries;
  auto rebuilt = c.build(fresh_nonce());
  if (!rebuilt) {
    c.done(failure{fail(rebuilt.error().code, "upbit refused before sending: "
                                                + rebuilt.error().detail)});
    return;
  }
  c.request = std::move(*rebuilt);
  auto shared = std::make_shared<call>(std::move(c));
  timers_.after(delay, [this, shared] {
    auto group = shared->group;
    // Retries go first: they have waited longest.
    queues_[group].push_front(std::move(*shared));
    pump(group);
  });
}

void rest_pipe::observe_remaining(const http_client::response& resp) {
  auto value = resp.header(remaining_req_header);
  if (!value)
    return;
  auto rr = parse_remaining_req(*value);
  if (!rr) {
    TLOG_WARN("upbit.remaining_req_malformed", "value={}", *value);
    return;
  }
  if (auto limit = group_limit(settings_.budget, rr->group)) {
    const auto now = clock_.now();
    limiter_.observe_used(rr->group,
                          std::max<std::int64_t>(0, *limit - rr->sec), now);
    meter_.publish(limiter_, now, now);
  }
}

void rest_pipe::on_answer(
  call c, result<http_client::response, http_client::error_info> r) {
  if (shut_down_)
    return;
  if (!r) {
    on_transport_error(std::move(c), r.error());
    return;
  }
  const auto& resp = *r;
  // Any HTTP answer is a round trip (a 4xx travelled as far as a 200).
  meter_.record_rtt(std::chrono::steady_clock::now() - c.sent);
  observe_remaining(resp);
  if (resp.status >= 200 && resp.status < 300) {
    set_status(link_state::connected, "");
    c.done(rest_reply{resp.status, std::move(r->body)});
    return;
  }
  auto e
    = parse_error(static_cast<std::uint16_t>(resp.status), resp.body, c.kind);
  const auto retry_after = resp.header("Retry-After")
                             ? parse_retry_after(*resp.header("Retry-After"))
                             : std::nullopt;
  if (resp.status == 418) {
    on_banned(std::move(c), resp, e);
    return;
  }
  // Any other answer means the venue is reachable.
  set_status(link_state::connected, "");
  if (resp.status == 429) {
    ++counters_.rate_limited;
    TLOG_WARN("upbit.rate_limited", "group={} attempt={}", c.group, c.attempts);
    limiter_.on_rate_limited(c.group, retry_after, clock_.now());
    meter_.publish(limiter_, clock_.now(), clock_.now());
    // Upbit counts before it acts: a 429'd call did nothing, resend it.
    if (c.attempts < settings_.max_attempts) {
      retry_later(std::move(c), std::chrono::nanoseconds{0});
      return;
    }
    c.done(failure{fail(venue_error::rate_limited, describe(e),
                        retry_after.value_or(std::chrono::seconds{1}))});
    return;
  }
  if (!is_mutating(c.kind) && e.code == venue_error::server_error
      && c.attempts < settings_.max_attempts) {
    retry_later(std::move(c), retry_delay(c.attempts));
    return;
  }
  c.done(failure{fail(e.code, describe(e), retry_after)});
}

void rest_pipe::on_transport_error(call c, http_client::error_info e) {
  ++counters_.transport_errors;
  const auto advice = net::classify(e.code, e.request_sent);
  const std::string detail = "upbit net=" + std::string{to_string(e.code)}
                             + (e.request_sent ? " (after sending)" : "");
  TLOG_WARN("upbit.transport_error", "group={} error={} sent={} attempt={}",
            c.group, to_string(e.code), e.request_sent, c.attempts);
  const bool repeatable
    = advice.step == net::next_step::retry
      || (advice.step == net::next_step::query_first && !is_mutating(c.kind));
  if (repeatable && c.attempts < settings_.max_attempts) {
    retry_later(std::move(c), retry_delay(c.attempts));
    return;
  }
  set_status(link_state::disconnected, std::string{to_string(e.code)});
  if (advice.step == net::next_step::query_first && is_mutating(c.kind)) {
    c.done(failure{fail(venue_error::outcome_unknown, detail)});
    return;
  }
  // Nothing reached Upbit (or a read failed for good): it did not act.
  c.done(failure{fail(venue_error::server_error, detail)});
}

void rest_pipe::on_banned(call c, const http_client::response& resp,
                          const upbit_error& e) {
  ++counters_.banned;
  const auto now = clock_.now();
  auto header = resp.header("Retry-After");
  const auto d = ban_duration(
    e, header ? std::optional<std::string_view>{*header} : std::nullopt);
  const bool was_banned = limiter_.banned_until(now).has_value();
  limiter_.on_banned(now + d);
  if (!was_banned) {
    // Calls already in flight meet the same block: log and report it once.
    TLOG_ERROR("upbit.banned", "group={} for_ms={}", c.group, d.count());
    set_status(link_state::halted,
               std::string{to_string(venue_error::ip_banned)} + " for "
                 + std::to_string(d.count()) + " ms");
  }
  const auto f = fail(venue_error::ip_banned, describe(e), d);
  c.done(failure{f});
  // Everything queued would meet the same block: answer it now rather than
  // holding orders for a minute.
  fail_queued(f);
  if (!ban_timer_armed_) {
    ban_timer_armed_ = true;
    timers_.after(d, [this] { on_ban_timer(); });
  }
}

void rest_pipe::on_ban_timer() {
  const auto now = clock_.now();
  // A later 418 may have pushed the end out: wait for the real end.
  if (auto until = limiter_.banned_until(now)) {
    timers_.after(*until - now, [this] { on_ban_timer(); });
    return;
  }
  ban_timer_armed_ = false;
  set_status(link_state::connected, "block ended");
  for (auto& [group, q] : queues_)
    pump(group);
}

void rest_pipe::fail_queued(const venue_failure& f) {
  auto queues = std::move(queues_);
  queues_.clear();
  for (auto& [group, q] : queues)
    for (auto& c : q)
      c.done(failure{f});
}

void rest_pipe::shutdown() {
  shut_down_ = true;
  queues_.clear();
}

} // namespace tandem::venues::upbit
