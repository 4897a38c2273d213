// The simulated Upbit KRW exchange as a pure request handler: REST requests
// in, answers out, private stream frames queued per account, market-data
// frames on demand. No sockets, no clock reads, no threads: time comes with
// every call and randomness from the configured seed, so a thin HTTP/WS
// server wraps it and tests drive it directly.
//
// | method | path                        | group     | auth |
// |--------|-----------------------------|-----------|------|
// | POST   | /v1/orders                  | order     | yes  |
// | DELETE | /v1/order                   | default   | yes  |
// | GET    | /v1/order                   | default   | yes  |
// | GET    | /v1/orders/open             | default   | yes  |
// | DELETE | /v1/orders/open             | cancel-all| yes  |
// | GET    | /v1/accounts                | default   | yes  |
// | GET    | /v1/orders/chance           | default   | yes  |
// | GET    | /v1/market/all              | market    | no   |
// | GET    | /v1/ticker                  | ticker    | no   |
// | GET    | /v1/orderbook               | orderbook | no   |
// | GET    | /v1/orderbook/instruments   | orderbook | no   |
//
// cancel-all is the group "order-cancel-all": one call per 2 s window.
// Every answer that counted against a group carries
// `Remaining-Req: group=<g>; min=1800; sec=<left>`. Order of checks: route
// (404), authentication (401), rate limit (429, then 418), injected 500
// without applying, the handler, injected 500 after applying.
#pragma once

#include "core/clock.hpp"
#include "sim/upbit/auth_gate.hpp"
#include "sim/upbit/config.hpp"
#include "sim/upbit/exchange.hpp"
#include "sim/upbit/faults.hpp"
#include "sim/upbit/rate_limits.hpp"
#include "sim/upbit/wire.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::upbit {

/// The simulated venue.
class upbit_venue {
 public:
  explicit upbit_venue(const venue_config& cfg);

  /// Answers one REST request received at `now`.
  sim_response handle(const sim_request& request, timestamp now);

  /// Returns and forgets the myOrder / myAsset frames owed to the account
  /// of `access_key`, oldest first, exactly as Upbit sends them (the server
  /// shell sends each as one BINARY WebSocket frame).
  std::vector<std::string> drain_private_events(std::string_view access_key);

  /// Authenticates a private WebSocket handshake: `authorization` is the
  /// upgrade's Authorization header, a JWT with access_key and nonce and no
  /// query_hash (reference A6). Returns the access key, or why it is
  /// refused (401, with Upbit's error name). The nonce is spent.
  result<std::string, auth_refusal>
  authenticate_stream(std::string_view authorization);

  /// Returns the access keys of every configured account.
  std::vector<std::string> access_keys() const;

  /// Returns a WebSocket `orderbook` frame (full top-N snapshot).
  std::string orderbook_frame(std::string_view market, timestamp now,
                              std::size_t levels = 30) const;
  /// Returns a WebSocket `ticker` frame.
  std::string ticker_frame(std::string_view market, timestamp now) const;

  /// Replaces the market maker's quotes (house account) in `market`.
  void set_book(std::string_view market, const std::vector<quote_level>& bids,
                const std::vector<quote_level>& asks, timestamp now);

  /// Returns the fault settings; change them at any time.
  upbit::faults& faults() { return faults_; }

  /// Returns the exchange state (balances, orders, books) for inspection.
  const exchange& state() const { return exchange_; }

 private:
  struct route;
  sim_response dispatch(const route& r, const sim_request& request,
                        const std::string& account, timestamp now);

  sim_response place_order(const sim_request& q, const std::string& account,
                           timestamp now);
  sim_response cancel_order(const sim_request& q, const std::string& account,
                            timestamp now);
  sim_response get_order(const sim_request& q, const std::string& account);
  sim_response get_open_orders(const sim_request& q,
                               const std::string& account);
  sim_response cancel_open_orders(const sim_request& q,
                                  const std::string& account, timestamp now);
  sim_response get_accounts(const std::string& account);
  sim_response get_chance(const sim_request& q, const std::string& account);
  sim_response get_markets(const sim_request& q);
  sim_response get_tickers(const sim_request& q, timestamp now);
  sim_response get_orderbooks(const sim_request& q, timestamp now);
  sim_response get_instruments(const sim_request& q);

  venue_config cfg_;
  exchange exchange_;
  auth_gate auth_;
  rate_limiter limiter_;
  upbit::faults faults_;
};

} // namespace tandem::sim::upbit
