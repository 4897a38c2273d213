// Shared set-up of the Binance session tests: the simulated Binance
// (sim/runtime/binance_service) on loopback with TLS (a CA minted at test
// time), a session pointed at it, and a recorder that turns the session's
// callbacks (I/O thread) into state the test thread waits on, with a
// generous timeout that only guards against hangs.
#pragma once

#include "sim/runtime/binance_service.hpp"
#include "test_pki.hpp"
#include "venues/binance/session.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::venues::binance::testing {

using namespace std::chrono_literals;

/// Only guards against hangs; no test relies on it being short.
inline constexpr std::chrono::seconds guard{60};

inline constexpr std::string_view api_key = "session-test-key";
inline constexpr std::string_view api_secret = "session-test-secret";

inline price px(std::string_view s) { return price::must_parse(s); }
inline quantity qty(std::string_view s) { return quantity::must_parse(s); }

/// One REST exchange as the session reported it.
struct rest_entry {
  std::string method;
  std::string path;
  unsigned status = 0;
};

/// Records everything the session reports.
class recorder {
 public:
  std::vector<book_top> quotes;
  std::vector<order_update> orders;
  std::vector<std::vector<balance>> balance_events;
  std::vector<position_snapshot> positions;
  std::vector<session_status> statuses;
  std::vector<rest_entry> rest;
  std::map<std::string, link_state> latest;

  session_events events() {
    session_events ev;
    ev.on_quote = [this](book_top t) {
      update([&] { quotes.push_back(std::move(t)); });
    };
    ev.on_order = [this](order_update u) {
      update([&] { orders.push_back(std::move(u)); });
    };
    ev.on_balances = [this](std::vector<balance> b) {
      update([&] { balance_events.push_back(std::move(b)); });
    };
    ev.on_position = [this](position_snapshot p) {
      update([&] { positions.push_back(std::move(p)); });
    };
    ev.on_status = [this](session_status s) {
      update([&] {
        latest[s.stream] = s.state;
        statuses.push_back(std::move(s));
      });
    };
    return ev;
  }

  std::function<void(const rest_exchange&)> rest_hook() {
    return [this](const rest_exchange& x) {
      update([&] {
        rest.push_back({std::string{x.method}, std::string{x.path}, x.status});
      });
    };
  }

  template<class F>
  void update(F&& f) {
    {
      std::lock_guard lock{mtx_};
      f();
    }
    cv_.notify_all();
  }

  /// Waits until `pred()` holds (evaluated under the lock).
  template<class Pred>
  bool wait(Pred&& pred) {
    std::unique_lock lock{mtx_};
    return cv_.wait_for(lock, guard, pred);
  }

  /// Runs `f` under the lock (to read the vectors safely).
  template<class F>
  auto read(F&& f) {
    std::lock_guard lock{mtx_};
    return f();
  }

  // The helpers below expect the lock to be held (call them in wait/read).

  bool is(std::string_view stream, link_state s) const {
    auto it = latest.find(std::string{stream});
    return it != latest.end() && it->second == s;
  }
  bool all_connected() const {
    return is("market", link_state::connected)
           && is("user", link_state::connected)
           && is("rest", link_state::connected);
  }
  std::size_t count_rest(std::string_view method, std::string_view path,
                         unsigned status) const {
    std::size_t n = 0;
    for (const auto& e : rest)
      if (e.method == method && e.path == path && e.status == status)
        ++n;
    return n;
  }
  std::size_t count_status(unsigned status) const {
    std::size_t n = 0;
    for (const auto& e : rest)
      if (e.status == status)
        ++n;
    return n;
  }
  std::vector<order_update> orders_of(std::string_view cid) const {
    std::vector<order_update> out;
    for (const auto& u : orders)
      if (u.id.view() == cid)
        out.push_back(u);
    return out;
  }
  bool has_order_event(std::string_view cid, order_event e) const {
    for (const auto& u : orders)
      if (u.id.view() == cid && u.event == e)
        return true;
    return false;
  }

 private:
  std::mutex mtx_;
  std::condition_variable cv_;
};

/// Calls `start(cb)` and waits for the session's answer.
template<class T, class F>
venue_result<T> await(F&& start) {
  auto p = std::make_shared<std::promise<venue_result<T>>>();
  auto f = p->get_future();
  start([p](venue_result<T> r) { p->set_value(std::move(r)); });
  if (f.wait_for(guard) != std::future_status::ready) {
    ADD_FAILURE() << "no answer within the guard timeout";
    return failure{
      venue_failure{venue_error::server_error, "test timeout", std::nullopt}};
  }
  return f.get();
}

/// A local clock the test can step (to provoke -1021).
class skewed_clock final : public clock_source {
 public:
  timestamp now() const noexcept override {
    return std::chrono::time_point_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now())
           + std::chrono::nanoseconds{skew_ns.load()};
  }
  std::atomic<std::int64_t> skew_ns{0};
};

/// A BTCUSDT limit order.
inline order_request
limit(std::string_view cid, side s, std::string_view q, std::string_view p,
      tandem::time_in_force tif = tandem::time_in_force::gtc) {
  order_request o;
  o.id = client_order_id::make(cid).value();
  o.venue = venue::binance;
  o.symbol = "BTCUSDT";
  o.side = s;
  o.type = tandem::order_type::limit;
  o.tif = tif;
  o.qty = qty(q);
  o.limit_price = px(p);
  return o;
}

/// The simulated venue (one account, 10,000 USDT, book 43000.0 / 43010.0)
/// and a started session trading BTCUSDT at 2x, all streams up.
class session_fixture : public ::testing::Test {
 protected:
  /// Derived fixtures adjust the venue or the session here.
  virtual void configure(sim::binance::venue_config&) {}
  virtual void configure(session_options&) {}
  /// Runs after make(), before start().
  virtual void before_start() {}

  void SetUp() override {
    sim::binance::venue_config cfg;
    cfg.accounts.push_back({std::string{api_key}, std::string{api_secret},
                            money::must_parse("10000")});
    configure(cfg);
    sim::runtime::service_options so;
    so.tls = sim::tls_files{pki_.cert_file(), pki_.key_file()};
    so.pump_interval = 20ms;
    auto svc = sim::runtime::binance_service::start(std::move(cfg), so);
    ASSERT_TRUE(svc) << svc.error();
    svc_ = std::move(svc).value();
    svc_->set_book("BTCUSDT", px("43000.0"), qty("1"), px("43010.0"), qty("1"));

    session_options o;
    o.rest_url = svc_->urls().rest;
    o.ws_url = svc_->urls().ws + "/ws";
    o.ws_user_url = svc_->urls().ws_user;
    o.ca_file = pki_.ca_file();
    o.api_key = std::string{api_key};
    o.secret = std::string{api_secret};
    o.symbols = {"BTCUSDT"};
    o.leverage = 2;
    o.outcome_query_delay = 20ms;
    o.reconnect_base = 50ms;
    o.reconnect_max = 1000ms;
    o.on_rest_exchange = rec_.rest_hook();
    configure(o);
    auto s = session::make(std::move(o));
    ASSERT_TRUE(s) << s.error();
    session_ = std::move(s).value();
    before_start();
    session_->start(rec_.events());
    ASSERT_TRUE(rec_.wait([&] { return rec_.all_connected(); }))
      << "session did not come up";
  }

  void TearDown() override {
    session_.reset();
    svc_.reset();
  }

  session& binance() { return static_cast<session&>(*session_); }

  venue_result<order_update> place(order_request o) {
    return await<order_update>(
      [&](auto cb) { session_->place(std::move(o), cb); });
  }

  std::size_t venue_open_orders() {
    return svc_->with_venue([](sim::binance::binance_venue& v) {
      return v.open_order_count(api_key);
    });
  }

  /// The order's updates as the session pushed them (snapshot).
  std::vector<order_update> updates_of(std::string_view cid) {
    return rec_.read([&] { return rec_.orders_of(cid); });
  }

  // Declared first so it outlives the session's callbacks.
  recorder rec_;
  net::testing::test_pki pki_;
  std::unique_ptr<sim::runtime::binance_service> svc_;
  std::unique_ptr<venue_session> session_;
};

} // namespace tandem::venues::binance::testing
