// The session's REST queue: every request waits here for the rate limiter
// (a timer on the runner thread, never a sleep), is built and signed as it
// leaves, and its answer corrects the limiter. 429 answers pause the
// request's groups and resend; 418 halts REST until the ban ends; -1021
// resyncs the clock and resends once; a failure before any byte was
// written resends after a jittered delay. Everything else goes back to the
// caller as a rest_error with retry.hpp's advice.
#include "core/latency_probe.hpp"
#include "log/logging.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/binance/rate_headers.hpp"
#include "venues/binance/session_impl.hpp"

#include <simdjson.h>

#include <charconv>

namespace tandem::venues::binance {

namespace {

net::http_client::request to_client(const http_request& r) {
  net::http_client::request out;
  out.method = std::string{to_string(r.method)};
  out.target = r.target();
  out.headers.reserve(r.headers.size());
  for (const auto& h : r.headers)
    out.headers.emplace_back(h.name, h.value);
  out.body = r.body;
  return out;
}

/// "binance code=-2019 msg=Margin is insufficient." (or http=503 when the
/// body had no code).
std::string failure_detail(const api_error& e) {
  std::string s = "binance";
  if (e.code)
    s += " code=" + std::to_string(*e.code);
  else
    s += " http=" + std::to_string(e.http_status);
  s += " msg=" + e.message;
  return s;
}

rest_error give_up(venue_failure f) {
  return {std::move(f), {net::next_step::give_up, std::nullopt}};
}

} // namespace

void session_impl::enqueue(rest_call c, bool front) {
  if (stopped_) {
    c.done(failure{give_up(session_stopped())});
    return;
  }
  if (banned_until_ && local_now() < *banned_until_) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      *banned_until_ - local_now());
    c.done(failure{give_up(
      {venue_error::ip_banned, "binance: IP banned, REST halted", left})});
    return;
  }
  if (held_back(c)) {
    answer_blocked(c);
    return;
  }
  if (front)
    queue_.push_front(std::move(c));
  else
    queue_.push_back(std::move(c));
  pump();
}

void session_impl::pump() {
  // Answers may enqueue more work while we are in here; the loop below
  // picks it up, so nested calls return at once.
  if (pumping_ || stopped_)
    return;
  pumping_ = true;
  // A request whose group must wait is skipped, not waited behind: a
  // cancel or a query must not queue behind orders held by the order-count
  // limit. Requests of one group still leave in queue order (all of them
  // wait for the same group).
  std::optional<net::rate_decision> soonest;
  std::size_t i = 0;
  while (!stopped_ && i < queue_.size()
         && in_flight_.size() < opts_.max_in_flight) {
    if (held_back(queue_[i])) {
      // Issued before the place fence went up (a resend): never written.
      auto c = std::move(queue_[i]);
      queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(i));
      answer_blocked(c);
      i = 0;
      soonest.reset();
      continue;
    }
    auto d = limiter_.acquire(queue_[i].costs, venue_now());
    if (!d.granted()) {
      if (!soonest || d.wait < soonest->wait)
        soonest = std::move(d);
      ++i;
      continue;
    }
    auto c = std::move(queue_[i]);
    queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(i));
    send(std::move(c));
    // send() may have answered at once and queued more: rescan.
    i = 0;
    soonest.reset();
  }
  pumping_ = false;
  if (!soonest || stopped_ || in_flight_.size() >= opts_.max_in_flight)
    return; // nothing held back, or an answer will pump again
  auto due = std::chrono::steady_clock::now() + soonest->wait;
  if (pump_timer_ != 0 && pump_due_ <= due)
    return;
  if (pump_timer_ != 0)
    timers_.cancel(pump_timer_);
  bump(counters_.limiter_waits);
  TLOG_DEBUG(
    "binance.rest.limiter_wait", "group={} wait_ms={} queued={}",
    soonest->group,
    std::chrono::duration_cast<std::chrono::milliseconds>(soonest->wait)
      .count(),
    queue_.size());
  pump_due_ = due;
  pump_timer_ = timers_.after(soonest->wait, [this] {
    pump_timer_ = 0;
    pump();
  });
}

void session_impl::send(rest_call c) {
  auto req = c.build(signing());
  if (!req) {
    TLOG_WARN("binance.rest.unbuildable", "name={} error={}", c.name,
              to_string(req.error()));
    auto advice = net::classify(req.error());
    c.done(failure{
      rest_error{{req.error(),
                  "binance: request " + std::string{c.name}
                    + " not built: " + std::string{to_string(req.error())},
                  std::nullopt},
                 {advice.step == net::next_step::retry ? net::next_step::give_up
                                                       : advice.step,
                  std::nullopt}}});
    return;
  }
  auto id = next_call_id_++;
  auto creq = to_client(*req);
  in_flight_.emplace(
    id, in_flight{std::move(c), std::string{to_string(req->method)}, req->path,
                  std::chrono::steady_clock::now(), venue_now()});
  bump(counters_.rest_requests);
  // The limiter counted this request in pump(): show the new usage.
  meter_.publish(limiter_, venue_now(), local_now());
  if (creq.method == "POST" && req->path == "/fapi/v1/order")
    probe::mark(probe::point::binance_rest_submit);
  http_->async_request(std::move(creq), [w = weak_from_this(), id](auto r) {
    if (auto s = w.lock())
      s->on_answer(id, std::move(r));
  });
}

void session_impl::on_answer(
  std::uint64_t id,
  result<net::http_client::response, net::http_client::error_info> r) {
  auto it = in_flight_.find(id);
  if (it == in_flight_.end())
    return; // already failed by stop()
  auto f = std::move(it->second);
  in_flight_.erase(it);
  if (opts_.on_rest_exchange) {
    rest_exchange x;
    x.method = f.method;
    x.path = f.path;
    x.status = r ? r.value().status : 0;
    if (!r)
      x.transport = r.error().code;
    x.elapsed = std::chrono::steady_clock::now() - f.sent;
    if (r)
      if (auto w = r.value().header("X-MBX-USED-WEIGHT-1M")) {
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(w->data(), w->data() + w->size(), v);
        if (ec == std::errc{} && end == w->data() + w->size())
          x.used_weight_1m = v;
      }
    opts_.on_rest_exchange(x);
  }
  auto& call = f.call;
  if (!r) {
    bump(counters_.rest_failures);
    auto e = r.error();
    auto advice = net::classify(e.code, e.request_sent);
    if (!stopped_ && advice.step == net::next_step::retry
        && call.transport_retries_left > 0) {
      auto attempt = opts_.transport_retries - call.transport_retries_left;
      --call.transport_retries_left;
      auto delay = retry_delay(opts_.reconnect_base, attempt);
      TLOG_WARN("binance.rest.resend", "name={} error={} delay_ms={}",
                call.name, net::to_string(e.code), delay.count());
      auto held = std::make_shared<rest_call>(std::move(call));
      later(
        delay, [this, held] { enqueue(std::move(*held), true); },
        [held] { held->done(failure{give_up(session_stopped())}); });
      pump();
      return;
    }
    TLOG_WARN("binance.rest.transport", "name={} error={} sent={}", call.name,
              net::to_string(e.code), e.request_sent);
    venue_failure vf{
      e.request_sent ? venue_error::outcome_unknown : venue_error::server_error,
      "binance transport error=" + std::string{net::to_string(e.code)}
        + (e.request_sent ? " after the request was sent" : ""),
      std::nullopt};
    call.done(failure{rest_error{std::move(vf), advice}});
    pump();
    return;
  }
  auto& resp = r.value();
  // Any HTTP answer is a round trip (a 4xx travelled as far as a 200).
  meter_.record_rtt(std::chrono::steady_clock::now() - f.sent);
  auto retry_after = observe_headers(resp, f.sent_venue);
  if (resp.status >= 200 && resp.status < 300) {
    call.done(std::move(resp.body));
    pump();
    return;
  }
  bump(counters_.rest_failures);
  auto api = parse_error(*parser_, static_cast<int>(resp.status), resp.body);
  if (api.error == venue_error::ip_banned) {
    bump(counters_.banned);
    on_banned(retry_after);
    auto advice = net::classify(api.error, retry_after);
    call.done(failure{rest_error{{api.error, failure_detail(api), advice.after},
                                 advice,
                                 api.http_status}});
    pump();
    return;
  }
  if (api.error == venue_error::rate_limited) {
    bump(counters_.rate_limited);
    auto now = venue_now();
    // Pause only the group that hit: the limiter marks a paused group full
    // for its whole window, and a 10 s order burst must not stop orders
    // for the rest of the minute. -1015 names its window in the message
    // ("... orders per TEN_SECONDS." / "per MINUTE."); -1003 is the IP
    // weight; anything else pauses every group this request counts in.
    std::vector<std::string> groups;
    if (api.code == -1015) {
      bool minute = api.message.find("MINUTE") != std::string::npos;
      bool second = api.message.find("SECOND") != std::string::npos;
      if (second || !minute)
        groups.emplace_back(orders_10s_group);
      if (minute || !second)
        groups.emplace_back(orders_1m_group);
    } else if (api.code == -1003) {
      groups.emplace_back(weight_group);
    } else {
      for (const auto& [group, cost] : call.costs)
        groups.push_back(group);
    }
    for (const auto& g : groups)
      limiter_.on_rate_limited(g, retry_after, now);
    meter_.publish(limiter_, now, local_now());
    TLOG_WARN("binance.rest.rate_limited", "name={} retry_after_ms={}",
              call.name, retry_after ? retry_after->count() : -1);
    if (call.rate_retries_left > 0) {
      --call.rate_retries_left;
      enqueue(std::move(call), true);
      return;
    }
  }
  if (api.error == venue_error::timestamp_outside_window && call.is_signed
      && call.resyncs_left > 0) {
    --call.resyncs_left;
    TLOG_WARN("binance.clock.resync", "name={} offset_ms={}", call.name,
              offset_.offset()
                ? std::chrono::duration_cast<std::chrono::milliseconds>(
                    *offset_.offset())
                    .count()
                : 0);
    // Our estimate is wrong (a clock step, a drift): start over, or an old
    // sample with a smaller round trip would keep winning.
    offset_ = clock_offset{};
    // The time request first; only its answer lets the same request go
    // again (same client order id for an order), built with the new offset.
    auto held = std::make_shared<rest_call>(std::move(call));
    enqueue(
      time_call([this, held](rest_result) { enqueue(std::move(*held), true); }),
      true);
    return;
  }
  auto advice = net::classify(api.error, retry_after);
  call.done(failure{rest_error{
    {api.error, failure_detail(api), retry_after}, advice, api.http_status}});
  pump();
}

std::optional<std::chrono::milliseconds>
session_impl::observe_headers(const net::http_client::response& r,
                              timestamp sent_venue) {
  std::vector<header_view> hv;
  hv.reserve(r.headers.size());
  for (const auto& [k, v] : r.headers)
    hv.push_back({k, v});
  auto u = parse_rate_headers(hv);
  if (!u) {
    note_malformed("rate headers", u.error(), {});
    return std::nullopt;
  }
  auto now = venue_now();
  // A count the venue took in an earlier window says nothing about the
  // current one (our window rolled while the answer travelled): applying
  // it would block a whole fresh window for nothing.
  auto same_window = [&](std::string_view group) {
    for (const auto& rule : opts_.rate_rules) {
      if (rule.group != group)
        continue;
      auto w = std::chrono::duration_cast<std::chrono::nanoseconds>(rule.window)
                 .count();
      if (w <= 0)
        return false;
      return sent_venue.time_since_epoch().count() / w
             == now.time_since_epoch().count() / w;
    }
    return false;
  };
  auto observe = [&](std::string_view group, std::optional<std::int64_t> v) {
    if (v && same_window(group))
      limiter_.observe_used(std::string{group}, *v, now);
  };
  observe(weight_group, u->used_weight_1m);
  observe(orders_10s_group, u->order_count_10s);
  observe(orders_1m_group, u->order_count_1m);
  meter_.publish(limiter_, now, local_now());
  if (u->retry_after)
    return std::chrono::duration_cast<std::chrono::milliseconds>(
      *u->retry_after);
  return std::nullopt;
}

void session_impl::on_banned(
  std::optional<std::chrono::milliseconds> retry_after) {
  auto d = net::classify(venue_error::ip_banned, retry_after)
             .after.value_or(std::chrono::milliseconds{60000});
  banned_until_ = local_now() + d;
  limiter_.on_banned(venue_now() + d);
  TLOG_ERROR("binance.rest.banned", "retry_after_ms={}", d.count());
  set_status("rest", link_state::halted, "IP_BANNED");
  fail_queued({venue_error::ip_banned, "binance: IP banned, REST halted", d},
              false);
  later(d, [this] {
    banned_until_.reset();
    TLOG_INFO("binance.rest.ban_over", "");
    set_status("rest", link_state::connected, "");
    pump();
  });
}

void session_impl::fail_queued(const venue_failure& f, bool in_flight_too) {
  auto waiting = std::move(queue_);
  queue_.clear();
  for (auto& c : waiting)
    c.done(failure{give_up(f)});
  if (!in_flight_too)
    return;
  auto flying = std::move(in_flight_);
  in_flight_.clear();
  for (auto& [id, x] : flying)
    x.call.done(failure{give_up(f)});
}

rest_call session_impl::time_call(std::function<void(rest_result)> then) {
  auto sent = std::make_shared<timestamp>();
  rest_call c;
  c.name = "server_time";
  c.is_signed = false;
  c.costs = weight_cost(1);
  c.transport_retries_left = opts_.transport_retries;
  c.build
    = [this, sent](const signing_input&) -> result<http_request, venue_error> {
    *sent = local_now();
    return server_time();
  };
  c.done = [this, sent, then = std::move(then)](rest_result r) {
    if (r) {
      auto t = parse_server_time(*parser_, r.value());
      if (!t)
        note_malformed("server_time", t.error(), r.value());
      else if (offset_.add(*sent, local_now(), *t))
        TLOG_DEBUG("binance.clock.offset", "offset_us={} rtt_us={}",
                   std::chrono::duration_cast<std::chrono::microseconds>(
                     offset_.offset().value_or(std::chrono::nanoseconds{0}))
                     .count(),
                   std::chrono::duration_cast<std::chrono::microseconds>(
                     offset_.rtt().value_or(std::chrono::nanoseconds{0}))
                     .count());
    }
    if (then)
      then(std::move(r));
  };
  return c;
}

} // namespace tandem::venues::binance
