// The simulated Binance USD-M futures venue on real loopback sockets: one
// binance_venue (sim/binance) behind a REST server and a WebSocket server
// (sim/server), plus a pump thread for its timers.
//
// clang-format off
// | URL (see urls())        | what                                         |
// |-------------------------|----------------------------------------------|
// | rest + /fapi/v1/...     | every REST endpoint binance_venue has        |
// | ws + /ws/<stream>       | raw market stream, e.g. btcusdt@bookTicker   |
// | ws + /stream?streams=.. | combined streams {"stream":..,"data":..}     |
// | ws + /ws                | bare; streams come by SUBSCRIBE              |
// | ws_user + /<listenKey>  | user-data stream of an active listen key     |
// clang-format on
//
// Market connections take live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS
// / SET_PROPERTY / GET_PROPERTY frames (binance_streams.hpp). A
// `<symbol>@bookTicker` frame goes out on every change of the book (a
// set_book, or a client order that rests or trades). User-data frames are
// drained from the venue after every request and every pump tick and sent
// to the key's connections; frames for a key nobody listens to are dropped,
// as on Binance. An upgrade to an unknown or expired listen key is refused
// with 400 {"code":-1125,...} (UNCONFIRMED: Binance's exact handshake answer
// is undocumented; refusing is the stricter choice).
//
// Thread safety: every public member may be called from any thread. The
// venue is single-threaded and guarded by one mutex, which with_venue()
// holds while it runs its function.
#pragma once

#include "core/decimal.hpp"
#include "core/result.hpp"
#include "sim/binance/binance_venue.hpp"
#include "sim/runtime/service_options.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace tandem::sim::runtime {

/// Where the service listens.
struct binance_urls {
  /// REST base: "https://127.0.0.1:P" (requests go to rest + "/fapi/...").
  std::string rest;
  /// Market-stream base: "wss://127.0.0.1:Q" (+ "/ws/<stream>" or
  /// "/stream?streams=...").
  std::string ws;
  /// User-data base: ws + "/ws" (+ "/<listenKey>").
  std::string ws_user;
};

/// A running simulated Binance venue. Destroying it stops the pump and both
/// servers, closing every connection.
class binance_service {
 public:
  /// Starts the venue's servers and pump; returns a message naming what
  /// failed (port in use, unreadable certificate).
  static result<std::unique_ptr<binance_service>, std::string>
  start(sim::binance::venue_config venue, service_options opts = {});

  ~binance_service();
  binance_service(const binance_service&) = delete;
  binance_service& operator=(const binance_service&) = delete;

  /// Returns the base URLs.
  const binance_urls& urls() const noexcept;

  /// Replaces the house quotes of `symbol` (USDT prices, BTC quantities)
  /// and pushes its bookTicker (and any fills it caused).
  void set_book(std::string_view symbol, price bid, quantity bid_qty, price ask,
                quantity ask_qty);

  /// Runs `fn(venue)` under the venue's lock (faults, inspection), then
  /// sends what it changed: bookTickers, user-data frames, and the
  /// venue's faults().added_latency to the REST server. Returns what `fn`
  /// returns. `fn` must not call back into this service.
  template<class F>
  auto with_venue(F&& fn)
    -> std::invoke_result_t<F&, sim::binance::binance_venue&> {
    using R = std::invoke_result_t<F&, sim::binance::binance_venue&>;
    if constexpr (std::is_void_v<R>) {
      visit([&](sim::binance::binance_venue& v) { fn(v); });
    } else {
      std::optional<R> out;
      visit([&](sim::binance::binance_venue& v) { out.emplace(fn(v)); });
      return std::move(*out);
    }
  }

  /// Advances the venue's timers to now and flushes frames at once,
  /// without waiting for the next pump tick.
  void pump_now();

  // -- fault injection on the sockets -----------------------------------------

  /// Drops every WebSocket connection (market and user) at the TCP level.
  void drop_streams();
  /// While set, WebSocket frames are held back (a stalled stream).
  void set_streams_stalled(bool stalled);
  /// Delays every REST answer by `d` (also the venue's added_latency).
  void set_latency(std::chrono::milliseconds d);

  /// Number of WebSocket connections open now (market and user).
  std::size_t stream_connections() const;

  struct impl;

 private:
  explicit binance_service(std::unique_ptr<impl> p);
  void visit(const std::function<void(sim::binance::binance_venue&)>& fn);
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::sim::runtime
