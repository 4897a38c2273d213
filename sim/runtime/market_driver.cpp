#include "sim/runtime/market_driver.hpp"

#include "sim/runtime/binance_service.hpp"
#include "sim/runtime/upbit_service.hpp"

#include <utility>

namespace tandem::sim::runtime {

namespace {

std::vector<sim::upbit::quote_level>
to_quotes(const std::vector<market::level>& ls) {
  std::vector<sim::upbit::quote_level> out;
  out.reserve(ls.size());
  for (const auto& l : ls)
    out.push_back({l.px, l.qty});
  return out;
}

} // namespace

market_driver::market_driver(market::price_process process,
                             binance_service* binance, upbit_service* upbit,
                             const clock_source* clock)
  : process_(std::move(process)), binance_(binance), upbit_(upbit),
    clock_(clock ? clock : &system_clock_) {}

market_driver::~market_driver() { stop(); }

bool market_driver::start(std::chrono::milliseconds interval) {
  if (interval <= std::chrono::milliseconds::zero())
    return false;
  std::lock_guard lk{mu_};
  interval_ = interval;
  stopping_ = false;
  if (!thread_.joinable())
    thread_ = std::thread{[this] {
      run();
    }};
  wake_.notify_all();
  return true;
}

void market_driver::stop() {
  {
    std::lock_guard lk{mu_};
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable())
    thread_.join();
}

void market_driver::run() {
  std::unique_lock lk{mu_};
  while (!stopping_) {
    apply(clock_->now());
    wake_.wait_for(lk, interval_, [this] { return stopping_; });
  }
}

market::market_books market_driver::apply(timestamp t) {
  auto books = process_.at(t);
  if (binance_) {
    const auto& b = books.binance_btc;
    if (!b.bids.empty() && !b.asks.empty())
      binance_->set_book(b.symbol, b.bids[0].px, b.bids[0].qty, b.asks[0].px,
                         b.asks[0].qty);
  }
  if (upbit_) {
    upbit_->set_book(books.upbit_btc.symbol, to_quotes(books.upbit_btc.bids),
                     to_quotes(books.upbit_btc.asks));
    upbit_->set_book(books.upbit_usdt.symbol, to_quotes(books.upbit_usdt.bids),
                     to_quotes(books.upbit_usdt.asks));
  }
  last_ = books;
  return books;
}

market::market_books market_driver::step() {
  std::lock_guard lk{mu_};
  return apply(clock_->now());
}

market::market_books market_driver::step_at(timestamp t) {
  std::lock_guard lk{mu_};
  return apply(t);
}

market::market_books market_driver::set_premium(rate p) {
  std::lock_guard lk{mu_};
  process_.set_premium(p);
  return apply(clock_->now());
}

market::market_books market_driver::set_script(market::premium_script script) {
  std::lock_guard lk{mu_};
  auto now = clock_->now();
  process_.set_script(std::move(script), now);
  return apply(now);
}

std::optional<market::market_books> market_driver::last() const {
  std::lock_guard lk{mu_};
  return last_;
}

} // namespace tandem::sim::runtime
