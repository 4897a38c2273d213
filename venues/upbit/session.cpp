// The thread-safe face of the Upbit session: each call is posted to the
// session's own I/O thread, where session_core does the work.
#include "venues/upbit/session.hpp"

#include "venues/upbit/session_core.hpp"

#include <atomic>
#include <future>

namespace tandem::venues::upbit {

namespace {

class upbit_session final : public venue_session {
 public:
  upbit_session() = default;

  ~upbit_session() override { stop(); }

  /// Returns why the session cannot be built, or nullopt.
  std::optional<std::string> init(session_options opts) {
    runner_ = std::make_unique<net::io_runner>();
    auto core = detail::session_core::make(*runner_, std::move(opts));
    if (!core)
      return core.error();
    core_ = std::move(*core);
    runner_->start();
    return std::nullopt;
  }

  tandem::venue venue() const noexcept override { return venue::upbit; }

  void start(session_events events) override {
    post(
      [this, e = std::move(events)]() mutable { core_->start(std::move(e)); });
  }

  void stop() override {
    if (!core_ || stopped_.exchange(true))
      return;
    run_and_wait([this] { core_->shutdown(); });
    runner_->stop();
  }

  void place(order_request o, callback<order_update> cb) override {
    post([this, o = std::move(o), cb = std::move(cb)]() mutable {
      core_->place(std::move(o), std::move(cb));
    });
  }

  void cancel(std::string symbol, client_order_id id,
              callback<order_update> cb) override {
    post([this, s = std::move(symbol), id, cb = std::move(cb)]() mutable {
      core_->cancel(std::move(s), id, std::move(cb));
    });
  }

  void cancel_all(std::string symbol, callback<std::size_t> cb) override {
    post([this, s = std::move(symbol), cb = std::move(cb)]() mutable {
      core_->cancel_all(std::move(s), std::move(cb));
    });
  }

  void query(std::string symbol, client_order_id id,
             callback<order_update> cb) override {
    post([this, s = std::move(symbol), id, cb = std::move(cb)]() mutable {
      core_->query(std::move(s), id, std::move(cb));
    });
  }

  void open_orders(std::string symbol,
                   callback<std::vector<order_update>> cb) override {
    post([this, s = std::move(symbol), cb = std::move(cb)]() mutable {
      core_->open_orders(std::move(s), std::move(cb));
    });
  }

  void balances(callback<std::vector<balance>> cb) override {
    post(
      [this, cb = std::move(cb)]() mutable { core_->balances(std::move(cb)); });
  }

  void positions(callback<std::vector<position_snapshot>> cb) override {
    post([this, cb = std::move(cb)]() mutable {
      core_->positions(std::move(cb));
    });
  }

  void subscribe_quotes(std::vector<std::string> symbols) override {
    post([this, s = std::move(symbols)]() mutable {
      core_->subscribe_quotes(std::move(s));
    });
  }

  std::optional<instrument>
  instrument_of(std::string_view symbol) const override {
    return core_->instrument_of(symbol);
  }

  session_stats stats() const override { return core_->stats(); }

  void drop_queued_places(std::vector<client_order_id> keep,
                          std::string reason) override {
    post([this, k = std::move(keep), r = std::move(reason)]() mutable {
      core_->drop_queued_places(std::move(k), std::move(r));
    });
  }

  std::optional<session_counters> counters() {
    if (stopped_)
      return std::nullopt;
    session_counters out;
    run_and_wait([&] { out = core_->counters(); });
    return out;
  }

 private:
  template<class F>
  void post(F&& fn) {
    if (stopped_)
      return; // after stop(): nothing runs, no callback is owed
    runner_->post(std::function<void()>(std::forward<F>(fn)));
  }

  // Runs `fn` on the I/O thread and waits for it (inline on that thread).
  template<class F>
  void run_and_wait(F&& fn) {
    if (!runner_->running() || runner_->in_runner_thread()) {
      fn();
      return;
    }
    std::promise<void> done;
    auto fut = done.get_future();
    runner_->post([&] {
      fn();
      done.set_value();
    });
    // If the runner stops meanwhile, `fn` will never run: stop waiting.
    while (fut.wait_for(std::chrono::milliseconds{100})
           != std::future_status::ready)
      if (!runner_->running())
        return;
  }

  std::unique_ptr<net::io_runner> runner_;
  std::unique_ptr<detail::session_core> core_;
  std::atomic<bool> stopped_{false};
};

} // namespace

result<std::unique_ptr<venue_session>, std::string>
session(session_options opts) {
  auto s = std::make_unique<upbit_session>();
  if (auto why = s->init(std::move(opts)))
    return failure{std::move(*why)};
  return std::unique_ptr<venue_session>{std::move(s)};
}

std::optional<session_counters> counters_of(venue_session& s) {
  auto* u = dynamic_cast<upbit_session*>(&s);
  if (u == nullptr)
    return std::nullopt;
  return u->counters();
}

} // namespace tandem::venues::upbit
