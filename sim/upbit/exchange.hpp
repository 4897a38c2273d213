// The simulated Upbit KRW exchange's state and rules: one order book per
// market (sim/matching), the accounts' balances, every order ever placed,
// identifiers ever used, and the private events owed to each account.
// Pure: time and fault settings are parameters; no I/O.
//
// Funds (protocol reference A3, C2): a bid locks KRW = budget + reserved
// fee (budget = price x volume, or the KRW amount of a market/best buy;
// reserved fee = budget x bid_fee, rounded up); an ask locks its volume of
// the base currency. Each fill's fee is funds x fee rate, rounded down, in
// KRW on both sides. What a finished order still holds goes back to free.
//
// Events (reference A6): a new order sends myOrder `wait`, each fill a
// `trade` message (to both sides), a finished order `done` or `cancel`;
// every request that moved balances ends with one myAsset frame per
// account listing the currencies that changed.
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "sim/matching/order_book.hpp"
#include "sim/upbit/config.hpp"
#include "sim/upbit/faults.hpp"
#include "sim/upbit/ids.hpp"
#include "sim/upbit/ledger.hpp"
#include "sim/upbit/order_params.hpp"
#include "sim/upbit/params.hpp"
#include "sim/upbit/refusal.hpp"
#include "sim/upbit/sim_order.hpp"

#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::upbit {

/// One price level of market-maker quotes.
struct quote_level {
  price px;
  quantity qty;
};

/// One market: its rules, book and trade statistics.
struct market_state {
  const market_config* cfg = nullptr;
  order_book book;
  /// Last trade (the reference price before any).
  price last_px;
  quantity last_qty;
  std::optional<timestamp> last_trade_ts;
  price open_px;
  price high_px;
  price low_px;
  quantity acc_volume;
  money acc_funds;
  /// Ids of the house (market maker) orders resting in `book`.
  std::set<std::uint64_t> house_ids;
};

/// The exchange behind the REST and WebSocket surface.
class exchange {
 public:
  explicit exchange(const venue_config& cfg);

  /// Places an order for `account` (POST /v1/orders). Returns the order as
  /// accepted (state wait, nothing filled, as Upbit answers), then matches
  /// it. Faults: reject_orders, max_fill_per_match.
  result<sim_order, refusal> place(const std::string& account, const params& p,
                                   timestamp now, faults& f);

  /// Cancels by `uuid` (wins) or `identifier` (DELETE /v1/order). Returns
  /// the order as it was when the cancel was accepted. order_not_found
  /// (404) when unknown, someone else's, or already finished.
  result<sim_order, refusal> cancel(const std::string& account, const params& p,
                                    timestamp now);

  /// Finds by `uuid` (wins) or `identifier` (GET /v1/order).
  result<const sim_order*, refusal> find(const std::string& account,
                                         const params& p) const;

  /// Cancels each of the account's resting orders named in `uuids` (DELETE
  /// /v1/orders/open picked them) and returns them as they were when the
  /// cancel was accepted; each sends its myOrder `cancel`, then one myAsset
  /// frame follows. Unknown or finished ones are skipped.
  std::vector<sim_order> cancel_many(const std::string& account,
                                     const std::vector<std::string>& uuids,
                                     timestamp now);

  /// Returns the account's resting orders, newest first, optionally of one
  /// market.
  std::vector<const sim_order*> open_orders(const std::string& account,
                                            std::string_view market) const;

  /// Replaces the house quotes of `market` (best first on each side).
  /// Quotes that cross resting client orders trade with them.
  void set_book(std::string_view market, const std::vector<quote_level>& bids,
                const std::vector<quote_level>& asks, timestamp now);

  /// Returns the market, or nullptr.
  const market_state* market(std::string_view code) const;
  const std::map<std::string, market_state, std::less<>>& markets() const {
    return markets_;
  }
  const ledger& balances() const { return ledger_; }
  /// Returns every order ever accepted (all accounts), by uuid; finished
  /// orders are kept.
  const std::map<std::string, sim_order, std::less<>>& orders() const {
    return orders_;
  }
  const venue_config& config() const { return cfg_; }

  /// Returns and forgets the frames owed to `account`.
  std::vector<std::string> drain(std::string_view account);

 private:
  market_state* market_mut(std::string_view code);
  result<const sim_order*, refusal> lookup(const std::string& account,
                                           const params& p) const;
  std::optional<refusal> check_funds_and_book(const order_intent& in,
                                              const market_state& m,
                                              money& lock_amount,
                                              money& reserved_fee) const;
  void execute(sim_order& o, market_state& m, timestamp now,
               std::optional<quantity> cap);
  void settle(const trade& t, market_state& m, timestamp now);
  void fill_order(sim_order& o, const trade& t, const std::string& trade_uuid,
                  bool is_maker, timestamp now);
  /// Ends the order as done/cancel, frees what it still holds, emits.
  void finish(sim_order& o, order_status s, timestamp now);
  /// KRW a bid should still hold after its fills.
  money bid_hold(const sim_order& o) const;
  void emit(const std::string& account, std::string frame);
  void flush_assets(const std::string& account, timestamp now);
  bool is_house(std::string_view account) const {
    return account == cfg_.house_account;
  }

  venue_config cfg_;
  ledger ledger_;
  uuid_source uuids_;
  std::map<std::string, market_state, std::less<>> markets_;
  /// uuid -> order.
  std::map<std::string, sim_order, std::less<>> orders_;
  /// matching-engine id -> uuid (client orders only).
  std::map<std::uint64_t, std::string> by_book_id_;
  /// (account, identifier) ever used, even by refused orders.
  std::map<std::pair<std::string, std::string>, std::string> identifiers_;
  std::map<std::string, std::deque<std::string>, std::less<>> events_;
  std::uint64_t next_book_id_ = 1;
  std::uint64_t next_seq_ = 1;
};

} // namespace tandem::sim::upbit
