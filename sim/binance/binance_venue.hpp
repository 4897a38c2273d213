// The simulated Binance USD-M futures venue as a pure request handler: an
// HTTP request and the time go in, the answer comes out, and user-stream
// frames queue per listen key. No sockets, no clock reads, no threads, so
// a thin HTTP/WebSocket server can wrap it and tests drive it directly.
//
// What it does like the venue (protocol reference venues/upbit-binance.md,
// part B): API-key, signature and recvWindow checks; parameter, filter,
// duplicate-id, margin and reduce-only refusals with Binance's codes; price-
// time matching against the book (sim/matching) where a house account's
// quotes rest; one-way positions with average entry, realized P&L and USDT
// fees; rate limits with 429/418 and the venue's headers; cancel-all by
// symbol (allOpenOrders) and the countdownCancelAll dead-man's switch;
// listen keys that expire; fault injection (faults.hpp).
#pragma once

#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "sim/binance/accounts.hpp"
#include "sim/binance/config.hpp"
#include "sim/binance/faults.hpp"
#include "sim/binance/frames.hpp"
#include "sim/binance/http.hpp"
#include "sim/binance/orders.hpp"
#include "sim/binance/params.hpp"
#include "sim/binance/rate_limits.hpp"
#include "sim/binance/user_stream.hpp"
#include "sim/matching/order_book.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::binance {

/// The simulated venue.
class binance_venue {
 public:
  /// The account that owns the quotes set_book() rests.
  static constexpr std::string_view house_account = "house";

  explicit binance_venue(venue_config cfg);
  binance_venue(const binance_venue&) = delete;
  binance_venue& operator=(const binance_venue&) = delete;

  /// Answers one REST request at time `now`. Runs tick(now) first.
  sim_response handle(const sim_request& req, timestamp now);

  /// Advances time: fires countdownCancelAll deadlines, expires GTD orders
  /// and listen keys (also those faults().expire_listen_keys_now() marks).
  void tick(timestamp now);

  /// Returns and clears the frames queued for `listen_key`: ORDER_TRADE_
  /// UPDATE, ACCOUNT_UPDATE, ACCOUNT_CONFIG_UPDATE, listenKeyExpired.
  std::vector<std::string> drain_user_events(std::string_view listen_key);

  /// Returns true while `listen_key` is active: the server shell accepts a
  /// user-data WebSocket on it (and refuses unknown or expired keys).
  bool listen_key_active(std::string_view listen_key) const;
  /// Returns every listen key that is active or has frames to drain.
  std::vector<std::string> listen_keys() const;

  /// Returns the <symbol>@bookTicker frame of the current book, or "" for
  /// an unknown symbol.
  std::string book_ticker_frame(std::string_view symbol, timestamp now) const;

  /// Replaces the house quotes of `symbol` with one bid and one ask. A
  /// quote that crosses resting client orders trades with them.
  void set_book(std::string_view symbol, price bid, quantity bid_qty, price ask,
                quantity ask_qty);

  /// Returns the injectable faults.
  class faults& faults() noexcept {
    return faults_;
  }

  // -- inspection (tests, the server shell) ---------------------------------

  /// Returns the account's position in `symbol`, if it ever had one.
  std::optional<position_state> position(std::string_view api_key,
                                         std::string_view symbol) const;
  /// Returns the account's wallet balance (USDT).
  std::optional<money> wallet(std::string_view api_key) const;
  /// Returns the number of open orders of the account (all symbols).
  std::size_t open_order_count(std::string_view api_key) const;
  /// Returns every order ever accepted (all accounts, the house's too),
  /// by venue order id; closed orders are kept.
  const std::map<std::uint64_t, order_record>& orders() const noexcept {
    return orders_;
  }

 private:
  struct symbol_state {
    symbol_config cfg;
    order_book book;
    /// Book update id (`u`, `lastUpdateId`); grows on every book change.
    std::uint64_t update_id = 1;
    std::optional<price> last_trade;
    std::vector<std::uint64_t> house_orders;
  };

  /// One request on its way through the handlers.
  struct request_ctx {
    const sim_request& req;
    const params& p;
    std::int64_t now_ms;
    /// The caller's account; null on public endpoints.
    account_state* account;
  };

  using body_result = result<std::string, sim_error>;
  using handler = body_result (binance_venue::*)(const request_ctx&);

  enum class security : std::uint8_t { none, key_only, signed_ };

  struct route {
    http_method method;
    std::string_view path;
    security sec;
    bool counts_as_order;
    std::int64_t (*weight)(const params&);
    handler fn;
  };
  static const std::vector<route>& routes();

  // -- market data (market_endpoints.cpp) -----------------------------------
  body_result ping(const request_ctx& c);
  body_result server_time(const request_ctx& c);
  body_result exchange_info(const request_ctx& c);
  body_result depth(const request_ctx& c);
  body_result book_ticker(const request_ctx& c);

  // -- trading (order_endpoints.cpp) ----------------------------------------
  body_result new_order(const request_ctx& c);
  body_result cancel_order(const request_ctx& c);
  body_result query_order(const request_ctx& c);
  body_result open_orders(const request_ctx& c);
  body_result cancel_all_open_orders(const request_ctx& c);
  body_result countdown_cancel_all(const request_ctx& c);
  body_result change_leverage(const request_ctx& c);

  // -- account (account_endpoints.cpp) --------------------------------------
  body_result position_risk(const request_ctx& c);
  body_result balances(const request_ctx& c);
  body_result account_info(const request_ctx& c);
  body_result listen_key_open(const request_ctx& c);
  body_result listen_key_keepalive(const request_ctx& c);
  body_result listen_key_close(const request_ctx& c);

  // -- matching and events (matching.cpp) -----------------------------------
  /// Matches a new client order, applies its trades and queues the events.
  void execute(symbol_state& sym, order_record& o, std::int64_t now_ms);
  /// Applies one trade to both sides' orders and accounts.
  void apply_trade(symbol_state& sym, const trade& t, std::int64_t now_ms);
  /// Takes an open order off the book as CANCELED or EXPIRED.
  void close_order(order_record& o, wire::order_status status,
                   std::int64_t now_ms, expire_reason why);
  /// Queues an ORDER_TRADE_UPDATE for `o`.
  void emit_order(const order_record& o, wire::execution_type x,
                  std::int64_t now_ms, expire_reason why = expire_reason::none,
                  const fill_info* fill = nullptr);
  /// Queues an ACCOUNT_UPDATE for the account's position in `sym`.
  void emit_account(account_state& a, const symbol_state& sym,
                    std::int64_t now_ms);

  // -- lookups and margin (venue_state.cpp) ---------------------------------
  result<symbol_state*, sim_error> symbol_of(const params& p);
  symbol_state* find_symbol(std::string_view s);
  const symbol_state* find_symbol(std::string_view s) const;
  result<order_record*, sim_error> order_of(const request_ctx& c,
                                            const symbol_state& sym,
                                            const sim_error& not_found);
  /// Returns the mark price: the mid, else the last trade, else one side.
  price mark_price(const symbol_state& sym) const;
  /// Returns the account's open-order notional on each side of `symbol`.
  std::pair<money, money> open_notional(const std::string& account,
                                        std::string_view symbol) const;
  /// Returns the initial margin of the account's open orders in `sym`.
  money order_margin(const account_state& a, const symbol_state& sym) const;
  /// Returns the margin a new order would add, at `px`.
  money added_margin(const account_state& a, const symbol_state& sym,
                     tandem::side s, quantity q, price px) const;
  /// The account's totals (margin asset).
  struct totals {
    money unrealized;
    money position_margin;
    money order_margin;
    money available;
  };
  totals totals_of(const account_state& a) const;

  venue_config cfg_;
  std::map<std::string, symbol_state, std::less<>> symbols_;
  std::map<std::string, account_state, std::less<>> accounts_;
  std::map<std::uint64_t, order_record> orders_;
  rate_limiter limits_;
  user_streams streams_;
  class faults faults_;
  std::uint64_t next_order_id_ = 4'000'000'001;
  std::int64_t last_now_ms_ = 0;
};

} // namespace tandem::sim::binance
