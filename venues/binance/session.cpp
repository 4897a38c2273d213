// The public session object, the impl's lifecycle (start, stop) and the
// small helpers every part of the impl uses.
#include "venues/binance/session.hpp"

#include "log/logging.hpp"
#include "venues/binance/session_impl.hpp"
#include "venues/net/url.hpp"

#include <simdjson.h>

#include <algorithm>
#include <future>

namespace tandem::venues::binance {

namespace {

/// Longest prefix of a malformed answer that goes into the log line.
constexpr std::size_t log_prefix_bytes = 160;

std::string_view state_name(link_state s) {
  switch (s) {
    case link_state::connecting: return "connecting";
    case link_state::connected: return "connected";
    case link_state::disconnected: return "disconnected";
    case link_state::halted: return "halted";
  }
  return "unknown";
}

} // namespace

// -- session (public)
// ------------------------------------------------------------

result<std::unique_ptr<venue_session>, std::string>
session::make(session_options opts) {
  if (opts.api_key.empty() || opts.secret.empty())
    return failure{std::string{"binance session: API key and secret required"}};
  if (opts.recv_window_ms <= 0 || opts.recv_window_ms > 60000)
    return failure{
      std::string{"binance session: recv_window_ms must be 1..60000"}};
  if (opts.leverage && (*opts.leverage < 1 || *opts.leverage > 125))
    return failure{std::string{"binance session: leverage must be 1..125"}};
  if (opts.countdown.count() < 0 || opts.countdown_refresh.count() <= 0
      || opts.listen_key_keepalive.count() <= 0)
    return failure{std::string{"binance session: intervals must be positive"}};
  if (opts.countdown.count() > 0 && opts.countdown_refresh >= opts.countdown)
    return failure{std::string{
      "binance session: countdown_refresh must be shorter than countdown"}};
  if (opts.max_in_flight == 0)
    opts.max_in_flight = 1;
  for (auto& s : opts.symbols) {
    if (s.empty())
      return failure{std::string{"binance session: empty symbol"}};
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
      return static_cast<char>(std::toupper(c));
    });
  }
  // The stream URLs are checked here too, so a bad one fails make(), not
  // a reconnect loop later.
  for (auto* u : {&opts.ws_url, &opts.ws_user_url})
    if (auto p = net::parse_venue_url(*u); !p)
      return failure{"binance session: stream url: "
                     + std::string{net::to_string(p.error())}};
  std::unique_ptr<net::io_runner> own;
  net::io_runner* runner = opts.runner;
  if (runner == nullptr) {
    own = std::make_unique<net::io_runner>();
    runner = own.get();
  }
  net::http_client::options h;
  h.base_url = opts.rest_url;
  h.ca_file = opts.ca_file;
  h.connect_timeout = opts.connect_timeout;
  h.tls_timeout = opts.connect_timeout;
  h.request_timeout = opts.request_timeout;
  h.max_connections = opts.max_in_flight;
  auto http = net::http_client::make(*runner, std::move(h));
  if (!http)
    return failure{"binance session: rest url: "
                   + std::string{net::to_string(http.error())}};
  auto impl = std::make_shared<session_impl>(std::move(opts), *runner,
                                             std::move(http).value());
  runner->start();
  return std::unique_ptr<venue_session>{
    new session(std::move(own), std::move(impl))};
}

session::session(std::unique_ptr<net::io_runner> own_runner,
                 std::shared_ptr<session_impl> impl)
  : own_runner_(std::move(own_runner)), impl_(std::move(impl)) {}

session::~session() {
  impl_->stop();
  impl_.reset();
  if (own_runner_)
    own_runner_->stop();
}

void session::start(session_events events) { impl_->start(std::move(events)); }
void session::stop() { impl_->stop(); }
void session::place(order_request o, callback<order_update> cb) {
  impl_->place(std::move(o), std::move(cb));
}
void session::cancel(std::string symbol, client_order_id id,
                     callback<order_update> cb) {
  impl_->cancel(std::move(symbol), id, std::move(cb));
}
void session::cancel_all(std::string symbol, callback<std::size_t> cb) {
  impl_->cancel_all(std::move(symbol), std::move(cb));
}
void session::query(std::string symbol, client_order_id id,
                    callback<order_update> cb) {
  impl_->query(std::move(symbol), id, std::move(cb));
}
void session::open_orders(std::string symbol,
                          callback<std::vector<order_update>> cb) {
  impl_->open_orders(std::move(symbol), std::move(cb));
}
void session::balances(callback<std::vector<balance>> cb) {
  impl_->balances(std::move(cb));
}
void session::positions(callback<std::vector<position_snapshot>> cb) {
  impl_->positions(std::move(cb));
}
void session::subscribe_quotes(std::vector<std::string> symbols) {
  impl_->subscribe_quotes(std::move(symbols));
}
std::optional<instrument> session::instrument_of(std::string_view s) const {
  return impl_->instrument_of(s);
}
session_counters session::counters() const { return impl_->counters(); }

session_stats session::stats() const { return impl_->stats(); }

void session::drop_queued_places(std::vector<client_order_id> keep,
                                 std::string reason) {
  impl_->drop_queued_places(std::move(keep), std::move(reason));
}

// -- session_impl: lifecycle
// -----------------------------------------------------

session_impl::session_impl(session_options opts, net::io_runner& runner,
                           std::unique_ptr<net::http_client> http)
  : opts_(std::move(opts)), api_key_(std::move(opts_.api_key)),
    secret_(std::move(opts_.secret)), runner_(runner),
    clock_(opts_.clock ? opts_.clock : &system_clock_), http_(std::move(http)),
    timers_(runner), parser_(std::make_unique<simdjson::dom::parser>()),
    startup_backoff_(opts_.reconnect_base, opts_.reconnect_max),
    limiter_(opts_.rate_rules, opts_.rate_headroom_pct),
    user_backoff_(opts_.reconnect_base, opts_.reconnect_max) {
  // The copies in opts_ are moved-from; clear them so no stray copy of the
  // secret lingers in the options.
  opts_.api_key.clear();
  opts_.secret.clear();
  for (const auto& s : opts_.symbols)
    quote_symbols_.insert(s);
}

session_impl::~session_impl() {
  // stop() ran (session::~session); these only make sure no socket
  // outlives the impl when the runner is already gone.
  if (market_ws_)
    market_ws_->shutdown();
  if (user_ws_)
    user_ws_->shutdown();
  if (http_)
    http_->shutdown();
  timers_.cancel_all();
}

void session_impl::post(std::function<void()> fn) {
  runner_.post([self = shared_from_this(), fn = std::move(fn)] { fn(); });
}

void session_impl::start(session_events events) {
  post([this, ev = std::move(events)]() mutable {
    if (stopped_ || started_)
      return;
    events_ = std::move(ev);
    started_ = true;
    TLOG_INFO("binance.session.start", "symbols={} leverage={} countdown_ms={}",
              opts_.symbols.size(), opts_.leverage.value_or(0),
              opts_.countdown.count());
    open_market();
    bootstrap();
  });
}

void session_impl::stop() {
  if (!runner_.running() || runner_.in_runner_thread()) {
    do_stop();
    return;
  }
  auto done = std::make_shared<std::promise<void>>();
  auto fut = done->get_future();
  post([this, done] {
    do_stop();
    done->set_value();
  });
  // As the net clients do: wait for the runner, but not forever if it is
  // stopped meanwhile (then nothing else touches the state).
  while (fut.wait_for(std::chrono::milliseconds{100})
         != std::future_status::ready) {
    if (!runner_.running()) {
      do_stop();
      return;
    }
  }
}

void session_impl::do_stop() {
  if (stopped_)
    return;
  stopped_ = true;
  timers_.cancel_all();
  if (market_ws_)
    market_ws_->shutdown();
  if (user_ws_)
    user_ws_->shutdown();
  // In-flight requests answer shut_down through on_answer; whatever the
  // client did not answer inline is failed here, so every callback ran
  // exactly once before stop() returns.
  http_->shutdown();
  fail_queued(session_stopped(), true);
  auto handlers = std::move(stop_handlers_);
  stop_handlers_.clear();
  for (auto& [id, h] : handlers)
    h();
  auto waiting = std::move(deferred_);
  deferred_.clear();
  for (auto& d : waiting)
    d.fail(session_stopped());
  if (started_)
    for (auto s : {"market", "user", "rest"})
      set_status(s, link_state::halted, "SHUT_DOWN");
  events_ = {};
  TLOG_INFO("binance.session.stopped", "requests={} failures={}",
            counters_.rest_requests.load(), counters_.rest_failures.load());
}

void session_impl::when_ready(std::function<void()> op,
                              std::function<void(venue_failure)> fail) {
  post([this, op = std::move(op), fail = std::move(fail)]() mutable {
    if (stopped_) {
      fail(session_stopped());
    } else if (!started_) {
      fail({venue_error::server_error, "binance: session not started",
            std::nullopt});
    } else if (!ready_) {
      deferred_.push_back({std::move(op), std::move(fail)});
    } else {
      op();
    }
  });
}

// -- helpers
// ---------------------------------------------------------------------

void session_impl::set_status(std::string_view stream, link_state s,
                              std::string reason) {
  auto it = status_.find(stream);
  if (it != status_.end() && it->second == s)
    return;
  status_[std::string{stream}] = s;
  TLOG_INFO("binance.session.status", "stream={} state={} reason={}", stream,
            state_name(s), reason);
  if (events_.on_status)
    events_.on_status({tandem::venue::binance, std::string{stream}, s,
                       std::move(reason), local_now()});
}

timestamp session_impl::local_now() const { return clock_->now(); }

timestamp session_impl::venue_now() const {
  return offset_.to_venue(local_now());
}

signing_input session_impl::signing() const {
  return {to_unix_ms(venue_now()), opts_.recv_window_ms};
}

void session_impl::note_malformed(std::string_view what, venue_error e,
                                  std::string_view bytes) {
  bump(counters_.malformed);
  TLOG_WARN("binance.malformed", "what={} error={} bytes={} head={}", what,
            to_string(e), bytes.size(),
            bytes.substr(0, std::min(bytes.size(), log_prefix_bytes)));
}

std::chrono::milliseconds
session_impl::retry_delay(std::chrono::milliseconds base, int attempt) {
  net::backoff b{base, std::max(base, opts_.reconnect_max)};
  for (int i = 0; i < attempt; ++i)
    b.next(0);
  // Half fixed, half jitter: a retry never comes at once, nor in lockstep.
  auto ceiling = b.ceiling();
  auto jitter = b.next(rng_());
  return ceiling / 2 + jitter / 2;
}

void session_impl::later(std::chrono::nanoseconds d, std::function<void()> run,
                         std::function<void()> on_stop) {
  if (stopped_) {
    if (on_stop)
      on_stop();
    return;
  }
  auto id = next_later_id_++;
  if (on_stop)
    stop_handlers_.emplace(id, std::move(on_stop));
  timers_.after(d, [this, id, run = std::move(run)] {
    stop_handlers_.erase(id);
    run();
  });
}

std::vector<std::string> session_impl::traded_symbols() const {
  return opts_.symbols;
}

std::optional<instrument>
session_impl::instrument_of(std::string_view symbol) const {
  std::lock_guard lock{instruments_mtx_};
  for (const auto& i : instruments_)
    if (i.symbol == symbol)
      return i;
  return std::nullopt;
}

session_stats session_impl::stats() const {
  return meter_.snapshot(local_now());
}

session_counters session_impl::counters() const {
  auto r = [](const std::atomic<std::uint64_t>& a) {
    return a.load(std::memory_order_relaxed);
  };
  const auto& c = counters_;
  session_counters out;
  out.rest_requests = r(c.rest_requests);
  out.rest_failures = r(c.rest_failures);
  out.limiter_waits = r(c.limiter_waits);
  out.rate_limited = r(c.rate_limited);
  out.banned = r(c.banned);
  out.malformed = r(c.malformed);
  out.market_connects = r(c.market_connects);
  out.user_connects = r(c.user_connects);
  out.listen_keys = r(c.listen_keys);
  out.keepalives = r(c.keepalives);
  out.countdown_refreshes = r(c.countdown_refreshes);
  out.leverage_set = r(c.leverage_set);
  out.order_resyncs = r(c.order_resyncs);
  out.quotes = r(c.quotes);
  return out;
}

} // namespace tandem::venues::binance
