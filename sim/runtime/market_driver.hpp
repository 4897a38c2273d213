// Moves the simulated markets: applies a price_process (sim/market) to the
// venue services, on a timer of its own or step by step for tests. Each
// step sets Binance's BTCUSDT top of book and Upbit's KRW-BTC and KRW-USDT
// ladders to the process's books at the clock's now, and the services push
// the resulting bookTicker / orderbook / ticker frames.
#pragma once

#include "core/clock.hpp"
#include "sim/market/price_process.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace tandem::sim::runtime {

class binance_service;
class upbit_service;

/// Drives the services' books from one price process. Thread-safe.
class market_driver {
 public:
  /// Either service may be null (then its books are left alone). Both
  /// services and `clock` (nullptr: the system clock) must outlive the
  /// driver.
  market_driver(market::price_process process, binance_service* binance,
                upbit_service* upbit, const clock_source* clock = nullptr);
  /// Stops the timer.
  ~market_driver();
  market_driver(const market_driver&) = delete;
  market_driver& operator=(const market_driver&) = delete;

  /// Steps every `interval` on a thread of its own until stop(); a second
  /// call only changes the interval. A non-positive interval is refused
  /// (returns false).
  bool start(std::chrono::milliseconds interval);
  /// Stops the timer (manual steps still work).
  void stop();

  /// Applies the books at the clock's now and returns them.
  market::market_books step();
  /// Applies the books at `t` and returns them (time only moves forward).
  market::market_books step_at(timestamp t);

  /// Sets the premium (fraction; 0.025 = 250 bps) at once, overriding the
  /// script, and applies it.
  market::market_books set_premium(rate p);
  /// Plays `script` from now on and applies its first books.
  market::market_books set_script(market::premium_script script);

  /// Returns the books last applied, if any.
  std::optional<market::market_books> last() const;

 private:
  market::market_books apply(timestamp t); // mu_ held
  void run();

  market::price_process process_;
  binance_service* binance_;
  upbit_service* upbit_;
  system_clock_source system_clock_;
  const clock_source* clock_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::chrono::milliseconds interval_{0};
  bool stopping_ = false;
  std::optional<market::market_books> last_;
  std::thread thread_;
};

} // namespace tandem::sim::runtime
