// The simulated Upbit KRW exchange on real loopback sockets: one
// upbit_venue (sim/upbit) behind a REST server and a WebSocket server
// (sim/server).
//
// clang-format off
// | URL (see urls())      | what                                           |
// |-----------------------|------------------------------------------------|
// | rest_origin + /v1/... | every REST endpoint upbit_venue has; `rest` is |
// |                       | rest_origin + "/v1", Upbit's documented base   |
// |                       | (the codec's paths already start with /v1)     |
// | ws_public             | /websocket/v1: ticker, orderbook (trade and    |
// |                       | candle.1s accepted, never sent)                |
// | ws_private            | /websocket/v1/private: myOrder, myAsset; the   |
// |                       | handshake's Authorization: Bearer <JWT> is     |
// |                       | verified by the venue, else 401                |
// clang-format on
//
// Every frame goes out BINARY (UTF-8 JSON), as Upbit sends them. A request
// frame (upbit_streams.hpp) replaces the connection's subscription; public
// types send a SNAPSHOT unless is_only_realtime, then REALTIME frames: an
// orderbook on every change of the book, a ticker on every change of the
// book or the last trade. "PING" is answered with {"status":"UP"}. Private
// frames are drained from the venue after every request and control call and
// sent to the account's subscribed connections; frames nobody subscribed
// to are dropped, as on Upbit. faults().drop_private_stream drops every
// private connection once and is cleared.
//
// Thread safety: every public member may be called from any thread. The
// venue is single-threaded and guarded by one mutex, which with_venue()
// holds while it runs its function.
#pragma once

#include "core/result.hpp"
#include "sim/runtime/service_options.hpp"
#include "sim/upbit/upbit_venue.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tandem::sim::runtime {

/// Where the service listens.
struct upbit_urls {
  /// "https://127.0.0.1:P/v1": Upbit's documented REST base.
  std::string rest;
  /// "https://127.0.0.1:P": requests go to rest_origin + "/v1/orders".
  std::string rest_origin;
  /// "wss://127.0.0.1:Q/websocket/v1".
  std::string ws_public;
  /// "wss://127.0.0.1:Q/websocket/v1/private".
  std::string ws_private;
};

/// A running simulated Upbit venue. Destroying it stops both servers,
/// closing every connection.
class upbit_service {
 public:
  /// Starts the venue's servers; returns a message naming what failed
  /// (port in use, unreadable certificate). Upbit has no venue timers, so
  /// frames go out after each request or control call (no pump thread).
  static result<std::unique_ptr<upbit_service>, std::string>
  start(const sim::upbit::venue_config& venue, service_options opts = {});

  ~upbit_service();
  upbit_service(const upbit_service&) = delete;
  upbit_service& operator=(const upbit_service&) = delete;

  /// Returns the base URLs.
  const upbit_urls& urls() const noexcept;

  /// Replaces the market maker's quotes of `market` (KRW prices, best
  /// first) and pushes the changed orderbook and ticker (and any fills).
  void set_book(std::string_view market,
                const std::vector<sim::upbit::quote_level>& bids,
                const std::vector<sim::upbit::quote_level>& asks);

  /// Runs `fn(venue)` under the venue's lock (faults, inspection), then
  /// sends what it changed and applies faults().added_latency to the REST
  /// server. Returns what `fn` returns. `fn` must not call back into this
  /// service.
  template<class F>
  auto with_venue(F&& fn)
    -> std::invoke_result_t<F&, sim::upbit::upbit_venue&> {
    using R = std::invoke_result_t<F&, sim::upbit::upbit_venue&>;
    if constexpr (std::is_void_v<R>) {
      visit([&](sim::upbit::upbit_venue& v) { fn(v); });
    } else {
      std::optional<R> out;
      visit([&](sim::upbit::upbit_venue& v) { out.emplace(fn(v)); });
      return std::move(*out);
    }
  }

  /// Sends whatever changed since the last request or control call.
  void pump_now();

  // -- fault injection on the sockets -----------------------------------------

  /// Drops every WebSocket connection (public and private) at TCP level.
  void drop_streams();
  /// While set, WebSocket frames are held back (a stalled stream).
  void set_streams_stalled(bool stalled);
  /// Delays every REST answer by `d` (also the venue's added_latency).
  void set_latency(std::chrono::milliseconds d);

  /// Number of WebSocket connections open now (public and private).
  std::size_t stream_connections() const;

  struct impl;

 private:
  explicit upbit_service(std::unique_ptr<impl> p);
  void visit(const std::function<void(sim::upbit::upbit_venue&)>& fn);
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::sim::runtime
