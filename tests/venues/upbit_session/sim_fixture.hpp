// The Upbit session against the simulated Upbit on real loopback sockets
// with TLS (a CA minted at test time). A recorder keeps every event the
// session reports; tests wait on conditions over it with a generous guard
// that only catches hangs, and never sleep.
#pragma once

#include "sim/runtime/upbit_service.hpp"
#include "test_pki.hpp"
#include "venues/upbit/session.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tandem::venues::upbit::test {

using namespace std::chrono_literals;

/// How long any wait may take before the test fails (a guard, not a
/// timing the test relies on).
inline constexpr auto guard = 20s;

inline constexpr std::string_view access_key = "session-test-access";
inline constexpr std::string_view secret_key = "session-test-secret";

inline price px(std::string_view s) { return price::must_parse(s); }
inline quantity qty(std::string_view s) { return quantity::must_parse(s); }

/// Everything the session reported, guarded for the test thread.
struct recorder {
  std::mutex mtx;
  std::condition_variable cv;
  std::vector<book_top> quotes;
  std::vector<book_depth> depths;
  std::vector<order_update> orders;
  std::vector<std::vector<balance>> balances;
  std::vector<session_status> statuses;

  session_events events() {
    session_events e;
    e.on_quote = [this](book_top t) {
      add(quotes, std::move(t));
    };
    e.on_depth = [this](book_depth d) {
      add(depths, std::move(d));
    };
    e.on_order = [this](order_update u) {
      add(orders, std::move(u));
    };
    e.on_balances = [this](std::vector<balance> b) {
      add(balances, std::move(b));
    };
    e.on_status = [this](session_status s) {
      add(statuses, std::move(s));
    };
    return e;
  }

  template<class T>
  void add(std::vector<T>& v, T x) {
    {
      std::lock_guard lock{mtx};
      v.push_back(std::move(x));
    }
    cv.notify_all();
  }

  /// Waits until `pred()` holds under the lock; false after the guard.
  template<class Pred>
  bool wait(Pred&& pred) {
    std::unique_lock lock{mtx};
    return cv.wait_for(lock, guard, pred);
  }

  /// Order updates of `id` so far (copied under the lock).
  std::vector<order_update> of(const client_order_id& id) {
    std::lock_guard lock{mtx};
    std::vector<order_update> out;
    for (const auto& u : orders)
      if (u.id == id)
        out.push_back(u);
    return out;
  }

  /// True if the last status of `stream` is `s` (call under the lock).
  bool is(std::string_view stream, link_state s) const {
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it)
      if (it->stream == stream)
        return it->state == s;
    return false;
  }
};

/// Waits for one callback's answer.
template<class T>
class answer {
 public:
  venue_session::callback<T> cb() {
    return [p = promise_](venue_result<T> r) {
      p->set_value(std::move(r));
    };
  }
  /// The answer; a failure with outcome_unknown if none came in time.
  venue_result<T> get() {
    if (future_.wait_for(guard) != std::future_status::ready) {
      ADD_FAILURE() << "no answer within the guard";
      return failure{
        venue_failure{venue_error::outcome_unknown, "no answer", std::nullopt}};
    }
    return future_.get();
  }

 private:
  std::shared_ptr<std::promise<venue_result<T>>> promise_
    = std::make_shared<std::promise<venue_result<T>>>();
  std::future<venue_result<T>> future_ = promise_->get_future();
};

/// A simulated Upbit plus a started session trading KRW-BTC and KRW-USDT
/// for an account with 100,000,000 KRW and 1 BTC.
class upbit_session_sim : public ::testing::Test {
 protected:
  void SetUp() override { start_with(sim::upbit::default_config(), {}); }

  /// Starts the venue from `cfg` and a session tuned by `tune`.
  void start_with(sim::upbit::venue_config cfg,
                  std::function<void(session_options&)> tune) {
    sim::upbit::account_config a;
    a.access_key = std::string{access_key};
    a.secret_key = std::string{secret_key};
    a.balances = {{"KRW", money::must_parse("100000000")},
                  {"BTC", money::must_parse("1")}};
    cfg.accounts.push_back(std::move(a));
    sim::runtime::service_options so;
    so.tls = sim::tls_files{pki_.cert_file(), pki_.key_file()};
    auto obs = std::make_shared<sim::server_observer>();
    obs->request_read = [log = requests_](const sim::server_request& r) {
      std::lock_guard lock{log->mtx};
      log->lines.push_back(r.method + " " + std::string{r.path()});
    };
    so.observer = std::move(obs);
    auto svc = sim::runtime::upbit_service::start(cfg, so);
    ASSERT_TRUE(svc) << svc.error();
    svc_ = std::move(*svc);
    quote_btc("99999000", "100000000");
    svc_->set_book("KRW-USDT", {{px("1399.5"), qty("1000")}},
                   {{px("1400"), qty("1000")}});

    session_options o;
    o.rest_url = svc_->urls().rest_origin;
    o.ws_url = svc_->urls().ws_public;
    o.ws_private_url = svc_->urls().ws_private;
    o.ca_file = pki_.ca_file();
    o.access_key = std::string{access_key};
    o.secret_key = std::string{secret_key};
    o.markets = {"KRW-BTC", "KRW-USDT"};
    o.orderbook_levels = 15;
    o.resolve_base = 20ms;
    if (tune)
      tune(o);
    auto s = session(o);
    ASSERT_TRUE(s) << s.error();
    session_ = std::move(*s);
    session_->start(rec_.events());
    ASSERT_TRUE(wait_ready());
  }

  void TearDown() override {
    if (session_)
      session_->stop();
    session_.reset();
    svc_.reset();
  }

  /// Waits for both streams up and the REST link ready (rules loaded).
  bool wait_ready() {
    bool ok = rec_.wait([&] {
      return rec_.is("market", link_state::connected)
             && rec_.is("user", link_state::connected)
             && rec_.is("rest", link_state::connected);
    });
    return ok && session_->instrument_of("KRW-BTC").has_value()
           && session_->instrument_of("KRW-USDT").has_value();
  }

  /// House quotes on KRW-BTC, 0.5 BTC on each side.
  void quote_btc(std::string_view bid, std::string_view ask) {
    svc_->set_book("KRW-BTC", {{px(bid), qty("0.5")}}, {{px(ask), qty("0.5")}});
  }

  order_request order(std::string_view id, side s, order_type t,
                      std::string_view q,
                      std::optional<std::string_view> limit = std::nullopt,
                      time_in_force tif = time_in_force::gtc) {
    order_request o;
    o.id = *client_order_id::make(id);
    o.venue = venue::upbit;
    o.symbol = "KRW-BTC";
    o.side = s;
    o.type = t;
    o.tif = tif;
    o.qty = qty(q);
    if (limit)
      o.limit_price = px(*limit);
    return o;
  }

  venue_result<order_update> place(const order_request& o) {
    answer<order_update> a;
    session_->place(o, a.cb());
    return a.get();
  }

  /// Waits for an update of `id` with event `e`; returns it.
  std::optional<order_update> wait_event(const client_order_id& id,
                                         order_event e) {
    std::optional<order_update> out;
    rec_.wait([&] {
      for (const auto& u : rec_.orders)
        if (u.id == id && u.event == e) {
          out = u;
          return true;
        }
      return false;
    });
    return out;
  }

  /// Returns how many requests "METHOD /path" the venue has read.
  std::size_t requests_read(std::string_view line) {
    std::lock_guard lock{requests_->mtx};
    return static_cast<std::size_t>(
      std::count(requests_->lines.begin(), requests_->lines.end(), line));
  }

  session_counters counters() {
    auto c = counters_of(*session_);
    EXPECT_TRUE(c.has_value());
    return c.value_or(session_counters{});
  }

  /// Every request line the venue read (its server thread writes).
  struct request_log {
    std::mutex mtx;
    std::vector<std::string> lines;
  };
  std::shared_ptr<request_log> requests_ = std::make_shared<request_log>();
  net::testing::test_pki pki_;
  std::unique_ptr<sim::runtime::upbit_service> svc_;
  recorder rec_;
  std::unique_ptr<venue_session> session_;
};

} // namespace tandem::venues::upbit::test
