// Shared helpers for the transport tests: turn callbacks that run on the
// io_runner thread into values the test thread can wait for, with a
// generous timeout that only guards against hangs.
#pragma once

#include "venues/net/io/http_client.hpp"
#include "venues/net/io/ws_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace tandem::net::testing {

inline constexpr std::chrono::seconds guard{10};

using http_result = result<http_client::response, http_client::error_info>;

/// Sends `req` and waits for its callback.
inline http_result call(http_client& c, http_client::request req) {
  auto p = std::make_shared<std::promise<http_result>>();
  auto f = p->get_future();
  c.async_request(std::move(req),
                  [p](http_result r) { p->set_value(std::move(r)); });
  if (f.wait_for(guard) != std::future_status::ready) {
    ADD_FAILURE() << "no callback within the guard timeout";
    return failure{http_client::error_info{net_error::shut_down, false}};
  }
  return f.get();
}

/// Records what a ws_client reports; tests wait on predicates over it.
struct ws_events {
  std::mutex mtx;
  std::condition_variable cv;
  int connected = 0;
  int closed = 0;
  std::vector<std::pair<std::string, bool>> messages; // (bytes, is_binary)
  std::vector<net_error> drops;

  /// Handlers that record into this object. `on_connected` runs after the
  /// count is bumped, on the runner thread (subscribe there).
  ws_client::handlers handlers(std::function<void()> on_connected = {}) {
    ws_client::handlers h;
    h.on_connected = [this, on_connected] {
      update([&] { ++connected; });
      if (on_connected)
        on_connected();
    };
    h.on_message = [this](std::string_view data, bool binary) {
      update([&] { messages.emplace_back(std::string{data}, binary); });
    };
    h.on_disconnected = [this](net_error e) {
      update([&] { drops.push_back(e); });
    };
    h.on_closed = [this] {
      update([&] { ++closed; });
    };
    return h;
  }

  template<class F>
  void update(F&& f) {
    {
      std::lock_guard lock{mtx};
      f();
    }
    cv.notify_all();
  }

  /// Waits until `pred()` holds (under the lock); false after the guard.
  template<class Pred>
  bool wait(Pred&& pred) {
    std::unique_lock lock{mtx};
    return cv.wait_for(lock, guard, pred);
  }
};

} // namespace tandem::net::testing
