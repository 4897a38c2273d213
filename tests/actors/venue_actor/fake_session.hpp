// A venue_session for actor tests, driven by the test: every request's
// callback is held until the test answers it, and stream events are emitted
// when the test says so. The test thread plays the session's I/O thread,
// which under CAF's test coordinator is also the thread actors run on, so
// everything stays deterministic. The control block outlives the session so
// the test can look at it after the actor destroyed the session.
#pragma once

#include "venues/common/venue_session.hpp"

#include "core/decimal.hpp"

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::test {

struct fake_control {
  template<class T>
  using callback = venues::venue_session::callback<T>;

  tandem::venue venue = venue::binance;
  venues::session_events events;
  bool started = false;
  bool stopped = false;
  std::vector<order_request> placed;
  std::vector<std::pair<std::string, client_order_id>> cancels;
  std::vector<std::pair<std::string, client_order_id>> queries;
  std::vector<std::string> cancel_alls;
  std::vector<std::string> open_orders;
  std::vector<std::vector<std::string>> quote_subscriptions;
  /// drop_queued_places calls: the ids kept and the reason.
  std::vector<std::pair<std::vector<client_order_id>, std::string>> drops;

  std::deque<callback<venues::order_update>> order_cbs;
  std::deque<callback<std::size_t>> count_cbs;
  std::deque<callback<std::vector<venues::order_update>>> orders_cbs;
  std::deque<callback<std::vector<venues::balance>>> balance_cbs;
  std::deque<callback<std::vector<venues::position_snapshot>>> position_cbs;

  /// Answers the oldest held callback of `q` with `r`; false if none held.
  template<class T, class R>
  static bool answer(std::deque<callback<T>>& q, R r) {
    if (q.empty())
      return false;
    auto cb = std::move(q.front());
    q.pop_front();
    cb(std::move(r));
    return true;
  }
};

class fake_session final : public venues::venue_session {
 public:
  explicit fake_session(std::shared_ptr<fake_control> c) : c_(std::move(c)) {}

  tandem::venue venue() const noexcept override { return c_->venue; }
  void start(venues::session_events events) override {
    c_->events = std::move(events);
    c_->started = true;
  }
  void stop() override {
    // No callback may run after stop(): drop everything still held.
    c_->stopped = true;
    c_->events = {};
    c_->order_cbs.clear();
    c_->count_cbs.clear();
    c_->orders_cbs.clear();
    c_->balance_cbs.clear();
    c_->position_cbs.clear();
  }
  void place(order_request o, callback<venues::order_update> cb) override {
    c_->placed.push_back(std::move(o));
    c_->order_cbs.push_back(std::move(cb));
  }
  void cancel(std::string symbol, client_order_id id,
              callback<venues::order_update> cb) override {
    c_->cancels.emplace_back(std::move(symbol), id);
    c_->order_cbs.push_back(std::move(cb));
  }
  void cancel_all(std::string symbol, callback<std::size_t> cb) override {
    c_->cancel_alls.push_back(std::move(symbol));
    c_->count_cbs.push_back(std::move(cb));
  }
  void query(std::string symbol, client_order_id id,
             callback<venues::order_update> cb) override {
    c_->queries.emplace_back(std::move(symbol), id);
    c_->order_cbs.push_back(std::move(cb));
  }
  void open_orders(std::string symbol,
                   callback<std::vector<venues::order_update>> cb) override {
    c_->open_orders.push_back(std::move(symbol));
    c_->orders_cbs.push_back(std::move(cb));
  }
  void balances(callback<std::vector<venues::balance>> cb) override {
    c_->balance_cbs.push_back(std::move(cb));
  }
  void positions(callback<std::vector<venues::position_snapshot>> cb) override {
    c_->position_cbs.push_back(std::move(cb));
  }
  void subscribe_quotes(std::vector<std::string> symbols) override {
    c_->quote_subscriptions.push_back(std::move(symbols));
  }
  std::optional<instrument> instrument_of(std::string_view) const override {
    return std::nullopt;
  }
  void drop_queued_places(std::vector<client_order_id> keep,
                          std::string reason) override {
    c_->drops.emplace_back(std::move(keep), std::move(reason));
  }

 private:
  std::shared_ptr<fake_control> c_;
};

// -- sample values --------------------------------------------------------

inline client_order_id cid(std::string_view s) {
  return client_order_id::make(s).value();
}

inline order_request sample_order(std::string_view id = "tdm-t-1") {
  order_request o;
  o.id = cid(id);
  o.venue = venue::binance;
  o.symbol = "BTCUSDT";
  o.side = side::sell;
  o.type = order_type::limit;
  o.qty = quantity::must_parse("0.010");
  o.limit_price = price::must_parse("65000.10");
  return o;
}

inline venues::order_update sample_update(std::string_view id = "tdm-t-1",
                                          order_event ev
                                          = order_event::accepted) {
  venues::order_update u;
  u.venue = venue::binance;
  u.symbol = "BTCUSDT";
  u.id = cid(id);
  u.venue_order_id = "8886774";
  u.event = ev;
  u.side = side::sell;
  u.order_qty = quantity::must_parse("0.010");
  return u;
}

inline venues::book_top sample_quote(std::uint64_t update_id) {
  venues::book_top q;
  q.venue = venue::binance;
  q.symbol = "BTCUSDT";
  q.bid = price::must_parse("65000.00");
  q.bid_qty = quantity::must_parse("1.5");
  q.ask = price::must_parse("65000.10");
  q.ask_qty = quantity::must_parse("2");
  q.update_id = update_id;
  return q;
}

inline venues::session_status status_of(std::string stream,
                                        venues::link_state s) {
  venues::session_status st;
  st.venue = venue::binance;
  st.stream = std::move(stream);
  st.state = s;
  return st;
}

inline venues::venue_failure failure_of(venues::venue_error e,
                                        std::string detail = "") {
  return venues::venue_failure{e, std::move(detail), std::nullopt};
}

} // namespace tandem::test
