// session_core: construction, start and shutdown, instrument rules and the
// helpers that hand events to the engine.
#include "venues/upbit/session_core.hpp"

#include "log/logging.hpp"
#include "venues/net/retry.hpp"
#include "venues/upbit/codec_quotes.hpp"
#include "venues/upbit/codec_subscribe.hpp"
#include "venues/upbit/session_plan.hpp"

namespace tandem::venues::upbit::detail {

namespace {

std::string net_reason(std::string_view what, net::net_error e) {
  return std::string{what} + ": " + std::string{to_string(e)};
}

} // namespace

session_core::session_core(net::io_runner& runner, session_options opts)
  : opts_(std::move(opts)), runner_(runner), timers_(runner),
    load_backoff_(opts_.reconnect_base, opts_.reconnect_max),
    rng_(std::random_device{}()) {
  quote_symbols_.insert(opts_.markets.begin(), opts_.markets.end());
}

session_core::~session_core() = default;

result<std::unique_ptr<session_core>, std::string>
session_core::make(net::io_runner& runner, session_options opts) {
  if (opts.access_key.empty() || opts.secret_key.empty())
    return failure{
      std::string{"upbit: access_key and secret_key are required"}};
  if (opts.markets.empty())
    return failure{std::string{"upbit: no markets to trade"}};
  for (const auto& m : opts.markets)
    if (!is_market_code(m))
      return failure{"upbit: market=" + m + " is not a market code"};
  if (opts.orderbook_levels) {
    const auto l = *opts.orderbook_levels;
    if (l != 1 && l != 5 && l != 15 && l != 30)
      return failure{"upbit: orderbook_levels=" + std::to_string(l)
                     + " (1, 5, 15 or 30)"};
  }
  if (opts.resolve_attempts < 1)
    return failure{std::string{"upbit: resolve_attempts must be >= 1"}};
  auto core
    = std::unique_ptr<session_core>(new session_core(runner, std::move(opts)));
  auto& o = core->opts_;

  net::http_client::options h;
  h.base_url = o.rest_url;
  h.ca_file = o.ca_file;
  h.connect_timeout = o.connect_timeout;
  h.tls_timeout = o.connect_timeout;
  h.request_timeout = o.request_timeout;
  auto http = net::http_client::make(runner, h);
  if (!http)
    return failure{net_reason("upbit rest_url", http.error())};
  core->http_ = std::move(*http);

  auto ws_opts = [&](const std::string& url) {
    net::ws_client::options w;
    w.url = url;
    w.ca_file = o.ca_file;
    w.connect_timeout = o.connect_timeout;
    w.tls_timeout = o.connect_timeout;
    w.handshake_timeout = o.connect_timeout;
    w.ping_interval = o.ws_ping_interval;
    w.idle_timeout = o.ws_idle_timeout;
    w.reconnect_base = o.reconnect_base;
    w.reconnect_max = o.reconnect_max;
    return w;
  };
  auto pub
    = net::ws_client::make(runner, ws_opts(o.ws_url), core->public_handlers());
  if (!pub)
    return failure{net_reason("upbit ws_url", pub.error())};
  core->ws_public_ = std::move(*pub);

  auto priv_opts = ws_opts(o.ws_private_url);
  // A fresh token per handshake: Upbit refuses a reused nonce.
  priv_opts.make_headers = [c = core.get()]() -> net::ws_client::header_list {
    auto auth = private_ws_authorization(c->creds(), fresh_nonce());
    if (!auth) {
      TLOG_ERROR("upbit.ws_auth_failed", "error={}", auth.error().detail);
      return {};
    }
    return {{"Authorization", std::move(*auth)}};
  };
  auto priv = net::ws_client::make(runner, std::move(priv_opts),
                                   core->private_handlers());
  if (!priv)
    return failure{net_reason("upbit ws_private_url", priv.error())};
  core->ws_private_ = std::move(*priv);

  rest_settings rs;
  rs.budget = o.limits;
  core->rest_ = std::make_unique<rest_pipe>(
    *core->http_, core->timers_, core->clock_, rs,
    [c = core.get()](link_state s, std::string reason) {
      // "connected" on the REST link means ready to trade: rules loaded.
      if (s == link_state::connected && !c->ready_)
        return;
      c->emit_status("rest", s, std::move(reason));
    });
  return core;
}

// -- lifecycle ----------------------------------------------------------------

void session_core::start(session_events events) {
  if (started_ || closed_)
    return;
  started_ = true;
  events_ = std::move(events);
  emit_status("rest", link_state::connecting, "");
  emit_status("market", link_state::connecting, "");
  emit_status("user", link_state::connecting, "");
  TLOG_INFO("upbit.session_start", "rest={} markets={}", opts_.rest_url,
            opts_.markets.size());
  load_instruments();
  ws_public_->start();
  ws_private_->start();
}

void session_core::shutdown() {
  if (closed_)
    return;
  // Answer first, while callbacks may still run; then go quiet.
  replies_.fail_all(venue_failure{venue_error::outcome_unknown,
                                  "upbit session stopped before the answer",
                                  std::nullopt});
  closed_ = true;
  rest_->shutdown();
  timers_.cancel_all();
  ws_public_->shutdown();
  ws_private_->shutdown();
  http_->shutdown();
}

session_counters session_core::counters() const {
  auto c = counters_;
  const auto& r = rest_->counters();
  c.rest_sent = r.sent;
  c.rate_limited = r.rate_limited;
  c.banned = r.banned;
  c.transport_errors = r.transport_errors;
  return c;
}

std::optional<instrument>
session_core::instrument_of(std::string_view symbol) const {
  std::lock_guard lock{instruments_mtx_};
  auto it = instruments_.find(symbol);
  if (it == instruments_.end())
    return std::nullopt;
  return it->second;
}

// -- instruments --------------------------------------------------------------

namespace {

struct load_state {
  std::map<std::string, instrument_tick> ticks;
  std::map<std::string, order_chance> chances;
  std::size_t outstanding = 0;
  std::optional<venue_failure> failed;
};

} // namespace

void session_core::load_instruments() {
  if (closed_)
    return;
  auto st = std::make_shared<load_state>();
  auto markets = opts_.markets;
  auto finish = [this, st] {
    if (st->failed) {
      on_load_failed(*st->failed);
      return;
    }
    std::map<std::string, instrument> loaded;
    for (const auto& m : opts_.markets) {
      auto t = st->ticks.find(m);
      auto inst = make_instrument(
        m, t == st->ticks.end() ? nullptr : &t->second, st->chances.at(m));
      if (!inst) {
        on_load_failed(venue_failure{venue_error::malformed_response,
                                     "upbit " + inst.error(), std::nullopt});
        return;
      }
      loaded.emplace(m, std::move(*inst));
    }
    on_instruments_loaded(std::move(loaded));
  };
  auto load_chances = [this, st, finish] {
    st->outstanding = opts_.markets.size();
    for (const auto& m : opts_.markets) {
      rest_->submit(
        request_kind::query,
        [this, m](std::string_view nonce) {
          return chance_request(m, creds(), nonce);
        },
        [this, st, m, finish](venue_result<rest_reply> r) {
          if (!r) {
            if (!st->failed)
              st->failed = r.error();
          } else if (auto c = parse_order_chance(json_, r->body)) {
            st->chances.emplace(m, std::move(*c));
          } else {
            malformed("orders/chance", c.error());
            if (!st->failed)
              st->failed = venue_failure{
                c.error(), "upbit orders/chance unreadable", std::nullopt};
          }
          if (--st->outstanding == 0)
            finish();
        });
    }
  };
  rest_->submit(
    request_kind::query,
    [markets](std::string_view) { return orderbook_instruments(markets); },
    [this, st, load_chances](venue_result<rest_reply> r) {
      // The tick endpoint is recent (2025-07-31): without it the band
      // table stands in, so its failure does not stop trading.
      if (r) {
        if (auto rows = parse_instruments(json_, r->body)) {
          for (auto& row : *rows)
            st->ticks.emplace(row.symbol, std::move(row));
        } else {
          malformed("orderbook/instruments", rows.error());
        }
      } else {
        TLOG_WARN("upbit.tick_fallback", "reason={} detail={}",
                  to_string(r.error().code), r.error().detail);
      }
      load_chances();
    });
}

void session_core::on_instruments_loaded(
  std::map<std::string, instrument> loaded) {
  {
    std::lock_guard lock{instruments_mtx_};
    for (auto& [m, inst] : loaded) {
      TLOG_INFO("upbit.instrument", "market={} tick={} min_notional={}", m,
                inst.tick.is_fixed()
                  ? inst.tick.tick_at(price::must_parse("1")).to_string()
                  : std::string{"krw_bands"},
                inst.min_notional.to_string());
      instruments_.insert_or_assign(m, std::move(inst));
    }
  }
  ready_ = true;
  load_failure_.reset();
  load_backoff_.reset();
  emit_status("rest", link_state::connected, "rules loaded");
  auto waiting = std::move(waiting_ready_);
  waiting_ready_.clear();
  for (auto& fn : waiting)
    fn();
}

void session_core::on_load_failed(const venue_failure& f) {
  TLOG_WARN("upbit.instruments_failed", "reason={} detail={}",
            to_string(f.code), f.detail);
  const auto advice = net::classify(f.code, f.retry_after);
  if (advice.step == net::next_step::halt_venue
      && f.code != venue_error::ip_banned) {
    // Bad keys: trying again cannot help, and orders must not wait.
    load_failure_ = f;
    emit_status("rest", link_state::halted, std::string{to_string(f.code)});
    auto waiting = std::move(waiting_ready_);
    waiting_ready_.clear();
    for (auto& fn : waiting)
      fn();
    return;
  }
  auto delay = std::max<std::chrono::milliseconds>(
    load_backoff_.next(rng_()), advice.after.value_or(opts_.reconnect_base));
  timers_.after(delay, [this] { load_instruments(); });
}

void session_core::when_ready(std::function<void()> fn) {
  if (ready_ || load_failure_)
    fn();
  else
    waiting_ready_.push_back(std::move(fn));
}

// -- events -------------------------------------------------------------------

void session_core::emit_status(const std::string& stream, link_state s,
                               std::string reason) {
  auto [it, inserted] = status_.try_emplace(stream, s);
  if (!inserted && it->second == s)
    return;
  it->second = s;
  if (closed_ || !events_.on_status)
    return;
  session_status st;
  st.venue = venue::upbit;
  st.stream = stream;
  st.state = s;
  st.reason = std::move(reason);
  st.at = clock_.now();
  events_.on_status(std::move(st));
}

void session_core::emit_order(const order_update& u) {
  if (!closed_ && events_.on_order)
    events_.on_order(u);
}

void session_core::emit_balances(std::vector<balance> b) {
  if (!closed_ && events_.on_balances)
    events_.on_balances(std::move(b));
}

void session_core::malformed(std::string_view what, venue_error e) {
  ++counters_.malformed;
  TLOG_WARN("upbit.malformed", "what={} error={} count={}", what, to_string(e),
            counters_.malformed);
}

} // namespace tandem::venues::upbit::detail
