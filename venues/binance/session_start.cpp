// Start-up: clock offset, instruments, leverage, then ready (deferred
// requests run, the dead-man's switch is armed, the user stream opens).
// A failed step is retried with backoff until it succeeds or the session
// stops: trading on an unknown clock, unknown tick rules or the venue's
// default leverage (20x on Binance) would be worse than not trading.
#include "log/logging.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/binance/session_impl.hpp"

#include <simdjson.h>

#include <algorithm>

namespace tandem::venues::binance {

void session_impl::bootstrap() {
  set_status("rest", link_state::connecting, "");
  sync_clock([this] {
    load_instruments([this] { set_leverage([this] { become_ready(); }); });
  });
}

void session_impl::retry_startup(std::string_view step, const venue_failure& f,
                                 std::function<void()> again) {
  auto attempt = static_cast<int>(startup_backoff_.attempts());
  startup_backoff_.next(0);
  auto delay = retry_delay(opts_.reconnect_base, attempt);
  TLOG_WARN("binance.startup.retry", "step={} error={} detail={} delay_ms={}",
            step, to_string(f.code), f.detail, delay.count());
  set_status("rest", link_state::disconnected, std::string{to_string(f.code)});
  later(delay, std::move(again));
}

void session_impl::sync_clock(std::function<void()> then) {
  enqueue(time_call([this, then](rest_result r) {
    if (!r) {
      retry_startup("server_time", r.error().failure,
                    [this, then] { sync_clock(then); });
      return;
    }
    if (!offset_.offset()) {
      retry_startup("server_time",
                    {venue_error::malformed_response,
                     "binance: unreadable server time", std::nullopt},
                    [this, then] { sync_clock(then); });
      return;
    }
    then();
  }));
}

void session_impl::load_instruments(std::function<void()> then) {
  rest_call c;
  c.name = "exchange_info";
  c.is_signed = false;
  c.costs = weight_cost(1);
  c.transport_retries_left = opts_.transport_retries;
  c.build = [](const signing_input&) -> result<http_request, venue_error> {
    return binance::exchange_info();
  };
  c.done = [this, then](rest_result r) {
    auto again = [this, then] {
      load_instruments(then);
    };
    if (!r) {
      retry_startup("exchange_info", r.error().failure, again);
      return;
    }
    auto info = parse_exchange_info(*parser_, r.value());
    if (!info) {
      note_malformed("exchange_info", info.error(), r.value());
      retry_startup(
        "exchange_info",
        {info.error(), "binance: unreadable exchangeInfo", std::nullopt},
        again);
      return;
    }
    for (const auto& s : info->skipped)
      TLOG_DEBUG("binance.instrument.skipped", "symbol={} {}", s.symbol,
                 s.detail);
    for (const auto& s : opts_.symbols) {
      auto found
        = std::any_of(info->instruments.begin(), info->instruments.end(),
                      [&](const instrument& i) { return i.symbol == s; });
      if (!found)
        TLOG_ERROR("binance.instrument.missing",
                   "symbol={} reason=not_trading_or_unknown", s);
    }
    auto count = info->instruments.size();
    {
      std::lock_guard lock{instruments_mtx_};
      instruments_ = std::move(info->instruments);
    }
    TLOG_INFO("binance.instruments.loaded", "count={} skipped={}", count,
              info->skipped.size());
    startup_backoff_.reset();
    set_status("rest", link_state::connected, "");
    then();
  };
  enqueue(std::move(c));
}

void session_impl::set_leverage(std::function<void()> then) {
  if (!opts_.leverage || opts_.symbols.empty()) {
    then();
    return;
  }
  struct pending {
    std::size_t left = 0;
    std::optional<venue_failure> failed;
  };
  auto p = std::make_shared<pending>();
  p->left = opts_.symbols.size();
  const int lev = *opts_.leverage;
  for (const auto& sym : opts_.symbols) {
    auto cb = [this, p, sym, lev, then](venue_result<leverage_setting> r) {
      if (r) {
        bump(counters_.leverage_set);
        TLOG_INFO("binance.leverage.set",
                  "symbol={} leverage={} max_notional={}", sym, r->leverage,
                  r->max_notional.to_string());
        if (r->leverage != lev && !p->failed)
          p->failed
            = venue_failure{venue_error::rejected_other,
                            "binance: leverage answer differs", std::nullopt};
      } else {
        TLOG_ERROR("binance.leverage.failed", "symbol={} error={} detail={}",
                   sym, to_string(r.error().code), r.error().detail);
        if (!p->failed)
          p->failed = r.error();
      }
      if (--p->left > 0)
        return;
      if (p->failed)
        retry_startup("leverage", *p->failed,
                      [this, then] { set_leverage(then); });
      else
        then();
    };
    enqueue(make_call<leverage_setting>(
      "change_leverage",
      [this, sym, lev](const signing_input& in) {
        return binance::change_leverage(sym, lev, in, creds());
      },
      weight_cost(1), true,
      [](simdjson::dom::parser& ps, std::string_view body) {
        return parse_leverage(ps, body);
      },
      venue_session::callback<leverage_setting>{std::move(cb)}));
  }
}

void session_impl::become_ready() {
  ready_ = true;
  TLOG_INFO("binance.session.ready", "instruments={} deferred={}",
            instruments_.size(), deferred_.size());
  auto waiting = std::move(deferred_);
  deferred_.clear();
  for (auto& d : waiting)
    d.run();
  if (opts_.countdown.count() > 0)
    refresh_countdown();
  open_user_stream();
}

void session_impl::refresh_countdown() {
  for (const auto& sym : opts_.symbols) {
    auto cb = [this, sym](venue_result<countdown_ack> r) {
      if (r)
        bump(counters_.countdown_refreshes);
      else
        TLOG_WARN("binance.countdown.failed", "symbol={} error={} detail={}",
                  sym, to_string(r.error().code), r.error().detail);
    };
    enqueue(make_call<countdown_ack>(
      "countdown_cancel_all",
      [this, sym](const signing_input& in) {
        return binance::countdown_cancel_all(sym, opts_.countdown, in, creds());
      },
      weight_cost(10), true,
      [](simdjson::dom::parser& ps, std::string_view body) {
        return parse_countdown(ps, body);
      },
      venue_session::callback<countdown_ack>{std::move(cb)}));
  }
  later(opts_.countdown_refresh, [this] { refresh_countdown(); });
}

} // namespace tandem::venues::binance
